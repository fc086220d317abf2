"""Fenced raw HTML goes through Markdown unparsed, and comes out as it went in."""

from __future__ import annotations

import markdown
import pytest

from digest.render.markup import RAW_CLOSE, RAW_OPEN, h, md_escape, raw_html
from digest.site.raw_html import RawBlockExtension, on_config

EXTENSIONS = ["attr_list", "tables", "toc"]


def convert(source: str, fast: bool = True) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS + ([RawBlockExtension()] if fast else []))


BALANCED = (
    "# Title\n\n"
    + raw_html('<nav class="crumbs"><a href="../">Home</a></nav>')
    + "## Section {: #s }\n\n"
    + raw_html('<article class="card">\n<h3><a href="x/">A &amp; B</a></h3>\n<p>Text «quoted»</p>\n</article>\n\n'
               '<article class="card">\n<h3>Second</h3>\n</article>')
    + "Plain *Markdown* paragraph.\n\n"
)
# A wrapper opened and closed in blocks of its own, around a Markdown heading:
# only the stash makes this work (Python-Markdown alone would swallow the heading).
PAGE = (
    BALANCED
    + raw_html('<div class="body">') + "## Inner heading\n\n" + raw_html("<p>inside</p>") + raw_html("</div>")
)


def _squeeze(html: str) -> str:
    return "".join(html.split())


def test_fenced_blocks_come_out_verbatim_without_the_fences():
    out = convert(PAGE)
    assert RAW_OPEN not in out and RAW_CLOSE not in out
    assert '<article class="card">\n<h3><a href="x/">A &amp; B</a></h3>\n<p>Text «quoted»</p>\n</article>' in out
    assert "<p><article" not in out and "<p><nav" not in out and "<p><div" not in out
    assert "<em>Markdown</em>" in out  # outside the fences Markdown is Markdown
    assert '<h2 id="s">Section</h2>' in out and '<h2 id="inner-heading">Inner heading</h2>' in out


def test_same_html_as_python_markdown_parsing_the_blocks_itself():
    """Apart from whitespace and the fence comments, the stash changes nothing."""
    slow = convert(BALANCED, fast=False).replace(f"{RAW_OPEN}\n", "").replace(f"\n{RAW_CLOSE}", "")
    assert _squeeze(convert(BALANCED)) == _squeeze(slow)


def test_an_unclosed_fence_is_left_to_markdown():
    out = convert(f"{RAW_OPEN}\n<p>open</p>\n\nafter *this*\n")
    assert "<p>open</p>" in out and "<em>this</em>" in out


@pytest.mark.parametrize("text", [RAW_OPEN, RAW_CLOSE, f"x\n{RAW_CLOSE}\n<script>alert(1)</script>"])
def test_article_text_can_never_open_or_close_a_fence(text):
    for escaped in (md_escape(text), h(text)):
        assert RAW_OPEN not in escaped and RAW_CLOSE not in escaped
    page = raw_html(f"<p>{h(text)}</p>") + raw_html("<p>next</p>")
    assert "<script>" not in convert(page)


def test_the_plugin_adds_the_extension_once():
    class Config:
        markdown_extensions = ["toc"]

    config = on_config(on_config(Config()))
    assert sum(isinstance(e, RawBlockExtension) for e in config.markdown_extensions) == 1
