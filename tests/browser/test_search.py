"""The site search in a real browser: our search box over Pagefind's index, Kazakh-aware.

Each query is typed into the header's search box of the built seed site; the
links of the results panel are mapped back to the seed articles (by a phrase
only one of them holds) and compared with those that must be found. The box
marks the query whose results it shows (``data-searched``), which the tests
wait for.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import serve_site

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"

# A phrase found in one seed article only: which page of the built site is which seed.
SEED_MARKERS = {"000": "Қошанов", "002": "сенімді одақтасы", "004": "Сюэсян"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and os.environ.get("DIGEST_REQUIRE_BROWSER") != "1",
        reason="/usr/bin/chromium is not installed (set DIGEST_REQUIRE_BROWSER=1 to fail instead)",
    ),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def seed_of(built_site: Path, href: str, prefix: str = "/") -> str | None:
    """The seed number of the article page a result links to."""
    path = urlparse(href).path[len(prefix):].strip("/")
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, flags=re.S)
    own = html[html.index("<h1"):].split('class="digest-related"', 1)[0]  # not the related articles' titles
    text = re.sub(r"<[^>]+>", "", own)
    found = [n for n, marker in SEED_MARKERS.items() if marker in text]
    assert h1 and len(found) == 1, href
    return found[0]


class Search:
    """A page with the search box open: search(query) → hrefs of the results, in order."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.hosts: set[str] = set()
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("request", lambda request: self.hosts.add(urlparse(request.url).hostname or ""))

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.page.keyboard.press("/")

    def __call__(self, query: str) -> list[str]:
        self.page.locator("input.md-search__input").fill(query)
        self.page.wait_for_function(
            "q => document.querySelector('[data-digest-search]').dataset.searched === q", arg=query, timeout=30_000
        )
        return self.page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


@pytest.fixture(scope="module")
def search(browser, built_site):
    with serve_site(built_site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        s = Search(page)
        s.open(url + "/")
        yield s
        page.close()


def shown(search, built_site, query: str) -> set[str]:
    return {seed_of(built_site, href) for href in search(query)}


@pytest.mark.parametrize(
    "query, seeds",
    [
        # every inflected form finds the other forms of the same word
        ("Қазақстанның", {"000", "002", "004"}),
        ("Қазақстанға", {"000", "002", "004"}),
        ("Лукашенконың", {"000", "002"}),
        ("Минскіде", {"000", "002"}),
        ("Минскте", {"000", "002"}),
        ("Минск", {"000", "002"}),
        ("Тоқаевтың", {"000", "004"}),
        ("Мәжілістің", {"000", "002"}),  # 002 has "мәжілісі"
        ("Қытайдың", {"004"}),
        ("Сюэсянмен", {"004"}),
        # Kazakh typed in the official Latin alphabet (or its ASCII fold)
        ("Qazaqstan", {"000", "002", "004"}),
        ("Toqaev", {"000", "004"}),
        ("Qazaqstannyñ", {"000", "002", "004"}),
        ("Minskide", {"000", "002"}),
        ("Lukashenko", {"000", "002"}),
    ],
)
def test_kazakh_query_finds_every_form(search, built_site, query, seeds):
    assert shown(search, built_site, query) == seeds


@pytest.mark.parametrize("label", ["Belarus", "Trade"])
def test_english_tag_label_finds_the_tagged_articles(search, built_site, label):
    """An article's tag chips show the English label (lang=en); the index holds it
    ("Trade" is in no article's text: only its tag, Сауда, says it)."""
    tagged = set()
    for page in (built_site / "articles").glob("*/index.html"):
        html = page.read_text(encoding="utf-8")
        if re.search(rf'lang="en"[^>]*>\s*{label}\s*<', html):
            tagged.add(seed_of(built_site, "/articles/" + page.parent.name + "/"))
    assert tagged, f"no seed article carries a '{label}' tag chip (tag extraction upstream?)"
    assert shown(search, built_site, label) == tagged


@pytest.mark.parametrize("query, seed", [("Лукашенко Қошанов", "000"), ("Тоқаевтың Сюэсянмен", "004")])
def test_a_query_of_several_words_ranks_articles_holding_all_first(search, built_site, query, seed):
    """Articles holding some of the words follow those holding all of them."""
    found = [seed_of(built_site, href) for href in search(query)]
    assert found[0] == seed and len(found) > 1


def test_results_show_title_date_and_highlighted_excerpt(search, built_site):
    hrefs = search("Минскіде")
    assert hrefs
    page = search.page
    titles = [t.strip() for t in page.locator(".md-search-result__item h1").all_text_contents()]
    for href, title in zip(hrefs, titles):
        html = (built_site / urlparse(href).path.strip("/") / "index.html").read_text(encoding="utf-8")
        assert title and title in re.sub(r"<[^>]+>", "", html)
    marks = {m.strip(" .,«»") for m in page.locator(".md-search-result__item p mark").all_text_contents()}
    # the forms in the text are highlighted, not the typed one
    assert marks and all(m.lower().startswith("минск") for m in marks), marks
    assert marks - {"Минскіде"}
    # the excerpt quotes the article's text, not its tag list (Minsk is the tag's English label)
    excerpts = page.locator(".md-search-result__item p:not(.digest-search__date)").all_text_contents()
    assert excerpts and not any("Minsk" in e for e in excerpts), excerpts
    meta = page.locator(".md-search-result__meta").text_content()
    assert re.search(r"\d+ мақала табылды · \d+ articles? found", meta), meta
    assert not re.search("құжат|документ", page.locator(".md-search").inner_text(), flags=re.I)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".md-search__inner").screenshot(path=str(ARTIFACTS / "search-results-minskide.png"))
    assert not search.errors, search.errors


DATED = """---
date: 2024-03-15
---
Шымкентте жаңа саябақ ашылды

Шымкент қаласында жаңа саябақ ашылды. Саябақта балаларға арналған алаң бар.
"""


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory) -> Path:
    """A site of one dated article."""
    from conftest import make_project, run_digest

    project = make_project(tmp_path_factory.mktemp("dated") / "project", {"2024-03-15-park.md": DATED}, seeds=False)
    result = run_digest(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_a_dated_article_shows_its_date(browser, dated_site):
    with serve_site(dated_site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        s = Search(page)
        s.open(url + "/")
        assert len(s("Шымкенттегі")) == 1
        dates = page.locator(".md-search-result__item time").evaluate_all("els => els.map(e => e.dateTime)")
        assert dates == ["2024-03-15"]
        assert "саябақ" in page.locator(".md-search-result__item h1").text_content()
        page.close()


def test_stop_words_alone_do_not_break_search(search):
    search("және")
    assert not search.errors


def test_the_keyboard_opens_moves_and_closes(browser, built_site):
    with serve_site(built_site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "/")
        toggle = page.locator("#__search")
        assert not toggle.is_checked()
        page.keyboard.press("/")
        assert toggle.is_checked()
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
        page.keyboard.type("Минск")
        page.wait_for_function("() => document.querySelector('[data-digest-search]').dataset.searched === 'Минск'")
        page.keyboard.press("ArrowDown")
        first = page.evaluate("document.activeElement.getAttribute('href')")
        page.keyboard.press("ArrowDown")
        second = page.evaluate("document.activeElement.getAttribute('href')")
        assert first and second and first != second
        page.keyboard.press("ArrowUp")
        assert page.evaluate("document.activeElement.getAttribute('href')") == first
        page.keyboard.press("Escape")
        assert not toggle.is_checked()
        page.keyboard.press("/")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/articles/[^/]+/$"))
        page.close()


def test_search_works_under_a_sub_path_without_other_hosts(browser, built_site):
    """The site as GitHub Pages serves it under /digest/: results link inside it, nothing leaves 127.0.0.1."""
    with serve_site(built_site, prefix="/digest/") as url:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        s = Search(page)
        page.goto(url + "/tags/")
        page.locator("label.md-header__button[for=__search]").first.click()
        hrefs = s("Минскіде")
        assert hrefs and all(urlparse(h).path.startswith("/digest/articles/") for h in hrefs)
        assert {seed_of(built_site, h, "/digest/") for h in hrefs} == {"000", "002"}
        response = page.goto(hrefs[0])
        assert response and response.ok
        ARTIFACTS.mkdir(exist_ok=True)
        page.goto(url + "/")
        page.locator("label.md-header__button[for=__search]").first.click()
        s("Qazaqstan")
        page.screenshot(path=str(ARTIFACTS / "search-results-phone.png"))
        assert s.hosts == {"127.0.0.1"}
        assert not s.errors, s.errors
        page.close()


@pytest.mark.parametrize("width, scheme", [(1280, "light"), (390, "dark")])
def test_the_open_search_has_no_serious_axe_violations(browser, built_site, width, scheme):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    with serve_site(built_site) as url:
        context = browser.new_context(viewport={"width": width, "height": 844}, color_scheme=scheme)
        page = context.new_page()
        s = Search(page)
        s.open(url + "/")
        assert s("Минскіде")
        violations = axe_module.Axe().run(page).response["violations"]
        serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations
                   if v["impact"] in ("serious", "critical")]
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"search-open-{width}-{scheme}.png"))
        context.close()
        assert serious == []


@pytest.fixture(scope="module")
def segmented_site(built_site, tmp_path_factory) -> Path:
    """The seed site with its articles indexed in segments of one page each
    (a large site's layout: pagefind/, pagefind/part-1/, …)."""
    import shutil

    from digest.site import pagefind_index

    site = tmp_path_factory.mktemp("segmented") / "site"
    shutil.copytree(built_site, site)
    shutil.rmtree(site / "pagefind")
    assert pagefind_index.index_site(site, pages_per_segment=1) >= 2
    assert (site / "pagefind" / "part-1" / "pagefind-entry.json").is_file()
    return site


def test_search_merges_the_segments_of_a_large_sites_index(browser, segmented_site):
    with serve_site(segmented_site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        s = Search(page)
        s.open(url + "/")
        assert {seed_of(segmented_site, href) for href in s("Қазақстанның")} == {"000", "002", "004"}
        assert {seed_of(segmented_site, href) for href in s("Сюэсянмен")} == {"004"}
        assert not s.errors
        page.close()
