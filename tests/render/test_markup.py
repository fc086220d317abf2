"""Article text stays text: escaping survives Markdown and shows what was written."""

from __future__ import annotations

import html
import re

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.render.markup import front_matter, md_escape

EXTENSIONS = ["attr_list", "tables", "toc"]


def rendered_text(source: str) -> str:
    out = markdown.markdown(source, extensions=EXTENSIONS)
    assert "<script" not in out and "<a " not in out and "<img" not in out
    return html.unescape(re.sub(r"<[^>]+>", "", out)).strip()


def test_hostile_samples_render_literally():
    samples = [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "# not a heading",
        "| a | b |",
        "1. not a list",
        "> not a quote",
        "*not emphasis* and _this_ {: .x }",
        "{{ config }} {% if x %}",
        "back\\slash `code`",
    ]
    for sample in samples:
        assert rendered_text(md_escape(sample)) == sample


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60))
def test_escape_round_trips(text):
    text = " ".join(text.split())
    if text:
        assert rendered_text(md_escape(text)) == text


def test_front_matter_quotes_survive():
    import yaml

    title = 'Тақырып: "тырнақша" # және --- бөлгіш <b>'
    fm = front_matter({"title": title, "other": 'x "y"'})
    # Titles are stored HTML-escaped: MkDocs/Material print them unescaped.
    assert yaml.safe_load(fm.split("---\n")[1]) == {"title": html.escape(title), "other": 'x "y"'}


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=40))
def test_front_matter_reads_back_the_same_with_either_yaml_loader(text):
    """MkDocs reads front matter with libyaml's loader, or PyYAML's own without
    it; both give back exactly what was written, whatever the characters
    (line and paragraph separators, NEL, controls, Kazakh letters)."""
    import yaml
    from mkdocs.utils.meta import get_data

    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no article's text can hold one
        return
    data = {"digest": {"kind": "article", "date": None, "tags": ["x", text]}, "n": [1, True, None], "t": text}
    page = front_matter(data) + "Мәтін\n"
    assert get_data(page) == ("Мәтін\n", data)
    for loader in (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        assert yaml.load(page.split("---\n")[1], Loader=loader) == data
