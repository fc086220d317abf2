"""The article page as a reader gets it: data in front matter, laid out by
theme/digest/article.html (built with MkDocs and Material)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
import yaml

from digest.model import Block, Tag, TimelineEntry
from digest.render import generate_pages
from digest.render.article_page import article_page, body
from digest.render.dates import day_heading, english_date, kazakh_date
from digest.render.view import date_kind, tag_view

from conftest import make_article
from tests.render.built import between, build_site, elements, page

KZ = Tag("kazakhstan", "place", "Қазақстан", "Kazakhstan", salience=0.9)
TOKAYEV = Tag("kassym-jomart-tokayev", "person", "Қасым-Жомарт Тоқаев", "Kassym-Jomart Tokayev", salience=0.95)
TRADE = Tag("trade", "topic", "Сауда", "Trade", salience=0.5)
# A name the vocabulary lacks: no English name, its Latin spelling instead, no page (seen once).
DING = Tag("din-siuesian", "person", "Дин Сюэсян", None, discovered=True, latin="Din Siuesian", salience=0.7)
MANY = tuple(Tag(f"t{i}", "topic", f"Тақырып {i}", f"Topic {i}", salience=0.1 - i / 100) for i in range(6))


def body_of(page_text: str) -> tuple[dict, str]:
    """Split generated Markdown into its front matter and its body."""
    assert page_text.startswith("---\n")
    _, meta, rest = page_text.split("---\n", 2)
    return yaml.safe_load(meta), rest


def _with(article, **changes):
    return dataclasses.replace(article, **changes)


@pytest.fixture(scope="module")
def articles():
    forum = _with(make_article(
        "forum", "Астанада форум өтті", dt.date(2024, 3, 15), url="https://example.org/forum",
        tags=(TRADE, *MANY, KZ, DING, TOKAYEV),  # not in salience order: the page sorts them
        timeline=(
            TimelineEntry("2023 жылғы 12 қыркүйекте", "2023-09-12", False, "Келіссөздер басталды."),
            TimelineEntry("1991 жылы", "1991", False, "Тәуелсіздік алды."),
            TimelineEntry("өткен жылы", None, True, "Өткен жылы сауда өсті."),
        )), date_source="front-matter", related=("content/second.txt", "content/gone.txt", "content/third.txt"),
        summary=("Астанада форум өтті.", "Тараптар келісті."))
    second = _with(make_article("second", "Екінші жаңалық", dt.date(2024, 3, 15), tags=(KZ,)), date_source="git")
    third = _with(make_article("third", "Үшінші жаңалық", dt.date(2024, 3, 14), tags=(KZ, TRADE)),
                  date_source="text")
    blocks = tuple(b for n in range(3) for b in (Block("heading", f"Бөлім {n}"), Block("paragraph", f"Мәтін {n}.")))
    long = make_article("long", "Ұзын мақала", None, blocks=blocks)
    return [forum, second, third, long]


@pytest.fixture(scope="module")
def site(articles, config, tmp_path_factory):
    return build_site(articles, config, tmp_path_factory.mktemp("pages"))


@pytest.fixture(scope="module")
def forum_html(site):
    return page(site, "articles/forum/")


def test_kazakh_dates_read_as_editors_write_them(config):
    assert kazakh_date("2019-10-03", config) == "2019 жылғы 3 қазан"
    assert kazakh_date("2024-03", config) == "2024 жылғы наурыз"
    assert kazakh_date("1991", config) == "1991 жыл"
    assert english_date("2019-10-03", config) == "3 October 2019"
    assert day_heading(dt.date(2024, 3, 15), config) == {
        "iso": "2024-03-15", "kk": "15 наурыз 2024, жұма", "en": "Friday, 15 March 2024"}
    assert day_heading(dt.date(2026, 12, 7), config)["kk"] == "7 желтоқсан 2026, дүйсенбі"


def test_the_date_says_what_kind_of_date_it_is(articles):
    forum, second, third, long = articles
    assert [date_kind(a) for a in (forum, second, third, long)] == ["published", "added", "published", None]


def test_a_tag_without_english_shows_its_latin_spelling_never_as_english():
    view = tag_view(DING, with_page=set())
    assert view == {"kind": "person", "kk": "Дин Сюэсян", "latin": "Din Siuesian"}  # no English, no page
    assert tag_view(KZ)["url"] == "tags/kazakhstan/"


def test_article_text_is_markdown_and_stays_text():
    blocks = (Block("paragraph", "<script>alert(1)</script> 1. {{ config }}"), Block("heading", "# Бөлім"),
              Block("speaker", "Асқар, экономист"), Block("quote", "Иә.", speaker="Асқар, экономист"),
              Block("paragraph", "– Жоқ, – деді ол."))
    text = body(blocks)
    assert "<script" not in text and "\\# Бөлім" in text and "## " in text
    assert "> Иә\\." in text and "> — Асқар, экономист" in text and "{: .digest-speech }" in text


def test_article_front_matter_is_data_for_the_template(articles, config):
    meta, text = body_of(generate_pages(articles, config)["articles/forum.md"])
    assert meta["template"] == "digest/article.html"
    view = meta["article"]
    assert [t["kk"] for t in view["tags"][:3]] == ["Қасым-Жомарт Тоқаев", "Қазақстан", "Дин Сюэсян"]
    assert [r["title"] for r in view["related"]] == ["Екінші жаңалық", "Үшінші жаңалық"]  # gone.txt: not in site
    assert view["date"] == {"iso": "2024-03-15", "kk": "2024 жылғы 15 наурыз", "en": "15 March 2024"}
    assert "<" not in text.replace("&lt;", "")  # the body is Markdown: no HTML built in Python
    assert meta["hide"] == ["navigation", "toc"]  # one heading: no table of contents
    assert body_of(generate_pages(articles, config)["articles/long.md"])[0]["hide"] == ["navigation"]


def test_the_summary_comes_before_the_tags_and_the_text(forum_html):
    summary = forum_html.index('class="digest-summary"')
    assert forum_html.index("Астанада форум өтті.", summary) < forum_html.index('class="digest-chips"')
    assert forum_html.index('class="digest-chips"') < forum_html.index('class="digest-body"')


def test_six_principal_tags_then_the_rest_behind_plus_n(forum_html):
    chips = between(forum_html, '<div class="digest-chips" role="navigation"', "</div>\n")
    shown, rest = chips.split("<details", 1)
    assert shown.count('class="digest-chip ') == 6
    assert "Қасым-Жомарт Тоқаев" in shown and "Қазақстан" in shown  # most salient first
    assert re.search(r"<summary[^>]*>\+4<", rest) and rest.count('class="digest-chip ') == 5  # 4 + the summary
    assert "Сауда" in shown and "Тақырып 2" in rest and "Тақырып 5" in rest


def test_a_discovered_tag_without_a_page_is_no_link_and_its_latin_is_not_english(forum_html):
    chip = re.search(r'<span class="digest-chip digest-chip--person digest-chip--nopage"[^>]*>.*?</span></span>',
                     forum_html).group(0)
    assert "Дин Сюэсян" in chip and 'lang="kk-Latn">Din Siuesian' in chip and 'lang="en"' not in chip
    assert 'href="../../tags/din-siuesian/"' not in forum_html


def test_byline_says_published_or_added(site, forum_html):
    assert "Жарияланды" in forum_html and "Published" in forum_html
    assert '<time datetime="2024-03-15">2024 жылғы 15 наурыз' in forum_html
    second = page(site, "articles/second/")
    assert "Дайджестке қосылды" in second and ">Added<" in second and "Жарияланды" not in second
    assert "Оқу уақыты" in forum_html and "Reading time" in forum_html


def test_own_timeline_dates_in_kazakh_with_the_phrase_as_evidence(forum_html):
    timeline = between(forum_html, 'class="digest-timeline-section"', "</section>")
    assert timeline.index("1991") < timeline.index("2023 жылғы 12 қыркүйек") < timeline.index("өткен жылы")
    assert '<q class="digest-timeline__expr">2023 жылғы 12 қыркүйекте</q>' in timeline


def test_related_articles_most_related_first(forum_html):
    related = between(forum_html, 'class="digest-related"', "</section>")
    assert "Ұқсас жаңалықтар" in related and ">Related<" in related
    links = re.findall(r'href="([^"]+)"', related)
    assert links == ["../../articles/second/", "../../articles/third/"]


def test_table_of_contents_only_from_three_headings(site, forum_html):
    sidebar = re.compile(r'<div class="md-sidebar md-sidebar--secondary"[^>]*data-md-type="toc" ?(hidden)?>')
    assert sidebar.search(forum_html).group(1) == "hidden"
    long = page(site, "articles/long/")
    assert sidebar.search(long).group(1) is None
    assert "Бөлім 2" in between(long, "md-sidebar--secondary", "</nav>")


def test_search_reads_the_article_text_not_the_labels_summary_or_timeline(forum_html):
    """Search (digest/site/pagefind_index.py) skips what carries data-search-exclude."""
    region = between(forum_html, "data-pagefind-body", 'class="digest-timeline-section"')
    assert "Тараптар келісті." in region and "Астанада форум өтті" in region
    content = between(forum_html, 'class="md-content__inner', '<footer class="md-footer"')
    visible = re.sub(r"<(\w+)[^>]*data-search-exclude[^>]*>.*?</\1>", "", content, flags=re.S)
    for label in ("Түйіндеме", "Жарияланды", "Оқу уақыты", "Дереккөз", "Хронология", "тағы тег"):
        assert label in content and label not in visible, label
    assert "2024 жылғы 15 наурыз" in visible and "Kazinform" in visible  # the date and source stay


def test_no_generator_credit(forum_html):
    assert "squidfunk" not in forum_html and "MkDocs Material" not in forum_html


def test_english_is_marked_and_every_label_is_bilingual(forum_html):
    for tag, attrs in elements(forum_html):
        if attrs.get("class") == "digest-label__en":
            assert attrs.get("lang") == "en"
    for kk, en in (("Түйіндеме", "Summary"), ("Хронология", "Timeline"), ("Тегтер", "Tags")):
        assert kk in forum_html and en in forum_html


def test_hostile_text_stays_text(config, tmp_path):
    evil = '<img src=x onerror="alert(1)"> {{ config }}'
    article = _with(make_article("evil", evil, dt.date(2024, 1, 1), source=evil,
                                 tags=(Tag("evil", "topic", evil, evil),)), summary=(evil,))
    html = page(build_site([article], config, tmp_path), "articles/evil/")
    assert "<img src=x" not in html and "&lt;img src=x" in html
    assert "{{ config }}" in html  # printed, not evaluated


def test_a_lead_image_is_shown_from_the_site_itself(config, tmp_path):
    from digest.model import Meta

    article = make_article("pic", "Суреті бар", dt.date(2024, 1, 1))
    doc = dataclasses.replace(article.document, meta=Meta(image="images/pic.png"))
    config = dataclasses.replace(config, root=tmp_path)
    (tmp_path / "content" / "images").mkdir(parents=True)
    (tmp_path / "content" / "images" / "pic.png").write_bytes(b"\x89PNG fake")
    site = build_site([_with(article, document=doc)], config, tmp_path / "out")
    assert '<img src="../../images/pic.png" alt="Суреті бар"' in page(site, "articles/pic/")
    assert (site / "images" / "pic.png").read_bytes() == b"\x89PNG fake"


def test_the_byline_names_the_author_outside_the_search_index(config, tmp_path):
    from digest.model import Meta

    article = make_article("by", "Авторы бар", dt.date(2024, 1, 1))
    doc = dataclasses.replace(article.document, meta=Meta(author="Әлия <Сейіт>"))
    html = page(build_site([_with(article, document=doc)], config, tmp_path), "articles/by/")
    byline = between(html, 'class="digest-meta"', "</p>")
    item = between(byline, "Авторы", "</span>\n")
    assert "Author" in item and "Әлия &lt;Сейіт&gt;" in byline
    assert re.search(r'<span class="digest-meta__item" data-search-exclude data-pagefind-ignore>[^\n]*Әлия', byline)
    plain = page(build_site([article], config, tmp_path / "plain"), "articles/by/")
    assert "Авторы" not in between(plain, 'class="digest-meta"', "</p>")


def test_article_page_without_anything_optional_still_renders(config):
    bare = make_article("bare", "Жалаң", None, source=None)
    meta, _ = body_of(article_page(bare, config))
    assert "date" not in meta["article"] and "related" not in meta["article"]
