"""Build a site from hand-made articles through the real theme (MkDocs + Material
+ theme/), so that tests read the pages a reader gets, not the data alone."""

from __future__ import annotations

import logging
from html.parser import HTMLParser
from pathlib import Path

from digest.render import render_site
from digest.site.feed import build_feed, tag_feeds

REPO = Path(__file__).resolve().parents[2]
SITE_URL = "https://example.org/digest/"


def build_site(articles, config, folder: Path) -> Path:
    """Render ``articles`` into ``folder``/docs and build them with mkdocs.yml's
    theme into ``folder``/site (no plugins: the templates alone make the pages)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    docs, site = folder / "docs", folder / "site"
    render_site(articles, config, docs, extra_files={"feed.xml": build_feed(articles, config, SITE_URL)},
                extra_pages=tag_feeds(articles, config, SITE_URL))
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    build(load_config(config_file=str(REPO / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site),
                      site_url=SITE_URL, plugins=[]))
    return site


def page(site: Path, url: str) -> str:
    """The HTML of the page at ``url`` ("articles/x/", "" for home)."""
    return (site / url / "index.html").read_text("utf-8")


class Elements(HTMLParser):
    """Start tags with their attributes, and the text inside chosen elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


def between(html: str, start: str, end: str) -> str:
    """The HTML from the first ``start`` to the next ``end`` after it."""
    at = html.index(start)
    return html[at:html.index(end, at + len(start))]
