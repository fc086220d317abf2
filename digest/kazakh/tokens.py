"""Word and number tokens with offsets.

A plain regular expression, because what counts as one token here is Kazakh
news usage no tokenizer library knows: hyphenated compounds (Қасым-Жомарт,
бір-бірімізді), endings hyphenated onto numbers, acronyms and Latin names
(30%-ке, ҚХР-дың, Ertenmedia-ның), and numbers with separators (1,395 · 1.5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Token:
    """A word or number and its offsets in the text."""

    text: str
    start: int
    end: int


_LETTERS = r"[^\W\d_]"
_WORD = rf"{_LETTERS}+(?:['’]{_LETTERS}+)*"
_NUMBER = r"\d+(?:[.,]\d+)*%?"
# one token = words or numbers joined by single hyphens (no spaces around them)
_TOKEN = re.compile(rf"(?:{_NUMBER}|{_WORD})(?:-(?:{_NUMBER}|{_WORD}))*")


# An article's text is tokenised by the tags and again by the summary: the last
# few texts' tokens are kept (long texts only; tokens are immutable, each call
# gets its own list).
_RECENT: dict[str, tuple[Token, ...]] = {}
_RECENT_SIZE = 8
_RECENT_MIN_CHARS = 200


def tokenize(text: str) -> list[Token]:
    """Words and numbers of ``text`` in order; punctuation and spaces are skipped."""
    if len(text) < _RECENT_MIN_CHARS:
        return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    found = _RECENT.get(text)
    if found is None:
        found = tuple([Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)])
        if len(_RECENT) >= _RECENT_SIZE:
            _RECENT.pop(next(iter(_RECENT), None), None)
        _RECENT[text] = found
    return list(found)


def words(text: str) -> list[str]:
    """Just the token strings (a convenience for counting and indexing)."""
    return [m.group() for m in _TOKEN.finditer(text)]
