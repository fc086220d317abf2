"""render_site writes only what changed, and skips making article pages whose inputs did not."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

import digest.render as render
from digest.model import Tag
from digest.render import FACTS_FILE, generate_pages, render_site
from conftest import make_article
from tests.render.test_pages import KZ, TRADE

GOV = Tag("government", "organization", "Үкімет", "Government", discovered=True)


@pytest.fixture
def made(monkeypatch):
    """The slugs of the article pages made (not skipped) by each render."""
    slugs: list[str] = []
    real = render.article_page

    def counting(article, *args, **kwargs):
        slugs.append(article.slug)
        return real(article, *args, **kwargs)

    monkeypatch.setattr(render, "article_page", counting)
    return slugs


def _articles():
    return [make_article("a", "Бірінші", dt.date(2024, 3, 1), tags=(KZ, GOV)),
            make_article("b", "Екінші", dt.date(2024, 3, 2), tags=(KZ, TRADE)),
            make_article("c", "Үшінші", None, tags=(TRADE,))]


def _files(docs):
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*.md"))}


def test_unchanged_article_pages_are_not_made_again(tmp_path, config, made):
    docs = tmp_path / "docs"
    articles = _articles()
    render_site(articles, config, docs, generation="g1")
    assert sorted(made) == ["a", "b", "c"]
    first = _files(docs)
    made.clear()
    result = render_site(articles, config, docs, generation="g1")
    assert made == [] and result.written == []
    assert _files(docs) == first == {k: v.encode() for k, v in generate_pages(articles, config).items()}


def test_what_an_article_page_shows_decides_whether_it_is_made_again(tmp_path, config, made):
    docs = tmp_path / "docs"
    articles = _articles()
    render_site(articles, config, docs, generation="g1")

    made.clear()  # a changed article
    changed = [dataclasses.replace(articles[0], summary=("Жаңа түйін.",)), *articles[1:]]
    render_site(changed, config, docs, generation="g1")
    assert made == ["a"]

    made.clear()  # another article puts GOV on two articles: its tag page now exists, and a links to it
    gov_twice = [*changed[:2], dataclasses.replace(changed[2], tags=(TRADE, GOV))]
    render_site(gov_twice, config, docs, generation="g1")
    assert sorted(made) == ["a", "c"]
    assert '"url":"tags/government/"' in (docs / "articles" / "a.md").read_text("utf-8")

    made.clear()  # other labels or code: every page
    render_site(gov_twice, config, docs, generation="g2")
    assert sorted(made) == ["a", "b", "c"]

    made.clear()  # a page edited or deleted by hand is made again
    (docs / "articles" / "b.md").write_text("edited", "utf-8")
    (docs / "articles" / "c.md").unlink()
    render_site(gov_twice, config, docs, generation="g2")
    assert sorted(made) == ["b", "c"]
    assert _files(docs) == {k: v.encode() for k, v in generate_pages(gov_twice, config).items()}


def test_without_a_generation_every_page_is_made(tmp_path, config, made):
    render_site(_articles(), config, tmp_path, generation="")
    render_site(_articles(), config, tmp_path, generation="")
    assert len(made) == 6


def test_facts_name_every_page(tmp_path, config):
    render_site(_articles(), config, tmp_path)
    facts = json.loads((tmp_path / FACTS_FILE).read_text("utf-8"))
    assert set(facts) == set(generate_pages(_articles(), config))
    assert facts["articles/a.md"]["kind"] == "article" and facts["articles/a.md"]["date"] == "2024-03-01"
    assert facts["tags/kazakhstan.md"] == {"kind": "tag"} and facts["index.md"] == {"kind": "home"}


def test_a_tag_page_is_made_again_only_when_one_of_its_articles_changes(tmp_path, config, monkeypatch):
    made: list[str] = []
    real = render.tag_page
    monkeypatch.setattr(render, "tag_page", lambda tag, *a, **k: made.append(tag.id) or real(tag, *a, **k))
    docs = tmp_path / "docs"
    articles = _articles()
    render_site(articles, config, docs, generation="g1")
    assert sorted(made) == ["kazakhstan", "trade"]

    made.clear()
    render_site(articles, config, docs, generation="g1")
    assert made == []

    made.clear()  # c carries only TRADE: the Kazakhstan page stays
    changed = [*articles[:2], dataclasses.replace(articles[2], title="Жаңа тақырып")]
    render_site(changed, config, docs, generation="g1")
    assert made == ["trade"]
    assert "Жаңа тақырып" in (docs / "tags" / "trade.md").read_text("utf-8")
    assert _files(docs) == {k: v.encode() for k, v in generate_pages(changed, config).items()}


def test_an_article_read_from_a_file_is_known_by_its_bytes_and_slug(tmp_path, config, made):
    """The page key of an article with a content hash covers its file (path and
    bytes), slug and linked tags; the rest follows from those. Warnings are
    not shown on pages: a "slug taken" warning that goes once the slug is
    recorded in slugs.lock.yml makes no page again (every duplicate title's
    page was, in the first build after a site's first)."""
    def from_file(article, content_hash, **changes):
        return dataclasses.replace(article, document=dataclasses.replace(article.document, content_hash=content_hash),
                                   **changes)

    docs = tmp_path / "docs"
    articles = [from_file(a, f"hash-{a.slug}") for a in _articles()]
    render_site(articles, config, docs, generation="g1")
    made.clear()
    render_site(articles, config, docs, generation="g1")
    assert made == []
    edited = [from_file(articles[0], "hash-a-edited", summary=("Жаңа.",)), *articles[1:]]
    renamed = [*edited[:2], dataclasses.replace(edited[2], slug="c-2", warnings=("slug taken",))]
    render_site(renamed, config, docs, generation="g1")
    assert sorted(made) == ["a", "c-2"]
    made.clear()
    quiet = [*renamed[:2], dataclasses.replace(renamed[2], warnings=())]
    render_site(quiet, config, docs, generation="g1")
    assert made == []


def test_warnings_alone_make_no_page_again(tmp_path, config, made):
    docs = tmp_path / "docs"
    articles = _articles()
    render_site(articles, config, docs, generation="g1")
    made.clear()
    render_site([dataclasses.replace(a, warnings=("slug taken",)) for a in articles], config, docs, generation="g1")
    assert made == []


def test_an_article_is_made_again_when_a_related_articles_title_changes(tmp_path, config, made):
    docs = tmp_path / "docs"
    a, b, c = _articles()
    a = dataclasses.replace(a, related=(b.path,))
    render_site([a, b, c], config, docs, generation="g1")
    assert f'"title":"{b.title}"' in (docs / "articles" / "a.md").read_text("utf-8")
    made.clear()
    renamed = dataclasses.replace(b, title="Жаңа атау")
    render_site([a, renamed, c], config, docs, generation="g1")
    assert sorted(made) == ["a", "b"]  # a lists b's title; c does not
    assert '"title":"Жаңа атау"' in (docs / "articles" / "a.md").read_text("utf-8")
