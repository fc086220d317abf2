"""A cheap test of which date families a line may hold, worked out from their patterns.

Every family of ``data/dates.yml`` is a regex; running all of them on every
line is most of the timeline's cost. Most patterns contain literal words that
every match must contain ("жыл", a month name, "бұрын"): a line lacking one of
each group cannot hold a match, so the family is not run there.

The words are read from the pattern's source by a small parser of the regex
syntax the registry uses (``re`` keeps its own parser private). A construct
it does not know makes the family "always run": never a wrong answer, only a
slower one. tests/extract/test_dates.py checks that the filtered search finds
exactly what running every family everywhere finds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_

# parse tree: ("lit", ch) | ("any",) | ("zero",) | ("seq", [nodes]) | ("alt", [seq...]) | ("rep", node, min)


class Unsupported(ValueError):
    """A regex construct the parser does not read (the family is then always run)."""


_CLASS_ESCAPES = set("dDwWsS")
_ZERO_ESCAPES = set("bBAZ")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}


@dataclass
class _Parser:
    src: str
    pos: int = 0

    def peek(self) -> str:
        return self.src[self.pos] if self.pos < len(self.src) else ""

    def alternation(self):
        branches = [self.sequence()]
        while self.peek() == "|":
            self.pos += 1
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else ("alt", branches)

    def sequence(self):
        items = []
        while self.peek() not in ("", "|", ")"):
            atom = self.atom()
            items.append(self.quantified(atom))
        return ("seq", items)

    def quantified(self, atom):
        ch = self.peek()
        low = None
        if ch in ("?", "*", "+"):
            self.pos += 1
            low = 1 if ch == "+" else 0
        elif ch == "{":
            close = self.src.find("}", self.pos)
            body = self.src[self.pos + 1 : close] if close > 0 else ""
            lo, comma, hi = body.partition(",")
            if body and (lo.isdigit() or (comma and not lo)) and (not hi or hi.isdigit()) and (lo or hi):
                self.pos = close + 1
                low = int(lo or 0)
            else:
                return atom  # a literal "{"
        else:
            return atom
        if self.peek() in ("?", "+"):
            self.pos += 1  # lazy or possessive: the same strings
        if atom[0] == "zero":
            return atom
        return ("rep", atom, low)

    def atom(self):
        ch = self.peek()
        self.pos += 1
        if ch == "(":
            return self.group()
        if ch == "[":
            return self.char_class()
        if ch == "\\":
            return self.escape()
        if ch == ".":
            return ("any",)
        if ch in ("^", "$"):
            return ("zero",)
        if ch in ("*", "+", "?"):
            raise Unsupported(f"nothing to repeat at {self.pos - 1}")
        return ("lit", ch)

    def escape(self):
        ch = self.peek()
        if not ch:
            raise Unsupported("a trailing backslash")
        self.pos += 1
        if ch in _CLASS_ESCAPES:
            return ("any",)
        if ch in _ZERO_ESCAPES:
            return ("zero",)
        if ch in _SIMPLE_ESCAPES:
            return ("lit", _SIMPLE_ESCAPES[ch])
        if ch in ("x", "u", "U"):
            width = {"x": 2, "u": 4, "U": 8}[ch]
            digits = self.src[self.pos : self.pos + width]
            self.pos += width
            return ("lit", chr(int(digits, 16)))
        if ch.isalnum():
            raise Unsupported(f"escape \\{ch}")
        return ("lit", ch)

    def char_class(self):
        # one character of a set: no literal word; only its end is looked for
        if self.peek() == "^":
            self.pos += 1
        if self.peek() == "]":
            self.pos += 1
        while self.peek() not in ("]", ""):
            self.pos += 2 if self.peek() == "\\" else 1
        if not self.peek():
            raise Unsupported("an unterminated character class")
        self.pos += 1
        return ("any",)

    def group(self):
        zero = False
        if self.peek() == "?":
            self.pos += 1
            kind = self.peek()
            if kind == "P" and self.src[self.pos + 1 : self.pos + 2] == "<":
                self.pos = self.src.index(">", self.pos) + 1
            elif kind in (":", ">"):
                self.pos += 1
            elif kind in ("=", "!"):
                self.pos += 1
                zero = True
            elif kind == "<" and self.src[self.pos + 1 : self.pos + 2] in ("=", "!"):
                self.pos += 2
                zero = True
            elif kind == "#":
                self.pos = self.src.index(")", self.pos) + 1
                return ("zero",)
            else:
                flags_end = self.pos
                while self.src[flags_end : flags_end + 1].isalpha() or self.src[flags_end : flags_end + 1] == "-":
                    flags_end += 1
                if self.src[flags_end : flags_end + 1] != ":":
                    raise Unsupported(f"group (?{self.src[self.pos:flags_end + 1]}")
                self.pos = flags_end + 1
        inner = self.alternation()
        if self.peek() != ")":
            raise Unsupported("an unbalanced parenthesis")
        self.pos += 1
        return ("zero",) if zero else inner


def parse(pattern: str):
    """The parse tree of ``pattern`` (raises Unsupported for what is not read here)."""
    parser = _Parser(pattern)
    tree = parser.alternation()
    if parser.pos != len(pattern):
        raise Unsupported(f"an unbalanced parenthesis at {parser.pos}")
    return tree


def required(node) -> list[set[str]]:
    """Sets of literal strings such that every match of ``node`` contains one string of each set."""
    tag = node[0]
    if tag == "lit":
        return [{node[1]}]
    if tag == "rep":
        return required(node[1]) if node[2] >= 1 else []
    if tag == "alt":
        # one set for the alternation: each alternative's most selective set, together
        either: set[str] = set()
        for branch in node[1]:
            own = required(branch)
            if not own:
                return []
            either |= max(own, key=lambda g: (min(len(w) for w in g), -len(g)))
        return [either]
    if tag != "seq":
        return []
    groups: list[set[str]] = []
    run: list[str] = []
    for item in node[1]:
        if item[0] == "lit":
            run.append(item[1])
            continue
        if run:
            groups.append({"".join(run)})
            run = []
        groups += required(item)
    if run:
        groups.append({"".join(run)})
    return groups


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


def required_words(pattern: str) -> tuple[tuple[str, ...], ...] | None:
    """Groups of case-folded words such that every match of ``pattern`` contains a word of each group.

    None if no such group is known (or the pattern holds a construct not read here).
    """
    try:
        groups = required(parse(pattern))
    except (Unsupported, ValueError, IndexError):
        return None
    groups = [{w.casefold() for w in g} for g in groups if all(_foldable(w) for w in g)]
    if not groups:
        return None
    # a text holding a word holds each word inside it: keep only the innermost ones
    groups = [{w for w in g if not any(v != w and v in w for v in g)} for g in groups]
    return tuple(tuple(sorted(g, key=lambda w: (len(w), w))) for g in groups)


_Need = tuple[int, tuple[int, ...]]  # a family's index, a mask per group of its words


def _present(folded: str, words: list[tuple[int, str]]) -> int:
    """Bit j set: word j of ``words`` ((bit, word) pairs) occurs in the case-folded text."""
    present = 0
    for bit, word in words:
        if word in folded:
            present |= bit
    return present


def _holding(needs: list[_Need], present: int) -> list[_Need]:
    """The entries of ``needs`` with a word of each of their groups in ``present``."""
    out = []
    for need in needs:
        for mask in need[1]:
            if not present & mask:
                break
        else:
            out.append(need)
    return out


class Prefilter:
    """The words each family's matches contain, as bit masks over one list of words."""

    def __init__(self, patterns: list[str]) -> None:
        required_of = [required_words(p) for p in patterns]
        distinct = sorted({w for groups in required_of if groups for g in groups for w in g},
                          key=lambda w: (len(w), w))
        bits = {w: 1 << j for j, w in enumerate(distinct)}
        self.words = [(bits[w], w) for w in distinct]
        self.needs: list[_Need] = [
            (i, tuple(sum(bits[w] for w in g) for g in groups) if groups else ())
            for i, groups in enumerate(required_of)
        ]

    def for_text(self, text: str) -> "LineFilter":
        return LineFilter(self, text)


class LineFilter:
    """The families each line of one text may hold.

    Worked out once for the text: the families whose words it holds, and of
    their words those it holds; a line is then tested on those alone.
    """

    def __init__(self, index: Prefilter, text: str) -> None:
        present = _present(text.casefold(), index.words)
        self.among = _holding(index.needs, present)
        needed = reduce(or_, (mask for need in self.among for mask in need[1]), 0)
        self.words = [(bit, word) for bit, word in index.words if bit & present & needed]

    def families(self, line: str) -> list[int]:
        """Indexes (in registry order) of the families ``line`` may hold."""
        return [need[0] for need in _holding(self.among, _present(line.casefold(), self.words))]
