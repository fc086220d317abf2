"""The site search as a reader on a phone meets it: time to the first result, bytes, memory.

A built site is served gzipped (as GitHub Pages does) by a static server on
127.0.0.1; Chromium opens the home page on an emulated slow link (Chrome
DevTools Protocol Network.emulateNetworkConditions: 1.6 Mbit/s down, 150 ms
latency, cache empty), opens the search and types a query. Measured:

* first result: from the first keystroke to the first result in the list
  (timed inside the page);
* bytes sent since the page opened (counted by the server: compressed
  bodies and headers of every response, the worker's included);
* memory after the results are shown: the page's and its workers' memory
  as the browser attributes it (performance.measureUserAgentSpecificMemory,
  the site served cross-origin isolated for it; Pagefind searches in a
  worker), the page's JavaScript heap (CDP Runtime.getHeapUsage), and the
  private memory (USS) of the renderer process, Blink's own included.

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
import statistics
import threading
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LINK = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
COMPRESSIBLE = {".html", ".js", ".css", ".json", ".svg", ".xml", ".txt"}  # Pagefind's own files come gzipped


class Link:
    """The slow link for what the page's DevTools session does not see.

    Chrome applies Network.emulateNetworkConditions to the page's own
    requests; Pagefind fetches its index and fragments from a Web Worker,
    whose requests it does not throttle. The server therefore delays every
    response under pagefind/ by the link's latency and paces its bytes at
    the link's rate (shared by all such responses at once). pagefind.js,
    which the page imports, is throttled twice: the figures err slow.
    """

    def __init__(self, latency_s: float, rate: float):
        self.latency_s, self.rate = latency_s, rate
        self.lock = threading.Lock()
        self.free_at = 0.0

    def send(self, wfile, body: bytes) -> None:
        time.sleep(self.latency_s)
        for start in range(0, len(body), 4096):
            chunk = body[start:start + 4096]
            with self.lock:
                now = time.monotonic()
                self.free_at = max(self.free_at, now) + len(chunk) / self.rate
                wait = self.free_at - now
            time.sleep(wait)
            wfile.write(chunk)


def gzip_server(site: Path, link: Link, sent: list[tuple[str, int]]):
    """A static server that gzips text files (compressed once, kept) and
    records each response's path and bytes (headers and body) in ``sent``."""
    cache: dict[Path, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

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
            headers = {
                "Content-Type": mimetypes.guess_type(path.name)[0] or "application/octet-stream",
                "Content-Length": str(len(body)),
                # cross-origin isolation: performance.measureUserAgentSpecificMemory() needs it
                "Cross-Origin-Opener-Policy": "same-origin",
                "Cross-Origin-Embedder-Policy": "require-corp",
            }
            if zipped:
                headers["Content-Encoding"] = "gzip"
            self.send_response(200)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            sent.append((self.path, len(body) + 17 + sum(len(k) + len(v) + 4 for k, v in headers.items())))
            if self.path.startswith("/pagefind/"):
                link.send(self.wfile, body)
            else:
                self.wfile.write(body)

    mimetypes.add_type("application/wasm", ".wasm")
    return http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)


@contextlib.contextmanager
def serving(site: Path, sent: list[tuple[str, int]]):
    server = gzip_server(site, Link(LINK["latency"] / 1000, LINK["downloadThroughput"]), sent)
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


def by_kind(sent: list[tuple[str, int]]) -> dict[str, int]:
    """Bytes by what they were: the page, Pagefind's code, its index, its fragments."""
    kinds: dict[str, int] = {}
    for path, n in sent:
        if "/fragment/" in path:
            kind = "fragments"
        elif "/index/" in path or path.endswith(".pf_meta"):
            kind = "index"
        elif path.startswith("/pagefind/"):
            kind = "Pagefind code"
        elif path.endswith("search.js"):
            kind = "our search script"
        else:
            kind = "page"
        kinds[kind] = kinds.get(kind, 0) + n
    return kinds


def measure(site: Path, query: str) -> dict:
    from playwright.sync_api import sync_playwright

    sent: list[tuple[str, int]] = []
    with serving(site, sent) as url, sync_playwright() as p:
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
        memory = page.evaluate("""async () => self.crossOriginIsolated && performance.measureUserAgentSpecificMemory
            ? (await performance.measureUserAgentSpecificMemory()).bytes : null""")
        result = {
            "first_result_s": (timing["shown"] - timing["first"]) / 1000 if timing["shown"] else None,
            "bytes": sum(n for _, n in sent),
            "by_kind": by_kind(sent),
            "requests": len(sent),
            "page_devtools_bytes": sum(received),
            "memory_mb": memory / 2**20 if memory else None,
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
              f"in {runs[0]['requests']} responses ("
              + ", ".join(f"{k} {v / 1000:.0f}" for k, v in sorted(runs[0]["by_kind"].items())) + ")")
        print(f"  memory of the page and its workers (measureUserAgentSpecificMemory): "
              f"{statistics.median(r['memory_mb'] or 0 for r in runs):.1f} MB; page JS heap "
              f"{statistics.median(r['page_heap_mb'] for r in runs):.1f} MB; renderer process (USS, "
              f"with Blink and the page's layout) {statistics.median(r['renderer_uss_mb'] or 0 for r in runs):.0f} MB")


if __name__ == "__main__":
    main()
