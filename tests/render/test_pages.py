"""The page generators: bilingual labels, lang="en", <time datetime>, headings in order."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import markdown
import pytest
import yaml

from digest.model import Article, Block, Tag, TimelineEntry
from digest.render import generate_pages
from digest.render.article_page import article_page
from digest.render.dates import english_date, kazakh_date, time_element
from digest.render.indexes import archive_page, collect_tags, home_page, tag_page, tags_index, timeline_page
from digest.site.raw_html import RawBlockExtension

from conftest import make_article

# mkdocs.yml's extensions, and the digest plugin's (digest/site/raw_html.py).
EXTENSIONS = ["attr_list", "tables", "toc", RawBlockExtension()]


KZ = Tag("kazakhstan", "place", "Қазақстан", "Kazakhstan")
TOKAYEV = Tag("kassym-jomart-tokayev", "person", "Қасым-Жомарт Тоқаев", "Kassym-Jomart Tokayev")
TRADE = Tag("trade", "topic", "Сауда", "Trade")


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    dated = make_article(
        "forum", "Астанада форум өтті", dt.date(2024, 3, 15), tags=(TOKAYEV, KZ, TRADE),
        url="https://example.org/forum",
        timeline=(
            TimelineEntry("2023 жылғы 12 қыркүйекте", "2023-09-12", False, "Келіссөздер басталды."),
            TimelineEntry("1991 жылы", "1991", False, "Тәуелсіздік алды."),
            TimelineEntry("2024 жылдың ақпанында", "2024-02", False, "Келіссөздер аяқталды."),
        ),
    )
    undated = make_article(
        "undated", "Күні жоқ жаңалық", None, tags=(KZ,), source=None,
        timeline=(TimelineEntry("Өткен жылы", None, True, "Өткен жылы сауда өсті."),),
    )
    no_tags = make_article("weather", "Ауа райы: ертең жаңбыр", dt.date(2024, 1, 5))
    return [undated, no_tags, dated]


def body_of(page: str) -> tuple[dict, str]:
    """Split generated Markdown into its front matter and its body."""
    assert page.startswith("---\n")
    _, meta, body = page.split("---\n", 2)
    return yaml.safe_load(meta), body


def to_html(page: str) -> str:
    return markdown.markdown(body_of(page)[1], extensions=EXTENSIONS)


class Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))


def heading_levels(html: str) -> list[int]:
    parser = Headings()
    parser.feed(html)
    return parser.levels


def assert_headings_in_order(html: str) -> None:
    levels = heading_levels(html)
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"skipped a level: {levels}"


def assert_bilingual(html: str, *pairs: tuple[str, str]) -> None:
    for kk, en in pairs:
        assert kk in html, kk
        assert re.search(rf'<span[^>]*lang="en"[^>]*>{re.escape(en)}</span>', html), en


# ---- dates ---------------------------------------------------------------

def test_kazakh_and_english_dates(config):
    assert kazakh_date("2024-03-15", config) == "2024 жылғы 15 наурыз"
    assert kazakh_date("2024-09", config) == "2024 жылғы қыркүйек"
    assert kazakh_date("1992", config) == "1992 жыл"
    assert english_date("2024-03-15", config) == "15 March 2024"
    assert english_date("2024-09", config) == "September 2024"


def test_time_element_carries_iso_and_both_languages(config):
    html = time_element("2024-12-01", config)
    assert html.startswith('<time datetime="2024-12-01">')
    assert "желтоқсан" in html and '<span class="digest-label__en" lang="en">1 December 2024</span>' in html
    assert time_element("1992", config) == '<time datetime="1992">1992</time>'


# ---- article page ----------------------------------------------------------

def test_article_page_labels_in_both_languages(articles, config):
    html = to_html(article_page(articles[2], config))
    assert_bilingual(html, ("Түйіндеме", "Summary"), ("Тегтер", "Tags"), ("Хронология", "Timeline"),
                     ("Дереккөз", "Source"), ("Жарияланған", "Published"), ("Оқу уақыты", "Reading time"),
                     ("Басты бет", "Home"), ("Түпнұсқа", "Original"))
    assert '<time datetime="2024-03-15">2024 жылғы 15 наурыз' in html
    assert '<time datetime="2023-09-12">2023 жылғы 12 қыркүйек' in html


def test_article_page_structure(articles, config):
    page = article_page(articles[2], config)
    meta, _ = body_of(page)
    assert meta["hide"] == ["navigation"]  # not in the nav: no empty sidebar
    html = to_html(page)
    assert_headings_in_order(html)
    assert '<nav class="digest-crumbs"' in html and 'href="../../"' in html
    assert '<a class="digest-chip digest-chip--person" href="../../tags/kassym-jomart-tokayev/">' in html
    assert '<span class="digest-chip__en" lang="en">Kassym-Jomart Tokayev</span>' in html
    assert "<h2" in html and "Инвестиция мен сауда</h2>" in html
    assert '<footer class="digest-quote__speaker">— Асқар Смағұлов, экономист</footer>' in html
    assert 'class="digest-quote digest-quote--speech"' in html
    assert 'href="https://example.org/forum"' in html
    # The article's timeline runs in time order.
    assert html.index('datetime="1991"') < html.index('datetime="2023-09-12"') < html.index('datetime="2024-02"')


def test_article_without_tags_or_date(articles, config):
    html = to_html(article_page(articles[0], config))
    assert_headings_in_order(html)
    assert_bilingual(html, ("Күні белгісіз", "Date unknown"), ("Жариялану күніне қатысты", "relative to publication"))
    weather = to_html(article_page(articles[1], config))
    assert "digest-chips" not in weather
    assert_headings_in_order(weather)


def test_article_text_stays_text(config):
    hostile = make_article("x", "<script>alert(1)</script> # [a](javascript:b)",
                           blocks=(Block("paragraph", "<img src=x onerror=alert(1)>"),
                                   Block("paragraph", "– <b>сөз</b>, – деді ол.")))
    html = to_html(article_page(hostile, config))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert 'href="javascript' not in html


# ---- cross-article pages --------------------------------------------------

def test_home_page_newest_first_with_bilingual_cards(articles, config):
    page = home_page(articles, config)
    meta, _ = body_of(page)
    assert meta["digest"]["labels"]["not_found"] == {"kk": "Бет табылмады", "en": "Page not found"}
    html = to_html(page)
    assert_headings_in_order(html)
    assert html.index("Астанада форум өтті") < html.index("Ауа райы") < html.index("Күні жоқ жаңалық")
    assert_bilingual(html, ("Соңғы жаңалықтар", "Latest news"), ("Дереккөз", "Source"), ("Тегтер", "Tags"))
    assert '<time datetime="2024-01-05">' in html


def test_home_card_caps_many_tags(config):
    many = tuple(Tag(f"t{i}", "topic", f"Тақырып {i}", f"Topic {i}") for i in range(14))
    html = to_html(home_page([make_article("many", "Көп тег", tags=many)], config))
    assert html.count('class="digest-chip digest-chip--topic"') == 10
    assert "+4" in html and 'href="articles/many/"' in html


def test_tags_index_and_tag_page(articles, config):
    tags = collect_tags(articles)
    index = to_html(tags_index(tags, config))
    assert_headings_in_order(index)
    assert_bilingual(index, ("Тегтер", "Tags"), ("Тұлғалар", "People"), ("Орындар", "Places"))
    assert "](" not in index  # every chip became a link
    assert index.index("Тұлғалар") < index.index("Орындар") < index.index("Тақырыптар")
    tag, tagged = tags["kazakhstan"]
    page = to_html(tag_page(tag, tagged, config))
    assert_headings_in_order(page)
    assert heading_levels(page)[:3] == [1, 2, 3]  # cards sit under "Articles with this tag"
    assert '<span class="digest-h1-en" lang="en">Kazakhstan</span>' in page
    assert_bilingual(page, ("Осы тегі бар мақалалар", "Articles with this tag"))


def test_tags_index_without_tags(config):
    html = to_html(tags_index({}, config))
    assert_bilingual(html, ("Тег табылмады", "No tags found"))


def test_timeline_page_groups_by_year_with_month_names(articles, config):
    html = to_html(timeline_page(articles, config))
    assert_headings_in_order(html)
    years = re.findall(r'<h2 class="digest-year" id="y(\d+)"', html)
    assert years == ["1991", "2023", "2024"]
    assert '<time datetime="2024-02">2024 жылғы ақпан' in html and ">February 2024</span>" in html
    assert_bilingual(html, ("Күні анықталмаған оқиғалар", "Undated events"),
                     ("Жариялану күніне қатысты", "relative to publication"))
    assert 'href="../articles/forum/"' in html
    assert 'class="digest-timeline digest-timeline--pending"' in html


def test_timeline_page_without_events(config):
    html = to_html(timeline_page([make_article("a", "Жаңалық")], config))
    assert_headings_in_order(html)
    assert_bilingual(html, ("Күні көрсетілген оқиға әзірге жоқ", "No dated events yet"))


def test_archive_and_every_generated_page_has_ordered_headings(articles, config):
    assert_headings_in_order(to_html(archive_page(articles, config)))
    for path, page in generate_pages(articles, config).items():
        html = to_html(page)
        assert_headings_in_order(html)
        # Every English label is marked as English.
        for label in ("Summary", "Timeline", "Tags", "Source"):
            for match in re.finditer(rf">{label}<", html):
                assert 'lang="en"' in html[max(0, match.start() - 80):match.start()], (path, label)
