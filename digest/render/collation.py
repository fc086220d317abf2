"""Kazakh alphabetical order for tag lists.

Python sorts by code point, which puts Kazakh-specific letters (ә ғ қ ң ө ұ ү һ і)
after я; readers expect the Kazakh alphabet's order.
"""

from __future__ import annotations

KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_RANK = {letter: index for index, letter in enumerate(KAZAKH_ALPHABET)}


def kazakh_key(text: str) -> tuple:
    """Sort key: Kazakh letters in alphabet order, then Latin and others by code point."""
    return tuple((0, _RANK[c]) if c in _RANK else (1, ord(c)) for c in text.casefold())
