"""The listings as readers get them (built through theme/digest/*.html): the
home page by day with a lead story, tag pages with their feeds, the archive
as dated rows, the timeline; links that reach pages; big listings split."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest

from digest.model import Tag, TimelineEntry
from digest.render import generate_pages, iter_pages
from digest.render.urls import page_url, root_of

from conftest import make_article
from tests.render.built import between, build_site, elements, page
from tests.render.test_pages import KZ, MANY, TOKAYEV, TRADE, body_of

DISCOVERED = Tag("zeiin", "person", "Зейін", None, discovered=True, latin="Zeiin")
DISCOVERED_TWICE = Tag("gliwice", "place", "Гливице", "Gliwice", discovered=True)


def with_settings(config, **settings):
    if dataclasses.is_dataclass(config.settings):
        return dataclasses.replace(config, settings=dataclasses.replace(config.settings, **settings))
    return dataclasses.replace(config, settings={**config.settings, **settings})


def _summary(article, *sentences):
    return dataclasses.replace(article, summary=sentences)


@pytest.fixture(scope="module")
def articles():
    return [
        _summary(make_article("a", "Бірінші", dt.date(2024, 3, 1), tags=(KZ, TOKAYEV, DISCOVERED, DISCOVERED_TWICE)),
                 "Бірінші сөйлем.", "Екінші сөйлем."),
        _summary(make_article("b", "Екінші", dt.date(2024, 3, 2), tags=(KZ, TRADE, DISCOVERED_TWICE, *MANY)),
                 "Жаңа жаңалықтың бас сөйлемі.", "Оның жалғасы."),
        make_article("a2", "Сол күнгі", dt.date(2024, 3, 2), tags=(KZ,)),
        make_article("c", "Үшінші", None, tags=(TRADE,)),
    ]


@pytest.fixture(scope="module")
def site(articles, config, tmp_path_factory) -> Path:
    return build_site(articles, config, tmp_path_factory.mktemp("listings"))


def test_urls_follow_mkdocs_directory_urls():
    assert [page_url(p) for p in ("index.md", "archive.md", "tags/index.md", "tags/kz.md", "articles/x.md")] == \
        ["", "archive/", "tags/", "tags/kz/", "articles/x/"]
    assert [root_of(p) for p in ("index.md", "archive.md", "tags/kz.md")] == ["", "../", "../../"]


def test_pages_are_generated_one_at_a_time(articles, config):
    assert isinstance(iter_pages(articles, config), types.GeneratorType)
    assert dict(iter_pages(articles, config)) == generate_pages(articles, config)


def test_listings_are_data_for_their_templates(articles, config):
    for path, text in generate_pages(articles, config).items():
        meta, body = body_of(text)
        assert meta["template"].startswith("digest/") and (path.startswith("articles/") or not body.strip())


def test_every_link_of_the_built_site_reaches_a_page(site):
    for html_file in site.rglob("*.html"):
        if html_file.name == "404.html":  # served at any address: its links go through site_url
            continue
        url = "/" + str(html_file.parent.relative_to(site)).strip(".") + "/"
        url = url.replace("//", "/")
        for tag, attrs in elements(html_file.read_text("utf-8")):
            href = attrs.get("href") if tag == "a" else None
            if not href or href.startswith(("http", "#", "mailto")):
                continue
            target = urlsplit(urljoin(url, href)).path
            path = site / target.lstrip("/")
            assert path.is_file() or (path / "index.html").is_file(), (html_file, href)


def test_home_groups_the_newest_first_under_days_in_both_languages(site):
    home = page(site, "")
    days = re.findall(r'<h2 class="digest-day__heading"[^>]*>(.*?)</h2>', home)
    assert "2 наурыз 2024, сенбі" in days[0] and "Saturday, 2 March 2024" in days[0]
    assert "1 наурыз 2024, жұма" in days[1] and "Күні белгісіз" in days[2]
    assert home.index(">Екінші<") < home.index(">Сол күнгі<") < home.index(">Бірінші<") < home.index(">Үшінші<")
    assert not re.search(r"бүгін|today", home, re.I)


def test_the_newest_leads_with_its_summary_the_others_are_compact(site):
    home = page(site, "")
    lead = between(home, '<article class="digest-card digest-card--lead">', "</article>")
    # the whole summary, a paragraph a sentence
    assert re.search(r">Жаңа жаңалықтың бас сөйлемі\.</p>\s*<p[^>]*>Оның жалғасы\.</p>", lead)
    other = between(home, ">Бірінші<", "</article>")
    assert "Бірінші сөйлем." in other and "Екінші сөйлем." not in other  # first sentence only
    for card in re.findall(r'<article class="digest-card[^"]*">.*?</article>', home, re.S):
        assert card.count('class="digest-chip digest-chip--') - card.count("digest-chip--more") <= 6
    assert re.search(r'class="digest-chip digest-chip--more" href="articles/b/">\+3<', lead)


def test_discovered_tag_on_one_article_has_no_page_and_looks_it(articles, config, site):
    pages = generate_pages(articles, config)
    assert "tags/gliwice.md" in pages and "tags/kazakhstan.md" in pages and "tags/zeiin.md" not in pages
    article = page(site, "articles/a/")
    assert re.search(r'<span class="digest-chip digest-chip--person digest-chip--nopage" title="[^"]+">'
                     r'<span class="digest-chip__kk">Зейін</span> <span class="digest-chip__en digest-chip__latin" '
                     r'lang="kk-Latn">Zeiin</span>', article)
    index = page(site, "tags/")
    assert "Зейін" in index and "tags/zeiin" not in index and 'href="../tags/gliwice/"' in index
    # The threshold is a setting; a vocabulary tag always has its page.
    assert "tags/zeiin.md" in generate_pages(articles, with_settings(config, discovered_tag_min_articles=1))
    assert "tags/kassym-jomart-tokayev.md" in generate_pages([make_article("s", "Жалғыз", tags=(TOKAYEV,))], config)


def test_tag_page_shows_labels_kind_count_and_its_feed(site):
    tag = page(site, "tags/kazakhstan/")
    assert "<h1>Қазақстан" in tag and 'lang="en">Kazakhstan' in tag
    assert "Орындар" in tag and "3 мақала" in tag and "/ 3 articles" in tag
    alternate = [a for t, a in elements(tag) if t == "link" and a.get("rel") == "alternate"
                 and urljoin("/tags/kazakhstan/", a.get("href", "")) == "/tags/kazakhstan/feed.xml"]
    assert alternate and alternate[0]["type"] == "application/atom+xml"
    assert 'href="../../tags/kazakhstan/feed.xml"' in tag


def test_tag_feed_parses_and_lists_the_tags_articles_newest_first(site):
    feed = feedparser.parse((site / "tags" / "kazakhstan" / "feed.xml").read_bytes())
    assert not feed.bozo and feed.feed.title.startswith("Қазақстан · Kazakhstan")
    assert [e.title for e in feed.entries] == ["Екінші", "Сол күнгі", "Бірінші"]
    assert feed.entries[-1].link == "https://example.org/digest/articles/a/"
    assert not (site / "tags" / "zeiin").exists()  # no page, no feed


def test_tag_feed_holds_the_newest_fifty(config, tmp_path):
    from digest.site.feed import tag_feeds

    many = [make_article(f"n{i:02d}", f"Жаңалық {i}", dt.date(2020, 1, 1) + dt.timedelta(days=i), tags=(KZ,))
            for i in range(60)]
    ((path, make, key),) = tag_feeds(many, config, "https://x.kz/")
    feed = feedparser.parse(make())
    assert path == "tags/kazakhstan/feed.xml" and len(feed.entries) == 50
    assert feed.entries[0].title == "Жаңалық 59" and feed.entries[-1].title == "Жаңалық 10"
    assert key() == tag_feeds(many, config, "https://x.kz/")[0][2]()
    assert key() == tag_feeds(many[1:], config, "https://x.kz/")[0][2]()  # the oldest was not in it
    assert key() != tag_feeds(many[:-1], config, "https://x.kz/")[0][2]()


def test_a_tag_feed_with_an_undated_entry_is_made_again_when_the_build_time_changes(config, monkeypatch):
    from digest.site.feed import tag_feeds

    dated = [make_article("a", "Бір", dt.date(2024, 3, 15), tags=(KZ,))]
    undated = [*dated, make_article("b", "Екі", None, tags=(KZ,))]
    keys = {}
    for epoch in ("1700000000", "1800000000"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        keys[epoch] = [tag_feeds(articles, config, "https://x.kz/")[0][2]() for articles in (dated, undated)]
    assert keys["1700000000"][0] == keys["1800000000"][0]  # no entry shows the build time
    assert keys["1700000000"][1] != keys["1800000000"][1]  # the undated entry's <updated> is the build time


def test_feed_entries_carry_their_six_most_salient_tags(config):
    from digest.site.feed import build_feed

    tags = tuple(dataclasses.replace(KZ, id=f"t{i}", kk=f"Тег {i}", salience=i / 10) for i in range(9))
    feed = feedparser.parse(build_feed([make_article("a", "Бір", dt.date(2024, 3, 15), tags=tags)],
                                       config, "https://x.kz/"))
    assert [c.term for c in feed.entries[0].tags] == ["t8", "t7", "t6", "t5", "t4", "t3"]


def test_archive_is_dated_rows_by_month_not_a_bullet_list(site):
    archive = page(site, "archive/")
    content = between(archive, "<h1", '<footer class="md-footer">')
    assert "<ul" not in content
    assert re.search(r'<h2 class="digest-month__heading" id="m2024-03">.*Наурыз 2024.*March 2024', content)
    assert content.count('<li class="digest-row">') == 4
    assert '<time datetime="2024-03-02">' in content and "Күні белгісіз мақалалар" in content


def test_large_tag_lists_older_articles_as_rows(config):
    many = [make_article(f"n{i:02d}", f"Жаңалық {i}", dt.date(2020, 1, 1) + dt.timedelta(days=i), tags=(KZ,))
            for i in range(60)]
    view = body_of(generate_pages(many, with_settings(config, tag_page_cards=50))["tags/kazakhstan.md"])[0]["view"]
    assert len(view["cards"]) == 50 and len(view["older"]) == 10
    assert view["cards"][0]["title"] == "Жаңалық 59" and view["older"][-1]["title"] == "Жаңалық 0"
    assert not any("tags" in card for card in view["cards"])  # the tag's own page: no chips on its cards


def test_timeline_page_lists_undated_events_of_the_newest_articles_only(config):
    from digest.render.indexes import timeline_page

    undated = (TimelineEntry("өткен жылы", None, True, "Өткен жылы форум өтті."),)
    many = [make_article(f"u{i:02}", f"Мақала {i}", dt.date(2024, 1, 1) + dt.timedelta(days=i), timeline=undated)
            for i in range(5)]
    view = body_of(timeline_page(many, with_settings(config, timeline_undated_articles=2)))[0]["view"]
    assert [p["article"]["title"] for p in view["pending"]] == ["Мақала 4", "Мақала 3"]
    assert "3 more articles" in view["more_undated"]["en"] and "тағы 3 мақаланың" in view["more_undated"]["kk"]
    assert len(body_of(timeline_page(many, config))[0]["view"]["pending"]) == 5


def test_tag_timeline_holds_the_events_of_the_articles_shown_as_cards(config):
    from digest.render.indexes import tag_page

    def dated(slug, day, year):
        entry = TimelineEntry(f"{year} жылы", str(year), False, f"{year} жылы келісім жасалды.")
        return make_article(slug, f"Мақала {slug}", dt.date(2024, 1, day), tags=(KZ,), timeline=(entry,))

    view = body_of(tag_page(KZ, [dated("old", 1, 1991), dated("new", 2, 1992)],
                            with_settings(config, tag_page_cards=1)))[0]["view"]
    assert [e["when"]["iso"] for e in view["events"]] == ["1992"]


def _dated_event(i):
    year, month = 2018 + i % 3, 1 + i % 12
    when = f"{year}-{month:02d}-{1 + i % 28:02d}" if i % 5 else str(year)
    return TimelineEntry(f"{year} жылы", when, False, f"Оқиға нөмірі {i}.", start=i)


def test_a_long_timeline_has_a_page_per_year_by_month(config, tmp_path):
    many = [make_article(f"t{i:02d}", f"Мақала {i}", dt.date(2024, 1, 1), timeline=(_dated_event(i),))
            for i in range(30)]
    assert [p for p in generate_pages(many, config) if p.startswith("timeline/")] == ["timeline/index.md"]
    small = with_settings(config, timeline_page_events=20)
    pages = generate_pages(many, small)
    assert sorted(p for p in pages if p.startswith("timeline/")) == [
        "timeline/2018.md", "timeline/2019.md", "timeline/2020.md", "timeline/index.md"]
    site = build_site(many, small, tmp_path)
    front = page(site, "timeline/")
    assert "Оқиға нөмірі" not in front  # the years only, newest first, with their counts
    assert front.index('href="2020/"') < front.index('href="2019/"') < front.index('href="2018/"')
    assert "10 оқиға" in front and "/ 10 events" in front
    year = page(site, "timeline/2019/")
    assert sorted(re.findall(r"Оқиға нөмірі (\d+)\.", year), key=int) == [str(i) for i in range(30) if i % 3 == 1]
    assert 'href="../../articles/t01/"' in year
    assert 'href="../2018/" rel="prev"' in year and 'href="../2020/" rel="next"' in year
    months = re.findall(r'<h2 class="digest-year" id="m(\d\d)"', year)
    assert months == sorted(months) and len(months) >= 4
    assert year.index("Оқиға нөмірі 10.") < year.index('id="m')  # dated by the year alone: first


def test_a_long_archive_has_a_page_per_year_and_runs_of_undated_articles(config, tmp_path):
    many = [make_article(f"a{i:02d}", f"Мақала {i}", dt.date(2018 + i % 3, 1 + i % 12, 1) if i % 4 else None)
            for i in range(30)]
    assert [p for p in generate_pages(many, config) if p.startswith("archive")] == ["archive.md"]
    small = with_settings(config, archive_page_articles=5)
    pages = generate_pages(many, small)
    assert sorted(p for p in pages if p.startswith("archive")) == [
        "archive.md", "archive/2018.md", "archive/2019.md", "archive/2020.md",
        "archive/undated-1.md", "archive/undated-2.md"]
    site = build_site(many, small, tmp_path)
    front = between(page(site, "archive/"), "<h1", '<footer class="md-footer">')
    assert re.findall(r'href="([^"#]+)"', front) == ["2020/", "2019/", "2018/", "undated-1/", "undated-2/"]
    assert "8 мақала" in front and "/ 8 articles" in front  # 2019: i % 3 == 1 and i % 4
    shown: dict[int, list[str]] = {}
    for name in ("2018", "2019", "2020", "undated-1", "undated-2"):
        for n in re.findall(r"Мақала (\d+)<", page(site, f"archive/{name}/")):
            shown.setdefault(int(n), []).append(name)
    assert sorted(shown) == list(range(30)) and all(len(v) == 1 for v in shown.values())
    year = page(site, "archive/2019/")
    assert 'href="../../articles/a01/"' in year
    assert 'href="../2020/" rel="prev"' in year and 'href="../2018/" rel="next"' in year
    undated = page(site, "archive/undated-2/")
    assert 'href="../undated-1/" rel="prev"' in undated and 'rel="next"' not in undated
    assert re.findall(r"Мақала (\d+)<", undated) == ["20", "24", "28"]  # file order, five a page


def test_counts_speak_english_in_the_singular_too(config):
    from digest.render.view import count_view

    assert count_view(3, "article_count", config) == {"n": 3, "kk": "мақала", "en": "articles"}
    assert count_view(1, "article_count", config)["en"] == "article"
    assert count_view(1, "events", config)["en"] == "event"
    older = dataclasses.replace(config, labels={k: v for k, v in config.labels.items() if not k.endswith("_one")})
    assert count_view(1, "article_count", older)["en"] == "articles"  # no label: still builds


def test_a_big_tags_older_articles_are_on_pages_by_year(config, tmp_path):
    many = [make_article(f"k{i:02d}", f"Мақала {i}", dt.date(2018 + i % 3, 1 + i % 12, 1) if i % 4 else None,
                         tags=(KZ,)) for i in range(30)]
    assert not any(p.startswith("tags/kazakhstan/") and p.endswith(".md")
                   for p in generate_pages(many, with_settings(config, tag_page_cards=5)))
    small = with_settings(config, tag_page_cards=5, archive_page_articles=8)
    parts = sorted(p for p in generate_pages(many, small) if p.startswith("tags/kazakhstan/"))
    assert parts == ["tags/kazakhstan/2018.md", "tags/kazakhstan/2019.md", "tags/kazakhstan/2020.md",
                     "tags/kazakhstan/undated-1.md"]
    site = build_site(many, small, tmp_path)
    front = between(page(site, "tags/kazakhstan/"), "<h1", '<footer class="md-footer">')
    assert front.count('<article class="digest-card">') == 5
    assert [link for link in re.findall(r'href="([^"]+)"', front) if not link.startswith(("#", "../"))] == [
        "2020/", "2019/", "2018/", "undated-1/"]
    shown = re.findall(r'class="digest-card__title"><a href="../../articles/k(\d\d)/"', front)
    for name in parts:
        html = page(site, name[:-3] + "/")
        assert 'href="../"' in html and "Kazakhstan" in html  # back to the tag's page, which it names
        shown += re.findall(r'class="digest-row__title" href="../../../articles/k(\d\d)/"', html)
    assert sorted(map(int, shown)) == list(range(30))  # every article once: a card or on one page


def test_an_empty_site_says_so_in_both_languages(config, tmp_path):
    site = build_site([], config, tmp_path)
    for url in ("", "archive/"):
        assert "Әзірге мақала жоқ" in page(site, url) and 'lang="en">No articles yet<' in page(site, url)
    assert "Тег табылмады" in page(site, "tags/") and "Күні көрсетілген оқиға әзірге жоқ" in page(site, "timeline/")
