"""A site built after `digest import`: the page's date is the published date, relative
dates resolve against it, and the lead image is served by the site itself."""

from __future__ import annotations

import re
import shutil
import urllib.parse
from pathlib import Path

import pytest

from conftest import make_project, run_digest

FIXTURES = Path(__file__).parent / "fixtures"
STEM = "2023-11-02-ekibastuzda-jana-kitaphana-ashyldy"


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("imported")
    project = make_project(base / "project", seeds=False)
    shutil.copy(FIXTURES / "saved_page.html", base / "saved_page.html")
    shutil.copytree(FIXTURES / "saved_page_files", base / "saved_page_files")
    result = run_digest(project, "import", str(base / "saved_page.html"), str(FIXTURES / "news_article.html"))
    assert result.returncode == 0, result.stdout + result.stderr
    result = run_digest(project, "build", env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "refused" not in result.stdout  # content/images/ holds a picture, not a bad article
    return project


def article_html(project: Path, slug: str) -> str:
    return (project / "site" / "articles" / slug / "index.html").read_text("utf-8")


@pytest.mark.slow
def test_the_page_shows_the_publication_date_of_the_imported_page(imported_site):
    html = article_html(imported_site, "ekibastuzda-jana-kitaphana-ashyldy")
    assert "Жарияланды" in html  # Published: from the front matter, not the day git saw the file
    assert 'datetime="2023-11-02"' in html


@pytest.mark.slow
def test_relative_dates_resolve_against_the_imported_date(imported_site):
    library = article_html(imported_site, "ekibastuzda-jana-kitaphana-ashyldy")
    assert '<time datetime="2022">' in library  # "Былтыр" (last year) of 2023-11-02
    bridge = article_html(imported_site, "pavlodarda-jana-kopir-ashyldy")
    assert '<time datetime="2023">' in bridge  # "өткен жылы" of 2024-03-15
    assert '<time datetime="2025">' in bridge  # "Келесі жылы"


@pytest.mark.slow
def test_the_lead_image_is_served_by_the_site_itself(imported_site):
    html = article_html(imported_site, "ekibastuzda-jana-kitaphana-ashyldy")
    sources = re.findall(r'<img[^>]*\ssrc="([^"]+)"', html)
    page = "https://digest.example/articles/ekibastuzda-jana-kitaphana-ashyldy/"
    lead = [s for s in sources if STEM in s]
    assert lead and urllib.parse.urljoin(page, lead[0]) == f"https://digest.example/images/{STEM}.jpg"
    served = imported_site / "site" / "images" / f"{STEM}.jpg"
    assert served.read_bytes() == (FIXTURES / "saved_page_files" / "kitaphana-lead.jpg").read_bytes()
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]  # no outside host
    assert "dala-habary.example.kz/photos" not in html
