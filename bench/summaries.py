"""Our extractive summary beside lead-3 and sumy's TextRank and LexRank.

Articles: the three seeds, and pseudo-articles assembled from KazNERD (runs
of 20–40 consecutive sentences of the validation split, detokenised: no space
before punctuation or after an opening quote; paragraphs of 2–5 sentences).
Every method sees the same cleaned ``Document`` and the same sentences:

* ours: ``digest.extract.summary.summarize``;
* lead-3: the first three sentences of the body's paragraphs (the old placeholder);
* TextRank, LexRank: sumy over an ``ObjectDocumentModel`` built from our
  sentence splitter, tokenizer, stemmer and stopwords (headings passed as
  headings, which sumy leaves out), never sumy's ``PlaintextParser``.

Printed per seed: the summaries side by side, then per method how many of the
principals issue 4 names it carries (Қошанов and Лукашенко/Беларүс; Лукашенко
and Беларусь; Тоқаев and Сюэсян), how many picked sentences cut a quotation
(a «…» or dash speech over several sentences, as ``summary_units`` groups
them) and near-duplicate pairs (stem cosine >= 0.5). Over the KazNERD articles, per
method: summary length, how often the first sentence is in it, the share of
the article's principals it names (the three entities KazNERD tags most often
in the article, PERSON/GPE/ORGANISATION/LOCATION/NORP, matched by stem), how
many picked sentences cut a quotation that runs over several sentences, and
near-duplicate pairs. Then the speed of ``summarize`` on one 5,000-character
article on one core: mean ms over many runs, warm (stems memoised, as in a
build) and cold (stem cache cleared before each run).

    python bench/summaries.py [--data PATH] [--articles N] [--show N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from digest.config import load_config  # noqa: E402
from digest.extract.summary import summarize  # noqa: E402
from digest.extract.summary_units import units_of  # noqa: E402
from digest.ingest.reader import parse_document, read_document  # noqa: E402
from digest.kazakh import STOPWORDS, split_sentences, stem, tokenize  # noqa: E402
from digest.model import Document  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "kaznerd" / "IOB2_valid.txt"
ENTITY_TAGS = {"PERSON", "GPE", "ORGANISATION", "LOCATION", "NORP"}
NO_SPACE_BEFORE = set(".,!?:;)»…%")
NO_SPACE_AFTER = set("«(")


# -- KazNERD pseudo-articles ------------------------------------------------------
def read_iob2(path: Path) -> list[list[tuple[str, str]]]:
    sentences, tokens = [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.strip():
            token, tag = line.rsplit(" ", 1)
            tokens.append((token, tag))
        elif tokens:
            sentences.append(tokens)
            tokens = []
    return sentences


def detokenize(tokens: list[str]) -> str:
    """KazNERD tokens back to text: no space before punctuation or inside quotes."""
    text, glue_next, quote_open = "", True, False
    for token in tokens:
        if token == '"':
            text += token if (quote_open or glue_next) else " " + token
            quote_open = not quote_open
            glue_next = quote_open
            continue
        glue = glue_next or token in NO_SPACE_BEFORE
        text += token if glue else " " + token
        glue_next = token in NO_SPACE_AFTER
    return text


def entities(tokens: list[tuple[str, str]]) -> list[str]:
    """Entity mentions as the stem of their last word (Kazakh inflects the last word)."""
    found, current = [], []
    for token, tag in tokens + [("", "O")]:
        kind = tag[2:] if tag != "O" else ""
        if tag.startswith("B-") or tag == "O" or (current and kind != current[0]):
            if current and current[0] in ENTITY_TAGS:
                found.append(stem(current[-1]))
            current = [kind, token] if tag != "O" else []
        else:
            current.append(token)
    return found


def pseudo_articles(path: Path, count: int, seed: int = 0):
    """(name, text, principal stems) for ``count`` runs of consecutive sentences."""
    sentences = read_iob2(path)
    rng = random.Random(seed)
    step = max(40, len(sentences) // count)
    out = []
    for k in range(count):
        start = k * step
        size = rng.randint(20, 40)
        run = sentences[start:start + size]
        lines, i = [], 0
        while i < len(run):
            n = rng.randint(2, 5)
            lines.append(" ".join(detokenize([t for t, _ in s]) for s in run[i:i + n]))
            i += n
        counts: dict[str, int] = {}
        for s in run:
            for e in entities(s):
                counts[e] = counts.get(e, 0) + 1
        principals = sorted(counts, key=lambda e: (-counts[e], e))[:3]
        out.append((f"kaznerd-{start}", "\n".join(lines), principals))
    return out


# -- the methods ------------------------------------------------------------------
def lead3(doc: Document, limit: int = 3) -> tuple[str, ...]:
    picked: list[str] = []
    for block in doc.blocks:
        if block.kind == "paragraph":
            for sentence in split_sentences(block.text):
                picked.append(sentence.text)
                if len(picked) == limit:
                    return tuple(picked)
    return tuple(picked)


class _Tokenizer:
    language = "kazakh"

    @staticmethod
    def to_words(text: str) -> list[str]:
        return [t.text for t in tokenize(text)]

    @staticmethod
    def to_sentences(text: str) -> list[str]:
        return [s.text for s in split_sentences(text)]


def sumy_document(doc: Document):
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    paragraphs = []
    for block in doc.blocks:
        heading = block.kind in ("heading", "headline", "speaker")
        sentences = [Sentence(s.text, _Tokenizer, is_heading=heading) for s in split_sentences(block.text)]
        if sentences:
            paragraphs.append(Paragraph(sentences))
    return ObjectDocumentModel(paragraphs)


def sumy_method(name: str):
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    summarizer = {"TextRank": TextRankSummarizer, "LexRank": LexRankSummarizer}[name](stem)
    summarizer.stop_words = STOPWORDS

    def run(doc: Document, limit: int = 3) -> tuple[str, ...]:
        return tuple(str(s) for s in summarizer(sumy_document(doc), limit))

    return run


METHODS = {"ours": summarize, "lead-3": lead3, "TextRank": sumy_method("TextRank"),
           "LexRank": sumy_method("LexRank")}


# -- measures ---------------------------------------------------------------------
def broken_quotes(doc: Document, summary: tuple[str, ...]) -> int:
    """Picked sentences that belong to a multi-sentence quotation taken only in part."""
    bad = 0
    for unit in units_of(doc):
        if len(unit) > 1:
            inside = sum(s.text in summary for s in unit.sentences)
            if 0 < inside < len(unit):
                bad += inside
    return bad


def _stems(text: str) -> set[str]:
    return {stem(t.text) for t in tokenize(text) if t.text.lower() not in STOPWORDS}


def near_duplicates(summary: tuple[str, ...], threshold: float = 0.5) -> int:
    sets = [_stems(s) for s in summary]
    pairs = 0
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            a, b = sets[i], sets[j]
            if a and b and len(a & b) / (len(a) * len(b)) ** 0.5 >= threshold:
                pairs += 1
    return pairs


def seeds(config) -> list[tuple[str, Document]]:
    return [(p.name, read_document(p, config, f"content/{p.name}")) for p in sorted((ROOT / "content").glob("*.txt"))]


def show(name: str, doc: Document) -> None:
    print(f"\n=== {name}")
    for method, run in METHODS.items():
        print(f"  [{method}]")
        for sentence in run(doc):
            print(f"    - {sentence}")


# What issue 4 asks each seed summary to name (any one word of a group will do).
SEED_PRINCIPALS = {
    "000": (("Қошанов",), ("Лукашенко", "Беларүс")),
    "002": (("Лукашенко",), ("Беларусь",)),
    "004": (("Тоқаев",), ("Сюэсян",)),
}


def score_seeds(docs: list[tuple[str, Document]]) -> None:
    print("\n=== seeds: principals named (of 6), quotations cut, near-duplicate pairs")
    print(f"{'method':10} {'principals':>10} {'cut quotes':>11} {'dup pairs':>10}")
    for method, run in METHODS.items():
        named = cut = dups = 0
        for name, doc in docs:
            summary = run(doc)
            keys = set().union(*(_stems(x) for x in summary)) if summary else set()
            named += sum(any(stem(w) in keys for w in group) for group in SEED_PRINCIPALS.get(name[:3], ()))
            cut += broken_quotes(doc, summary)
            dups += near_duplicates(summary)
        print(f"{method:10} {named:>10} {cut:>11} {dups:>10}")


def score_kaznerd(config, articles) -> None:
    print(f"\n=== KazNERD pseudo-articles: {len(articles)}")
    print(f"{'method':10} {'sent':>5} {'chars':>6} {'lead%':>6} {'principals%':>12} {'cut quotes':>11} {'dup pairs':>10}")
    docs = [(name, parse_document(text.encode(), config, name + ".txt"), principals)
            for name, text, principals in articles]
    for method, run in METHODS.items():
        sent = chars = lead = cut = dups = 0
        named = total = 0
        for _, doc, principals in docs:
            summary = run(doc)
            sent += len(summary)
            chars += sum(len(s) for s in summary)
            first = lead3(doc, 1)
            lead += bool(first and first[0] in summary)
            keys = set().union(*(_stems(s) for s in summary)) if summary else set()
            named += sum(p in keys for p in principals)
            total += len(principals)
            cut += broken_quotes(doc, summary)
            dups += near_duplicates(summary)
        n = len(docs)
        print(f"{method:10} {sent / n:5.2f} {chars / n:6.0f} {100 * lead / n:6.0f} "
              f"{100 * named / max(total, 1):12.0f} {cut:11d} {dups:10d}")


def speed(config, text: str, runs: int) -> None:
    from digest.kazakh.stem import DEFAULT

    text = text[:5000]
    doc = parse_document(text.encode(), config, "speed.txt")
    summarize(doc)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        summarize(doc)
        times.append(time.perf_counter() - t)
    cold = []
    for _ in range(max(10, runs // 20)):
        DEFAULT.stem.cache_clear()
        t = time.perf_counter()
        summarize(doc)
        cold.append(time.perf_counter() - t)
    print(f"\n=== speed: one {len(doc.text)}-character article, {len(split_sentences(doc.text))} sentences")
    print(f"  warm (stems memoised): mean {1000 * statistics.mean(times):.2f} ms, "
          f"median {1000 * statistics.median(times):.2f} ms, min {1000 * min(times):.2f} ms over {runs} runs")
    print(f"  cold (stem cache cleared): mean {1000 * statistics.mean(cold):.2f} ms over {len(cold)} runs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--show", type=int, default=3, help="KazNERD articles to print in full")
    parser.add_argument("--runs", type=int, default=500)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    config = load_config(ROOT)
    seed_docs = seeds(config)
    for name, doc in seed_docs:
        show(name, doc)
    score_seeds(seed_docs)
    articles = pseudo_articles(args.data, args.articles)
    for name, text, principals in articles[:args.show]:
        show(f"{name} (principals: {', '.join(principals)})", parse_document(text.encode(), config, name))
    score_kaznerd(config, articles)
    long_text = "\n".join(text for _, text, _ in articles)
    speed(config, long_text, args.runs)


if __name__ == "__main__":
    main()
