"""Text normalisation: Unicode NFC, look-alike letters, quotes, dashes, spaces.

Written here because no library knows Kazakh keyboard-layout mixes (Latin ə/i/h
typed for ә/і/һ inside Cyrillic words); the table is ``data/normalize.json``.
"""

from __future__ import annotations

import re
import unicodedata

from ._data import load_json

_T = load_json("normalize.json")
_LOOKALIKES: dict[str, str] = _T["lookalikes"]

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_SPACES = re.compile("[" + "".join(_T["spaces"]) + "]")
_ZERO_WIDTH = re.compile("[" + "".join(_T["zero_width"]) + "]")
# Patterns that begin with the character they look for, not with a lookbehind:
# the regex engine then skips to that character instead of trying every position.
_JOINER = "[" + "".join(_T["joiners"]) + "]"
_JOINERS = re.compile(_JOINER + r"(?<=\w" + _JOINER + r")(?=\w)")  # a joiner between two letters
_QUOTES: dict[str, str] = _T["quotes"]
_APOSTROPHES: dict[str, str] = {ch: "'" for ch in _T["apostrophes"]}
_DASHES = re.compile("[" + "".join(_T["dashes"]) + "]")
# a hyphen used as a dash: spaced, or opening a line of dialogue (one or two
# hyphens, after a space or at a line start, before a space)
_HYPHEN_DASH = re.compile(r"-(?<!\S-)-?(?=\s)")
_CONTEXT_QUOTES = re.compile("[" + "".join(_T["context_quotes"]) + "]")


def _char_class(chars) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(ch) for ch in chars) + "]")


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


_CYRILLIC_TABLE = {ch: rep for ch, rep in _LOOKALIKES.items() if _is_cyrillic(ch)}
# A run of letters is fixed only if it holds a Cyrillic letter and every other
# letter is a look-alike: so only a run holding a non-Cyrillic look-alike can
# change, and the other runs need not reach Python at all.
_FOREIGN_LOOKALIKE = _char_class(ch for ch in _LOOKALIKES if not _is_cyrillic(ch))
_SUSPECT = re.compile(r"(?<![^\W\d_])[^\W\d_]*" + _FOREIGN_LOOKALIKE.pattern + r"[^\W\d_]*")
_QUOTE_CHARS = _char_class(_QUOTES)
_APOSTROPHE_CHARS = _char_class(_APOSTROPHES)


def fix_lookalikes(text: str) -> str:
    """Replace Latin (and other) look-alike letters inside otherwise-Cyrillic words."""

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        if not _CYRILLIC.search(word):
            return word
        foreign = [ch for ch in word if not _CYRILLIC.match(ch)]
        if not foreign or not all(ch in _LOOKALIKES for ch in foreign):
            return word
        return "".join(_LOOKALIKES.get(ch, ch) for ch in word)

    if not _FOREIGN_LOOKALIKE.search(text):
        return text
    return _SUSPECT.sub(fix, text)


def _fix_cyrillic_lookalikes(text: str) -> str:
    """Non-Kazakh Cyrillic letters (ҥ, ґ, ќ...) are replaced even in pure-Cyrillic words."""
    return text.translate(str.maketrans(_CYRILLIC_TABLE)) if any(ch in text for ch in _CYRILLIC_TABLE) else text


def _replace_chars(text: str, chars: re.Pattern[str], table: dict[str, str]) -> str:
    """``str.translate`` by a regex: as fast as a scan when (as usual) no such character occurs."""
    return chars.sub(lambda m: table[m.group()], text)


def _pair_straight_quotes(text: str) -> str:
    """Straight and “ quotes → « or »: one after a space, line start or bracket opens."""

    def repl(m: re.Match[str]) -> str:
        i = m.start()
        prev = text[i - 1] if i else " "
        return "«" if prev.isspace() or prev in "([{«-–—" else "»"

    return _CONTEXT_QUOTES.sub(repl, text)


def normalize(text: str) -> str:
    """NFC; unify look-alike letters, quotes («»), dashes (–), spaces; drop zero-width marks."""
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _JOINERS.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _fix_cyrillic_lookalikes(fix_lookalikes(text))
    text = _replace_chars(_replace_chars(text, _QUOTE_CHARS, _QUOTES), _APOSTROPHE_CHARS, _APOSTROPHES)
    text = _pair_straight_quotes(text)
    text = _DASHES.sub(_T["dash"], text)
    text = _HYPHEN_DASH.sub(_T["dash"], text)
    return text
