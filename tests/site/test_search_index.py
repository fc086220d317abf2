"""What the build ships for the site search: Pagefind's index of the articles, and our script."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from digest.model import DigestError
from digest.site import pagefind_index
from digest.site.search_index import RANKING, TARGET, language_data


def fragments(site: Path) -> list[dict]:
    """Every page Pagefind indexed: its fragment (url, content, meta), decoded."""
    out = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        out.append(json.loads(raw[raw.index(b"{"):]))
    return out


@pytest.fixture(scope="module")
def indexed(built_site) -> list[dict]:
    return fragments(built_site)


def test_the_build_writes_a_pagefind_index_of_the_articles_only(built_site, indexed):
    assert (built_site / pagefind_index.ENTRY).is_file()
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    articles = {p.parent.name for p in (built_site / "articles").glob("*/index.html")}
    assert len(articles) == 3
    assert {f["url"].strip("/").split("/")[-1] for f in indexed} == articles
    assert all(f["url"].startswith("/articles/") for f in indexed)


def test_each_article_has_its_title_and_text(indexed, seed):
    for f in indexed:
        assert f["meta"]["title"] and f["content"].startswith(f["meta"]["title"])
    text = " ".join(f["content"] for f in indexed)
    assert "Сюэсян" in text and "Қошанов" in text


def test_materials_lunr_search_is_off(built_site):
    assert not (built_site / "search" / "search_index.json").exists()
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "data-digest-search" in html and 'data-md-component="search"' not in html


def test_the_script_embeds_the_stemmer_table_and_ranking_of_this_build(built_site):
    script = (built_site / TARGET).read_text(encoding="utf-8")
    data = json.dumps(language_data(pages=3), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    assert data in script  # the seed site's 3 articles weigh the query's words
    assert "Stemmer.prototype.readings" in script and "function rank(" in script
    assert language_data()["weights"] == RANKING


def test_the_javascript_sources_are_not_shipped_separately(built_site):
    assert not (built_site / "assets" / "javascripts" / "kazakh").exists()


def test_index_site_replaces_the_previous_index(tmp_path):
    page = tmp_path / "articles" / "a" / "index.html"
    page.parent.mkdir(parents=True)
    body = '<html lang="kk"><body><article class="md-content__inner"><h1>{}</h1><p>{}</p></article></body></html>'
    page.write_text(body.format("Бірінші", "Астанада жаңбыр жауды."), encoding="utf-8")
    pagefind_index.index_site(tmp_path)
    first = fragments(tmp_path)
    page.write_text(body.format("Екінші", "Алматыда қар жауды."), encoding="utf-8")
    pagefind_index.index_site(tmp_path)
    second = fragments(tmp_path)
    assert [f["meta"]["title"] for f in first] == ["Бірінші"]
    assert [f["meta"]["title"] for f in second] == ["Екінші"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "pagefind"]


def test_a_failing_pagefind_is_a_clear_error(tmp_path):
    with pytest.raises(DigestError, match="Pagefind"):
        pagefind_index.index_site(tmp_path / "missing")


def test_the_preview_is_indexed_in_the_background_and_again_after_a_change(tmp_path, caplog):
    page = tmp_path / "articles" / "a" / "index.html"
    page.parent.mkdir(parents=True)
    body = '<html lang="kk"><body><article class="md-content__inner"><h1>{}</h1><p>Мәтін.</p></article></body></html>'
    page.write_text(body.format("Бірінші"), encoding="utf-8")
    indexer = pagefind_index.PreviewIndexer()
    first = indexer.request(tmp_path)
    page.write_text(body.format("Екінші"), encoding="utf-8")  # a rebuild while it indexes
    second = indexer.request(tmp_path)
    first.join(120)
    second.join(120)
    assert [f["meta"]["title"] for f in fragments(tmp_path)] == ["Екінші"]
    broken = pagefind_index.PreviewIndexer().request(tmp_path / "missing")
    broken.join(120)
    assert "Pagefind" in caplog.text  # logged, not raised: the preview keeps serving
