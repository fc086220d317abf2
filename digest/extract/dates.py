"""Kazakh temporal expressions: find them in a text and read what they mean.

The language knowledge (month names, number words, relative words, eras and
the families of expressions) lives in ``data/dates.yml``; this module only
compiles that registry, matches it, and joins neighbouring pieces
("2024 жылғы" + "15 наурызда"). ``dates_resolve`` turns an expression into a
``when`` string against a publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_FILE = Path(__file__).parent / "data" / "dates.yml"

_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
# gaps between two pieces that still make one expression
_JOIN_GAP = re.compile(r"[^\S\n]{1,3}")
_RANGE_GAP = re.compile(r"\s*[-–—]\s*")

# kinds whose expression is placed relative to the publication date
_RELATIVE_KINDS = {"relative", "month", "season", "period", "weekday"}
KINDS = _RELATIVE_KINDS | {"date", "duration", "era", "anaphor", "recurring"}


@dataclass(frozen=True)
class Family:
    """One registered family of temporal expressions."""

    name: str
    kind: str
    priority: int
    regex: re.Pattern[str]
    sets: dict[str, Any] = field(default_factory=dict)
    weak: bool = False
    attach: bool = False
    timeline: bool = True
    exclude: tuple[re.Pattern[str], ...] = ()
    lowercase_inside: bool = False


@dataclass(frozen=True)
class Registry:
    """The compiled contents of the data file."""

    families: tuple[Family, ...]
    lexicon: dict[str, dict[str, Any]]
    year_pivot: int
    max_event_chars: int


@dataclass(frozen=True)
class TemporalExpression:
    """A temporal expression found in a text, with what it means."""

    start: int
    end: int
    text: str
    family: str
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    unit: str | None = None  # for kind "relative": year, month, week or day
    offset: int | None = None
    weak: bool = False  # kept only if joined to a neighbour
    attach: bool = False  # may join the date before it as a part of it
    timeline: bool = True  # whether it belongs on the article's timeline

    @property
    def recurring(self) -> bool:
        return self.kind == "recurring"

    @property
    def relative(self) -> bool:
        if self.kind == "date":
            return self.year is None
        if self.kind in ("month", "season"):
            return self.year is None
        return self.kind in _RELATIVE_KINDS


# ---------------------------------------------------------------------------
# the registry


def _alternation(words: dict[str, Any]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def _expand(pattern: str, macros: dict[str, str], depth: int = 0) -> str:
    if depth > 12:
        raise ValueError(f"dates.yml: macros nest too deep in {pattern[:60]!r}")

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in macros:
            raise ValueError(f"dates.yml: unknown macro {{{name}}}")
        return _expand(macros[name], macros, depth + 1)

    return _MACRO.sub(sub, pattern)


@lru_cache(maxsize=4)
def load_registry(path: Path = DATA_FILE) -> Registry:
    """Read and compile the families of ``dates.yml`` (cached)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    lexicon = {name: dict(words) for name, words in data["lexicon"].items()}
    macros = {name: _alternation(words) for name, words in lexicon.items()}
    macros.update(data.get("macros", {}))
    families = []
    for spec in data["families"]:
        if spec.get("kind") not in KINDS:
            raise ValueError(f"dates.yml: family {spec.get('name')!r}: kind must be one of {sorted(KINDS)}")
        body = _expand(spec["pattern"], macros)
        try:
            regex = re.compile(
                r"(?<![\w-])(?:" + body + ")" + _expand("{POST}", macros) + r"(?!\w)",
                re.IGNORECASE if spec.get("ignore_case", True) else 0,
            )
        except re.error as err:
            raise ValueError(f"dates.yml: family {spec['name']!r}: bad pattern: {err}") from err
        families.append(
            Family(
                name=spec["name"],
                kind=spec["kind"],
                priority=int(spec.get("priority", 50)),
                regex=regex,
                sets=dict(spec.get("sets") or {}),
                weak=bool(spec.get("weak", False)),
                attach=bool(spec.get("attach", False)),
                timeline=bool(spec.get("timeline", True)),
                exclude=tuple(re.compile(x, re.IGNORECASE) for x in spec.get("exclude", ())),
                lowercase_inside=bool(spec.get("lowercase_inside", False)),
            )
        )
    return Registry(
        families=tuple(families),
        lexicon=lexicon,
        year_pivot=int(data.get("year_pivot", 40)),
        max_event_chars=int(data.get("max_event_chars", 200)),
    )


# ---------------------------------------------------------------------------
# reading numbers, months and years


def _prefix_lookup(word: str, table: dict[str, Any]) -> Any:
    word = word.lower()
    for stem in sorted(table, key=len, reverse=True):
        if word.startswith(stem):
            return table[stem]
    return None


def parse_number(text: str, registry: Registry) -> int | None:
    """The value of a count written in digits or Kazakh number words; None if vague."""
    text = text.strip().lower()
    if re.search(r"\d\s*[-–—]\s*\d|\w\s+[-–—]\s+\w", text):
        return None  # a range such as "2 – 3"
    if any(text.startswith(v) for v in registry.lexicon["VAGUE"]):
        return None  # "бірнеше" (several) begins like "бір" (one)
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group())
    words = registry.lexicon["NUMWORD"]
    total = current = 0
    seen = False
    for token in re.split(r"[\s-]+", text):
        value = _prefix_lookup(token, words)
        if value is None:
            continue
        seen = True
        if value == 1000:
            total += (current or 1) * 1000
            current = 0
        elif value == 100:
            current = (current or 1) * 100
        else:
            current += value
    return total + current if seen else None


def _year(text: str, registry: Registry, century: int | None) -> int | None:
    value = parse_number(text, registry)
    if value is None:
        return None
    if century is not None:
        return century + value if value < 100 else None
    if value >= 1000:
        return value if 1000 <= value <= 2100 else None
    if 10 <= value < 100:
        return (2000 if value < registry.year_pivot else 1900) + value
    return None  # "бірінші жылы" is "the first year", not a calendar year


def _month(text: str, registry: Registry) -> int | None:
    if text.isdigit():
        value = int(text)
        return value if 1 <= value <= 12 else None
    return _prefix_lookup(text, registry.lexicon["MONTH"])


def _day(text: str, registry: Registry) -> int | None:
    value = parse_number(text, registry)
    return value if value is not None and 1 <= value <= 31 else None


# ---------------------------------------------------------------------------
# matching


def _read(m: re.Match[str], family: Family, registry: Registry) -> TemporalExpression | None:
    groups = {k: v for k, v in m.groupdict().items() if v}
    sets = family.sets
    year = month = day = None
    if "year" in groups:
        year = _year(groups["year"], registry, sets.get("century"))
        if year is not None and year < sets.get("min_year", 0):
            return None
    if "month" in groups:
        month = _month(groups["month"], registry)
        if month is None:
            return None
    if "day" in groups:
        day = _day(groups["day"], registry)
        if day is None and family.kind == "date" and year is None:
            return None  # "100 мамыр" is not a date
    unit = sets.get("unit")
    offset = sets.get("offset")
    kind = family.kind
    if "sign" in sets:
        n = parse_number(groups.get("n", ""), registry)
        if n is None:
            kind = "period"  # "бірнеше жыл бұрын": some years ago
        else:
            offset = int(sets["sign"]) * n
    if kind == "date" and year is None and month is None:
        kind = "duration" if "year" in groups else kind  # "үшінші жылы": no calendar year
    return TemporalExpression(
        start=m.start(),
        end=m.end(),
        text=m.group(),
        family=family.name,
        kind=kind,
        year=year,
        month=month,
        day=day,
        unit=unit,
        offset=offset,
        weak=family.weak,
        attach=family.attach,
        timeline=family.timeline,
    )


def _candidates(text: str, registry: Registry) -> list[tuple[TemporalExpression, int]]:
    index = _start_index(registry)
    # Every family's regex begins with (?<![\w-]): a match starts at the line's start or
    # right after a character that is neither a word character nor a hyphen. Of those
    # positions, a family is tried only where its first character can match.
    # One scan (the union of every family, as a lookahead) finds the positions where
    # at least one family matches; without it, every such position is a candidate.
    if index.union is not None:
        positions = [m.start() for m in index.union.finditer(text)]
    else:
        positions = [0] + [m.end() for m in _NON_WORD.finditer(text)]
    at: dict[int, list[int]] = {}
    size = len(text)
    for p in positions:
        if p < size:
            for i in index.families_for(text[p]):
                at.setdefault(i, []).append(p)
    found = []
    for i, family in enumerate(registry.families):
        if index.tests[i] is None:
            matches = family.regex.finditer(text)
        elif i in at:
            matches = _matches_at(family.regex, text, at[i])
        else:
            continue
        for m in matches:
            if any(x.search(m.group()) for x in family.exclude):
                continue
            if family.lowercase_inside and _capitalised_inside(text, m.start()):
                continue
            expr = _read(m, family, registry)
            if expr is not None:
                found.append((expr, family.priority))
    return found


def _matches_at(regex: re.Pattern[str], text: str, positions: list[int]):
    """What ``regex.finditer(text)`` yields when matches can only start at ``positions`` (sorted).

    finditer takes the leftmost match at or after the end of the previous one;
    trying only the positions where a match can begin finds the same ones
    (matches are never empty: ``_first_chars`` says so).
    """
    end = 0
    for p in positions:
        if p >= end:
            m = regex.match(text, p)
            if m is not None:
                end = m.end()
                yield m


_NON_WORD = re.compile(r"[^\w-]")
_LOOKBEHIND = r"(?<![\w-])"


class _StartIndex:
    """For each character, the families whose match may begin with it (worked out once per character)."""

    def __init__(self, families: tuple[Family, ...]) -> None:
        self.tests = [_first_char_test(f.regex) for f in families]
        self._by_char: dict[str, tuple[int, ...]] = {}
        self.union = _union([f.regex for f, t in zip(families, self.tests) if t is not None])

    def families_for(self, ch: str) -> tuple[int, ...]:
        found = self._by_char.get(ch)
        if found is None:
            found = tuple(i for i, t in enumerate(self.tests) if t is not None and t(ch))
            self._by_char[ch] = found
        return found


_START_INDEXES: dict[int, tuple[Registry, _StartIndex]] = {}


def _start_index(registry: Registry) -> _StartIndex:
    entry = _START_INDEXES.get(id(registry))
    if entry is None or entry[0] is not registry:
        entry = (registry, _StartIndex(registry.families))
        _START_INDEXES[id(registry)] = entry
    return entry[1]


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def _union(regexes: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """A regex matching (empty, as a lookahead) wherever one of ``regexes`` matches, or None.

    Each family's pattern after its lookbehind, named groups made non-capturing
    (the same names recur across families) and its case flag scoped to it.
    """
    alternatives = []
    for regex in regexes:
        if regex.flags & ~(re.IGNORECASE | re.UNICODE) or "(?P=" in regex.pattern:
            return None
        body = _NAMED_GROUP.sub("(?:", regex.pattern[len(_LOOKBEHIND):])
        alternatives.append(("(?i:" if regex.flags & re.IGNORECASE else "(?-i:") + body + ")")
    if not alternatives:
        return None
    try:
        return re.compile(_LOOKBEHIND + "(?=" + "|".join(alternatives) + ")")
    except re.error:
        return None


class _Unknown(Exception):
    pass


def _first_char_test(regex: re.Pattern[str]):
    """A test for the first character of any match of ``regex`` (a family's), or None.

    Worked out from the parsed pattern: the single-character items a match can
    begin with, each compiled with the flags in force where it stands (so case
    folding is the regex engine's own). None (try every position, as finditer
    does) if the pattern does not begin with the family lookbehind, may match
    the empty string, or holds a construct not understood here.
    """
    from re import _compiler, _parser

    if not regex.pattern.startswith(_LOOKBEHIND):
        return None
    try:
        parsed = _parser.parse(regex.pattern, regex.flags)
        items, nullable = _first_items(parsed.data, parsed.state.flags)
        if nullable or not items:
            return None
        compiled = []
        for item, flags in items:
            state = _parser.State()
            state.flags = flags
            compiled.append(_compiler.compile(_parser.SubPattern(state, [item]), flags))
    except Exception:  # an unfamiliar parse tree: no pre-filter for this family
        return None

    def test(ch: str) -> bool:
        return any(c.fullmatch(ch) is not None for c in compiled)

    return test


def _first_items(seq, flags: int) -> tuple[list, bool]:
    """Single-character items a match of the sequence ``seq`` may begin with; whether it may be empty."""
    from re import _constants as c

    items: list = []
    for op, av in seq:
        if op in (c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY):
            items.append(((op, av), flags))
            return items, False
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width
        if op is c.SUBPATTERN:
            _, add, remove, sub = av
            got, nullable = _first_items(sub.data, (flags | add) & ~remove)
        elif op is c.BRANCH:
            got, nullable = [], False
            for alternative in av[1]:
                g, n = _first_items(alternative.data, flags)
                got += g
                nullable = nullable or n
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, _, sub = av
            got, nullable = _first_items(sub.data, flags)
            nullable = nullable or low == 0
        elif op is c.ATOMIC_GROUP:
            got, nullable = _first_items(av.data, flags)
        else:
            raise _Unknown(op)
        items += got
        if not nullable:
            return items, False
    return items, True


def _capitalised_inside(text: str, start: int) -> bool:
    """Whether text[start] is a capital letter that does not begin a sentence."""
    if not text[start].isupper():
        return False
    before = text[:start].rstrip(" \t«\"“„'(–—-")
    return bool(before) and before[-1] not in ".!?:;\n"


def _select(candidates: list[tuple[TemporalExpression, int]]) -> list[TemporalExpression]:
    """Longest match wins, then the higher priority; no two chosen ones overlap."""
    ranked = sorted(candidates, key=lambda c: (-(c[0].end - c[0].start), -c[1], c[0].start))
    taken: list[TemporalExpression] = []
    for expr, _ in ranked:
        if all(expr.end <= t.start or expr.start >= t.end for t in taken):
            taken.append(expr)
    return sorted(taken, key=lambda e: e.start)


# ---------------------------------------------------------------------------
# joining neighbours: "2024 жылғы" + "15 наурызда", "өткен жылдың" + "қазанында"


def _gives_year(e: TemporalExpression) -> bool:
    if e.kind == "date":
        return e.year is not None and e.month is None
    return e.kind == "relative" and e.unit == "year" and e.offset is not None


def _wants_year(e: TemporalExpression) -> bool:
    if e.kind == "date":
        return e.year is None and e.month is not None
    return e.kind in ("month", "season")


def _join(a: TemporalExpression, b: TemporalExpression, text: str) -> TemporalExpression | None:
    gap = text[a.end : b.start]
    if _JOIN_GAP.fullmatch(gap):
        if _gives_year(a) and _wants_year(b):
            anchor, detail = a, b
        elif _wants_year(a) and _gives_year(b) and b.kind == "date":
            anchor, detail = b, a  # "15 наурыз 2024 ж."
        elif b.attach and (_gives_year(a) or a.month is not None):
            return replace(a, end=b.end, text=text[a.start : b.end], family=f"{a.family}+{b.family}")
        else:
            return None
        kind = "date" if anchor.kind == "date" else "relative"
        return replace(
            anchor,
            start=a.start,
            end=b.end,
            text=text[a.start : b.end],
            kind=kind,
            month=detail.month,
            day=detail.day,
            family=f"{a.family}+{b.family}",
            weak=False,
        )
    if _RANGE_GAP.fullmatch(gap) and a.kind == b.kind == "date" and a.year and b.year:
        return replace(a, end=b.end, text=text[a.start : b.end], family=f"{a.family}-range")
    return None


def _join_neighbours(exprs: list[TemporalExpression], text: str) -> list[TemporalExpression]:
    out: list[TemporalExpression] = []
    for e in exprs:
        joined = _join(out[-1], e, text) if out else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(e)
    return [e for e in out if not e.weak]


def find_temporal_expressions(text: str, registry: Registry | None = None) -> list[TemporalExpression]:
    """All temporal expressions in ``text``, in text order, not yet resolved.

    Lines are read one by one: an expression never runs across a line break
    (a heading's year does not join the next paragraph's month).
    """
    registry = registry or load_registry()
    found: list[TemporalExpression] = []
    for line in re.finditer(r"[^\n]+", text):
        base = line.start()
        for e in _join_neighbours(_select(_candidates(line.group(), registry)), line.group()):
            found.append(replace(e, start=e.start + base, end=e.end + base))
    return found
