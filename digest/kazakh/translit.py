"""Cyrillic Kazakh → the official Latin alphabet of 2021, and an ASCII fold for slugs.

The letter table is ``data/translit.json`` (Қазақстан → Qazaqstan, Тоқаев →
Toqaev, ұ → ū, ү → ü, і → ı, ы → y, ш → ş, ң → ñ, ғ → ğ). Casing: a
Cyrillic capital gives a Latin capital; a letter written with two Latin
letters (ц → ts, ш in ASCII → sh, ю → iu) is "Ts" in a capitalised word and
"TS" inside an all-capital word (ЦСКА → TSSKA). Capital і is I and capital и
is İ, as in the 2021 alphabet. Non-Cyrillic text passes through unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ._data import load_json

_T = load_json("translit.json")
_LOWER: dict[str, str] = _T["cyrillic_to_latin"]
_UPPER_EXCEPTIONS: dict[str, str] = _T["upper_exceptions"]
_ASCII: dict[str, str] = _T["ascii"]
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04FF]+")


def _upper(latin: str, whole: bool) -> str:
    if not latin:
        return latin
    first = _UPPER_EXCEPTIONS.get(latin[0], latin[0].upper())
    rest = latin[1:]
    return first + (rest.upper() if whole else rest)


@lru_cache(maxsize=100_000)
def _word(word: str) -> str:
    all_caps = len(word) > 1 and word.isupper()
    out = []
    for ch in word:
        low = ch.lower()
        latin = _LOWER.get(low)
        if latin is None:
            out.append(ch)
        elif ch != low:
            out.append(_upper(latin, all_caps))
        else:
            out.append(latin)
    return "".join(out)


def transliterate(text: str) -> str:
    """Kazakh Cyrillic in ``text`` → 2021 Latin, case kept (Қазақстан → Qazaqstan)."""
    return _CYRILLIC_WORD.sub(lambda m: _word(m.group()), text)


def to_ascii_latin(text: str) -> str:
    """Lower-case ASCII Latin for slugs and search: Қазақстан → qazaqstan, Шымкент → shymkent.

    2021 Latin first, then ä→a, ö→o, ü/ū→u, ı→i, ğ→g, ñ→n, ş→sh; any other
    accent is dropped; characters with no ASCII form are removed.
    """
    latin = transliterate(text).lower().replace("i̇", "i")
    folded = "".join(_ASCII.get(ch, ch) for ch in latin)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in decomposed if ch.isascii())
