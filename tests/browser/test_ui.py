"""The bilingual reader's interface in a real browser (Playwright + Debian's chromium).

Each page kind is loaded at a phone (390 px) and a desktop (1280 px) width, in
the light and the dark palette: labels in both languages, English marked
lang="en", no horizontal scrolling, headings in order, no serious or critical
axe-core violation. The news layout besides: the summary's first sentence on
a phone's first screen, at most 6 tags on a card and above the fold of an
article ("+N" opens the rest without JavaScript), related articles that lead
to them, a tag's feed that parses. Screenshots go to test-artifacts/ (look at them).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import make_project, run_digest, serve_site

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
SCHEMES = ("light", "dark")

pytestmark = pytest.mark.browser

if not CHROMIUM.exists():
    if os.environ.get("DIGEST_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{CHROMIUM} is missing and DIGEST_REQUIRE_BROWSER=1", pytrace=False)
    pytest.skip(f"{CHROMIUM} is missing (set DIGEST_REQUIRE_BROWSER=1 to fail instead)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")


def site_path_prefix() -> str:
    """The path of site_url ("/digest/"): the 404 page links to its assets through it."""
    match = re.search(r"^site_url:\s*(\S+)", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    path = urlparse(match.group(1)).path if match else "/"
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


# Short articles of our own (not third-party text), dated by front matter, so
# that the home page has days and tags have several articles.
OWN_ARTICLES = {
    "2024-03-15-astana-forum.txt": (
        "---\ndate: 2024-03-15\nsource: Digest test\n---\n"
        "Астанада халықаралық инвестициялық форум өтті.\n"
        "Астанада халықаралық инвестициялық форум өтті. Форумға Қазақстан мен Беларусь өкілдері қатысты. "
        "Тараптар сауда көлемін арттыру туралы келісті.\n"
        "Қасым-Жомарт Тоқаев форумда сөз сөйлеп, 2019 жылғы 3 қазанда басталған бағдарламаны атап өтті.\n"),
    "2024-03-14-minsk-talks.txt": (
        "---\ndate: 2024-03-14\nsource: Digest test\n---\n"
        "Минскіде Қазақстан мен Беларусь келіссөз жүргізді.\n"
        "Минскіде Қазақстан мен Беларусь үкіметтерінің келіссөзі өтті. Екі ел ауыл шаруашылығы саласында "
        "бірлескен жоба бастайды.\nКелесі кездесу 2025 жылы Астанада өтеді.\n"),
}
SEED_DATES = {"000": "2024-03-15", "002": "2024-03-13", "004": "2024-03-14"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The seed articles, dated by their front matter, and two short ones of our own."""
    project = make_project(tmp_path_factory.mktemp("newssite") / "project", OWN_ARTICLES)
    for number, date in SEED_DATES.items():
        (path,) = (project / "content").glob(f"{number}_*.txt")
        path.write_text(f"---\ndate: {date}\n---\n" + path.read_text("utf-8"), "utf-8")
    result = run_digest(project, "build", env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def year_site(tmp_path_factory) -> Path:
    """The seed site with a timeline page per year (as past 1,000 events), an
    archive in pages (as past 1,000 articles) and big tags' older articles on
    pages of their own."""
    project = make_project(tmp_path_factory.mktemp("yearsite") / "project", OWN_ARTICLES)
    settings = project / "site_config" / "digest.yml"
    text = settings.read_text("utf-8")
    assert "timeline_page_events: 1000" in text and "archive_page_articles: 1000" in text
    settings.write_text(text.replace("timeline_page_events: 1000", "timeline_page_events: 1")
                        .replace("archive_page_articles: 1000", "archive_page_articles: 1")
                        .replace("tag_page_cards: 50", "tag_page_cards: 1"), "utf-8")
    result = run_digest(project, "build", env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def base_url(site):
    with serve_site(site, site_path_prefix()) as url:
        yield url


@pytest.fixture(scope="module")
def year_base_url(year_site):
    with serve_site(year_site, site_path_prefix()) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def axe():
    return axe_module.Axe()


def first_dir(site: Path, section: str, need: str = "") -> str:
    """The first page of a section whose HTML contains ``need``."""
    for page in sorted((site / section).glob("*/index.html")):
        if need in page.read_text(encoding="utf-8"):
            return f"/{section}/{page.parent.name}/"
    pytest.fail(f"no page under {section}/ contains {need!r}")


# Page kind → (how to find its URL, labels that must show in both languages).
PAGES = {
    "home": (lambda site: "/", [("15 наурыз 2024, жұма", "Friday, 15 March 2024"), ("Жаңалықтар дайджесті", "News digest")]),
    "article": (
        lambda site: first_dir(site, "articles", "digest-source"),
        [("Түйіндеме", "Summary"), ("Хронология", "Timeline"), ("Дереккөз", "Source"),
         ("Оқу уақыты", "Reading time"), ("Басты бет", "Home"), ("Жарияланды", "Published")],
    ),
    "tags": (lambda site: "/tags/", [("Тегтер", "Tags"), ("Тұлғалар", "People"), ("Орындар", "Places")]),
    "tag": (lambda site: "/tags/belarus/", [("Осы тегі бар мақалалар", "Articles with this tag"),
                                            ("Осы тегтің арнасы", "This tag's feed")]),
    "archive": (lambda site: "/archive/", [("Мұрағат", "Archive"), ("Наурыз 2024", "March 2024")]),
    "timeline": (lambda site: "/timeline/", [("Хронология", "Timeline")]),
    "404": (lambda site: "/404.html", [("Бет табылмады", "Page not found"), ("Басты бетке оралу", "Back to the home page")]),
    # A long timeline: the years on /timeline/, a page per year by month (YEAR_SITE_PAGES).
    "timeline-years": (lambda site: "/timeline/", [("Хронология", "Timeline"), ("Күні анықталмаған оқиғалар",
                                                                                "Undated events")]),
    "timeline-year": (lambda site: first_dir(site, "timeline"), [("Хронология", "Timeline")]),
    # A long archive: its pages on /archive/ (the seeds are undated: runs of undated articles).
    "archive-parts": (lambda site: "/archive/", [("Мұрағат", "Archive"), ("Күні белгісіз", "Date unknown")]),
    "archive-part": (lambda site: "/archive/undated-1/", [("Мұрағат", "Archive"), ("Күні белгісіз", "Date unknown")]),
    "tag-part": (lambda site: first_tag_part(site), [("Күні белгісіз", "Date unknown")]),
}
YEAR_SITE_PAGES = {"timeline-years", "timeline-year", "archive-parts", "archive-part", "tag-part"}


def first_tag_part(site: Path) -> str:
    """The first page of a big tag's older articles (/tags/<id>/<part>/)."""
    found = sorted(p.parent.relative_to(site).as_posix() for p in (site / "tags").glob("*/undated-*/index.html"))
    assert found, "no tag has pages of older articles"
    return "/" + found[0] + "/"


# Where the first sentence of an article's summary ends on the page (px from
# the top of the document, the page scrolled to its top), or null without one.
FIRST_SENTENCE_BOTTOM = """(() => {
  const p = document.querySelector('.digest-summary p');
  if (!p || !p.firstChild) return null;
  const text = p.firstChild.textContent;
  const end = text.search(/[.!?…](\\s|$)/);
  const range = document.createRange();
  range.setStart(p.firstChild, 0);
  range.setEnd(p.firstChild, end < 0 ? text.length : end + 1);
  const rects = [...range.getClientRects()];
  return Math.max(...rects.map(r => r.bottom)) + window.scrollY;
})()"""
# The tag chips a reader sees without opening anything: per card on listings,
# and on an article's own page (those behind its closed "+N" are not shown).
VISIBLE_CHIPS = """(() => {
  const seen = el => el.getClientRects().length > 0;
  const chips = root => [...root.querySelectorAll('.digest-chip:not(.digest-chip--more)')].filter(seen).length;
  return {cards: [...document.querySelectorAll('.digest-card')].map(chips),
          article: document.querySelector('.digest-article') ? chips(document.querySelector('.digest-article')) : null};
})()"""


@pytest.fixture(scope="module")
def loaded(browser, base_url, site, year_base_url, year_site, axe):
    """Load every page kind at every width and palette once; keep what the tests check."""
    ARTIFACTS.mkdir(exist_ok=True)
    results = {}
    for scheme in SCHEMES:
        for width_name, (width, height) in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
            page = context.new_page()
            for kind, (url_of, labels) in PAGES.items():
                root, address = (year_site, year_base_url) if kind in YEAR_SITE_PAGES else (site, base_url)
                page.goto(address + url_of(root))
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(ARTIFACTS / f"{kind}-{width}-{scheme}.png"), full_page=True)
                violations = axe.run(page).response["violations"]
                results[kind, width_name, scheme] = {
                    "lang": page.evaluate("document.documentElement.lang"),
                    "scroll": page.evaluate(
                        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                    ),
                    "headings": page.evaluate(
                        "[...document.querySelectorAll('.md-content h1, .md-content h2, .md-content h3,"
                        " .md-content h4, .md-content h5, .md-content h6')]"
                        ".filter(h => h.offsetParent !== null).map(h => +h.tagName[1])"
                    ),
                    "english": page.evaluate(
                        "[...document.querySelectorAll('[lang=en]')].map(e => e.textContent.trim())"
                    ),
                    "text": page.evaluate("document.body.textContent"),
                    "visible": page.evaluate("document.body.innerText"),
                    "serious": [
                        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                        for v in violations if v["impact"] in ("serious", "critical")
                    ],
                    "search": page.get_attribute(".md-search__input", "placeholder"),
                    "summary_first_sentence_bottom": page.evaluate(FIRST_SENTENCE_BOTTOM),
                    "chips": page.evaluate(VISIBLE_CHIPS),
                    "primary_sidebar": page.evaluate(
                        "(() => { const s = document.querySelector('.md-sidebar--primary');"
                        " return s ? s.getBoundingClientRect().width > 0 && getComputedStyle(s).display !== 'none'"
                        " && !s.hasAttribute('hidden') : false })()"
                    ),
                }
            context.close()
    return results


CASES = [(kind, width, scheme) for kind in PAGES for width in WIDTHS for scheme in SCHEMES]
IDS = [f"{k}-{w}-{s}" for k, w, s in CASES]


@pytest.mark.parametrize(("kind", "width", "scheme"), CASES, ids=IDS)
def test_page_speaks_kazakh_with_english_beside(loaded, kind, width, scheme):
    result = loaded[kind, width, scheme]
    assert result["lang"] == "kk"
    assert "іздеу" in (result["search"] or "").lower()  # the search box speaks Kazakh
    for kk, en in PAGES[kind][1]:
        assert kk in result["text"], kk
        assert en in result["english"], f"{en!r} is not marked lang=en"


@pytest.mark.parametrize(("kind", "width", "scheme"), CASES, ids=IDS)
def test_no_horizontal_scroll(loaded, kind, width, scheme):
    scroll_width, client_width = loaded[kind, width, scheme]["scroll"]
    assert scroll_width <= client_width, f"{kind} scrolls sideways at {width}: {scroll_width} > {client_width}"


@pytest.mark.parametrize(("kind", "width", "scheme"), CASES, ids=IDS)
def test_headings_in_order(loaded, kind, width, scheme):
    levels = loaded[kind, width, scheme]["headings"]
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, levels


@pytest.mark.parametrize(("kind", "width", "scheme"), CASES, ids=IDS)
def test_no_serious_axe_violations(loaded, kind, width, scheme):
    assert loaded[kind, width, scheme]["serious"] == []


def test_article_pages_have_no_empty_sidebar(loaded):
    # Articles are not in the nav: the left sidebar is hidden on desktop.
    for scheme in SCHEMES:
        assert not loaded["article", "desktop", scheme]["primary_sidebar"]


def test_kazakh_interface_translation_has_no_english_left(loaded):
    text = loaded["article", "desktop", "light"]["visible"]
    for english in ("Table of contents", "Back to top", "Search", "Made with"):
        assert english not in text


def test_a_long_archive_links_its_pages(loaded, year_site):
    parts = sorted(p.parent.name for p in (year_site / "archive").glob("*/index.html"))
    assert parts == ["2024", "undated-1", "undated-2", "undated-3"]
    text = loaded["archive-parts", "phone", "light"]["visible"]
    assert "1 мақала" in text and "/ 1 article" in text and "/ 1 articles" not in text
    page = loaded["archive-part", "phone", "light"]["visible"]
    assert "Мұрағат" in page and "→" in page  # back to the front page, on to the next run


def test_a_long_timeline_links_its_years(loaded, year_site):
    years = sorted(p.parent.name for p in (year_site / "timeline").glob("*/index.html"))
    assert years and all(y.isdigit() for y in years)
    text = loaded["timeline-years", "phone", "light"]["visible"]
    assert all(year in text for year in years)
    assert "events" in text and "оқиға" in text


def test_the_summary_starts_on_a_phones_first_screen(loaded):
    for scheme in SCHEMES:
        bottom = loaded["article", "phone", scheme]["summary_first_sentence_bottom"]
        assert bottom is not None and bottom <= WIDTHS["phone"][1], bottom


@pytest.mark.parametrize(("kind", "width", "scheme"), CASES, ids=IDS)
def test_at_most_six_tags_show_on_a_card_or_above_an_article(loaded, kind, width, scheme):
    chips = loaded[kind, width, scheme]["chips"]
    assert all(n <= 6 for n in chips["cards"]), chips
    if kind == "article":
        assert 1 <= chips["article"] <= 6, chips


def test_home_cards_carry_tags_and_the_lead_its_summary(loaded, site):
    chips = loaded["home", "desktop", "light"]["chips"]
    assert len(chips["cards"]) == 5 and any(chips["cards"])
    home = (site / "index.html").read_text("utf-8")
    assert home.count("digest-card--lead") == 1


def test_plus_n_opens_the_rest_of_an_articles_tags_without_javascript(browser, base_url, site):
    url = first_dir(site, "articles", "digest-chips__more")
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + url)
    hidden = page.locator(".digest-chips__more li .digest-chip")
    assert hidden.count() > 0 and not hidden.first.is_visible()
    page.locator(".digest-chips__more > summary").click()
    assert hidden.first.is_visible()
    context.close()


def test_related_articles_lead_to_them(browser, tmp_path):
    """A site of hand-made articles whose related lists are known (the render tests' own)."""
    import dataclasses
    import datetime as dt

    from conftest import make_article
    from digest.config import load_config
    from tests.render.built import build_site

    config = load_config(REPO)
    one = dataclasses.replace(make_article("one", "Бірінші мақала", dt.date(2024, 3, 15)),
                              related=("content/two.txt", "content/three.txt"))
    two = make_article("two", "Екінші мақала", dt.date(2024, 3, 14))
    three = make_article("three", "Үшінші мақала", dt.date(2024, 3, 13))
    site = build_site([one, two, three], config, tmp_path)
    with serve_site(site) as address:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.goto(address + "/articles/one/")
        links = page.locator(".digest-related a")
        assert links.all_inner_texts() == ["Екінші мақала", "Үшінші мақала"]
        assert "Ұқсас жаңалықтар" in page.locator(".digest-related h2").inner_text()
        links.first.click()
        page.wait_for_load_state()
        assert page.url.endswith("/articles/two/") and page.locator("h1").inner_text() == "Екінші мақала"
        context.close()


def test_a_tags_feed_is_announced_and_parses(browser, base_url, site):
    import urllib.request

    import feedparser

    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "/tags/belarus/")
    hrefs = page.eval_on_selector_all('link[rel="alternate"][type="application/atom+xml"]',
                                      "links => links.map(l => l.href)")
    context.close()
    (feed_url,) = [h for h in hrefs if h.endswith("/tags/belarus/feed.xml")]
    with urllib.request.urlopen(feed_url) as response:  # noqa: S310 (the local test server)
        feed = feedparser.parse(response.read())
    assert not feed.bozo and feed.entries
    assert all("/articles/" in entry.link for entry in feed.entries)


def test_every_article_shares_a_1200_by_630_card(browser, base_url, site):
    """og:image names a PNG of the site itself, of the size it states (Telegram, WhatsApp, Facebook)."""
    import io
    import urllib.request

    from PIL import Image

    site_url = re.search(r"^site_url:\s*(\S+)", (REPO / "mkdocs.yml").read_text("utf-8"), re.M).group(1)
    context = browser.new_context()
    page = context.new_page()
    articles = sorted((site / "articles").glob("*/index.html"))
    assert len(articles) == 5
    for article in articles:
        page.goto(f"{base_url}/articles/{article.parent.name}/")
        meta = {name: page.get_attribute(f'meta[property="{name}"]', "content")
                for name in ("og:image", "og:image:width", "og:image:height")}
        assert meta["og:image"].startswith(site_url), meta
        local = base_url + "/" + meta["og:image"][len(site_url):]
        with urllib.request.urlopen(local) as response:  # noqa: S310 (the local test server)
            image = Image.open(io.BytesIO(response.read()))
        assert image.format == "PNG" and image.size == (1200, 630)
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    context.close()
