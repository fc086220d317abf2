"""Kazakh temporal expressions: find them in a text and read what they mean.

The language knowledge (month names, number words, relative words, eras and
the families of expressions) lives in ``data/dates.yml``; this module only
compiles that registry, matches it, and joins neighbouring pieces
("2024 жылғы" + "15 наурызда"). ``dates_resolve`` turns an expression into a
``when`` string against a publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from digest.yamlio import parse_yaml

from .dates_prefilter import Prefilter

DATA_FILE = Path(__file__).parent / "data" / "dates.yml"

_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
# gaps between two pieces that still make one expression
_JOIN_GAP = re.compile(r"[^\S\n]{1,3}")
_RANGE_GAP = re.compile(r"\s*[-–—]\s*")
_WEEKDAY_GAP = re.compile(r"[^\S\n]{0,3},?[^\S\n]{1,3}")

# kinds whose expression is placed relative to the publication date
_RELATIVE_KINDS = {"relative", "month", "season", "period", "weekday"}
KINDS = _RELATIVE_KINDS | {"date", "duration", "era", "anaphor", "recurring", "nowadays"}
# kinds that never place an event on a calendar: never timeline entries
_OFF_TIMELINE_KINDS = {"duration", "period", "nowadays"}


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
    decades: bool = False


@dataclass(frozen=True)
class Registry:
    """The compiled contents of the data file."""

    families: tuple[Family, ...]
    lexicon: dict[str, dict[str, Any]]
    year_pivot: int
    max_event_chars: int
    prefilter: Prefilter


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
    timeline: bool = True  # whether its family may be on the article's timeline
    weekday: int | None = None  # 1 (Monday) to 7, for kind "weekday"
    decade: bool = False  # "90-жылдары": ``year`` is the first year of a decade
    season: str | None = None  # spring, summer, autumn or winter, for kind "season"

    @property
    def on_timeline(self) -> bool:
        """Whether it may place an event on the calendar (durations, periods and "nowadays" never do)."""
        return self.timeline and self.kind not in _OFF_TIMELINE_KINDS

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
    data = parse_yaml(path.read_text(encoding="utf-8"))
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
                decades=bool(spec.get("decades", False)),
            )
        )
    return Registry(
        families=tuple(families),
        lexicon=lexicon,
        year_pivot=int(data.get("year_pivot", 40)),
        max_event_chars=int(data.get("max_event_chars", 200)),
        prefilter=Prefilter([f.regex.pattern for f in families]),
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
    if text.startswith(tuple(registry.lexicon["VAGUE"])):
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


def _read(m: re.Match[str], family: Family, registry: Registry, base: int = 0) -> TemporalExpression | None:
    """What match ``m`` of ``family`` means; its offsets moved by ``base`` (where its line starts)."""
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
    weekday = sets.get("weekday")
    if "weekday" in groups:
        weekday = _prefix_lookup(groups["weekday"], registry.lexicon["WEEKDAY"])
    decade = family.decades and _is_decade(m, year, registry)
    if decade and year >= 2000 and sets.get("century") is None and not re.match(r"\d{4}", groups["year"]):
        year -= 100  # "20-жылдары": the 1920s (the 2020s are written in four digits)
    season = registry.lexicon["SEASON"].get(groups["season"].casefold()) if "season" in groups else None
    return TemporalExpression(
        start=m.start() + base,
        end=m.end() + base,
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
        weekday=weekday,
        decade=decade,
        season=season,
    )


def _is_decade(m: re.Match[str], year: int | None, registry: Registry) -> bool:
    """A round year followed by "year" in the plural ("1990-жылдары"): the decade."""
    if year is None or year % 10 or m.groupdict().get("month"):
        return False
    after = m.string[m.end("year") : m.end()].casefold()
    return any(word in after for word in registry.lexicon.get("DECADE", ()))


def _candidates(text: str, registry: Registry, families, base: int = 0) -> list[tuple[TemporalExpression, int]]:
    """Matches of ``families`` in ``text`` (a line starting at offset ``base``), with priorities."""
    found = []
    for family in families:
        for m in family.regex.finditer(text):
            if family.exclude and any(x.search(m.group()) for x in family.exclude):
                continue
            if family.lowercase_inside and _capitalised_inside(text, m.start()):
                continue
            expr = _read(m, family, registry, base)
            if expr is not None:
                found.append((expr, family.priority))
    return found


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
    if e.decade:
        return False
    if e.kind == "date":
        return e.year is not None and e.month is None
    return e.kind == "relative" and e.unit == "year" and e.offset is not None


def _wants_year(e: TemporalExpression) -> bool:
    if e.kind == "date":
        return e.year is None and e.month is not None
    return e.kind in ("month", "season")


def _join(a: TemporalExpression, b: TemporalExpression, text: str) -> TemporalExpression | None:
    gap = text[a.end : b.start]
    if _WEEKDAY_GAP.fullmatch(gap) and {a.kind, b.kind} == {"date", "weekday"}:
        # "12 наурыз, сейсенбі", "сейсенбі, 12 наурызда": the date, named twice
        date = a if a.kind == "date" else b
        if date.day is not None:
            return replace(date, start=a.start, end=b.end, text=text[a.start : b.end], weak=False,
                           family=f"{a.family}+{b.family}")
    if _JOIN_GAP.fullmatch(gap) and b.kind == "weekday" and a.kind == "relative" and a.unit == "week":
        # "келесі аптаның сәрсенбісінде": that weekday of that week
        return replace(b, start=a.start, text=text[a.start : b.end], unit="week", offset=a.offset,
                       family=f"{a.family}+{b.family}", weak=False)
    if _JOIN_GAP.fullmatch(gap):
        if _gives_year(a) and _wants_year(b):
            anchor, detail = a, b
        elif _wants_year(a) and _gives_year(b) and b.kind == "date":
            anchor, detail = b, a  # "15 наурыз 2024 ж."
        elif b.attach and (_gives_year(a) or a.month is not None or a.decade):
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
    (a heading's year does not join the next paragraph's month). On each line
    only the families whose literal words it holds are run (``dates_prefilter``).
    """
    registry = registry or load_registry()
    families = registry.families
    lines = registry.prefilter.for_text(text)
    found: list[TemporalExpression] = []
    for line in re.finditer(r"[^\n]+", text):
        base, piece = line.start(), line.group()
        candidates = _candidates(piece, registry, [families[i] for i in lines.families(piece)], base)
        found += _join_neighbours(_select(candidates), text)
    return found
