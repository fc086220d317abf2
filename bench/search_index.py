"""Search index size per article, ours against Material's default, for the seeds and pseudo-articles.

Builds each corpus twice in a throw-away copy of the project (mkdocs.yml,
site_config/, theme/): once as shipped (Kazakh search: ``search.config.*`` of
theme/partials/languages/kk.html), once with Material's English defaults in
those three lines (lang ``en``, pipeline ``stopWordFilter``, separator
``[\\s\\-]+``), which is "Material's default index for the same pages". Prints
search/search_index.json bytes per article, raw and gzipped, the ratio to the
default (budget: at most +25 %), the one-time size of the lunr.kk.min.js the
worker downloads, and, when node is installed, how long lunr takes to build
the index and answer queries under Node (tests/js/lunr_kk.js), and, with
/usr/bin/chromium, how long Material's worker takes to get ready and each query
to show results in a phone-sized headless Chromium with its CPU slowed down.

    python bench/search_index.py [--n 1000] [--seed 0] [--keep DIR] [--phone 4]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from corpus import write_corpus  # noqa: E402

PROJECT_FILES = ("mkdocs.yml", "site_config", "theme")
LANGUAGE_FILE = Path("theme/partials/languages/kk.html")
SCRIPT = Path("assets/javascripts/lunr/min/lunr.kk.min.js")
MATERIAL_DEFAULTS = {  # material/templates/partials/languages/en.html
    "search.config.lang": "en",
    "search.config.pipeline": "stopWordFilter",
    "search.config.separator": "[\\\\s\\\\-]+",
}
QUERIES = ["Қазақстанның", "Астанада", "президентпен", "Qazaqstan", "Қ", "Қаз"]
BUDGET = 1.25
PLACEHOLDER = "Іздеу үшін теріңіз"  # search.result.placeholder of kk.html


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def make_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    return target


def use_material_defaults(project: Path) -> None:
    """Put Material's English search defaults into the three search.config lines."""
    path = project / LANGUAGE_FILE
    text = path.read_text(encoding="utf-8")
    for key, value in MATERIAL_DEFAULTS.items():
        text, count = re.subn(rf'^(\s*"{re.escape(key)}": )".*",$', rf'\1"{value}",', text, flags=re.M)
        assert count == 1, key
    path.write_text(text, encoding="utf-8")


def build(project: Path, content: Path, site: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "digest.cli", "build", "--content", str(content), "--site-dir", str(site)],
        cwd=project, capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
    )
    if result.returncode != 0:
        sys.exit(f"build failed in {project}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")


def index_figures(site: Path) -> dict:
    data = (site / "search" / "search_index.json").read_bytes()
    docs = json.loads(data)["docs"]
    articles = sum(1 for d in docs if d["location"].startswith("articles/") and "#" not in d["location"])
    return {"raw": len(data), "gzip": gz(data), "articles": articles, "docs": len(docs), "lang": json.loads(data)["config"]["lang"]}


def lunr_figures(site: Path, script: Path) -> dict | None:
    """lunr index build and query times under Node for this site's index."""
    if shutil.which("node") is None:
        return None
    import material

    (source_map,) = (Path(material.__file__).parent / "templates/assets/javascripts/workers").glob("search.*.min.js.map")
    request = {"search": {"index": str(site / "search" / "search_index.json"), "queries": QUERIES}}
    result = subprocess.run(
        ["node", "--max-old-space-size=4096", str(REPO / "tests/js/lunr_kk.js"), str(source_map), str(script)],
        input=json.dumps(request), capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout)["search"]


BROWSER_LATENCY_JS = """([query, placeholder]) => new Promise(resolve => {
    const box = document.querySelector("input.md-search__input")
    const meta = document.querySelector(".md-search-result__meta")
    const type = value => {
        box.value = value
        box.dispatchEvent(new KeyboardEvent("keyup", { key: "End" }))
    }
    let start = null
    const observer = new MutationObserver(() => {
        const text = meta.textContent.trim()
        if (start === null && text === placeholder) {
            start = performance.now()
            type(query)
        } else if (start !== null && text !== placeholder) {
            observer.disconnect()
            resolve(performance.now() - start)
        }
    })
    observer.observe(meta, { subtree: true, childList: true, characterData: true })
    if (box.value === "" && meta.textContent.trim() === placeholder) {
        start = performance.now()
        type(query)
    } else {
        type("")
    }
})"""


def browser_figures(site: Path, cpu_slowdown: float) -> dict | None:
    """Headless Chromium as a phone (CPU slowed down): worker ready time, per-query latency in the page."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        return None
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(chromium), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
            )
            context = browser.new_context(viewport={"width": 393, "height": 851}, is_mobile=True, has_touch=True)
            page = context.new_page()
            context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
            page.locator("input.md-search__input").focus()
            start = time.perf_counter()
            page.wait_for_function(
                f"document.querySelector('.md-search-result__meta').textContent.trim() === '{PLACEHOLDER}'",
                timeout=600_000, polling=100,
            )
            ready = time.perf_counter() - start
            latencies = [page.evaluate(BROWSER_LATENCY_JS, [query, PLACEHOLDER]) for query in QUERIES]
            browser.close()
    finally:
        server.shutdown()
    return {"ready_s": ready, "query_ms": latencies}


def measure(name: str, content: Path, work: Path, cpu_slowdown: float = 0) -> dict:
    project = make_project(work / name / "project")
    ours, default = work / name / "site", work / name / "site-default"
    build(project, content, ours)
    use_material_defaults(project)
    build(project, content, default)
    script = (ours / SCRIPT).read_bytes()
    return {
        "name": name,
        "ours": index_figures(ours),
        "default": index_figures(default),
        "script": {"raw": len(script), "gzip": gz(script)},
        "lunr_ours": lunr_figures(ours, ours / SCRIPT),
        "lunr_default": lunr_figures(default, ours / SCRIPT),
        "browser_ours": browser_figures(ours, cpu_slowdown) if cpu_slowdown else None,
        "browser_default": browser_figures(default, cpu_slowdown) if cpu_slowdown else None,
        "cpu_slowdown": cpu_slowdown,
    }


def report(m: dict) -> bool:
    ours, default, n = m["ours"], m["default"], m["ours"]["articles"]
    print(f"\n{m['name']}: {n} articles, {ours['docs']} index entries (lang {ours['lang']} vs {default['lang']})")
    print(f"  {'':34}{'raw':>12}{'gzip':>12}")
    for label, fig in (("search_index.json, ours", ours), ("search_index.json, Material default", default)):
        print(f"  {label:34}{fig['raw']:>12,}{fig['gzip']:>12,}   total bytes")
        print(f"  {'':34}{fig['raw'] / n:>12,.0f}{fig['gzip'] / n:>12,.0f}   per article")
    ratio_raw, ratio_gz = ours["raw"] / default["raw"], ours["gzip"] / default["gzip"]
    ok = max(ratio_raw, ratio_gz) <= BUDGET
    print(f"  {'ours / default':34}{ratio_raw:>12.3f}{ratio_gz:>12.3f}   budget ≤ {BUDGET:.2f}: {'ok' if ok else 'OVER'}")
    s = m["script"]
    print(f"  {'lunr.kk.min.js (once, cached)':34}{s['raw']:>12,}{s['gzip']:>12,}   "
          f"= {s['raw'] / n:,.0f} / {s['gzip'] / n:,.0f} per article")
    if m["lunr_ours"]:
        for label, fig in (("ours", m["lunr_ours"]), ("default", m["lunr_default"])):
            times = ", ".join(f"{q} {t:.0f}" for q, t in zip(QUERIES, fig["query_ms"]))
            print(f"  lunr under node, {label:8} index built in {fig['build_ms']:,.0f} ms, "
                  f"{fig['terms']:,} terms; queries (ms): {times}")
    if m["browser_ours"]:
        for label, fig in (("ours", m["browser_ours"]), ("default", m["browser_default"])):
            times = ", ".join(f"{q} {t:.0f}" for q, t in zip(QUERIES, fig["query_ms"]))
            print(f"  chromium, CPU ÷{m['cpu_slowdown']:g}, {label:8} worker ready in {fig['ready_s']:.1f} s; "
                  f"keystroke → results (ms): {times}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="pseudo-articles from KazNERD (0: seeds only)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="build here and keep the sites (default: a temp dir)")
    parser.add_argument("--phone", type=float, default=4, metavar="SLOWDOWN",
                        help="also time the search in headless Chromium with the CPU slowed down so (0: skip)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="digest-search-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        results = [measure("seeds", REPO / "content", work, args.phone)]
        if args.n:
            corpus = work / "kaznerd-content"
            write_corpus(corpus, args.n, args.seed)
            results.append(measure(f"kaznerd-{args.n}", corpus, work, args.phone))
    ok = all([report(m) for m in results])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
