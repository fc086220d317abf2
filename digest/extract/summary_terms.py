"""What an article is about, from its own words: topic stems and principal names.

No vocabulary and no model: a Kazakh news article names its principals again
and again, in inflected forms the core's ``stem`` brings together (Тоқаев,
Тоқаевқа, Тоқаевтың), and states them in its lead. So a name is a capitalised
word inside a sentence (or at its start once seen inside one) that the article
does not also write in lower case, or an acronym; a principal is a name
mentioned in two units or more, counted double when the lead or the headline
names it. A first name
that always comes before a surname (Александр Лукашенко, Қасым-Жомарт Тоқаев)
is left to the surname, so one person counts once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from digest.kazakh import STOPWORDS, Token, stem

NAME_BOOST = 2.0  # a recurring name weighs this much more than a recurring word
LONE_NAME = 0.5  # weight of a name mentioned once (a common word mentioned once: 0)
HEADLINE_BONUS = 1.0  # added to the weight of a stem in the headline or a subheading
LEAD_MENTION = 2.0  # a name in the lead or headline counts this much per mention
PRINCIPALS = 8  # how many names at most are the article's principals


@dataclass(frozen=True)
class Profile:
    """The content stems, names and word count of a piece of text."""

    keys: frozenset[str]
    names: frozenset[str]
    words: int
    first_word: str


@dataclass
class _Sentence:
    keys: list[str]
    names: list[str]  # keys of capitalised words, in order
    lower: list[str]  # keys of words written in lower case
    initial: str | None  # key of a capitalised first word (a name only if seen inside)
    words: int
    first_word: str
    pairs: list[tuple[str, str]]  # (uninflected name, name right after it)


@lru_cache(maxsize=100_000)
def _word(word: str) -> tuple[bool, str | None, bool, bool, bool]:
    """What ``_read`` needs of a word: (is a word, content key or None, acronym, capitalised, uninflected)."""
    if not word[0].isalpha():
        return False, None, False, False, False
    if word.lower() in STOPWORDS:
        return True, None, False, False, False
    key = stem(word)
    if len(key) < 2 or key in STOPWORDS:
        return True, None, False, False, False
    acronym = len(word) > 1 and word.split("-")[0].isupper()
    return True, key, acronym, word[0].isupper(), key == word.lower() and not acronym


def _read(text: str, tokens: list[Token]) -> _Sentence:
    """One sentence: ``tokens`` are its tokens, with offsets in ``text``."""
    keys: list[str] = []
    names: list[str] = []
    lower: list[str] = []
    pairs: list[tuple[str, str]] = []
    initial = None
    words = 0
    first_word = ""
    previous: tuple[str, int, bool] | None = None  # (key, end, uninflected) of the last name
    for i, token in enumerate(tokens):
        word = token.text
        is_word, key, acronym, capital, uninflected = _word(word)
        if not is_word:
            previous = None
            continue
        words += 1
        if words == 1:
            first_word = word
        if key is None:  # a stop word, or too short a stem
            previous = None
            continue
        keys.append(key)
        if not (acronym or capital):
            lower.append(key)
            previous = None
            continue
        if i == 0 and not acronym:
            initial = key
        else:
            names.append(key)
        if previous and previous[2] and not text[previous[1]:token.start].strip():
            pairs.append((previous[0], key))
        previous = (key, token.end, uninflected)
    return _Sentence(keys, names, lower, initial, words, first_word, pairs)


class ArticleTerms:
    """Stem weights and principal names of one article.

    ``pieces`` are the article's units in reading order, each a list of
    sentences, each sentence its tokens (offsets in ``text``); ``headings``
    the indices of the headline and subheadings.
    """

    def __init__(self, text: str, pieces: list[list[list[Token]]], headings: set[int]):
        read = [[_read(text, tokens) for tokens in piece] for piece in pieces]
        inner = self._true_names(read)
        self._read, self._inner = read, inner
        self.profiles = [self._profile(piece, inner) for piece in read]
        head_keys = {k for i in headings for k in self.profiles[i].keys}
        head_names = {n for i in headings for n in self.profiles[i].names}

        df: dict[str, int] = {}
        for profile in self.profiles:
            for key in profile.keys:
                df[key] = df.get(key, 0) + 1
        names = set().union(*(p.names for p in self.profiles))
        self.weight: dict[str, float] = {}
        for key, count in df.items():
            w = math.log(count)
            if key in names:
                w = LONE_NAME + NAME_BOOST * w
            if key in head_keys:
                w += HEADLINE_BONUS
            self.weight[key] = w
        self._head_names = head_names

    @staticmethod
    def _true_names(read: list[list[_Sentence]]) -> set[str]:
        """Keys written capitalised inside sentences more often than in lower case.

        "Мемлекеттік" in "ҚХР Мемлекеттік кеңесі" is part of a title, not a name:
        the same article also writes "мемлекеттік" in lower case.
        """
        capital: dict[str, int] = {}
        lower: dict[str, int] = {}
        for piece in read:
            for s in piece:
                for key in s.names:
                    capital[key] = capital.get(key, 0) + 1
                for key in s.lower:
                    lower[key] = lower.get(key, 0) + 1
        return {k for k, n in capital.items() if n > lower.get(k, 0)}

    @staticmethod
    def _profile(sentences: list[_Sentence], inner: set[str]) -> Profile:
        keys: set[str] = set()
        names: set[str] = set()
        for s in sentences:
            keys.update(s.keys)
            names.update(n for n in s.names if n in inner)
            if s.initial and s.initial in inner:
                names.add(s.initial)
        first = sentences[0].first_word if sentences else ""
        return Profile(frozenset(keys), frozenset(names), sum(s.words for s in sentences), first)

    def principals(self, lead: int | None) -> dict[str, float]:
        """Each principal name and its share (they sum to 1), given the lead piece."""
        read, inner = self._read, self._inner
        named_first = self._head_names | (self.profiles[lead].names if lead is not None else set())
        followed: dict[str, int] = {}
        occurrences: dict[str, int] = {}
        for piece in read:
            for s in piece:
                for first, _ in s.pairs:
                    followed[first] = followed.get(first, 0) + 1
                for name in s.names + ([s.initial] if s.initial else []):
                    if name in inner:
                        occurrences[name] = occurrences.get(name, 0) + 1
        mentions: dict[str, int] = {}
        for profile in self.profiles:
            for name in profile.names:
                mentions[name] = mentions.get(name, 0) + 1
        score = {}
        for name, count in mentions.items():
            if count < 2 or followed.get(name, 0) >= occurrences.get(name, 0):
                continue  # said once, or a first name that a surname always follows
            score[name] = count * (LEAD_MENTION if name in named_first else 1.0)
        top = sorted(score, key=lambda n: (-score[n], n))[:PRINCIPALS]
        total = sum(score[n] for n in top) or 1.0
        return {n: score[n] / total for n in top}
