"""The digest's performance on N pseudo-articles, beside what a user would otherwise run.

From one run, with N = 100, 1,000 (default) or 10,000 (``--n``) pseudo-articles
of 20–40 real Kazakh sentences (bench/corpus.py, from KazNERD):

* extraction throughput (articles/s) of the digest, one process and all cores,
  and of the glue a user would write instead (sumy TextRank + YAKE + dateparser
  ``search_dates``, one process), on the same articles; the glue runs on a
  sample (``--glue-sample``, default 100) when N is larger, which is said;
* a full ``digest build`` (cold: no build/, no site/) against a bare
  ``mkdocs build`` of the same articles as plain Markdown pages, with the same
  mkdocs.yml (theme, plugins, the same section-only nav) minus our hook;
* a full build of the site alone (mkdocs.yml changed: every extraction from
  the cache) against the same bare build;
* adding one article to the built digest, rebuilding with no change, and
  rebuilding after the name ``digest tags`` suggests first is added to the
  vocabulary;
* peak RSS (the largest process, and the sum over the build's processes),
  site size, search index size.

    python bench/run.py [--n 1000] [--glue-sample 100] [--keep DIR] [--json FILE] [--builds-only]
    python bench/run.py --n 1000 --switched-off dirty,split_build,json_front_matter,file_digests,last_build,search_segments

``--switched-off`` measures the user's operations (full build, publish build
with the extraction cache restored, adding one article, a vocabulary edit)
with all optimisations on and with each named one switched off
(``DIGEST_BENCH_OFF``, read through digest.switches), side by side in one run.
The names: dirty, split_build, json_front_matter, file_digests, last_build,
search_segments.

Prints a Markdown table (the README's Performance section holds one).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import DEFAULT_DATA, generate  # noqa: E402

PROJECT_FILES = ("mkdocs.yml", "site_config", "theme")
# Issue 21: full build ≤ 2.5× bare MkDocs, adding one ≤ 0.3× a full build;
# issue 23: a publish build ≤ 2.0× bare MkDocs, adding one at N = 10,000 ≤ 0.15×.
TARGETS = {"extraction": 20.0, "full_build": 2.5, "publish": 2.0, "add_one": 0.3, "add_one_10000": 0.15}


# --- running things ---------------------------------------------------------------------------

def _tree_rss_kb(pid: int) -> int:
    """Memory of a process and all its descendants (Linux /proc), in KiB: the
    sum of their proportional set sizes (PSS), so that the pages a forked
    process still shares with its parent (the collected articles) count
    once, not in each; VmRSS where a kernel gives no PSS."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            try:
                total += int(re.search(r"^Pss:\s+(\d+)", Path(f"/proc/{p}/smaps_rollup").read_text(), re.M).group(1))
            except (OSError, AttributeError):
                status = Path(f"/proc/{p}/status").read_text()
                total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
            for task in Path(f"/proc/{p}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, AttributeError, ValueError):
            continue
    return total


def run_measured(cmd: list[str], cwd: Path, env: dict | None = None, codes: tuple[int, ...] = (0,)) -> dict:
    """Run ``cmd``; wall time, exit code, output, peak RSS of the largest process and of the tree.

    The disks are synced first: a build writes hundreds of MiB (630 MiB at
    10,000 articles), and the next command measured must not pay for the
    kernel writing them back.
    """
    environment = dict(os.environ, **(env or {}))
    if hasattr(os, "sync"):
        os.sync()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    peak_tree = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.is_set():
            peak_tree = max(peak_tree, _tree_rss_kb(proc.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out_chunks: list[str] = []
    err_chunks: list[str] = []
    readers = [threading.Thread(target=lambda: out_chunks.append(proc.stdout.read()), daemon=True),
               threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()), daemon=True)]
    for r in readers:
        r.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    for r in readers:
        r.join()
    if proc.returncode not in codes:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{''.join(err_chunks)[-3000:]}")
    return {"seconds": elapsed, "max_rss_mb": usage.ru_maxrss / 1024, "tree_rss_mb": peak_tree / 1024,
            "stdout": "".join(out_chunks), "stderr": "".join(err_chunks)}


def fix_english(entry: str) -> str:
    """A suggested vocabulary entry with its English label written, as `digest tags` asks an editor."""
    return re.sub(r"(?m)^(  en: ).*$", r"\1Edited name", entry)


def digest_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "digest.cli", *args]


def digest_env() -> dict:
    return {"PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# --- the project --------------------------------------------------------------------------------

def make_project(target: Path, articles: dict[str, str]) -> Path:
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    content = target / "content"
    content.mkdir()
    for name, text in articles.items():
        (content / name).write_text(text, encoding="utf-8")
    return target


def make_bare(project: Path, articles: dict[str, str]) -> Path:
    """The same articles as plain Markdown pages, and mkdocs.yml pointing at them (no hook)."""
    docs = project / "bare_docs"
    (docs / "articles").mkdir(parents=True)
    (docs / "tags").mkdir()
    (docs / "timeline").mkdir()
    for name, text in articles.items():
        body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
        title, _, rest = body.partition("\n")
        (docs / "articles" / (Path(name).stem + ".md")).write_text(f"# {title}\n\n{rest.strip()}\n", "utf-8")
    for page, title in (("index.md", "Home"), ("tags/index.md", "Tags"), ("timeline/index.md", "Timeline"),
                        ("archive.md", "Archive")):
        (docs / page).write_text(f"# {title}\n", "utf-8")
    config = (project / "mkdocs.yml").read_text("utf-8")
    config = re.sub(r"(?m)^docs_dir:.*$", "docs_dir: bare_docs", config)
    config = re.sub(r"(?m)^site_dir:.*$", "site_dir: bare_site", config)
    config = re.sub(r"(?m)^  - digest\n", "", config)  # the digest's plugin (and its hooks) left out
    (project / "bare.yml").write_text(config, "utf-8")
    return project / "bare.yml"


# --- extraction ---------------------------------------------------------------------------------

def digest_extraction(project: Path, workers: int | None) -> dict:
    from digest.config import load_config
    from digest.pipeline import collect

    config = load_config(project)
    start = time.perf_counter()
    collection = collect(project / "content", config, workers=workers)
    elapsed = time.perf_counter() - start
    assert not collection.errors, collection.errors[:3]
    return {"articles": len(collection.articles), "seconds": elapsed, "per_s": len(collection.articles) / elapsed}


class _Tokenizer:
    """Sentences and words for sumy (NLTK has no Kazakh model): what a user would write."""

    language = "kazakh"

    def to_sentences(self, paragraph: str) -> list[str]:
        return [s for s in re.split(r"(?<=[.!?…])\s+", paragraph) if s.strip()]

    def to_words(self, sentence: str) -> list[str]:
        return re.findall(r"\w+(?:-\w+)*", sentence)


def glue_extraction(texts: list[str]) -> dict:
    """sumy TextRank (3 sentences) + YAKE (10 keywords) + dateparser search_dates, per article."""
    warnings.filterwarnings("ignore")
    from dateparser.search import search_dates
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.text_rank import TextRankSummarizer
    import yake

    summarizer = TextRankSummarizer()
    keywords = yake.KeywordExtractor(lan="kk", n=3, top=10)
    tokenizer = _Tokenizer()
    search_dates("2020 жылы", languages=["kk"])  # load its language data before timing, as ours is
    start = time.perf_counter()
    for text in texts:
        body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
        summarizer(PlaintextParser.from_string(body, tokenizer).document, 3)
        keywords.extract_keywords(body)
        search_dates(body, languages=["kk"])
    elapsed = time.perf_counter() - start
    return {"articles": len(texts), "seconds": elapsed, "per_s": len(texts) / elapsed}


# --- the run ------------------------------------------------------------------------------------

def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text()).group(1).strip()
    except (OSError, AttributeError):
        pass
    try:
        mem = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) / 2**20
    except (OSError, AttributeError):
        mem = 0
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()}, Python {platform.python_version()}"


def load() -> str:
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def bench(n: int, glue_sample: int, work: Path, builds_only: bool = False) -> dict:
    articles = generate(n, seed=0)
    extra_name, extra_text = next(iter(generate(1, seed=12345).items()))
    project = make_project(work / "project", articles)
    env = digest_env()
    r: dict = {"n": n, "machine": machine(), "load_before": load()}

    # Full build first (cold), as an editor's first build.
    full = run_measured(digest_cmd("build"), project, env)
    r["full_build"] = full
    r["pages"] = int(re.search(r"pages: \d+ of (\d+)", full["stdout"]).group(1))
    r["site_bytes"] = du(project / "site")
    lunr, pagefind = project / "site" / "search" / "search_index.json", project / "site" / "pagefind"
    r["search_index_bytes"] = lunr.stat().st_size if lunr.is_file() else du(pagefind) if pagefind.is_dir() else 0

    bare_config = make_bare(project, articles)
    r["bare_mkdocs"] = run_measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(bare_config)],
                                    project)

    r["no_change"] = run_measured(digest_cmd("build"), project, env)
    # The site alone built in full, every extraction from the cache: what the
    # digest adds on top of MkDocs (twice the pages: tags, timeline, archive).
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text("utf-8") + "\n# changed by the benchmark\n", "utf-8")
    r["site_only"] = run_measured(digest_cmd("build"), project, env)
    (project / "content" / ("zz_" + extra_name)).write_text(extra_text, "utf-8")
    r["add_one"] = run_measured(digest_cmd("build"), project, env)
    r["add_one_rendered"] = re.search(r"pages: (\d+ of \d+) rendered", r["add_one"]["stdout"]).group(1)
    # An editor adds to the vocabulary the name `digest tags` suggests first (the
    # one on most articles), fixing its English label as it asks: the articles
    # are only re-tagged, and the pages that changed rendered.
    suggested = subprocess.run(digest_cmd("tags"), cwd=project, env=env, capture_output=True, text=True,
                               check=True).stdout
    entry = re.search(r"^# in (\d+) article.*\n((?:[- ] .*\n)+)", suggested, re.M)
    fixed = fix_english(entry.group(2))
    (project / "site_config" / "vocabulary" / "added.yml").write_text(fixed, "utf-8")
    r["vocabulary"] = run_measured(digest_cmd("build"), project, env)
    r["vocabulary_name"] = (re.search(r"kk: (.*)", entry.group(2)).group(1), int(entry.group(1)))
    r["vocabulary_rendered"] = re.search(r"pages: (\d+ of \d+) rendered", r["vocabulary"]["stdout"]).group(1)

    r["publish"] = publish_build(project, env)
    r["publish_cache_only"] = publish_build(project, env, restored=("cache",))
    if builds_only:
        r["load_after"] = load()
        return r
    # Extraction, in this process, without the cache.
    r["digest_serial"] = digest_extraction(project, workers=1)
    r["digest_parallel"] = digest_extraction(project, workers=None)
    texts = list(articles.values())
    sample = texts if len(texts) <= glue_sample else random.Random(0).sample(texts, glue_sample)
    r["glue"] = glue_extraction(sample)
    r["load_after"] = load()
    return r


def report(r: dict) -> str:
    full, bare, add, same = r["full_build"], r["bare_mkdocs"], r["add_one"], r["no_change"]
    builds_only = "glue" not in r
    if builds_only:
        r = dict(r, digest_serial={"per_s": float("nan")}, digest_parallel={"per_s": float("nan")},
                 glue={"per_s": float("nan"), "articles": 0})
    ratio_extract = r["digest_serial"]["per_s"] / r["glue"]["per_s"]
    ratio_full = full["seconds"] / bare["seconds"]
    ratio_add = add["seconds"] / full["seconds"]
    ratio_publish = r["publish"]["seconds"] / bare["seconds"]
    add_target = TARGETS["add_one_10000" if r["n"] >= 10000 else "add_one"]

    def mark(ok: bool) -> str:
        return "✅" if ok else "❌ missed"

    glue_note = (f"on a sample of {r['glue']['articles']}" if r["glue"]["articles"] < r["n"] else "on all")
    rows = [
        ("Extraction, digest, 1 process", f"{r['digest_serial']['per_s']:.1f} articles/s", ""),
        (f"Extraction, digest, {os.cpu_count()} processes", f"{r['digest_parallel']['per_s']:.1f} articles/s", ""),
        (f"Extraction, glue (sumy TextRank + YAKE + dateparser), 1 process, {glue_note}",
         f"{r['glue']['per_s']:.1f} articles/s", ""),
        ("Extraction ratio digest / glue (1 process each)", f"{ratio_extract:.2f}×",
         f"≥ {TARGETS['extraction']:.0f}× {mark(ratio_extract >= TARGETS['extraction'])}"),
        ("Full `digest build` (cold: no cache, no site)", f"{full['seconds']:.1f} s", ""),
        ("Bare `mkdocs build` of the same articles", f"{bare['seconds']:.1f} s", ""),
        ("Full build ratio digest / bare MkDocs", f"{ratio_full:.2f}×",
         f"≤ {TARGETS['full_build']}× {mark(ratio_full <= TARGETS['full_build'])}"),
        ("Full build of the site alone, extractions from the cache (mkdocs.yml changed)",
         f"{r['site_only']['seconds']:.1f} s ({r['site_only']['seconds'] / bare['seconds']:.2f}× bare MkDocs)", ""),
        ("Publish build (`--strict`, fresh checkout, build/cache and build/docs restored as CI does)",
         f"{r['publish']['seconds']:.1f} s", ""),
        ("Publish build with only build/cache restored (the previous workflow)",
         f"{r['publish_cache_only']['seconds']:.1f} s "
         f"({r['publish_cache_only']['seconds'] / bare['seconds']:.2f}× bare MkDocs)", ""),
        ("Publish build ratio digest / bare MkDocs", f"{ratio_publish:.2f}×",
         f"≤ {TARGETS['publish']}× {mark(ratio_publish <= TARGETS['publish'])}"),
        (f"Add one article ({r['add_one_rendered']} pages rendered)", f"{add['seconds']:.1f} s", ""),
        ("Add one article / full build", f"{ratio_add:.2f}×", f"≤ {add_target}× {mark(ratio_add <= add_target)}"),
        ("Rebuild with nothing changed", f"{same['seconds']:.1f} s", ""),
        (f"Rebuild after adding a name on {r['vocabulary_name'][1]} articles to the vocabulary "
         f"({r['vocabulary_rendered']} pages rendered)",
         f"{r['vocabulary']['seconds']:.1f} s ({r['vocabulary']['seconds'] / full['seconds']:.2f}× the full build)",
         ""),
        ("Peak memory, full build: largest process (RSS) / all processes (sum of PSS)",
         f"{full['max_rss_mb']:.0f} MiB / {full['tree_rss_mb']:.0f} MiB", ""),
        ("Peak RSS, bare MkDocs", f"{bare['max_rss_mb']:.0f} MiB", ""),
        (f"Site size ({r['pages']} pages)", f"{r['site_bytes'] / 2**20:.1f} MiB", ""),
        ("Search index size", f"{r['search_index_bytes'] / 2**20:.1f} MiB", ""),
    ]
    if builds_only:  # no extraction measured
        rows = [row for row in rows if not row[0].startswith("Extraction")]
    lines = [f"N = {r['n']} articles; {r['machine']}; load average (1/5/15 min) "
             f"{r['load_before']} before, {r['load_after']} after", "",
             "| measure | value | target |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


# --- each optimisation switched off ---------------------------------------------------------------

def operations(n: int, work: Path, off: str) -> dict:
    """The user's operations on a new project of ``n`` articles, with ``off`` switched off."""
    articles = generate(n, seed=0)
    extra_name, extra_text = next(iter(generate(1, seed=12345).items()))
    project = make_project(work / f"project-{off or 'all-on'}", articles)
    env = dict(digest_env(), DIGEST_BENCH_OFF=off)
    r = {"full": run_measured(digest_cmd("build"), project, env)}
    (project / "content" / ("zz_" + extra_name)).write_text(extra_text, "utf-8")
    r["add_one"] = run_measured(digest_cmd("build"), project, env)
    r["no_change"] = run_measured(digest_cmd("build"), project, env)
    suggested = subprocess.run(digest_cmd("tags"), cwd=project, env=env, capture_output=True, text=True,
                               check=True).stdout
    entry = re.search(r"^# in (\d+) article.*\n((?:[- ] .*\n)+)", suggested, re.M)
    if entry:
        (project / "site_config" / "vocabulary" / "added.yml").write_text(fix_english(entry.group(2)), "utf-8")
        r["vocabulary"] = run_measured(digest_cmd("build"), project, env)
    r["publish"] = publish_build(project, env)
    shutil.rmtree(project, ignore_errors=True)
    return r


def publish_build(project: Path, env: dict, restored: tuple[str, ...] = ("cache", "docs")) -> dict:
    """CI's publish build: a fresh checkout (no site/, no build/ but the
    folders the Pages workflow restores: the extraction cache and the
    generated pages of the previous publish), then ``digest build --strict``
    with another SOURCE_DATE_EPOCH than the build before."""
    shutil.rmtree(project / "site")
    for path in (project / "build").iterdir():
        if path.name not in restored:
            (shutil.rmtree if path.is_dir() else Path.unlink)(path)
    # The corpus's articles carry warnings (tags not in the vocabulary...): --strict then exits 1 after the build.
    return run_measured(digest_cmd("build", "--strict"), project, dict(env, SOURCE_DATE_EPOCH="1700000000"),
                        codes=(0, 1))


def switched_off_table(n: int, names: list[str], work: Path) -> str:
    """Each operation's time (and the full build's peak memory) with every
    optimisation on, then with each of ``names`` switched off."""
    ops = ("full", "publish", "add_one", "vocabulary", "no_change")
    lines = [f"N = {n}; {machine()}; load average {load()} (shared machine: figures are noisy)", "",
             "| variant | " + " | ".join(ops) + " | peak RSS, full (largest / all) |",
             "|---" * (len(ops) + 2) + "|"]
    print("\n".join(lines), flush=True)
    base = None
    for label, off in [("all on", "")] + [(f"{name} off", name) for name in names]:
        r = operations(n, work, off)
        base = base or r
        cells = []
        for op in ops:
            if op not in r:
                cells.append("–")
                continue
            seconds = r[op]["seconds"]
            change = "" if r is base else f" ({(seconds / base[op]['seconds'] - 1) * 100:+.0f} %)"
            cells.append(f"{seconds:.1f} s{change}")
        rss = f"{r['full']['max_rss_mb']:.0f} / {r['full']['tree_rss_mb']:.0f} MiB"
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {rss} |")
        print(lines[-1], flush=True)  # a row as soon as it is measured: the run is long
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of articles (100, 1000, 10000)")
    parser.add_argument("--glue-sample", type=int, default=100,
                        help="run the glue on this many articles at most (it is slow)")
    parser.add_argument("--keep", type=Path, help="build in this (new) folder and keep it")
    parser.add_argument("--json", type=Path, help="also write the raw measurements here")
    parser.add_argument("--switched-off", metavar="NAMES",
                        help="compare the operations with each of these optimisations switched off (comma-separated)")
    parser.add_argument("--builds-only", action="store_true",
                        help="skip the in-process extraction measurements (for N = 10,000: time, memory)")
    args = parser.parse_args()
    if not DEFAULT_DATA.is_file():
        raise SystemExit(f"KazNERD data not found: {DEFAULT_DATA}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="digest-bench-"))
    if args.switched_off:
        try:
            switched_off_table(args.n, [n for n in args.switched_off.split(",") if n], work)
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        return
    try:
        result = bench(args.n, args.glue_sample, work, args.builds_only)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(report(result))
    if args.json:
        slim = {k: ({kk: vv for kk, vv in v.items() if kk not in ("stdout", "stderr")} if isinstance(v, dict)
                    else v) for k, v in result.items()}
        args.json.write_text(json.dumps(slim, indent=1, ensure_ascii=False), "utf-8")


if __name__ == "__main__":
    main()
