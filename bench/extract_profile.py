"""Where extraction time goes: per-stage milliseconds per article, and a profile.

Runs the digest's ingest and extraction in this process (no cache, one core)
over ``--n`` pseudo-articles of bench/corpus.py (seed 0, as bench/run.py), and
prints the mean milliseconds per article of each stage: ingest (bytes →
Document), title, summary, tags, timeline, and the whole ``extract_article``.

    python bench/extract_profile.py [--n 300] [--seed 0] [--repeat 3]
                                    [--profile cprofile|pyinstrument] [--top 40]
                                    [--dump FILE]

``--repeat`` takes the best of that many passes per stage (the machine is
noisy). ``--profile`` profiles one pass of ``extract_article`` (and ingest).
``--dump`` writes the repr of every extracted Article (every field, recurring
timeline entries too) to FILE, to check that a change leaves output alone.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import generate  # noqa: E402


def _stages(config):
    from digest.extract import extract_article
    from digest.extract.summary import summarize
    from digest.extract.tags import find_tags
    from digest.extract.timeline import find_timeline
    from digest.extract.title import derive_source, derive_title

    vocabulary = config.vocabulary()
    limit = max(1, min(3, int(config.settings["summary_sentences"])))
    return {
        "title": lambda d: (derive_title(d), derive_source(d)),
        "summary": lambda d: summarize(d, limit),
        "tags": lambda d: find_tags(d.text, vocabulary, extra=d.meta.tags),
        "timeline": lambda d: find_timeline(d.text, d.meta.date),
        "extract_article": lambda d: extract_article(d, config),
    }


def _clear_caches() -> None:
    """Forget per-text results kept between calls, so each pass does the work again (word memos stay)."""
    from digest.kazakh import sentences, tokens

    for module in (sentences, tokens):
        getattr(module, "_RECENT", {}).clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", choices=("cprofile", "pyinstrument"))
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args()

    from digest.config import load_config
    from digest.extract import extract_article
    from digest.ingest.reader import parse_document

    config = load_config(ROOT)
    raw = [(name, text.encode("utf-8")) for name, text in generate(args.n, args.seed).items()]

    def ingest_all():
        return [parse_document(data, config, name) for name, data in raw]

    docs = ingest_all()  # warm: registries, vocabulary, models, stem memo
    for d in docs:
        extract_article(d, config)

    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for d in docs:
                _clear_caches()
                out.write(repr(extract_article(d, config)) + "\n")
        print(f"wrote {args.dump}")

    if args.profile:
        def work():
            _clear_caches()
            for d in ingest_all():
                extract_article(d, config)

        if args.profile == "pyinstrument":
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            profiler.start()
            work()
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False, show_all=False))
        else:
            import cProfile
            import pstats

            prof = cProfile.Profile()
            prof.enable()
            work()
            prof.disable()
            stats = pstats.Stats(prof)
            stats.sort_stats("cumulative").print_stats(args.top)
            stats.sort_stats("tottime").print_stats(args.top)
        return

    results: dict[str, float] = {}
    timings = [("ingest", lambda: ingest_all())]
    for name, fn in _stages(config).items():
        timings.append((name, lambda fn=fn: [fn(d) for d in docs]))
    for name, run in timings:
        best = float("inf")
        for _ in range(args.repeat):
            _clear_caches()
            start = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - start)
        results[name] = best * 1000 / len(docs)
    print(f"{len(docs)} articles, best of {args.repeat}; ms per article:")
    for name, ms in results.items():
        print(f"  {name:16s} {ms:7.3f}")
    total = results["ingest"] + results["extract_article"]
    print(f"  {'ingest+extract':16s} {total:7.3f}  ({1000 / total:.0f} articles/s)")


if __name__ == "__main__":
    main()
