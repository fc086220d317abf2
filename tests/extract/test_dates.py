"""Temporal expressions: the pre-filter of ``digest.extract.dates`` finds what the families find.

The registry's families are run only on the lines that hold the literal words
their patterns need (``dates_prefilter``, which reads the patterns with a
parser of its own: no private ``re`` modules). These tests run the families
plainly, everywhere, and compare.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from digest.extract import dates, dates_prefilter

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


def test_the_prefilter_finds_what_every_family_run_everywhere_finds():
    registry = dates.load_registry()
    texts = ["\n".join(LINES[i:i + 7]) for i in range(0, len(LINES), 7)]
    assert sum(len(_fast(t)) for t in texts) > 500  # the lines do hold expressions
    for text in texts:
        assert _fast(text) == _plain(text, registry), text


def test_the_prefilter_knows_the_words_of_most_families():
    """Without words for a family the filter is useless for it (it always runs)."""
    registry = dates.load_registry()
    unknown = [f.name for f in registry.families if dates_prefilter.required_words(f.regex.pattern) is None]
    assert len(unknown) <= 2, unknown


@pytest.mark.parametrize("pattern,words", [
    (r"(?<![\w-])жыл(?:ы|да)?", (("жыл",),)),
    (r"(?:өткен|келесі)\s+ай", (("өткен", "келесі"), ("ай",))),
    (r"(?P<n>\d+)\s+күн\s+бұрын", (("күн",), ("бұрын",))),
    (r"(?:тура\s+)?(?:бір){1,2}", (("бір",),)),  # an optional part needs nothing
    (r"(?:аға|[а-я]+)", None),                    # one alternative needs no word
    (r"(?-i:Ж)ыл", (("ж",), ("ыл",))),           # words are case-folded
    (r"a\.b", None),                               # Latin letters fold unlike Cyrillic: not used
    (r"ай(?=да)", (("ай",),)),                    # a lookahead consumes nothing
])
def test_required_words_of_a_pattern(pattern, words):
    assert dates_prefilter.required_words(pattern) == words
    if words:  # every match holds a word of each group
        for m in re.finditer(pattern, "өткен айда жылы 5 күн бұрын бірбір Жыл", re.IGNORECASE):
            assert all(any(w in m.group().casefold() for w in g) for g in words), m.group()


@pytest.mark.parametrize("pattern", [r"(a", r"a)", r"\1", r"(?P=x)", r"[ab", r"(?x)a"])
def test_an_unreadable_pattern_gives_no_words(pattern):
    assert dates_prefilter.required_words(pattern) is None
