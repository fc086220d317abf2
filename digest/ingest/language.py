"""Is an article Kazakh? A letter count, enough to warn about a Russian or English one.

Kazakh Cyrillic has nine letters Russian lacks (ә ғ қ ң ө ұ ү һ і); a Kazakh
news text uses them in nearly every sentence, a Russian one never. Latin-script
text is Kazakh only with the letters of the 2021 Latin alphabet (ä ğ ñ ö ū ü ş ı).
A language identifier (langid, fastText) would need a model for one warning.
"""

from __future__ import annotations

import re

KAZAKH_CYRILLIC = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
KAZAKH_LATIN = frozenset("äğñöūüşıÄĞÑÖŪÜŞİáóúńǵ")
MIN_LETTERS = 40  # shorter texts are not judged
KAZAKH_SHARE = 0.01  # of the Cyrillic letters; Kazakh news text has 5-8 %
_ENGLISH = re.compile(r"\b(?:the|and|of|to|in|is|was|for|that|with)\b", re.I)


def language_of(text: str) -> str | None:
    """"Russian", "English", or another name when ``text`` is clearly not Kazakh; None if it is
    (or is too short to tell)."""
    sample = text[:5000]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    if cyrillic >= len(letters) / 2:
        kazakh = sum(1 for c in letters if c in KAZAKH_CYRILLIC)
        return "Russian" if kazakh < KAZAKH_SHARE * cyrillic else None
    latin = sum(1 for c in letters if c.isascii() or c in KAZAKH_LATIN)
    if latin >= len(letters) / 2:
        if sum(1 for c in letters if c in KAZAKH_LATIN) >= KAZAKH_SHARE * latin:
            return None  # Kazakh in the Latin alphabet
        words = len(sample.split())
        return "English" if len(_ENGLISH.findall(sample)) >= 0.05 * words else "a language in Latin script"
    return "a language in another script"
