"""Front matter: known keys, warnings for unknown ones, clear errors for broken YAML."""

from __future__ import annotations

import datetime as dt

import pytest

from digest.ingest.frontmatter import parse_meta, split_front_matter
from digest.model import DigestError


def test_no_front_matter_keeps_text():
    data, body, lines = split_front_matter("Мәтін.\n---\nәрі қарай", "a.txt")
    assert data == {} and body.startswith("Мәтін.") and lines == 0


def test_known_keys_parsed():
    text = '---\ntitle: "Тақырып: \\"тырнақша\\""\ndate: 2019-10-03\ntags: [trade, Беларусь]\nsummary: Бір сөйлем.\n---\nМәтін.'
    data, body, lines = split_front_matter(text, "a.md")
    meta, warnings = parse_meta(data, "a.md")
    assert meta.title == 'Тақырып: "тырнақша"'
    assert meta.date == dt.date(2019, 10, 3)
    assert meta.tags == ("trade", "Беларусь")
    assert meta.summary == ("Бір сөйлем.",)
    assert body == "Мәтін." and lines == 6 and warnings == ()


def test_unknown_key_and_bad_date_are_warnings():
    meta, warnings = parse_meta({"titel": "x", "date": "2019-13-45"}, "a.md")
    assert meta.date is None
    assert any("unknown front matter key 'titel'" in w for w in warnings)
    assert any("not a date" in w for w in warnings)


def test_malformed_yaml_names_line():
    with pytest.raises(DigestError) as info:
        split_front_matter("---\ntitle: [unclosed\ndate: 2020-01-01\n---\nМәтін", "bad.md")
    assert info.value.path == "bad.md" and info.value.line is not None
    assert "invalid front matter" in str(info.value)


def test_non_mapping_front_matter_refused():
    with pytest.raises(DigestError, match="mapping"):
        split_front_matter("---\n- a\n- b\n---\nМәтін", "list.md")


def test_unclosed_front_matter_refused():
    with pytest.raises(DigestError, match="never closed"):
        split_front_matter("---\ntitle: x\nМәтін мұнда", "open.md")


def test_javascript_url_dropped():
    meta, warnings = parse_meta({"url": "javascript:alert(1)"}, "a.md")
    assert meta.url is None and warnings


@pytest.mark.parametrize("value", ["15.03.2024", "15 наурыз 2024", "15 марта 2024"])
def test_date_as_kazakh_editors_write_it(value):
    data, _, _ = split_front_matter(f"---\ndate: {value}\n---\nМәтін.", "a.md")
    meta, warnings = parse_meta(data, "a.md")
    assert meta.date == dt.date(2024, 3, 15) and warnings == ()


def test_bad_date_warning_names_its_line(config):
    from digest.ingest.reader import parse_document

    doc = parse_document("---\ntitle: Акция\ndate: 45 наурыз 2024\n---\nАстанада акция өтті.".encode(), config, "a.md")
    assert doc.meta.date is None
    assert any(w.startswith("line 3: ") and "'date'" in w for w in doc.warnings)


@pytest.mark.parametrize("text, line", [
    ('---\ntitle: "жабылмаған тырнақша\ndate: 2024-03-15\nsource: Хабар 24\n---\nМәтін', 2),
    ("---\ntitle: Акция\ntags: [a, b\nsummary: x\nsource: y\n---\nМәтін", 3),
    ("---\ntitle: Акция\n  source: Хабар\ndate: 2024-03-15\n---\nМәтін", 3),
])
def test_yaml_error_names_the_wrong_line_not_the_closing_fence(text, line):
    with pytest.raises(DigestError) as info:
        split_front_matter(text, "bad.md")
    assert info.value.line == line
    closing = text.split("\n").index("---", 1) + 1
    assert info.value.line != closing
