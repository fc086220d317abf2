"""The Kazakh language core: normalisation, sentences, tokens, stems, transliteration.

Placeholder API (to be replaced by the real core); it imports nothing else from digest.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


STOPWORDS: frozenset[str] = frozenset()


def normalize(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def split_sentences(text: str) -> list[Sentence]:
    out = []
    for m in re.finditer(r"[^\n.!?]+(?:[.!?]+|$)", text, flags=re.M):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append(Sentence(text[s:e], s, e))
    return out


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in re.finditer(r"\w+(?:-\w+)*", text)]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return word.lower()


def transliterate(text: str) -> str:
    return text
