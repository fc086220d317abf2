"""The site search as a reader on a phone meets it: time to the first result, bytes, memory.

A built site is served gzipped (as GitHub Pages does) by a static server on
127.0.0.1; Chromium opens the home page on an emulated slow link (Chrome
DevTools Protocol Network.emulateNetworkConditions: 1.6 Mbit/s down, 150 ms
latency, cache empty), opens the search and types a query. Measured:

* first result: from the first keystroke to the first result in the list
  (timed inside the page);
* bytes sent since the page opened (encodedDataLength of every response:
  compressed bodies and headers);
* memory: the private memory (USS) of the browser's renderer processes,
  which hold the page and its workers (Pagefind searches in a worker), after
  the results are shown; and the page's JavaScript heap (CDP
  Runtime.getHeapUsage).

Targets (issue 22): ≤ 3 s, ≤ 600 KB, ≤ 60 MB, at 2,000 and 10,000 articles.
Build the sites first (bench/corpus.py N articles, `digest build`) and pass
their site/ folders:

    python bench/search_speed.py SITE_DIR [SITE_DIR…] [--query Астанада] [--runs 3]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.server
import mimetypes
import os
import statistics
import threading
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LINK = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
COMPRESSIBLE = {".html", ".js", ".css", ".json", ".svg", ".xml", ".txt"}  # Pagefind's own files come gzipped


def gzip_server(site: Path):
    """A static server that gzips text files (compressed once, kept)."""
    cache: dict[Path, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            path = site / self.path.split("?", 1)[0].lstrip("/")
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                self.send_error(404)
                return
            body = path.read_bytes()
            zipped = path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
            if zipped:
                body = cache.get(path) or cache.setdefault(path, gzip.compress(body, 6))
            self.send_response(200)
            self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
            if zipped:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    mimetypes.add_type("application/wasm", ".wasm")
    return http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)


@contextlib.contextmanager
def serving(site: Path):
    server = gzip_server(site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if ppid == pid:
                out.append(int(entry.name))
    return out


def _uss(pid: int) -> int:
    """Private memory of a process in bytes (smaps_rollup)."""
    total = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith(("Private_Clean:", "Private_Dirty:")):
                total += int(line.split()[1]) * 1024
    except OSError:
        pass
    return total


def renderer_memory(browser_pid: int) -> int:
    """USS of the renderer processes under the browser process."""
    todo, total = [browser_pid], 0
    while todo:
        pid = todo.pop()
        kids = _children(pid)
        todo.extend(kids)
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"--type=renderer" in cmdline and b"--top-chrome-webui" not in cmdline:
            total += _uss(pid)
    return total


INSTRUMENT = """() => {
  window.__bench = { first: null, shown: null }
  const input = document.querySelector('input.md-search__input')
  input.addEventListener('input', () => { if (window.__bench.first === null) window.__bench.first = performance.now() })
  const list = document.querySelector('.md-search-result__list')
  new MutationObserver(() => {
    if (window.__bench.shown === null && list.querySelector('.md-search-result__item'))
      window.__bench.shown = performance.now()
  }).observe(list, { childList: true, subtree: true })
}"""


def browser_pid(playwright_browser) -> int | None:
    """The browser's process: the newest chromium process that is no renderer and no zygote."""
    best = None
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        program = cmdline.split(b"\0", 1)[0]
        if program.endswith(b"/chromium") and b"--type=" not in cmdline and b"--remote-debugging-pipe" in cmdline:
            start = (entry / "stat").read_text().rsplit(")", 1)[1].split()[19]
            if best is None or int(start) > best[0]:
                best = (int(start), int(entry.name))
    return best[1] if best else None


def measure(site: Path, query: str) -> dict:
    from playwright.sync_api import sync_playwright

    with serving(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pid = browser_pid(browser)
        context = browser.new_context(viewport={"width": 393, "height": 851}, is_mobile=True, has_touch=True,
                                      device_scale_factor=2.75)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        received = []
        cdp.on("Network.loadingFinished", lambda e: received.append(e["encodedDataLength"]))
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", LINK)
        page.goto(url, wait_until="load")
        page.evaluate(INSTRUMENT)
        page.locator("label.md-header__button[for=__search]").first.tap()
        page.locator("input.md-search__input").press_sequentially(query, delay=150)
        page.wait_for_function("q => document.querySelector('[data-digest-search]').dataset.searched === q",
                               arg=query, timeout=120_000)
        page.wait_for_timeout(500)  # late responses still count
        timing = page.evaluate("window.__bench")
        heaps = cdp.send("Runtime.getHeapUsage")["usedSize"]
        result = {
            "first_result_s": (timing["shown"] - timing["first"]) / 1000 if timing["shown"] else None,
            "bytes": sum(received),
            "requests": len(received),
            "renderer_uss_mb": renderer_memory(pid) / 2**20 if pid else None,
            "page_heap_mb": heaps / 2**20,
        }
        browser.close()
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sites", type=Path, nargs="+")
    parser.add_argument("--query", default="Астанада")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for site in args.sites:
        articles = sum(1 for _ in (site / "articles").glob("*/index.html"))
        runs = [measure(site, args.query) for _ in range(args.runs)]
        first = statistics.median(r["first_result_s"] for r in runs if r["first_result_s"] is not None)
        print(f"{site} ({articles} articles), query {args.query!r}, {args.runs} cold runs (median; max):")
        print(f"  first result after the first keystroke: {first:.2f} s; "
              f"{max(r['first_result_s'] or 0 for r in runs):.2f} s")
        print(f"  sent since the page opened: {statistics.median(r['bytes'] for r in runs) / 1000:.0f} KB "
              f"in {runs[0]['requests']} responses")
        print(f"  renderer memory (page and workers, USS): "
              f"{statistics.median(r['renderer_uss_mb'] or 0 for r in runs):.0f} MB; "
              f"page JS heap {statistics.median(r['page_heap_mb'] for r in runs):.1f} MB")


if __name__ == "__main__":
    main()
