"""The bilingual reader's interface in a real browser (Playwright + Debian's chromium).

Each page kind is loaded at a phone (390 px) and a desktop (1280 px) width, in
the light and the dark palette: labels in both languages, English marked
lang="en", no horizontal scrolling, headings in order, no serious or critical
axe-core violation. Screenshots go to test-artifacts/ (look at them).
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


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site


@pytest.fixture(scope="module")
def year_site(tmp_path_factory) -> Path:
    """The seed site with a timeline page per year (as past 1,000 events), an
    archive in pages (as past 1,000 articles) and big tags' older articles on
    pages of their own."""
    project = make_project(tmp_path_factory.mktemp("yearsite") / "project")
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
    "home": (lambda site: "/", [("Соңғы жаңалықтар", "Latest news"), ("Дереккөз", "Source"), ("Тегтер", "Tags")]),
    "article": (
        lambda site: first_dir(site, "articles", "digest-source"),
        [("Түйіндеме", "Summary"), ("Тегтер", "Tags"), ("Хронология", "Timeline"), ("Дереккөз", "Source"),
         ("Оқу уақыты", "Reading time"), ("Басты бет", "Home")],
    ),
    "tags": (lambda site: "/tags/", [("Тегтер", "Tags"), ("Тұлғалар", "People"), ("Орындар", "Places")]),
    "tag": (lambda site: first_dir(site, "tags"), [("Осы тегі бар мақалалар", "Articles with this tag")]),
    "timeline": (
        lambda site: "/timeline/",
        [("Хронология", "Timeline"), ("Күні анықталмаған оқиғалар", "Undated events"),
         ("Жариялану күніне қатысты", "relative to publication")],
    ),
    "404": (lambda site: "/404.html", [("Бет табылмады", "Page not found"), ("Басты бетке оралу", "Back to the home page")]),
    # A long timeline: the years on /timeline/, a page per year by month (YEAR_SITE_PAGES).
    "timeline-years": (lambda site: "/timeline/", [("Хронология", "Timeline"), ("Күні анықталмаған оқиғалар",
                                                                                "Undated events")]),
    "timeline-year": (lambda site: first_dir(site, "timeline"), [("Хронология", "Timeline")]),
    # A long archive: its pages on /archive/ (the seeds are undated: runs of undated articles).
    "archive-parts": (lambda site: "/archive/", [("Мұрағат", "Archive"), ("Күні белгісіз", "Date unknown")]),
    "archive-part": (lambda site: first_dir(site, "archive"), [("Мұрағат", "Archive"), ("Күні белгісіз", "Date unknown")]),
    "tag-part": (lambda site: first_tag_part(site), [("Күні белгісіз", "Date unknown")]),
}
YEAR_SITE_PAGES = {"timeline-years", "timeline-year", "archive-parts", "archive-part", "tag-part"}


def first_tag_part(site: Path) -> str:
    """The first page of a big tag's older articles (/tags/<id>/<part>/)."""
    found = sorted(p.parent.relative_to(site).as_posix() for p in (site / "tags").glob("*/*/index.html"))
    assert found, "no tag has pages of older articles"
    return "/" + found[0] + "/"


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
    assert result["search"] == "Іздеу"
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
    assert parts == ["undated-1", "undated-2", "undated-3"]
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
