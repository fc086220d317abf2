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
from functools import lru_cache, reduce
from operator import or_
from pathlib import Path
from typing import Any

from digest.config import parse_yaml

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
    )


def _candidates(
    text: str, registry: Registry, families: list[Family] | None = None, base: int = 0, plain: bool = False
) -> list[tuple[TemporalExpression, int]]:
    """Matches of ``families`` (default: those ``_possible_families`` leaves) in ``text``, with priorities.

    ``text`` is a line starting at offset ``base`` of the text the offsets are given in;
    ``plain``: run the families' own regexes, not their lookahead scanners.
    """
    found = []
    scanner = (lambda family: family.regex) if plain else _prefilter(registry).scanner
    for family in _possible_families(text, registry) if families is None else families:
        for m in scanner(family).finditer(text):
            if family.exclude and any(x.search(m.group()) for x in family.exclude):
                continue
            if family.lowercase_inside and _capitalised_inside(text, m.start()):
                continue
            expr = _read(m, family, registry, base)
            if expr is not None:
                found.append((expr, family.priority))
    return found


_Need = tuple["Family", int, tuple[int, ...]]  # a family, the start bit it needs (or 0), a mask per word group


def _present(folded: str, words: list[tuple[int, str]]) -> int:
    """Bit j set: word j of ``words`` ((bit, word) pairs) occurs in the case-folded text."""
    present = 0
    for bit, word in words:
        if word in folded:
            present |= bit
    return present


def _holding_words(needs: list[_Need], present: int) -> list[_Need]:
    """The entries of ``needs`` with a word of each of their groups in ``present``."""
    out = []
    for need in needs:
        for mask in need[2]:
            if not present & mask:
                break
        else:
            out.append(need)
    return out


class _LineFilter:
    """The families each line of one text may hold, judged by the words they need.

    Worked out once for the text: the families whose words it holds, and of
    their words those it holds; a line is then tested on those alone. (The
    first-character test is left to each family's scanner: on a line it
    almost never rules a family out.)
    """

    def __init__(self, text: str, index: "_Prefilter") -> None:
        present = _present(text.casefold(), index.words)
        self.among = _holding_words(index.needs, present)
        needed = reduce(or_, (mask for need in self.among for mask in need[2]), 0)
        self.words = [(bit, word) for bit, word in index.words if bit & present & needed]

    def families(self, line: str) -> list[Family]:
        return [need[0] for need in _holding_words(self.among, _present(line.casefold(), self.words))]


def _possible_families(text: str, registry: Registry) -> list[Family]:
    """The families that may match somewhere in ``text``, in registry order.

    A cheap necessary condition per family, worked out from its pattern: one
    of the characters its match can begin with occurs in the text, and one of
    the literal words every match of it contains (``_required``: one of each
    group) occurs in the case-folded text. The other families could not match, so running only
    these finds exactly what running all of them finds.
    """
    index = _prefilter(registry)
    starting = 0  # bit i: family i may begin with a character of the text
    for ch in set(text):
        starting |= index.mask_for(ch)
    present = _present(text.casefold(), index.words)
    return [need[0] for need in _holding_words(index.needs, present) if starting & need[1] == need[1]]


_LOOKBEHIND = r"(?<![\w-])"


class _Prefilter:
    """Per family: a test of a match's first character, and the words every match contains."""

    def __init__(self, families: tuple[Family, ...]) -> None:
        self.tests = [_first_char_test(f.regex) for f in families]
        self._scanners: dict[int, re.Pattern[str]] = {}  # id(family) → its scanner, once used
        self.required = [_required_words(f.regex) for f in families]
        self._by_char: dict[str, int] = {}
        distinct = sorted({w for groups in self.required if groups for g in groups for w in g},
                          key=lambda w: (len(w), w))
        bits = {w: 1 << j for j, w in enumerate(distinct)}
        self.words = [(bits[w], w) for w in distinct]
        # (family, bit it needs among the starting characters or 0, a mask per group of its words)
        self.needs = [
            (f, (1 << i) if t is not None else 0,
             tuple(sum(bits[w] for w in g) for g in groups) if groups else ())
            for i, (f, t, groups) in enumerate(zip(families, self.tests, self.required))
        ]

    def scanner(self, family: Family) -> re.Pattern[str]:
        """The regex to run for ``family``: its matches, found sooner (compiled on first use)."""
        found = self._scanners.get(id(family))
        if found is None:
            found = self._scanners[id(family)] = _with_first_char_lookahead(family.regex)
        return found

    def mask_for(self, ch: str) -> int:
        """Bit i set: family i's match may begin with ``ch``."""
        found = self._by_char.get(ch)
        if found is None:
            found = sum(1 << i for i, t in enumerate(self.tests) if t is not None and t(ch))
            self._by_char[ch] = found
        return found


_PREFILTERS: dict[int, tuple[Registry, _Prefilter]] = {}


def _prefilter(registry: Registry) -> _Prefilter:
    entry = _PREFILTERS.get(id(registry))
    if entry is None or entry[0] is not registry:
        entry = (registry, _Prefilter(registry.families))
        _PREFILTERS[id(registry)] = entry
    return entry[1]


def _foldable(word: str) -> bool:
    """Whether case-insensitive matching of ``word`` is exactly equality of ``casefold()``.

    True for words of Cyrillic letters (U+0400–U+04FF) and ASCII digits and
    punctuation: their case-fold classes are single characters, and every
    character the regex engine takes as equal to one of them case-folds to
    the same character (the variant Cyrillic letters U+1C80–U+1C88 included).
    """
    return bool(word) and all(
        "\u0400" <= c <= "\u04ff" or (c.isascii() and not c.isalpha() and not c.isspace()) for c in word
    )


def _required_words(regex: re.Pattern[str]) -> tuple[tuple[str, ...], ...] | None:
    """Groups of case-folded words such that every match of ``regex`` contains a word of each group.

    None if no such group is known.
    """
    try:
        groups = _required(_parsed(regex.pattern, regex.flags).data)
    except Exception:  # an unfamiliar parse tree: no pre-filter for this family
        return None
    groups = [{w.casefold() for w in g} for g in groups if all(_foldable(w) for w in g)]
    if not groups:
        return None
    # a text holding a word holds each word inside it: keep only the innermost ones
    groups = [{w for w in g if not any(v != w and v in w for v in g)} for g in groups]
    return tuple(tuple(sorted(g, key=lambda w: (len(w), w))) for g in groups)


def _required(seq) -> list[set[str]]:
    """Sets of literal strings such that every match of the sequence contains one string of each set."""
    from re import _constants as c

    groups: list[set[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            groups.append({"".join(run)})
            run.clear()

    for op, av in seq:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        close()
        if op is c.SUBPATTERN:
            groups += _required(av[3].data)
        elif op is c.ATOMIC_GROUP:
            groups += _required(av.data)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            groups += _required(av[2].data)
        elif op is c.BRANCH:
            # one set for the alternation: each alternative's most selective set, together
            either: set[str] = set()
            for alternative in av[1]:
                own = _required(alternative.data)
                if not own:
                    either = set()
                    break
                either |= max(own, key=lambda g: (min(len(w) for w in g), -len(g)))
            if either:
                groups.append(either)
    close()
    return groups


class _Unknown(Exception):
    pass


@lru_cache(maxsize=None)
def _parsed(pattern: str, flags: int):
    """A family's parsed pattern, shared by the analyses that only read it
    (parsing the families is most of a process's first date search)."""
    from re import _parser

    return _parser.parse(pattern, flags)


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
        parsed = _parsed(regex.pattern, regex.flags)
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


def _with_first_char_lookahead(regex: re.Pattern[str]) -> re.Pattern[str]:
    """``regex`` with a lookahead for its first character right after the family lookbehind.

    The same matches (every match begins with one of ``_first_items``), found
    sooner: at a word start that cannot begin a match the engine gives up after
    one character test instead of trying each alternative of the pattern.
    ``regex`` itself when its first character is not known (see ``_first_char_test``).
    """
    from re import _compiler, _constants as c, _parser

    if not regex.pattern.startswith(_LOOKBEHIND):
        return regex
    try:
        parsed = _parser.parse(regex.pattern, regex.flags)
        items, nullable = _first_items(parsed.data, parsed.state.flags)
        if nullable or not items or parsed.data[0][0] is not c.ASSERT_NOT:
            return regex
        state, outer = parsed.state, parsed.state.flags
        scoped = c.SRE_FLAG_IGNORECASE | c.SRE_FLAG_DOTALL | c.SRE_FLAG_MULTILINE
        # one character set per set of flags (a branch of single characters is slow to try)
        sets: dict[int, list] = {}
        others = []
        for (op, av), flags in items:
            if op is c.LITERAL:
                sets.setdefault(flags, []).append((op, av))
            elif op is c.IN and not any(o is c.NEGATE for o, _ in av):
                sets.setdefault(flags, []).extend(av)
            else:
                others.append(((op, av), flags))
        others += [((c.IN, members), flags) for flags, members in sets.items()]
        alternatives = []
        for item, flags in others:
            add, remove = (flags & ~outer) & scoped, (outer & ~flags) & scoped
            inner = _parser.SubPattern(state, [item])
            alternatives.append(_parser.SubPattern(state, [(c.SUBPATTERN, (None, add, remove, inner))]))
        first = (alternatives[0] if len(alternatives) == 1
                 else _parser.SubPattern(state, [(c.BRANCH, (None, alternatives))]))
        parsed.data.insert(1, (c.ASSERT, (1, first)))
        return _compiler.compile(parsed, regex.flags)
    except Exception:  # an unfamiliar parse tree: run the family's own regex
        return regex


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
    global _texts_read
    registry = registry or load_registry()
    _texts_read += 1
    plain = _texts_read <= PLAIN_TEXTS
    found: list[TemporalExpression] = []
    lines = None if plain else _LineFilter(text, _prefilter(registry))
    for line in re.finditer(r"[^\n]+", text):
        base, piece = line.start(), line.group()
        families = registry.families if lines is None else lines.families(piece)
        found += _join_neighbours(_select(_candidates(piece, registry, families, base, plain)), text)
    return found


# The shortcuts (the pre-filter's word lists and first-character tests, each
# family's lookahead scanner) take a process about a tenth of a second to set
# up and then save ~0.4 ms an article. The first few texts a process reads (a
# one-article rebuild, `digest extract one.txt`) run every family plainly
# instead; both ways find the same (tests/extract/test_dates.py).
PLAIN_TEXTS = 3
_texts_read = 0
