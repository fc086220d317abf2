"""Material's search reads a view of each article page without the spans it
would skip, and indexes exactly what it indexes of the whole page."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser

import markdown
import pytest
from material.plugins.search.plugin import Parser

from digest.model import Article, Tag, TimelineEntry
from digest.pipeline import extract_one
from digest.render.article_page import article_page
from digest.render.markup import NOSEARCH_CLOSE, NOSEARCH_OPEN
from digest.site.raw_html import RawBlockExtension
from digest.site.search_view import search_view, without_markers

from conftest import make_article

# mkdocs.yml's extensions, and the digest plugin's raw blocks.
EXTENSIONS = ["attr_list", "tables", "toc", RawBlockExtension()]


def page_html(article: Article, config) -> str:
    """The article page's HTML as MkDocs hands it to plugins (front matter dropped)."""
    source = article_page(article, config).split("---\n", 2)[2]
    return markdown.markdown(source, extensions=EXTENSIONS)


def sections(html: str) -> list[tuple]:
    """What Material's search parser makes of ``html``: its sections, with what decides an entry."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.el.tag, s.id, s.is_excluded(), "".join(s.title).strip(), "".join(s.text).strip())
            for s in parser.data]


def entries(html: str) -> list[tuple]:
    return [s for s in sections(html) if not s[2]]


class _Excluded(HTMLParser):
    """Where the elements marked data-search-exclude start and end, found with a tag stack.

    The reference for the view: Material's parser means to skip such an element
    and everything in it, but tracks skipped elements by tag name, so a marked
    <span> stops being skipped where the first <span> inside it ends. A marked
    heading stays: Material drops the whole section it opens, view or not.
    """

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.stack: list[tuple[str, int, bool]] = []
        self.spans: list[tuple[int, int]] = []
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            marked = any(k == "data-search-exclude" for k, _ in attrs) and not re.fullmatch("h[1-6]", tag)
            self.stack.append((tag, self._offset(), marked))

    def handle_endtag(self, tag):
        while self.stack:
            opened, start, excluded = self.stack.pop()
            if opened == tag:
                break
        if excluded and not any(e for _, _, e in self.stack):
            self.spans.append((start, self._offset() + len(f"</{tag}>")))


def drop_excluded(html: str) -> str:
    """``html`` without its data-search-exclude elements (found by parsing, not by the markers)."""
    for start, end in reversed(_Excluded(html).spans):
        html = html[:start] + html[end:]
    return html


def dated_article() -> Article:
    return make_article(
        "forum", "Астанада форум өтті", dt.date(2024, 3, 15), url="https://example.org/forum",
        tags=(Tag("kazakhstan", "place", "Қазақстан", "Kazakhstan"), Tag("trade", "topic", "Сауда", "Trade")),
        timeline=(TimelineEntry("2023 жылғы 12 қыркүйекте", "2023-09-12", False, "Келіссөздер басталды."),
                  TimelineEntry("Өткен жылы", None, True, "Өткен жылы сауда өсті.")),
    )


@pytest.fixture(scope="module")
def articles(config, seed_paths) -> list[Article]:
    extracted = [extract_one((path, path.name, path.read_bytes()), config) for path in seed_paths]
    assert all(isinstance(a, Article) for a in extracted), extracted
    return [*extracted, dated_article()]


def test_search_indexes_the_same_from_the_view_as_from_the_page_without_its_excluded_elements(articles, config):
    for article in articles:
        html = page_html(article, config)
        view = search_view(html)
        assert html.count(NOSEARCH_OPEN) >= 4 and NOSEARCH_OPEN not in view
        assert entries(view) == entries(drop_excluded(without_markers(html))), article.slug


def test_the_view_keeps_the_sections_and_anchors(articles, config):
    """Headings with ids (the article's own subheadings) stay: each is an entry with its anchor."""
    html = page_html(dated_article(), config)
    anchored = {s[3]: s[1] for s in entries(search_view(html))}
    assert anchored.get("Инвестиция мен сауда")


def test_what_search_indexes_of_an_article_page(config):
    """Title, tag labels in both languages, source, date and text; no labels, crumbs, summary or timeline."""
    found = entries(search_view(page_html(dated_article(), config)))
    text = " ".join(s[3] + " " + s[4] for s in found)
    for wanted in ("Астанада форум өтті", "Kazakhstan", "Сауда", "Kazinform", "Тараптар келісті", "2024"):
        assert wanted in text
    for unwanted in ("Reading time", "Оқу уақыты", "Home", "Archive", "Tags", "Source", "Published",
                     "Келіссөздер басталды", "Timeline"):
        assert unwanted not in text, unwanted


def test_markers_only_enclose_excluded_elements(articles, config):
    """What sits between the markers is whole elements that search skips anyway."""
    span = re.compile(re.escape(NOSEARCH_OPEN) + "(.*?)" + re.escape(NOSEARCH_CLOSE), re.S)
    for article in articles:
        for inner in span.findall(page_html(article, config)):
            assert inner.startswith("<") and "data-search-exclude" in inner.split(">", 1)[0]
            assert drop_excluded(inner).strip() == "", inner


def test_chips_are_read_as_text(config):
    html = page_html(dated_article(), config)
    view = search_view(html)
    assert 'class="digest-chip digest-chip--' in html and 'class="digest-chip digest-chip--' not in view
    assert "Қазақстан Kazakhstan Сауда Trade" in view


def test_the_built_site_has_no_markers_and_a_lean_index(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    assert "Reading time" not in text and "Басты бет" not in text
    assert not any(doc["location"].endswith("#timeline") for doc in index["docs"])
    for page in (built_site / "articles").glob("*/index.html"):
        assert "<!--digest:" not in page.read_text(encoding="utf-8")
    for page in built_site.glob("*.html"):
        assert "<!--digest:" not in page.read_text(encoding="utf-8")
