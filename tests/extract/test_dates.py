"""Temporal expressions: the shortcuts of ``digest.extract.dates`` find what the families find.

The registry's families are run only where a cheap test says they may match
(the families a line may hold; a first-character lookahead inside each
regex). These tests run the families plainly, everywhere, and compare.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from digest.extract import dates

CONTENT = Path(__file__).resolve().parents[2] / "content"


def _lines() -> list[str]:
    """Lines of the seed articles, and lines made of the registry's own words."""
    lines = [line for path in sorted(CONTENT.glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    registry = dates.load_registry()
    words = sorted({w for table in registry.lexicon.values() for w in table})
    words += ["жыл", "жылы", "жылғы", "жылдары", "ай", "айда", "күні", "апта", "ғасыр", "бұрын", "кейін",
              "соң", "бері", "өткен", "биыл", "осы", "сол", "келесі", "сайын", "ж.", "XX", "ғасырда",
              "2024", "15", "1990-шы", "3-4", "12.05.2021", "«Тамыз»", "Мамыр", "ҚАҢТАР", "–", ",", "."]
    rng = random.Random(11)
    for _ in range(1500):
        picked = [rng.choice(words) for _ in range(rng.randint(1, 9))]
        lines.append(" ".join(picked).capitalize() if rng.random() < 0.5 else " ".join(picked))
    return lines


LINES = _lines()


def _plain(text: str, registry: dates.Registry) -> list[dates.TemporalExpression]:
    """``find_temporal_expressions`` with every family run on every line, no shortcut."""
    found = []
    for line in re.finditer(r"[^\n]+", text):
        candidates = []
        for family in registry.families:
            for m in family.regex.finditer(line.group()):
                if any(x.search(m.group()) for x in family.exclude):
                    continue
                if family.lowercase_inside and dates._capitalised_inside(line.group(), m.start()):
                    continue
                expr = dates._read(m, family, registry)
                if expr is not None:
                    candidates.append((expr, family.priority))
        for e in dates._join_neighbours(dates._select(candidates), line.group()):
            found.append((e.start + line.start(), e.end + line.start(), e.text, e.family, e.kind, e.year,
                          e.month, e.day, e.unit, e.offset))
    return found


def _fast(text: str) -> list[tuple]:
    return [(e.start, e.end, e.text, e.family, e.kind, e.year, e.month, e.day, e.unit, e.offset)
            for e in dates.find_temporal_expressions(text)]


@pytest.mark.parametrize("plain_texts", [0, 10**9], ids=["shortcuts", "plain"])
def test_shortcuts_find_what_every_family_run_everywhere_finds(monkeypatch, plain_texts):
    """With the shortcuts (after a process's first texts) or without (its first ones)."""
    monkeypatch.setattr(dates, "PLAIN_TEXTS", plain_texts)
    registry = dates.load_registry()
    texts = ["\n".join(LINES[i:i + 7]) for i in range(0, len(LINES), 7)]
    assert sum(len(_fast(t)) for t in texts) > 500  # the lines do hold expressions
    for text in texts:
        assert _fast(text) == _plain(text, registry), text


def test_a_process_sets_up_the_shortcuts_only_after_its_first_texts(monkeypatch):
    monkeypatch.setattr(dates, "_texts_read", 0)
    monkeypatch.setattr(dates, "_PREFILTERS", {})
    for _ in range(dates.PLAIN_TEXTS):
        dates.find_temporal_expressions("2020 жылы 5 наурызда келді.")
    assert dates._PREFILTERS == {}
    dates.find_temporal_expressions("2020 жылы 5 наурызда келді.")
    assert dates._PREFILTERS


@pytest.mark.parametrize("index", range(len(dates.load_registry().families)))
def test_each_family_scanner_matches_as_the_family_regex(index):
    """The regex with its first-character lookahead: the same matches and groups, on every line."""
    registry = dates.load_registry()
    family = registry.families[index]
    scanner = dates._prefilter(registry).scanner(family)
    for line in LINES:
        got = [(m.span(), m.groupdict()) for m in scanner.finditer(line)]
        assert got == [(m.span(), m.groupdict()) for m in family.regex.finditer(line)], line


def test_first_char_lookahead_keeps_the_groups_and_refuses_what_cannot_start_a_match():
    regex = re.compile(r"(?<![\w-])(?:(?P<day>\d{1,2})\s+(?i:наурыз)|(?-i:Ж)ыл)", re.IGNORECASE)
    scanner = dates._with_first_char_lookahead(regex)
    assert scanner is not regex
    assert scanner.groupindex == regex.groupindex
    for text in ("15 НАУРЫЗ", "Жыл", "жыл", "а15 наурыз", "x 7 наурыз"):
        assert [m.span() for m in scanner.finditer(text)] == [m.span() for m in regex.finditer(text)]
    assert scanner.match("жыл") is None  # the (?-i:) scope is kept: lower-case ж cannot begin it


def test_a_pattern_that_may_match_empty_is_run_as_it_is():
    regex = re.compile(r"(?<![\w-])(?:\d*)")
    assert dates._with_first_char_lookahead(regex) is regex
