"""What the build ships for the site search: Pagefind's index of the articles, and our script."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from digest.model import DigestError
from digest.site import pagefind_index
from digest.site.search_index import RANKING, TARGET, language_data


def fragments_in(folder: Path) -> list[dict]:
    """Every page a Pagefind index (``folder``) holds: its fragment (url, content, meta), decoded."""
    out = []
    for path in sorted((folder / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        out.append(json.loads(raw[raw.index(b"{"):]))
    return out


def fragments(site: Path) -> list[dict]:
    """Every page the site's (first) search index holds."""
    return fragments_in(site / "pagefind")


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


# --- segments ---------------------------------------------------------------------------------

ARTICLE = ('<html lang="kk"><head><title>{title}</title></head><body><article class="md-content__inner">'
           '<div class="digest-article" data-pagefind-body><h1>{title}</h1><div><p>{text}</p></div></div>'
           '<section class="digest-related"><a href="/x/">{related}</a></section></article></body></html>')


def write_article(site: Path, slug: str, title: str, text: str = "Мәтін.", related: str = "Басқа") -> Path:
    page = site / "articles" / slug / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(ARTICLE.format(title=title, text=text, related=related), encoding="utf-8")
    return page


def test_the_indexed_part_is_the_pagefind_body_with_the_title_and_language():
    html = ARTICLE.format(title="Атау", text="Мәтін", related="Ұқсас").encode()
    part = pagefind_index.indexed_part(html)
    assert part.startswith(b'<html lang="kk">') and "<title>Атау</title>".encode() in part
    assert part.endswith(b"</p></div></div>") and "Ұқсас".encode() not in part
    # markup it cannot follow, or no body marked: the whole page counts
    assert pagefind_index.indexed_part(html.replace(b"</div></div>", b"")) == html.replace(b"</div></div>", b"")
    plain = b"<html><body><p>text</p></body></html>"
    assert pagefind_index.indexed_part(plain) == plain


def test_pages_fall_into_segments_by_address_and_size(tmp_path):
    for n in range(7):
        write_article(tmp_path, f"a{n}", f"Атау {n}")
    one = pagefind_index.plan(tmp_path)
    three = pagefind_index.plan(tmp_path, pages_per_segment=2)
    assert len(one) == 1 and len(one[0].pages) == 7
    assert 2 <= len(three) <= pagefind_index.segment_count(7, 2) == 4
    assert sorted(p for s in three for p in s.pages) == sorted(one[0].pages)
    write_article(tmp_path, "a7", "Жаңа")  # one more page: only its own segment's fingerprint moves
    after = pagefind_index.plan(tmp_path, pages_per_segment=2)
    changed = [a.number for a, b in zip(three, after) if a.fingerprint != b.fingerprint]
    assert len(changed) == 1 and "articles/a7/index.html" in after[changed[0]].pages
    write_article(tmp_path, "a7", "Жаңа", related="Басқа ұқсас")  # not indexed: no change
    assert pagefind_index.plan(tmp_path, pages_per_segment=2) == after


def test_a_rebuild_indexes_again_only_the_segments_whose_text_changed(tmp_path):
    for n in range(6):
        write_article(tmp_path, f"a{n}", f"Атау {n}", text=f"Мәтін{n}")
    segments = pagefind_index.plan(tmp_path, pages_per_segment=2)
    assert len(segments) >= 2 and all(s.pages for s in segments)  # no empty segment
    assert pagefind_index.index_site(tmp_path, pages_per_segment=2) == len(segments)
    folders = [tmp_path / s.folder for s in segments]
    assert folders[0] == tmp_path / "pagefind" and folders[1] == tmp_path / "pagefind" / "part-1"
    for segment, folder in zip(segments, folders):
        assert sorted(f["url"] for f in fragments_in(folder)) == sorted(
            "/" + page.removesuffix("index.html") for page in segment.pages)
    assert json.loads((folders[0] / pagefind_index.SEGMENT_FILE).read_text())["of"] == len(segments)
    assert pagefind_index.index_site(tmp_path, pages_per_segment=2) == 0  # nothing changed
    changed = segments[-1].pages[0]
    write_article(tmp_path, changed.split("/")[1], "Атау", text="Жаңа мәтін")
    assert pagefind_index.index_site(tmp_path, pages_per_segment=2) == 1
    assert any("Жаңа" in f["content"] for f in fragments_in(folders[-1]))
    for page in segments[-1].pages:  # a segment's pages gone: fewer segments, every one again
        shutil.rmtree((tmp_path / page).parent)
    fewer = pagefind_index.plan(tmp_path, pages_per_segment=2)
    assert pagefind_index.index_site(tmp_path, pages_per_segment=2) == len(fewer) < len(segments)
    assert not (tmp_path / segments[-1].folder).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "pagefind"]  # no staging left


def test_the_setting_splits_the_built_sites_index(tmp_path):
    from conftest import make_project, run_digest

    project = make_project(tmp_path / "project")
    settings = project / "site_config" / "digest.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\nsearch_segment_pages: 1\n", encoding="utf-8")
    result = run_digest(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    record = json.loads((site / "pagefind" / pagefind_index.SEGMENT_FILE).read_text())
    assert record["of"] >= 2 and (site / "pagefind" / "part-1" / "pagefind-entry.json").is_file()
    urls = [f["url"] for n in range(record["of"])
            for f in fragments_in(site / "pagefind" / (f"part-{n}" if n else ""))]
    assert sorted(urls) == sorted(f"/articles/{p.parent.name}/" for p in (site / "articles").glob("*/index.html"))


EXTRA = {
    "2024-05-01-ara.md": "---\ndate: 2024-05-01\n---\nБал арасы өсіру\n\nАуылда бал арасын өсіретін шаруа көбейді. Омарта шаруашылығы жылдан жылға дамып келеді.\n",
    "2024-05-02-zhuzim.md": "---\ndate: 2024-05-02\n---\nЖүзім жинау басталды\n\nБақшада жүзім пісіп, жинау науқаны басталды. Жинау бір ай бойы жалғасады.\n",
    "2024-05-03-kitap.md": "---\ndate: 2024-05-03\n---\nКітапхана жаңарды\n\nКітапханаға жаңа сөрелер мен оқу залы қосылды. Оқырмандар саны артты.\n",
}
ADDED = ("2024-05-04-kun.md",
         "---\ndate: 2024-05-04\n---\nКүнбағыс егістігі\n\nДаладағы күнбағыс егістігі гүлдеді. Егіншілер мол өнім күтеді.\n")


def test_adding_an_article_indexes_again_only_its_segment(tmp_path):
    from conftest import make_project, run_digest

    project = make_project(tmp_path / "project", EXTRA)
    settings = project / "site_config" / "digest.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\nsearch_segment_pages: 3\n", encoding="utf-8")
    assert run_digest(project, "build").returncode == 0
    site = project / "site"
    before = pagefind_index.plan(site, 3)
    assert len(before) == 2  # 6 articles
    entries = {s.folder: (site / s.folder / "pagefind-entry.json").stat().st_mtime_ns for s in before}
    (project / "content" / ADDED[0]).write_text(ADDED[1], encoding="utf-8")
    result = run_digest(project, "build")
    assert result.returncode == 0 and "incremental" in result.stdout + result.stderr
    after = pagefind_index.plan(site, 3)
    assert len(after) == 2  # 7 articles: still two segments
    changed = [s for s, old in zip(after, before) if s.fingerprint != old.fingerprint]
    assert len(changed) == 1
    for segment in after:  # the other segment's index is the one the first build wrote
        moved = (site / segment.folder / "pagefind-entry.json").stat().st_mtime_ns != entries[segment.folder]
        assert moved == (segment is changed[0])
    texts = " ".join(f["content"] for f in fragments_in(site / changed[0].folder))
    assert "Күнбағыс" in texts
