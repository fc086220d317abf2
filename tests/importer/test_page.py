"""digest/importer/page.py: trafilatura's article and metadata, cleaned as a pasted text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from digest.importer.fetch import Page, read_saved_page
from digest.importer.page import extract_page, without_tracking
from digest.model import DigestError

FIXTURES = Path(__file__).parent / "fixtures"


def page(name: str) -> Page:
    return read_saved_page(FIXTURES / name)


def html_page(html: str, url: str | None = None) -> Page:
    return Page(html.encode("utf-8"), "inline.html", url)


def test_metadata_from_open_graph_article_meta_and_json_ld(config):
    article = extract_page(page("news_article.html"), config)
    assert article.title == "Павлодарда жаңа көпір ашылды"
    assert article.date == dt.date(2024, 3, 15)  # article:published_time, not article:modified_time
    assert article.source == "Ертіс таңы"
    assert article.url == "https://ertis-tany.example.kz/kk/news/2024/03/15/pavlodarda-zhana-kopir-ashyldy"
    assert article.author == "Айгүл Серікқызы"
    assert article.warnings == ()


def test_boilerplate_is_dropped_and_paragraphs_kept(config):
    article = extract_page(page("news_article.html"), config)
    text = "\n".join(article.paragraphs)
    for boilerplate in ("Telegram", "оқылды", "Оқи отырыңыз", "Тақырыпқа қатысты",
                        "Ертіс үстіндегі ескі көпір", "Екібастұзда жол жөнделді", "Барлық құқықтар",
                        "Тағы оқыңыз", "Екібастұзда жаңа саябақ", "Ақсуда мектеп жөнделді"):
        assert boilerplate not in text
    assert len(article.paragraphs) == 4
    assert article.paragraphs[0].startswith("Павлодар қаласында Ертіс өзені")
    assert article.paragraphs[-1].startswith("Келесі жылы көпірдің")
    # the headline is the front matter's title, not repeated as the first paragraph
    assert all(p != article.title for p in article.paragraphs)
    # what the ingest cleaning dropped (trafilatura left these in the main text)
    assert any("Telegram" in line for line in article.removed)
    assert any("оқылды" in line for line in article.removed)


def test_date_from_json_ld_and_source_from_its_publisher(config):
    article = extract_page(page("saved_page.html"), config)
    assert article.date == dt.date(2023, 11, 2)
    assert article.source == "Дала хабары"
    assert article.author == "Нұрлан Бекұлы"
    # no canonical link: the address the browser recorded when saving
    assert article.url == "https://dala-habary.example.kz/kk/society/ekibastuzda-kitaphana-ashyldy"
    assert "![" not in "\n".join(article.paragraphs)
    assert article.images[0].endswith("kitaphana-lead.jpg")


def test_date_from_a_time_element_and_source_from_the_host(config):
    article = extract_page(page("time_only.html"), config)
    assert article.date == dt.date(2022, 6, 7)
    assert article.source == "kokshe-aqparat.example.kz"
    assert article.url == "https://www.kokshe-aqparat.example.kz/news/koksetauda-qar-tazalau"  # utm_ dropped
    assert article.author is None
    assert not any("Instagram" in p for p in article.paragraphs)


def test_no_date_in_the_markup_is_a_warning_not_a_guess_from_the_text(config):
    html = (FIXTURES / "time_only.html").read_text("utf-8").replace(
        '<time datetime="2022-06-07">7 маусым 2022</time>', "2019 жылы басталған жоба")
    article = extract_page(html_page(html), config)
    assert article.date is None
    assert any("no publication date" in w for w in article.warnings)


@pytest.mark.parametrize("name, reason", [
    ("section_front.html", "calls itself 'website'"),
    ("search_page.html", "list of articles"),
    ("empty_page.html", "no text"),
])
def test_pages_that_are_not_articles_are_refused(config, name, reason):
    with pytest.raises(DigestError, match=reason) as raised:
        extract_page(page(name), config)
    assert raised.value.path.endswith(name)


def test_a_section_front_without_og_type_is_refused_for_its_few_words(config):
    html = (FIXTURES / "section_front.html").read_text("utf-8").replace(
        '<meta property="og:type" content="website">', "").replace(
        'href="https://ertis-tany.example.kz/kk/society"', 'href="https://ertis-tany.example.kz/kk/obshchestvo-kk"')
    with pytest.raises(DigestError, match="words of text"):
        extract_page(html_page(html), config)


def test_a_russian_article_is_imported_with_a_warning(config):
    article = extract_page(page("russian_article.html"), config)
    assert article.title == "В Павлодаре открыли новый мост"
    assert article.warnings == ("the text reads as Russian, not Kazakh (imported all the same)",)


def test_tracking_parameters_and_fragments_leave_the_address():
    assert without_tracking("https://a.kz/n/1?utm_source=tg&id=5&fbclid=x#top") == "https://a.kz/n/1?id=5"


def test_short_speech_subheadings_and_paragraphs_with_links_stay(config):
    html = (FIXTURES / "news_article.html").read_text("utf-8").replace("<p>Жобаға", (
        "<p>– Біз қуаныштымыз, – деді ол.</p>\n"
        '<p>Жоба туралы <a href="/x">толық ақпарат</a> облыс әкімдігінің <a href="/y">сайтында</a> берілген.</p>\n'
        "<h2>Құрылыс қалай жүрді</h2>\n<p>Жобаға"))
    paragraphs = extract_page(html_page(html), config).paragraphs
    assert paragraphs[2:5] == ("– Біз қуаныштымыз, – деді ол.",
                               "Жоба туралы толық ақпарат облыс әкімдігінің сайтында берілген.",
                               "Құрылыс қалай жүрді")
