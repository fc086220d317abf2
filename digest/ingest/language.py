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
SAMPLE = 1500  # characters: enough to tell, and the test stays cheap
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z" + "".join(sorted(KAZAKH_LATIN)) + r"]")
_ENGLISH = re.compile(r"\b(?:the|and|of|to|in|is|was|for|that|with)\b", re.I)


def language_of(text: str) -> str | None:
    """"Russian", "English", or another name when ``text`` is clearly not Kazakh; None if it is
    (or is too short to tell)."""
    sample = text[:SAMPLE]
    letters = sum(map(str.isalpha, sample))
    if letters < MIN_LETTERS:
        return None
    cyrillic = len(_CYRILLIC.findall(sample))
    latin = len(_LATIN.findall(sample)) if cyrillic < letters / 2 else 0
    if cyrillic >= letters / 2:
        kazakh = sum(sample.count(c) for c in KAZAKH_CYRILLIC)
        return "Russian" if kazakh < KAZAKH_SHARE * cyrillic else None
    if latin >= letters / 2:
        if sum(sample.count(c) for c in KAZAKH_LATIN) >= KAZAKH_SHARE * latin:
            return None  # Kazakh in the Latin alphabet
        words = len(sample.split())
        return "English" if len(_ENGLISH.findall(sample)) >= 0.05 * words else "a language in Latin script"
    return "a language in another script"
