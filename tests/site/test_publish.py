"""Publishing: GitHub Pages under a sub-path, the feed, the sitemap, social cards, privacy.

Most checks read the session's seed site (``built_site``); a second site, built
once for this module, covers what the undated seeds cannot: a dated article, a
feed shorter than the archive, and a site_url on another sub-path (/repo/).
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import shutil
import struct
import subprocess
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit
from xml.etree import ElementTree as ET

import feedparser
import pytest
import yaml

from conftest import make_project, run_digest

pytestmark = pytest.mark.slow

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SEED_EPOCH = 1700000000  # what conftest's built_site sets as SOURCE_DATE_EPOCH
REPO_URL = "https://owner.github.io/repo/"
DATED = """---
title: Жаңа мақала
date: 2031-05-17
source: Хабар 24
url: https://example.kz/news/1
tags: [trade]
summary: Астанада жаңа зауыт ашылды.
---
Астанада жаңа зауыт ашылды. Зауыт жылына мың тонна өнім шығарады. Бұл туралы министрлік хабарлады.
"""

QUOTED_TITLE = '"Ақ жол" & <b>Нұр</b> \'келісті\''
QUOTED = f"""---
title: {json.dumps(QUOTED_TITLE, ensure_ascii=False)}
summary: Екі партия "бірлесіп" <жұмыс> істейді & келісті.
---
Екі партия бірлесіп жұмыс істейді. Олар келісімге қол қойды.
"""


# --- helpers ------------------------------------------------------------------------

def project_copy(target: Path, site_url: str | None = None, **kwargs) -> Path:
    """make_project, optionally published at another site_url."""
    project = make_project(target, **kwargs)
    if site_url:
        config_file = project / "mkdocs.yml"
        text = re.sub(r"^site_url:.*$", f"site_url: {site_url}", config_file.read_text(encoding="utf-8"),
                      flags=re.M)
        config_file.write_text(text, encoding="utf-8")
    return project


def site_url_of(config_file: Path) -> str:
    return re.search(r"^site_url:\s*(\S+)", config_file.read_text(encoding="utf-8"), flags=re.M).group(1)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_address(site: Path, page: Path) -> str:
    """The page's path below the site root, as a reader's browser asks for it."""
    relative = page.relative_to(site).as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


class Links(HTMLParser):
    """Every (tag, attribute, value) that makes the browser fetch or follow something."""

    URL_ATTRIBUTES = {"href", "src", "poster", "data", "action"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str], str, str]] = []
        self.meta: list[dict[str, str]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.styles: list[str] = []
        self._text: list[str] | None = None
        self._tag: tuple[str, dict[str, str]] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "meta":
            self.meta.append(attributes)
        for name, value in attributes.items():
            if name in self.URL_ATTRIBUTES and value:
                self.found.append((tag, attributes, name, value))
            elif name in ("srcset", "imagesrcset") and value:
                for candidate in value.split(","):
                    if candidate.strip():
                        self.found.append((tag, attributes, name, candidate.split()[0]))
            elif name == "style" and value:
                self.styles.append(value)
        if tag in ("script", "style"):
            self._tag, self._text = (tag, attributes), []

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._tag and tag == self._tag[0]:
            text = "".join(self._text or [])
            (self.scripts.append((self._tag[1], text)) if tag == "script" else self.styles.append(text))
            self._tag, self._text = None, None


def parse(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def meta_of(page: Path) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for attributes in parse(page).meta:
        key = attributes.get("property") or attributes.get("name")
        if key:
            values.setdefault(key, []).append(attributes.get("content", ""))
    return values


class SubPathServer:
    """http.server serving ``site`` at ``prefix`` (e.g. /repo/) and nothing anywhere else."""

    def __init__(self, site: Path, prefix: str) -> None:
        prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"

        class Handler(SimpleHTTPRequestHandler):
            def send_head(self):
                path = urlsplit(self.path).path
                if not path.startswith(prefix):
                    self.send_error(404, "outside the project sub-path")
                    return None
                self.path = "/" + self.path[len(prefix):]
                return super().send_head()

            def log_message(self, *args):
                pass

        self.prefix = prefix
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
        self.root = f"http://127.0.0.1:{self.server.server_address[1]}{prefix}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        # Never through a proxy: the test must not touch the network.
        self._open = urllib.request.build_opener(urllib.request.ProxyHandler({})).open

    def __enter__(self) -> "SubPathServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def status(self, url: str) -> int:
        try:
            with self._open(url, timeout=10) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


def broken_links(site: Path, site_url: str) -> list[str]:
    """Serve ``site`` under site_url's path; every href/src of every page must answer 200.

    Also every url() of every stylesheet (fonts, images) that is not a data: URL.
    """
    problems: list[str] = []
    with SubPathServer(site, urlsplit(site_url).path) as server:
        checked: dict[str, int] = {}

        def check(source: str, base: str, what: str, value: str) -> None:
            url = urldefrag(urljoin(base, value))[0]
            if url.startswith(site_url):  # canonical and og:url: the same site, deployed
                url = server.root + url[len(site_url):]
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(server.root).netloc:
                return  # mailto:, data:, the original article's own site …
            if url not in checked:
                checked[url] = server.status(url)
            if checked[url] != 200:
                problems.append(f"{source}: {what}={value!r} → {url} ({checked[url]})")

        for page in html_pages(site):
            page_url = server.root + page_address(site, page)
            if server.status(page_url) != 200:
                problems.append(f"{page_url}: page itself not served")
                continue
            links = parse(page)
            targets = [(f"<{tag} {name}>", value) for tag, _, name, value in links.found]
            for attributes, text in links.scripts:
                if attributes.get("id") == "__config":  # Material's base and search worker
                    config = json.loads(text)
                    # Both are relative to the page (MkDocs's `url` filter), like any href.
                    targets += [("__config base", config["base"].rstrip("/") + "/"),
                                ("__config search", config["search"])]
            for what, value in targets:
                check(page.relative_to(site).as_posix(), page_url, what, value)
        for sheet in sorted(site.rglob("*.css")):
            for value in css_urls(sheet.read_text(encoding="utf-8")):
                if not value.startswith("data:"):
                    check(sheet.relative_to(site).as_posix(), server.root + sheet.relative_to(site).as_posix(),
                          "url()", value)
    return problems


# --- a second, dated site under /repo/ ------------------------------------------------

@pytest.fixture(scope="module")
def repo_site(tmp_path_factory) -> Path:
    """Seeds plus one dated article, a 3-article feed, site_url https://owner.github.io/repo/."""
    project = project_copy(tmp_path_factory.mktemp("reposite") / "project", REPO_URL,
                           articles={"dated.txt": DATED, "quoted.txt": QUOTED})
    settings = project / "site_config" / "digest.yml"
    settings.write_text(
        re.sub(r"^feed_articles:.*$", "feed_articles: 3", settings.read_text(encoding="utf-8"), flags=re.M),
        encoding="utf-8",
    )
    result = run_digest(project, "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def article_pages(site: Path) -> list[Path]:
    return sorted((site / "articles").glob("*/index.html"))


def dated_page(site: Path) -> Path:
    pages = [p for p in article_pages(site) if "Жаңа мақала" in p.read_text(encoding="utf-8")]
    assert len(pages) == 1
    return pages[0]


# --- GitHub Pages under a project sub-path --------------------------------------------

def test_every_link_and_asset_resolves_under_the_sites_sub_path(built_site, repo):
    site_url = site_url_of(repo / "mkdocs.yml")
    assert urlsplit(site_url).path not in ("", "/"), "the seed site should be built for a sub-path"
    assert html_pages(built_site), "no pages built"
    assert broken_links(built_site, site_url) == []


def test_every_link_resolves_under_another_project_sub_path(repo_site):
    assert broken_links(repo_site, REPO_URL) == []


def test_a_root_relative_link_would_be_caught(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<a href="a/">ok</a><link rel="stylesheet" href="/style.css">')
    (site / "a" / "index.html").write_text('<a href="../">up</a><img src="../missing.png">')
    (site / "style.css").write_text("b{background:url(img/none.png)} i{background:url('data:,x')}")
    problems = broken_links(site, REPO_URL)
    assert len(problems) == 3, problems
    assert problems.pop().startswith("style.css: url()='img/none.png'")
    assert problems[0].startswith("a/index.html: <img src>='../missing.png'") and problems[0].endswith("(404)")
    assert problems[1].startswith("index.html: <link href>='/style.css'") and problems[1].endswith("(404)")


def test_404_page_exists(built_site):
    page = built_site / "404.html"
    assert page.is_file()
    assert "404" in page.read_text(encoding="utf-8")


def test_pages_workflow_builds_strictly_and_deploys_with_the_official_actions(repo):
    workflows = list((repo / ".github" / "workflows").glob("*.yml"))
    assert workflows, "no workflow in .github/workflows/"
    texts = {path: path.read_text(encoding="utf-8") for path in workflows}
    pages = [path for path, text in texts.items() if "actions/deploy-pages" in text]
    assert len(pages) == 1
    workflow = yaml.safe_load(texts[pages[0]])
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    for action in ("actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact",
                   "actions/deploy-pages"):
        assert action in uses, action
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "pip install" in runs and "digest build --strict" in runs
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"].rstrip("/") == "site"
    permissions = workflow.get("permissions") or {}
    assert permissions.get("pages") == "write" and permissions.get("id-token") == "write"
    # `on:` parses as True in YAML 1.1.
    triggers = workflow.get("on") or workflow.get(True)
    assert "push" in triggers and "workflow_dispatch" in triggers


# --- the feed ---------------------------------------------------------------------------

def test_feed_parses_and_lists_every_article(built_site, repo):
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    site_url = site_url_of(repo / "mkdocs.yml")
    pages = {site_url + page_address(built_site, p) for p in article_pages(built_site)}
    assert len(pages) == 3
    assert {entry.link for entry in feed.entries} == pages
    for entry in feed.entries:
        assert entry.title and entry.summary
        assert entry.tags and all(tag.term for tag in entry.tags)
        title = meta_of(built_site / entry.link[len(site_url):] / "index.html")["og:title"][0]
        assert entry.title == title
        # Undated seeds: no publication date invented; <updated> is SOURCE_DATE_EPOCH.
        assert "published" not in entry
        assert entry.updated_parsed[:6] == (2023, 11, 14, 22, 13, 20)


def test_feed_carries_the_newest_articles_with_their_dates(repo_site):
    feed = feedparser.parse((repo_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 3  # feed_articles: 3, of five articles
    newest = feed.entries[0]
    assert newest.title == "Жаңа мақала"
    assert newest.link.startswith(REPO_URL + "articles/")
    assert newest.published_parsed[:3] == (2031, 5, 17)
    assert "trade" in {tag.term for tag in newest.tags}
    assert newest.summary == "Астанада жаңа зауыт ашылды."
    assert feed.feed.updated_parsed[:3] == (2031, 5, 17)


def test_pages_announce_the_feed(built_site):
    for page in html_pages(built_site):
        feeds = [attrs for tag, attrs, name, _ in parse(page).found
                 if tag == "link" and attrs.get("type") == "application/atom+xml"]
        assert feeds, page


# --- the sitemap ------------------------------------------------------------------------

def sitemap(site: Path) -> dict[str, str | None]:
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    return {
        url.findtext("s:loc", namespaces=SITEMAP_NS): url.findtext("s:lastmod", namespaces=SITEMAP_NS)
        for url in root.findall("s:url", SITEMAP_NS)
    }


def test_sitemap_lists_every_article_and_invents_no_lastmod(built_site, repo):
    site_url = site_url_of(repo / "mkdocs.yml")
    entries = sitemap(built_site)
    for page in article_pages(built_site):
        assert site_url + page_address(built_site, page) in entries
    # The seeds are undated: not one lastmod, least of all the build date.
    assert set(entries.values()) == {None}
    assert gzip.decompress((built_site / "sitemap.xml.gz").read_bytes()) == (built_site / "sitemap.xml").read_bytes()


def test_sitemap_lastmod_is_the_articles_own_date(repo_site):
    entries = sitemap(repo_site)
    dated = REPO_URL + page_address(repo_site, dated_page(repo_site))
    assert entries[dated] == "2031-05-17"
    assert entries[REPO_URL] == "2031-05-17"  # the home page changed with its newest article
    assert entries[REPO_URL + "tags/trade/"] == "2031-05-17"
    undated = [REPO_URL + page_address(repo_site, p) for p in article_pages(repo_site) if p != dated_page(repo_site)]
    assert undated and all(entries[url] is None for url in undated)
    assert entries[REPO_URL + "tags/sco/"] is None  # only undated articles carry it
    assert gzip.decompress((repo_site / "sitemap.xml.gz").read_bytes()) == (repo_site / "sitemap.xml").read_bytes()


def test_sitemap_gzip_header_holds_source_date_epoch_not_the_build_time(built_site):
    header = (built_site / "sitemap.xml.gz").read_bytes()[:10]
    assert struct.unpack("<I", header[4:8])[0] == SEED_EPOCH


# --- social cards ------------------------------------------------------------------------

def front_matter_description(site: Path, page: Path) -> str:
    return next(m["content"] for m in parse(page).meta if m.get("name") == "description")


def test_every_article_has_open_graph_and_twitter_meta(built_site):
    pages = article_pages(built_site)
    assert len(pages) == 3
    for page in pages:
        meta = meta_of(page)
        h1 = re.search(r"<h1[^>]*>(.*?)<", page.read_text(encoding="utf-8"), flags=re.S).group(1).strip()
        assert meta["og:title"] == [h1]
        assert meta["og:description"] == [front_matter_description(built_site, page)]
        assert meta["og:description"][0] and len(meta["og:description"][0]) > 40
        assert meta["og:site_name"] == ["Жаңалықтар дайджесті · News digest"]
        assert meta["og:locale"] == ["kk_KZ"]
        assert meta["og:type"] == ["article"]
        # The share card: a 1200x630 PNG of the site itself (digest/render/cards.py).
        assert meta["twitter:card"] == ["summary_large_image"]
        assert meta["twitter:image"] == meta["og:image"] and len(meta["og:image"]) == 1
        site_url = site_url_of(built_site.parent / "mkdocs.yml")
        assert meta["og:image"][0].startswith(site_url)
        png = (built_site / meta["og:image"][0][len(site_url):]).read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (1200, 630)
        assert (meta["og:image:width"], meta["og:image:height"]) == (["1200"], ["630"])
        assert meta["og:url"][0].endswith("/" + page_address(built_site, page))
        assert "article:published_time" not in meta  # the seeds are undated


def test_og_description_is_the_summary(built_site):
    for page in article_pages(built_site):
        summary = re.sub(r"<[^>]+>|\s+", " ", page.read_text(encoding="utf-8"))
        description = meta_of(page)["og:description"][0]
        # The description starts the summary (the generated front matter may shorten it).
        assert " ".join(description.split()[:8]) in " ".join(summary.split())


def test_dated_article_carries_its_published_time(repo_site):
    meta = meta_of(dated_page(repo_site))
    assert meta["article:published_time"] == ["2031-05-17"]
    assert meta["og:url"][0].startswith(REPO_URL + "articles/")


def test_social_meta_shows_quotes_and_brackets_as_written(repo_site):
    (page,) = [p for p in article_pages(repo_site) if "Нұр" in p.read_text(encoding="utf-8")]
    meta = meta_of(page)  # HTMLParser unescapes attribute values
    assert meta["og:title"] == [QUOTED_TITLE] and meta["twitter:title"] == [QUOTED_TITLE]
    assert meta["og:description"] == ['Екі партия "бірлесіп" <жұмыс> істейді & келісті.']
    head = page.read_text(encoding="utf-8").split("</head>")[0]
    assert '<meta property="og:title" content="&#34;Ақ жол&#34; &amp; &lt;b&gt;' in head


def test_other_pages_are_websites_not_articles(built_site):
    meta = meta_of(built_site / "index.html")
    assert meta["og:type"] == ["website"]
    assert "article:published_time" not in meta


def test_readme_tells_an_editor_how_to_publish(repo):
    readme = (repo / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Publishing", 1)[1].split("\n## ", 1)[0]
    for step in ("Settings → Pages", "Source", "GitHub Actions", "site_url", "mkdocs.yml", "push",
                 "digest deploy", "gh-pages", "feed.xml", "sitemap.xml", "SOURCE_DATE_EPOCH"):
        assert step in section, step


# --- privacy: nothing loaded from any other host ----------------------------------------

ASSET_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "preload", "modulepreload",
              "prefetch", "prerender", "preconnect", "dns-prefetch", "manifest"}
OUTSIDE = r"(?:https?:)?//[^/\s\"'`)]"
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""")
JS_LOADS = [
    re.compile(rf"""\bfetch\(\s*["'`]{OUTSIDE}"""),
    re.compile(rf"""\bimport\(\s*["'`]{OUTSIDE}"""),
    re.compile(rf"""\bimport\s*(?:[\w*{{}},\s]+\sfrom\s*)?["'`]{OUTSIDE}"""),
    re.compile(rf"""\bimportScripts\([^)]*["'`]{OUTSIDE}"""),
    re.compile(rf"""\bnew\s+(?:Worker|SharedWorker|EventSource|WebSocket|URL)\(\s*["'`]{OUTSIDE}"""),
    re.compile(rf"""\bsendBeacon\(\s*["'`]{OUTSIDE}"""),
    re.compile(rf"""\.open\(\s*["'`]\w+["'`]\s*,\s*["'`]{OUTSIDE}"""),
    re.compile(rf"""\.(?:src|href)\s*=\s*["'`]{OUTSIDE}"""),
    # A call whose only argument is an absolute URL: a script or style loader.
    re.compile(rf"""[\w$]\(\s*["'`]{OUTSIDE}[^"'`\s]*["'`]\s*\)"""),
]
TRACKERS = re.compile(r"googletagmanager|google-analytics|gtag\(|fonts\.googleapis|fonts\.gstatic|"
                      r"plausible\.io|matomo|yandex\.ru/metrika|mc\.yandex")


def is_outside(url: str) -> bool:
    return re.match(OUTSIDE, url.strip()) is not None


def css_urls(text: str) -> list[str]:
    """Every address in a stylesheet's url() and @import."""
    found = [next(g for g in m.groups() if g is not None) for m in CSS_URL.finditer(text)]
    return found + [next(g for g in m.groups() if g is not None) for m in CSS_IMPORT.finditer(text)]


def css_outside(text: str) -> list[str]:
    return [url for url in css_urls(text) if is_outside(url)]


# The bare names RFC 2606 reserves: nothing is served there, so a script can
# load nothing from them (Pagefind parses paths against `https://example.com${path}`).
RESERVED_HOST = re.compile(r"""["'`](?:https?:)?//example\.(?:com|org|net)[/:$"'`]""")


def js_outside(text: str) -> list[str]:
    found = [text[m.start():m.end() + 80].split(")")[0] for pattern in JS_LOADS for m in pattern.finditer(text)]
    return [load for load in found if not RESERVED_HOST.search(load)]


def html_outside(text: str) -> list[str]:
    parser = Links()
    parser.feed(text)
    found = []
    for tag, attributes, name, value in parser.found:
        if not is_outside(value):
            continue
        if tag == "a" or (tag == "link" and not ASSET_RELS & set(attributes.get("rel", "").lower().split())):
            continue  # a link to follow (the original article, canonical, feed), not an asset
        found.append(f"<{tag} {name}={value}>")
    for style in parser.styles:
        found += css_outside(style)
    for attributes, script in parser.scripts:
        if attributes.get("type", "") not in ("application/json", "application/ld+json"):
            found += js_outside(script)
            found += [f"tracker {m.group(0)}" for m in TRACKERS.finditer(script)]
    return found


def outside_assets(site: Path) -> list[str]:
    problems = []
    for path in sorted(site.rglob("*")):
        scan = {".html": html_outside, ".css": css_outside, ".js": js_outside}.get(path.suffix)
        if scan is None:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for url in scan(text):
            if not (path.name.startswith("bundle.") and any(known in url for known in ON_DEMAND)):
                problems.append(f"{path.relative_to(site)}: {url}")
        if path.suffix == ".js":  # in HTML only scripts count: an article may name a tracker
            problems += [f"{path.relative_to(site)}: tracker {m.group(0)}" for m in TRACKERS.finditer(text)]
    return problems


def test_built_site_loads_nothing_from_other_hosts(built_site):
    assert outside_assets(built_site) == []
    # The original article's address is a plain link, which is fine.


def test_original_source_links_are_allowed_but_assets_are_not(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "ok.html").write_text(
        '<a href="https://example.kz/news/1">source</a><link rel="canonical" href="https://x.github.io/r/">'
        '<link rel="alternate" type="application/atom+xml" href="feed.xml"><img src="data:image/png;base64,AA">'
        '<meta property="og:url" content="https://x.github.io/r/">'
    )
    (site / "ok.css").write_text("a{background:url('data:image/svg+xml;<svg xmlns=\"http://www.w3.org/2000/svg\"/>')}")
    (site / "ok.js").write_text('console.warn(`see https://bit.ly/x`);fetch("search/search_index.json")')
    assert outside_assets(site) == []
    (site / "bad.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<script src="//cdn.example.com/x.js"></script><link rel="preload" href="https://cdn.example.com/f.woff2">'
        '<div style="background:url(https://img.example.com/a.png)"></div>'
        '<script>fetch("https://api.example.com/track")</script><script>gtag("config", "G-X")</script>'
    )
    (site / "article.html").write_text("<p>The site does not use google-analytics or gtag() at all.</p>")
    (site / "bad.css").write_text('@import "https://cdn.example.com/a.css"; b{background:url(//img.example.com/b.png)}')
    (site / "bad.js").write_text('import x from "https://esm.sh/x";import("https://esm.sh/y");'
                                 'a=H(()=>_t("https://unpkg.com/polyfill"))')
    problems = outside_assets(site)
    assert not [p for p in problems if p.startswith(("ok.", "article."))]
    expected = {
        "bad.html": ["fonts.googleapis.com", "//cdn.example.com/x.js", "cdn.example.com/f.woff2",
                     "img.example.com/a.png", "api.example.com/track", "tracker gtag("],
        "bad.css": ["cdn.example.com/a.css", "img.example.com/b.png"],
        "bad.js": ["esm.sh/x", "esm.sh/y", "unpkg.com/polyfill"],
    }
    for name, urls in expected.items():
        found = " ".join(p for p in problems if p.startswith(name + ":"))
        for url in urls:
            assert url in found, (name, url, problems)


# Material's bundle names these, loaded only on demand (digest/site/privacy.py): the pages'
# Content-Security-Policy makes the browser refuse them.
ON_DEMAND = ("https://unpkg.com/resize-observer-polyfill", "https://unpkg.com/mermaid")


def test_theme_bundle_names_only_its_on_demand_scripts_and_pages_refuse_outside_scripts(built_site):
    bundles = list((built_site / "assets" / "javascripts").glob("bundle.*.js"))
    assert bundles
    for bundle in bundles:
        found = set(re.findall(r"https?://unpkg\.com/[a-z-]+", bundle.read_text(encoding="utf-8")))
        assert found <= set(ON_DEMAND), found
    for page in built_site.rglob("*.html"):
        if "<head" in (text := page.read_text("utf-8")):
            assert "script-src 'self'" in text, page


def test_deploy_builds_strictly_then_calls_gh_deploy(monkeypatch, tmp_path):
    from digest.commands import deploy

    calls = []
    monkeypatch.setattr(deploy.build, "run", lambda **kw: calls.append(("build", kw)) or 0)
    monkeypatch.setattr(deploy, "gh_deploy", lambda config, **kw: calls.append(("gh_deploy", kw)))
    project = make_project(tmp_path / "project")
    (project / "build" / "docs").mkdir(parents=True)  # what the (mocked) build leaves behind
    monkeypatch.setattr(deploy, "find_project_root", lambda: project)
    assert deploy.run("publish", force=False) == 0
    assert calls[0] == ("build", {"content": None, "site_dir": None, "strict": True})
    assert calls[1][0] == "gh_deploy" and calls[1][1]["message"] == "publish"


def test_deploy_reports_a_git_failure_without_traceback(monkeypatch, tmp_path, capsys):
    from digest.commands import deploy

    project = make_project(tmp_path / "project")
    (project / "build" / "docs").mkdir(parents=True)
    monkeypatch.setattr(deploy.build, "run", lambda **kw: 0)
    monkeypatch.setattr(deploy, "find_project_root", lambda: project)

    def no_remote(config, **kw):
        raise SystemExit(1)  # what mkdocs gh-deploy does when git fails

    monkeypatch.setattr(deploy, "gh_deploy", no_remote)
    assert deploy.run(None, False) == 1
    assert "gh-deploy failed" in capsys.readouterr().err


GIT_IDENTITY = {"GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.kz",
                "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.kz"}


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_digest_deploy_pushes_the_site_to_gh_pages(tmp_path, monkeypatch):
    """`digest deploy` end to end against a local bare repository: no network."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for name, value in GIT_IDENTITY.items():
        monkeypatch.setenv(name, value)
    remote = tmp_path / "remote.git"
    project = make_project(tmp_path / "project")

    def git(*args: str, cwd: Path = project) -> str:
        return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout

    git("init", "-q", "--bare", str(remote), cwd=tmp_path)
    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "content")
    git("remote", "add", "origin", str(remote))
    result = run_digest(project, "deploy", "-m", "publish the digest")
    assert result.returncode == 0, result.stdout + result.stderr
    tree = git("--git-dir", str(remote), "ls-tree", "--name-only", "gh-pages")
    for name in (".nojekyll", "index.html", "404.html", "feed.xml", "sitemap.xml", "sitemap.xml.gz"):
        assert name in tree.split(), name
    assert "publish the digest" in git("--git-dir", str(remote), "log", "-1", "--format=%s", "gh-pages")
    # Reproducible: the only timestamp is the commit's time (SOURCE_DATE_EPOCH set by deploy).
    epoch = int(git("log", "-1", "--format=%ct"))
    gz = subprocess.run(["git", "--git-dir", str(remote), "show", "gh-pages:sitemap.xml.gz"],
                        check=True, capture_output=True).stdout
    assert struct.unpack("<I", gz[4:8])[0] == epoch


def test_deploy_does_not_publish_a_failed_build(monkeypatch):
    from digest.commands import deploy

    monkeypatch.setattr(deploy.build, "run", lambda **kw: 1)
    monkeypatch.setattr(deploy, "gh_deploy", lambda *a, **kw: pytest.fail("deployed a failed build"))
    assert deploy.run(None, False) == 1


def test_a_url_parsed_against_a_reserved_example_host_is_no_load():
    assert js_outside("new URL(`https://example.com${path}`)") == []
    assert js_outside('new URL("https://cdn.example.org/a.js")')  # only the bare reserved names
    assert js_outside('new URL("https://example.org.evil.com/a.js")')
    assert js_outside('fetch("https://example.net.attacker.io/x")')
