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

# a run of letters (and apostrophes) containing at least one Cyrillic letter and
# at least one look-alike; fixed only if every non-Cyrillic letter is a look-alike
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_SPACES = re.compile("[" + "".join(_T["spaces"]) + "]")
_ZERO_WIDTH = re.compile("[" + "".join(_T["zero_width"]) + "]")
_JOINERS = re.compile(r"(?<=\w)[" + "".join(_T["joiners"]) + r"](?=\w)")
_QUOTES = str.maketrans(_T["quotes"])
_APOSTROPHES = str.maketrans({ch: "'" for ch in _T["apostrophes"]})
_DASHES = re.compile("[" + "".join(_T["dashes"]) + "]")
# a hyphen used as a dash: spaced, or opening a line of dialogue
_HYPHEN_DASH = re.compile(r"(?:(?<=\s)|^)-{1,2}(?=\s)", re.M)
_CONTEXT_QUOTES = re.compile("[" + "".join(_T["context_quotes"]) + "]")


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

    return _WORD.sub(fix, text)


def _fix_cyrillic_lookalikes(text: str) -> str:
    """Non-Kazakh Cyrillic letters (ҥ, ґ, ќ...) are replaced even in pure-Cyrillic words."""
    table = {ch: rep for ch, rep in _LOOKALIKES.items() if _CYRILLIC.match(ch)}
    return text.translate(str.maketrans(table)) if any(ch in text for ch in table) else text


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
    text = text.translate(_QUOTES).translate(_APOSTROPHES)
    text = _pair_straight_quotes(text)
    text = _DASHES.sub(_T["dash"], text)
    text = _HYPHEN_DASH.sub(_T["dash"], text)
    return text
