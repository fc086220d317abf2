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


def test_front_matter_same_with_either_yaml_emitter():
    import yaml

    from digest.render import markup

    data = {"title": 'a "b" #c --- <d> ' + "\u2028\x85\u00a0'q'", "description": "ұзын " * 50,
            "digest": {"kind": "article", "date": None, "tags": ["x", "y-z"]}, "search": {"exclude": True}}
    with_c = markup.front_matter(data)
    markup._DUMPER = yaml.SafeDumper
    try:
        assert markup.front_matter(data) == with_c
    finally:
        markup._DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
