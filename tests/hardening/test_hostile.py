"""Article text is text: nothing an article contains becomes markup or script."""

from __future__ import annotations

import re

import pytest

from conftest import make_project, run_digest

HOSTILE_LINES = [
    "<script>alert('body')</script>",
    '<img src=x onerror="alert(1)"> сурет',
    "[басу](javascript:alert(2)) сілтеме",
    "<div>raw html block</div>",
    "{{ config.site_name }} және {% include 'x' %}",
    "# Бұл тақырып емес",
    "| бағана | бағана |",
    "1. тізім емес",
    "> дәйексөз емес",
    "*жұлдызша* және _асты_ сызылған",
    "<!-- comment -->",
]

ARTICLE = (
    "---\n"
    "title: \"<script>alert('title')</script> Тақырып\"\n"
    "source: \"<b onmouseover=alert(3)>Дереккөз</b>\"\n"
    "url: https://example.kz/a?x=\"><script>alert(4)</script>\n"
    "tags: [\"<i>tag</i>\"]\n"
    "---\n"
    "Қазақстан мен Беларусь сауда туралы келісті.\n"
    + "\n".join(HOSTILE_LINES)
    + "\nСоңғы сөйлем осында тұр.\n"
)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("hostile") / "p", {"hostile.md": ARTICLE}, seeds=False)
    result = run_digest(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def _generated_html(site):
    for page in site.rglob("*.html"):
        yield page, page.read_text(encoding="utf-8")


def test_no_injected_elements_anywhere(hostile_site):
    for page, html in _generated_html(hostile_site):
        assert not re.search(r"<script>alert", html), page
        assert not re.search(r"<img src=x", html), page
        assert not re.search(r"<[^>]+\son\w+=\"?alert", html), page
        assert 'href="javascript:' not in html, page
        assert "<div>raw html block</div>" not in html, page
        assert "<b onmouseover" not in html and "<i>tag</i>" not in html, page


def test_text_shows_as_written(hostile_site):
    page = next((hostile_site / "articles").glob("*/index.html")).read_text(encoding="utf-8")
    from html import unescape

    content = page[page.index("<h1"):page.index('id="timeline"')]
    text = unescape(re.sub(r"<[^>]+>", "", content))
    from digest.kazakh import normalize

    for line in HOSTILE_LINES:
        # Straight quotes are normalised to «» on purpose (ingest); nothing else changes.
        assert normalize(line) in text, line
    assert "<script>alert('title')</script> Тақырып" in text
    assert "<b onmouseover=alert(3)>Дереккөз</b>" in text


def test_markdown_syntax_did_not_become_structure(hostile_site):
    page = next((hostile_site / "articles").glob("*/index.html")).read_text(encoding="utf-8")
    body = page.split('class="digest-body"', 1)[1]
    assert "<table" not in body and "<ol>" not in body and "<em>" not in body
    assert "Бұл тақырып емес</h" not in body
