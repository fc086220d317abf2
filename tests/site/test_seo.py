"""Sitemap lastmods: from the pages MkDocs read, or the render stage's facts for the others."""

from __future__ import annotations

from types import SimpleNamespace

from digest.render import FACTS_FILE
from digest.render.markup import front_matter
from digest.site.seo import page_lastmods, read_facts

PAGES = {
    "articles/a.md": {"kind": "article", "date": "2024-03-01", "tags": ["astana", "trade"]},
    "articles/b.md": {"kind": "article", "date": "2024-05-09", "tags": ["astana"]},
    "articles/c.md": {"kind": "article", "date": None, "tags": ["trade"]},
    "tags/astana.md": {"kind": "tag"},
    "tags/trade.md": {"kind": "tag"},
    "tags/quiet.md": {"kind": "tag"},
    "index.md": {"kind": "home"},
    "about.md": {},
}


def _pages(docs, read: bool):
    pages = []
    for uri, digest in PAGES.items():
        path = docs / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(front_matter({"title": uri, "digest": digest}) + "text\n", "utf-8")
        file = SimpleNamespace(src_uri=uri, abs_src_path=str(path))
        pages.append(SimpleNamespace(file=file, markdown="text" if read else None,
                                     meta={"digest": digest} if read else {},
                                     canonical_url=f"https://x.kz/{uri[:-3]}/", abs_url=None))
    return pages


EXPECTED = {
    "https://x.kz/articles/a/": "2024-03-01", "https://x.kz/articles/b/": "2024-05-09",
    "https://x.kz/articles/c/": None, "https://x.kz/tags/astana/": "2024-05-09",
    "https://x.kz/tags/trade/": "2024-03-01", "https://x.kz/tags/quiet/": None,
    "https://x.kz/index/": "2024-05-09", "https://x.kz/about/": None,
}


def test_lastmods_from_read_pages(tmp_path):
    assert page_lastmods(_pages(tmp_path, read=True)) == EXPECTED


def test_lastmods_of_skipped_pages_come_from_facts_or_their_files(tmp_path):
    assert page_lastmods(_pages(tmp_path, read=False)) == EXPECTED  # each file read
    facts = {uri: digest for uri, digest in PAGES.items() if digest}
    pages = _pages(tmp_path, read=False)
    for page in pages:  # facts are enough: the files are not opened
        if page.file.src_uri in facts:
            page.file.abs_src_path = str(tmp_path / "missing.md")
    assert page_lastmods(pages, facts) == EXPECTED


def test_read_facts_tolerates_a_missing_or_broken_file(tmp_path):
    assert read_facts(str(tmp_path)) == {}
    (tmp_path / FACTS_FILE).write_text("[1, 2", "utf-8")
    assert read_facts(str(tmp_path)) == {}
    (tmp_path / FACTS_FILE).write_text('{"index.md": {"kind": "home"}}', "utf-8")
    assert read_facts(str(tmp_path)) == {"index.md": {"kind": "home"}}
