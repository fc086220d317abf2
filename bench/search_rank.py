"""Ranking of the site search on human-judged Kazakh news queries, in a real browser.

The queries and the pool of judged articles are pg_kazsearch's (github
iDynbek/pg-kazsearch: eval/gold_queries_v2.jsonl, eval/gold_pool.jsonl;
Tengrinews texts, used locally, never committed). A digest is built from
the pool, one article per URL (its title and excerpt), twice: with the
digest's search (Pagefind, Kazakh query and ranking) and with plain
Material (its lunr search, English pipeline, no Kazakh support). Each
query is typed into each site's search box in Chromium; Recall@10 and
MRR@10 are scored on the queries whose theme is listed in the themes file
(the development themes; the others are held out: do not tune on them).

    python bench/search_rank.py POOL_DIR WORK_DIR [--themes FILE] [--all]

POOL_DIR holds the two .jsonl files; WORK_DIR keeps the built projects, so a
second run reuses them (delete it to rebuild).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
THEMES = REPO.parent / "shared" / "data" / "search_dev_themes.txt"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def pool_articles(pool: Path) -> list[dict]:
    """One article per judged URL: {url, title, excerpt}, in first-seen order."""
    seen: dict[str, dict] = {}
    for line in pool.read_text(encoding="utf-8").splitlines():
        for c in json.loads(line)["candidates"] if line.strip() else []:
            seen.setdefault(c["url"], c)
    return list(seen.values())


def write_project(target: Path, articles: list[dict]) -> None:
    """A digest project whose content is the pool: slug p0000… names each URL's page."""
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "site_config", "theme"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    content = target / "content"
    content.mkdir()
    for i, a in enumerate(articles):
        front = json.dumps({"title": a["title"], "slug": f"p{i:04d}", "url": a["url"]}, ensure_ascii=False)
        (content / f"p{i:04d}.md").write_text(f"---\n{front}\n---\n{a['excerpt']}\n", encoding="utf-8")


def plain_material(project: Path, target: Path) -> None:
    """The same project (and extraction cache) with Material's own search and none of ours."""
    shutil.copytree(project, target, symlinks=True)
    shutil.rmtree(target / "site", ignore_errors=True)
    for path in ("theme/partials/search.html", "theme/partials/header.html"):
        (target / path).unlink(missing_ok=True)
    shutil.rmtree(target / "theme/assets/javascripts/kazakh", ignore_errors=True)
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    # Material's defaults, stated: theme/partials/languages/kk.html sets a
    # pipeline with lunr's trimmer, which strips Cyrillic words away entirely
    search = "  - search:\n      lang: en\n      separator: '[\\s\\-]+'\n      pipeline: [stopWordFilter]\n"
    config = config.replace("plugins:\n", "plugins:\n" + search, 1)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")


def build(project: Path) -> None:
    if (project / "site" / "index.html").is_file():
        return
    result = subprocess.run([sys.executable, "-m", "digest.cli", "build"], cwd=project,
                            capture_output=True, text=True)
    if not (project / "site" / "index.html").is_file():
        sys.exit(f"build failed in {project}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")


@contextlib.contextmanager
def serve(directory: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def slug_of(href: str) -> str | None:
    m = re.search(r"/articles/(p\d{4})/", href)
    return m.group(1) if m else None


def ours(page, query: str) -> list[str]:
    """The digest's search box: its results once it marks the query done."""
    box = page.locator("input.md-search__input")
    box.fill(query)
    page.wait_for_function("q => document.querySelector('[data-digest-search]').dataset.searched === q",
                           arg=query, timeout=30_000)
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


MATERIAL_DONE = """() => {
  const meta = document.querySelector('.md-search-result__meta')
  return meta && /\\d|Сәйкес/.test(meta.textContent)
}"""


def material(page, query: str) -> list[str]:
    """Material's search box: the pages of its results, in order."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    box.fill(query)
    box.press("End")
    page.wait_for_function(MATERIAL_DONE, timeout=30_000)
    page.wait_for_timeout(400)  # Material renders the list after the count
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    return list(dict.fromkeys(h.split("#")[0] for h in hrefs))


def score(results: list[list[str | None]], queries: list[dict], slugs: dict[str, str]) -> dict:
    recall = mrr = 0.0
    per_query = []
    for q, found in zip(queries, results):
        relevant = {slugs[u] for u in q["relevant_urls"] if u in slugs}
        top = [s for s in found if s][:10]
        hits = [i for i, s in enumerate(top) if s in relevant]
        r = len(set(top) & relevant) / len(relevant) if relevant else 0.0
        recall += r
        mrr += 1 / (hits[0] + 1) if hits else 0.0
        per_query.append((q["query"], round(r, 2)))
    n = len(queries) or 1
    return {"recall@10": recall / n, "mrr@10": mrr / n, "per_query": per_query}


def run_queries(site: Path, queries: list[dict], ask, setup) -> list[list[str | None]]:
    from playwright.sync_api import sync_playwright

    out = []
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        setup(page)
        for q in queries:
            out.append([slug_of(h) for h in ask(page, q["query"])])
        browser.close()
    return out


def open_ours(page) -> None:
    page.keyboard.press("/")


def open_material(page) -> None:
    page.locator("input.md-search__input").click()
    page.wait_for_function("""() => { const m = document.querySelector('.md-search-result__meta');
        return m && m.textContent.trim() && !/дайындалуда/.test(m.textContent) }""", timeout=120_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pool_dir", type=Path)
    parser.add_argument("work_dir", type=Path)
    parser.add_argument("--themes", type=Path, default=THEMES)
    parser.add_argument("--all", action="store_true", help="also score the held-out themes (report only)")
    args = parser.parse_args()
    articles = pool_articles(args.pool_dir / "gold_pool.jsonl")
    slugs = {a["url"]: f"p{i:04d}" for i, a in enumerate(articles)}
    queries = [json.loads(line) for line in (args.pool_dir / "gold_queries_v2.jsonl").read_text("utf-8").splitlines()
               if line.strip()]
    themes = set(args.themes.read_text(encoding="utf-8").split())
    dev = [q for q in queries if q["theme"] in themes]
    chosen = queries if args.all else dev
    digest_project, material_project = args.work_dir / "digest", args.work_dir / "material"
    if not digest_project.exists():
        write_project(digest_project, articles)
    build(digest_project)
    if not material_project.exists():
        plain_material(digest_project, material_project)
    build(material_project)
    print(f"{len(articles)} articles; {len(dev)} dev queries of {len(queries)}"
          f"{' (scoring all)' if args.all else ''}")
    mine = score(run_queries(digest_project / "site", chosen, ours, open_ours), chosen, slugs)
    plain = score(run_queries(material_project / "site", chosen, material, open_material), chosen, slugs)
    for (query, a), (_, b) in zip(mine["per_query"], plain["per_query"]):
        print(f"  {a:4.2f} {b:4.2f}  {query}")
    print(f"digest search:  Recall@10 {mine['recall@10']:.3f}  MRR@10 {mine['mrr@10']:.3f}")
    print(f"plain Material: Recall@10 {plain['recall@10']:.3f}  MRR@10 {plain['mrr@10']:.3f}")
    ratio = mine["recall@10"] / plain["recall@10"] if plain["recall@10"] else float("inf")
    print(f"ratio of Recall@10: {ratio:.2f}")


if __name__ == "__main__":
    main()
