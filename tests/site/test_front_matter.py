"""The pages' JSON front matter, read by the plugin as MkDocs would read it (digest/site/front_matter.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from mkdocs.utils.meta import get_data

from digest.render.markup import front_matter
from digest.site.front_matter import EMPTY, JsonFrontMatter, split

AWKWARD = {
    "title": "«Ақ жол»: \"quoted\" <b>& 'apostrophes'</b>",
    "template": "digest/article.html",
    "hide": ["toc"],
    "view": {"count": 3, "none": None, "yes": True, "no": False, "empty": [], "nested": [{"a": "yes"}, {"b": "1e5"}]},
    "odd": "line\u2028separator\u0085next\ufeffbom\x7fdel: not: a key # not a comment",
    "number_like": "0012",
    "date": "2024-03-15",
}


@pytest.mark.parametrize("body", [
    "Мәтін.\n",
    "\n\n# Heading\n\ntext\n",
    "---\n\nA horizontal rule first, then\n\n---\n\nanother.\n",
    "",
])
def test_split_gives_what_mkdocs_reads(body):
    """The data and the body are exactly what MkDocs's own parser makes of the page."""
    source = front_matter(AWKWARD) + body
    assert split(source) == tuple(reversed(get_data(source)))


@pytest.mark.parametrize("source", [
    "no front matter\n",
    "---\ntitle: hand-written YAML\n---\n\nbody\n",
    "---\n[1, 2]\n---\n\nbody\n",
    "---\n{not json}\n---\n\nbody\n",
    "---\n{\"unclosed\": 1}\nbody\n",
])
def test_anything_else_is_left_to_mkdocs(source):
    assert split(source) is None


def _page(path, src_uri="articles/a.md"):
    return SimpleNamespace(file=SimpleNamespace(abs_src_path=str(path), src_uri=src_uri), meta={})


def test_the_page_gets_its_data_after_mkdocs_parsed_an_empty_front_matter(tmp_path):
    body = "---\n\nA rule, then text.\n\n---\n\nmore\n"
    path = tmp_path / "a.md"
    path.write_text(front_matter(AWKWARD) + body, "utf-8")
    page = _page(path)
    reader = JsonFrontMatter()
    source = reader.read_source(page)
    assert source == EMPTY + body
    markdown, page.meta = get_data(source)  # what MkDocs's Page.read_source does with it
    assert markdown == body and page.meta == {}
    reader.give_meta(page)
    assert page.meta == get_data(path.read_text("utf-8"))[1]


def test_a_page_read_outside_the_page_loop_gets_its_data_in_on_env(tmp_path):
    """Dirty builds read the home page for its labels without rendering it."""
    path = tmp_path / "index.md"
    path.write_text(front_matter({"title": "Home", "digest": {"labels": {"x": 1}}}), "utf-8")
    page = _page(path, "index.md")
    reader = JsonFrontMatter()
    get_data(reader.read_source(page))
    files = SimpleNamespace(documentation_pages=lambda: [SimpleNamespace(page=page, src_uri="index.md")])
    reader.give_pending(files)
    assert page.meta == {"title": "Home", "digest": {"labels": {"x": 1}}}


def test_an_unreadable_or_hand_written_page_is_read_by_mkdocs(tmp_path):
    hand = tmp_path / "hand.md"
    hand.write_text("---\ntitle: Mine\n---\n\ntext\n", "utf-8")
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes("---\n{}\n---\n\ncaf\xe9\n".encode("latin-1"))
    reader = JsonFrontMatter()
    assert reader.read_source(_page(hand)) is None
    assert reader.read_source(_page(latin1)) is None
    assert reader.read_source(_page(tmp_path / "missing.md")) is None
