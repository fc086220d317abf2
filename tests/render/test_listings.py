"""Pages cheap for MkDocs: listings and wrappers are raw HTML with working relative
links, big tags are capped, one-off discovered names get no page, pages stream."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
from urllib.parse import urljoin

import pytest

from digest.model import Tag
from digest.render import generate_pages, iter_pages
from digest.render.urls import page_url, root_of
from conftest import make_article
from tests.render.test_pages import KZ, TOKAYEV, TRADE, to_html

DISCOVERED = Tag("zeiin", "person", "Зейін", "Zeiin", discovered=True)
DISCOVERED_TWICE = Tag("gliwice", "place", "Гливице", "Gliwice", discovered=True)


def with_settings(config, **settings):
    return dataclasses.replace(config, settings={**config.settings, **settings})


@pytest.fixture(scope="module")
def articles():
    return [
        make_article("a", "Бірінші", dt.date(2024, 3, 1), tags=(KZ, TOKAYEV, DISCOVERED, DISCOVERED_TWICE)),
        make_article("b", "Екінші", dt.date(2024, 3, 2), tags=(KZ, TRADE, DISCOVERED_TWICE)),
        make_article("c", "Үшінші", None, tags=(TRADE,)),
    ]


def test_urls_follow_mkdocs_directory_urls():
    assert [page_url(p) for p in ("index.md", "archive.md", "tags/index.md", "tags/kz.md", "articles/x.md")] == \
        ["", "archive/", "tags/", "tags/kz/", "articles/x/"]
    assert [root_of(p) for p in ("index.md", "archive.md", "tags/kz.md")] == ["", "../", "../../"]


def test_pages_are_generated_one_at_a_time(articles, config):
    assert isinstance(iter_pages(articles, config), types.GeneratorType)
    assert dict(iter_pages(articles, config)) == generate_pages(articles, config)


def test_listings_are_raw_html_whose_links_reach_generated_pages(articles, config):
    pages = generate_pages(articles, config)
    urls = {"/" + page_url(path) for path in pages}
    for path, page in pages.items():
        if not path.startswith("articles/"):
            assert " markdown>" not in page, path  # no md_in_html on listings
        html = to_html(page)
        for href in re.findall(r'href="([^"]+)"', html):
            if href.startswith(("http", "#")):
                continue
            target = urljoin("/" + page_url(path), href)
            assert target in urls, (path, href, target)


def test_discovered_tag_on_one_article_has_no_page(articles, config):
    pages = generate_pages(articles, config)
    assert "tags/gliwice.md" in pages and "tags/kazakhstan.md" in pages and "tags/trade.md" in pages
    assert "tags/zeiin.md" not in pages
    article = to_html(pages["articles/a.md"])
    assert '<span class="digest-chip digest-chip--person digest-chip--nopage"><span class="digest-chip__kk">Зейін' \
        in article
    assert 'lang="en">Zeiin</span>' in article  # still searchable by its English label
    index = to_html(pages["tags/index.md"])
    assert "Зейін" in index and "tags/zeiin" not in index and 'href="../gliwice/"' not in index
    assert 'href="../tags/gliwice/"' in index
    # The threshold is a setting; a vocabulary tag always has its page.
    assert "tags/zeiin.md" in generate_pages(articles, with_settings(config, discovered_tag_min_articles=1))
    solo = generate_pages([make_article("s", "Жалғыз", tags=(TOKAYEV,))], config)
    assert "tags/kassym-jomart-tokayev.md" in solo


def test_large_tag_lists_older_articles_by_title(config):
    many = [make_article(f"n{i:02d}", f"Жаңалық {i}", dt.date(2020, 1, 1) + dt.timedelta(days=i), tags=(KZ,))
            for i in range(60)]
    page = to_html(generate_pages(many, with_settings(config, tag_page_cards=50))["tags/kazakhstan.md"])
    assert page.count('<article class="digest-card">') == 50
    for i in range(60):
        assert f'href="../../articles/n{i:02d}/"' in page
    # Newest first: the ten oldest are the titles after the cards.
    assert page.index("Жаңалық 59<") < page.index("Жаңалық 10<") < page.rindex("</article>") \
        < page.index("Жаңалық 9<") < page.index("Жаңалық 0<")


def test_timeline_page_lists_undated_events_of_the_newest_articles_only(config):
    from digest.model import TimelineEntry
    from digest.render.indexes import timeline_page

    undated = (TimelineEntry("өткен жылы", None, True, "Өткен жылы форум өтті."),)
    many = [make_article(f"u{i:02}", f"Мақала {i}", dt.date(2024, 1, 1) + dt.timedelta(days=i), timeline=undated)
            for i in range(5)]
    page = timeline_page(many, with_settings(config, timeline_undated_articles=2))
    assert page.count("digest-timeline--pending") == 2
    assert "Мақала 4" in page and "Мақала 3" in page and "Мақала 0" not in page
    assert "3 more articles" in page and "тағы 3 мақаланың" in page
    assert timeline_page(many, config).count("digest-timeline--pending") == 5


def test_tag_timeline_holds_the_events_of_the_articles_shown_as_cards(config):
    from digest.model import TimelineEntry
    from digest.render.indexes import tag_page

    def dated(slug, day, year):
        entry = TimelineEntry(f"{year} жылы", str(year), False, f"{year} жылы келісім жасалды.")
        return make_article(slug, f"Мақала {slug}", dt.date(2024, 1, day), tags=(KZ,), timeline=(entry,))

    page = tag_page(KZ, [dated("old", 1, 1991), dated("new", 2, 1992)], with_settings(config, tag_page_cards=1))
    assert '<time datetime="1992">' in page and '<time datetime="1991">' not in page


def test_a_long_timeline_has_a_page_per_year_by_month(config):
    from digest.model import TimelineEntry

    def dated(i):
        year, month = 2018 + i % 3, 1 + i % 12
        when = f"{year}-{month:02d}-{1 + i % 28:02d}" if i % 5 else str(year)
        return TimelineEntry(f"{year} жылы", when, False, f"Оқиға нөмірі {i}.", start=i)

    many = [make_article(f"t{i:02d}", f"Мақала {i}", dt.date(2024, 1, 1), timeline=(dated(i),)) for i in range(30)]
    one_page = generate_pages(many, config)
    assert [p for p in one_page if p.startswith("timeline/")] == ["timeline/index.md"]
    assert "Оқиға нөмірі 29." in one_page["timeline/index.md"]

    pages = generate_pages(many, with_settings(config, timeline_page_events=20))
    assert sorted(p for p in pages if p.startswith("timeline/")) == [
        "timeline/2018.md", "timeline/2019.md", "timeline/2020.md", "timeline/index.md"]
    front = to_html(pages["timeline/index.md"])
    assert "Оқиға нөмірі" not in front  # the years only, newest first, with their counts
    assert front.index('href="2020/"') < front.index('href="2019/"') < front.index('href="2018/"')
    assert "10 оқиға" in front and "/ 10 events" in front
    year = to_html(pages["timeline/2019.md"])
    # Every event of the year, none of the others', links two levels up, months as headings.
    assert sorted(re.findall(r"Оқиға нөмірі (\d+)\.", year), key=int) == [str(i) for i in range(30) if i % 3 == 1]
    assert 'href="../../articles/t01/"' in year
    assert 'href="../2018/" rel="prev"' in year and 'href="../2020/" rel="next"' in year
    months = re.findall(r'<h2 class="digest-year" id="m(\d\d)"', year)
    assert months == sorted(months) and len(months) >= 4
    assert year.index("Оқиға нөмірі 10.") < year.index('id="m')  # dated by the year alone: first


def test_a_long_archive_has_a_page_per_year_and_runs_of_undated_articles(config):
    many = [make_article(f"a{i:02d}", f"Мақала {i}", dt.date(2018 + i % 3, 1 + i % 12, 1) if i % 4 else None)
            for i in range(30)]
    one_page = generate_pages(many, config)
    assert [p for p in one_page if p.startswith("archive")] == ["archive.md"]
    assert "Мақала 29" in one_page["archive.md"]

    pages = generate_pages(many, with_settings(config, archive_page_articles=5))
    assert sorted(p for p in pages if p.startswith("archive")) == [
        "archive.md", "archive/2018.md", "archive/2019.md", "archive/2020.md",
        "archive/undated-1.md", "archive/undated-2.md"]
    front = to_html(pages["archive.md"])
    assert "Мақала" not in front  # its pages only, newest year first, with their counts
    links = re.findall(r'href="([^"]+)"', front)
    assert [link for link in links if not link.startswith("#")] == [
        "2020/", "2019/", "2018/", "undated-1/", "undated-2/"]
    assert "8 мақала" in front and "/ 8 articles" in front  # 2019: i % 3 == 1 and i % 4
    # Every article on exactly one page, linked two levels up.
    shown = {}
    for name in ("2018", "2019", "2020", "undated-1", "undated-2"):
        for n in re.findall(r"Мақала (\d+)<", to_html(pages[f"archive/{name}.md"])):
            shown.setdefault(int(n), []).append(name)
    assert sorted(shown) == list(range(30)) and all(len(v) == 1 for v in shown.values())
    assert all(shown[i] == [str(2018 + i % 3)] for i in range(30) if i % 4)
    year = to_html(pages["archive/2019.md"])
    assert 'href="../../articles/a01/"' in year
    assert 'href="../2020/" rel="prev"' in year and 'href="../2018/" rel="next"' in year
    months = re.findall(r'<h2 class="digest-year" id="m(\d\d)"', year)
    assert months == sorted(months, reverse=True) and len(months) >= 3  # newest month first
    undated = to_html(pages["archive/undated-2.md"])
    assert 'href="../undated-1/" rel="prev"' in undated and 'rel="next"' not in undated
    assert 'href="../"' in undated  # back to the archive's front page
    assert re.findall(r"Мақала (\d+)<", undated) == ["20", "24", "28"]  # file order, five a page


def test_counts_speak_english_in_the_singular_too(config):
    from digest.render.indexes import counted

    assert counted(3, "article_count", config) == '3 мақала <span lang="en">/ 3 articles</span>'
    assert counted(1, "article_count", config) == '1 мақала <span lang="en">/ 1 article</span>'
    assert counted(1, "events", config).endswith("/ 1 event</span>")
    older = dataclasses.replace(config, labels={k: v for k, v in config.labels.items() if not k.endswith("_one")})
    assert counted(1, "article_count", older).endswith("/ 1 articles</span>")  # no label: still builds


def test_a_big_tags_older_articles_are_on_pages_by_year(config):
    many = [make_article(f"k{i:02d}", f"Мақала {i}", dt.date(2018 + i % 3, 1 + i % 12, 1) if i % 4 else None,
                         tags=(KZ,)) for i in range(30)]
    small = generate_pages(many, with_settings(config, tag_page_cards=5))
    assert not any(p.startswith("tags/kazakhstan/") for p in small)  # 25 older titles: on the tag's page
    pages = generate_pages(many, with_settings(config, tag_page_cards=5, archive_page_articles=8))
    parts = sorted(p for p in pages if p.startswith("tags/kazakhstan/"))
    assert parts == ["tags/kazakhstan/2018.md", "tags/kazakhstan/2019.md", "tags/kazakhstan/2020.md",
                     "tags/kazakhstan/undated-1.md"]
    front = to_html(pages["tags/kazakhstan.md"])
    assert front.count('class="digest-card"') == 5
    assert [link for link in re.findall(r'href="([^"]+)"', front) if not link.startswith(("#", "../"))] == [
        "2020/", "2019/", "2018/", "undated-1/"]
    shown = re.findall(r'class="digest-card__title"><a href="../../articles/k(\d\d)/"', front)
    for name in parts:
        html = to_html(pages[name])
        assert 'href="../"' in html and "Kazakhstan" in html  # back to the tag's page, which it names
        shown += re.findall(r'href="../../../articles/k(\d\d)/"', html)
    assert sorted(map(int, shown)) == list(range(30))  # every article once: a card or on one page
