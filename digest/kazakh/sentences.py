"""Sentence splitting with exact offsets (``Sentence.text == source[start:end]``).

Written here rather than taken from syntok/segtok/razdel: they know English or
Russian abbreviations, not Kazakh ones (т.б., ж., млн), and on TV transcripts
they glue unpunctuated lines together. The rules, in order:

* every line is its own unit (headings, transcript lines without a full stop);
* inside a line a boundary is ``. ! ? …`` (plus closing quotes) followed by
  space and a sentence start: a capital, a digit, an opening quote, or a dash
  that opens dialogue rather than reported speech (``?» – деді ол`` goes on);
* after an abbreviation from ``data/abbreviations.json`` a lower-case word or
  a number goes on; a capital starts a sentence only after a ``may_end`` one;
  after an initial (А. Лукашенко) never;
* a full stop between digits (1.5) is not followed by space, so never splits;
  nor does the full stop of a line's enumerator ("1. Қазақстан ...");
* nor does one inside a short «…» closed on the same line: a title such as
  «Ауылдан қашу. Махаббат операциясы» is one name (a long quotation of
  several sentences still splits; the summary keeps it whole as a unit).

Leading dialogue dashes and list marks are left out of the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._data import load_json


@dataclass(frozen=True)
class Sentence:
    """A sentence and its offsets in the text it was split from."""

    text: str
    start: int
    end: int


_A = load_json("abbreviations.json")
_ABBREVIATIONS = frozenset(a.lower().rstrip(".") for a in _A["abbreviations"])
_MAY_END = frozenset(a.lower().rstrip(".") for a in _A["may_end"])

_CLOSERS = "»\"”“’')]"
_DASHES = "-–—"
# terminators (an ellipsis written as dots among them), closing quotes, then a space;
# a character set first lets the regex engine skip straight to a terminator
_BOUNDARY = re.compile(r"[.!?…]+[" + re.escape(_CLOSERS) + r"]*(?=\s)")
# the word before a terminator; the lookbehind lets the search try only where a word starts
_PREV_WORD = re.compile(r"(?<![\w.-])[\w.-]*\w$")
_LEAD = re.compile(r"^(?:[-–—•*#]+\s+)+")
_HAS_WORD = re.compile(r"\w")
_INITIALS = re.compile(r"(?:[^\W\d_]\.-?)*[^\W\d_]")


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line)
        start += len(line) + 1


def _starts_sentence(rest: str) -> bool:
    """Does the text after a terminator (spaces stripped) open a new sentence?"""
    if not rest:
        return False
    c = rest[0]
    if c in _DASHES:
        after = rest[1:].lstrip()
        return bool(after) and not after[0].islower()
    if c.isalpha():
        return not c.islower()
    return True  # digit, opening quote, bracket, emoji...


# How far around a terminator the rules look. Bounded windows keep splitting
# linear in the line's length: a pasted article can be one 100,000-character line.
_LOOK = 80
_SPACES = re.compile(r"\s*")


def _is_boundary(line: str, m: re.Match[str], indent: int) -> bool:
    after = _SPACES.match(line, m.end()).end()
    rest = line[after: after + _LOOK]
    if not _starts_sentence(rest):
        return False
    if not m.group().startswith("."):
        return True
    window = max(0, m.start() - _LOOK)
    prev = _PREV_WORD.search(line[window: m.start()])
    if prev is None:
        return True
    if prev.group().isdigit() and window + prev.start() == indent:
        return False  # an enumerator opening the line: "1. Қазақстан..."
    token = prev.group()
    if token.isupper() and _INITIALS.fullmatch(token):
        return False  # initials: А. Лукашенко, Қ.-Ж. Тоқаев
    word = token.lower()
    if word in _ABBREVIATIONS:
        return rest[0].isalpha() and rest[0].isupper() and word in _MAY_END
    return True


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    start += len(piece) - len(piece.lstrip())
    end = start + len(stripped)
    lead = _LEAD.match(stripped)
    if lead:
        start += lead.end()
    if start < end and _HAS_WORD.search(text, start, end):
        out.append(Sentence(text[start:end], start, end))


# The extraction splits an article's text several times (title, summary, timeline):
# the last few texts' sentences are kept. Sentences are immutable; each call gets
# its own list.
_RECENT: dict[str, tuple[Sentence, ...]] = {}
_RECENT_SIZE = 8


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; each keeps its exact offsets in ``text``."""
    found = _RECENT.get(text)
    if found is None:
        found = tuple(_split(text))
        if len(_RECENT) >= _RECENT_SIZE:
            _RECENT.pop(next(iter(_RECENT), None), None)
        _RECENT[text] = found
    return list(found)


# A «…» of at most this many words is a name (a film, a book, a programme),
# not a quotation: no sentence ends inside it.
SHORT_QUOTE_WORDS = 12
_SHORT_QUOTE = re.compile(r"«[^«»\n]{1,%d}»" % (SHORT_QUOTE_WORDS * 12))


def _short_quotes(line: str) -> list[tuple[int, int]]:
    """Spans of the line's «…» names: closed on the line, at most SHORT_QUOTE_WORDS words."""
    if "«" not in line:
        return []
    return [(m.start(), m.end()) for m in _SHORT_QUOTE.finditer(line)
            if len(m.group().split()) <= SHORT_QUOTE_WORDS]


def _split(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    for line_start, line_end in _lines(text):
        line = text[line_start:line_end]
        piece_start = 0
        indent = _SPACES.match(line).end()
        names = _short_quotes(line)
        for m in _BOUNDARY.finditer(line):
            if names and any(a < m.start() and m.end() < b - 1 for a, b in names):
                continue  # inside «…», and the » is not the terminator's own closing quote
            if _is_boundary(line, m, indent):
                _emit(text, line_start + piece_start, line_start + m.end(), out)
                piece_start = m.end()
        _emit(text, line_start + piece_start, line_end, out)
    return out
