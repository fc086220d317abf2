"""Sitemap lastmods: from the pages MkDocs read, or the render stage's facts for the others."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from types import SimpleNamespace

from digest.render import FACTS_FILE
from digest.render.markup import front_matter
from digest.site import seo
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


# --- a large site's sitemap: an index of parts ----------------------------------------------------

def addresses(n: int) -> dict[str, str | None]:
    return {"https://x.test/news/": "2024-03-15",
            **{f"https://x.test/news/articles/a{i:03}/": f"2024-01-{i % 28 + 1:02}" for i in range(n)}}


def test_a_small_sites_sitemap_lists_its_pages(tmp_path):
    seo.write_sitemap(tmp_path, addresses(5))
    root = ET.fromstring((tmp_path / "sitemap.xml").read_bytes())
    assert root.tag.endswith("urlset") and len(root) == 6
    assert seo.read_sitemap(tmp_path / "sitemap.xml") == addresses(5)
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()) == (tmp_path / "sitemap.xml").read_bytes()
    assert not list(tmp_path.glob("sitemap-*.xml"))


def test_a_large_sites_sitemap_is_an_index_of_parts(tmp_path, monkeypatch):
    monkeypatch.setattr(seo, "SITEMAP_INDEX_ABOVE", 10)
    monkeypatch.setattr(seo, "SITEMAP_PART_PAGES", 8)
    seo.write_sitemap(tmp_path, addresses(20))  # 21 addresses: 3 parts
    root = ET.fromstring((tmp_path / "sitemap.xml").read_bytes())
    locs = [e.text for e in root.iter(f"{{{seo.SITEMAP_NS}}}loc")]
    assert root.tag.endswith("sitemapindex")
    assert locs == [f"https://x.test/news/sitemap-{n}.xml" for n in (1, 2, 3)]  # absolute, at the site's root
    newest = [e.text for e in root.iter(f"{{{seo.SITEMAP_NS}}}lastmod")]
    assert newest == ["2024-03-15", "2024-01-15", "2024-01-20"]  # each part's newest page
    assert seo.read_sitemap(tmp_path / "sitemap.xml") == addresses(20)  # every page, with its date
    assert (tmp_path / "sitemap.xml").stat().st_size < (tmp_path / "sitemap-1.xml").stat().st_size
    # the site shrinks: the parts it no longer lists go
    seo.write_sitemap(tmp_path, addresses(12))
    assert sorted(p.name for p in tmp_path.glob("sitemap-*.xml")) == ["sitemap-1.xml", "sitemap-2.xml"]
    seo.write_sitemap(tmp_path, addresses(3))
    assert not list(tmp_path.glob("sitemap-*.xml"))


def test_two_halves_of_a_split_build_merge_into_one_index(tmp_path, monkeypatch):
    monkeypatch.setattr(seo, "SITEMAP_INDEX_ABOVE", 10)
    monkeypatch.setattr(seo, "SITEMAP_PART_PAGES", 8)
    every = addresses(30)
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    mine.mkdir()
    theirs.mkdir()
    names = sorted(every)
    seo.write_sitemap(mine, {a: every[a] for a in names[::2]})
    seo.write_sitemap(theirs, {a: every[a] for a in names[1::2]})
    seo.merge_sitemaps(mine, theirs)
    assert seo.read_sitemap(mine / "sitemap.xml") == every
    alone = tmp_path / "alone"
    alone.mkdir()
    seo.write_sitemap(alone, every)
    assert sorted(p.name for p in alone.iterdir()) == sorted(p.name for p in mine.iterdir())
    assert all((alone / p.name).read_bytes() == p.read_bytes() for p in mine.iterdir())


def test_parts_a_dirty_build_left_behind_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setattr(seo, "SITEMAP_INDEX_ABOVE", 10)
    monkeypatch.setattr(seo, "SITEMAP_PART_PAGES", 8)
    seo.write_sitemap(tmp_path, addresses(20))
    (tmp_path / "sitemap.xml").write_bytes(seo.sitemap_xml(addresses(3), addresses(3)).encode())  # moved in
    seo.prune_sitemap_parts(tmp_path)
    assert not list(tmp_path.glob("sitemap-*.xml"))
