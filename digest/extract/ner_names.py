"""Proper-name matching: the forms of a word and a compiled index of names.

A name of several words matches when all words but the last are equal
(case-insensitive) and the last is an inflected form of the name's last word:
same stem key from ``digest.kazakh.stem``, or the name followed by a chain of
case endings (``models/name_endings.txt``), so the matcher holds even where the
stemmer's key for a foreign name differs.  Lookups are dictionary hits on the
first word; nothing is scanned per name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Hashable

from digest import kazakh

MODELS = Path(__file__).with_name("models")
_MIN_STEM = 4  # shorter stem keys ("ел", "ақ") collide with ordinary words
_MIN_BASE = 3


def _read_endings() -> dict[str, tuple[str, ...]]:
    path = MODELS / "name_endings.txt"
    groups: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and ":" in line:
            key, _, values = line.partition(":")
            groups[key.strip()] = tuple(sorted(values.split(), key=len, reverse=True))
    return groups


_ENDINGS = _read_endings()


def _alternation(group: str) -> str:
    return "|".join(map(re.escape, _ENDINGS[group]))


ENDING_RE = re.compile(
    f"(?:{_alternation('plural')})?(?:{_alternation('possessive')})?(?:{_alternation('case')})?"
)
_STRIP = _ENDINGS["strip"]


def is_ending(tail: str) -> bool:
    """True if ``tail`` (lower case) is a chain of inflectional endings."""
    return bool(tail) and ENDING_RE.fullmatch(tail) is not None


def split_suffix_hyphen(word: str) -> tuple[str, str]:
    """"АҚШ-тың" → ("АҚШ", "-тың"); a word without such a suffix → (word, "")."""
    head, sep, tail = word.rpartition("-")
    if sep and head and tail.islower() and is_ending(tail):
        return head, sep + tail
    return word, ""


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> tuple[str, ...]:
    """Lower-case keys under which ``word`` may be a form of a listed name, best first."""
    head, _ = split_suffix_hyphen(word)
    low = head.lower()
    keys = [low]
    stem = kazakh.stem(head)
    if len(stem) >= _MIN_STEM and stem not in keys:
        keys.append(stem)
    for cut in range(len(low) - 1, _MIN_BASE - 1, -1):
        if is_ending(low[cut:]) and low[:cut] not in keys:
            keys.append(low[:cut])
    return tuple(keys)


@lru_cache(maxsize=100_000)
def base_form(word: str) -> str:
    """The nominative form of a proper name as written: "Сюэсянды" → "Сюэсян"."""
    head, suffix = split_suffix_hyphen(word)
    if suffix:
        return head
    low = word.lower()
    for ending in _STRIP:
        if low.endswith(ending) and len(low) - len(ending) >= _MIN_BASE:
            return word[: len(word) - len(ending)]
    return word


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


# A word's keys (word_keys) differ from its lower-cased form in its last two
# letters at most: endings are cut off, and a stem key restores at most a
# final consonant ("кітабы" → "кітап") or a dropped vowel ("орны" → "орын").
# tests/extract/test_vocabulary_change.py checks it on real and made-up words.
KEY_DRIFT = 2


def _last_keys(last: str) -> set[str]:
    """The keys a name's last word is matched under (the word's own forms meet one)."""
    keys = {last.lower()}
    stem = kazakh.stem(last)
    if len(stem) >= _MIN_STEM:
        keys.add(stem)
    return keys


def key_anchors(keys) -> tuple[str, ...]:
    """Strings one of which a word holds (lower-cased) if one of its keys is in ``keys``."""
    return tuple(sorted({key[: max(0, len(key) - KEY_DRIFT)] for key in keys}))


def name_anchors(name: str) -> tuple[str, ...]:
    """Strings one of which the lower-cased text holds wherever ``name`` matches
    (NameIndex): a text holding none of them cannot mention it. Worked out
    from how a name is matched: an abbreviation as written, a name of several
    words by its first word as written, one word by its keys."""
    words = [t.text for t in kazakh.tokenize(name)]
    if not words:
        return ()
    if len(words) == 1 and is_abbreviation(name):
        return (name.rstrip("+").lower(),)
    if len(words) > 1:
        return (words[0].lower(),)
    return key_anchors(_last_keys(words[0]))


def is_abbreviation(name: str) -> bool:
    """ҚХР, ШЫҰ, БҰҰ, ОПЕК+: all capitals, short, one word."""
    letters = [c for c in name if c.isalpha()]
    return " " not in name and 2 <= len(letters) <= 7 and all(c.isupper() for c in letters)


@dataclass(frozen=True)
class Name:
    """One compiled name (a label or an alias) and the target it stands for."""

    words: tuple[str, ...]  # lower-cased words, all but the last compared exactly
    last_keys: frozenset[str]  # keys the last word's forms must meet
    capital: bool  # the first word must be written with a capital
    unless_next: frozenset[str]
    target: Hashable


@dataclass(frozen=True)
class Match:
    start: int  # character offsets in the text
    end: int
    first: int  # token indexes, end exclusive
    last: int
    target: Hashable


class NameIndex:
    """Names compiled into dictionaries keyed by word, matched longest first."""

    def __init__(self) -> None:
        self._abbr: dict[str, list[Name]] = {}
        self._single: dict[str, list[Name]] = {}
        self._multi: dict[str, list[Name]] = {}

    def add(self, name: str, target: Hashable, unless_next: frozenset[str] = frozenset()) -> bool:
        """Compile ``name``; False if it has no word to match on."""
        words = [t.text for t in kazakh.tokenize(name)]
        if not words:
            return False
        if len(words) == 1 and is_abbreviation(name):
            entry = Name((name,), frozenset({name}), True, unless_next, target)
            self._abbr.setdefault(name.rstrip("+"), []).append(entry)
            return True
        keys = _last_keys(words[-1])
        entry = Name(
            tuple(w.lower() for w in words), frozenset(keys), is_capitalised(name), unless_next, target
        )
        if len(words) == 1:
            for key in keys:
                self._single.setdefault(key, []).append(entry)
        else:
            bucket = self._multi.setdefault(entry.words[0], [])
            bucket.append(entry)
            bucket.sort(key=lambda n: -len(n.words))
        return True

    def clashes(self) -> list[tuple[str, set]]:
        """Names that stand for more than one target (the first added wins when matching)."""
        out = []
        buckets = [*self._abbr.items(), *self._single.items()]
        buckets += [(" ".join(n.words), [n]) for names in self._multi.values() for n in names]
        seen: dict[tuple, set] = {}
        for key, names in buckets:
            for name in names:
                seen.setdefault((key, name.words[:-1], name.last_keys), set()).add(name.target)
        for (key, _, _), targets in seen.items():
            if len(targets) > 1:
                out.append((key, targets))
        return out

    def match(self, text: str, tokens: list, blocked: set[int] | None = None) -> list[Match]:
        """Non-overlapping matches in ``tokens`` (of ``text``), left to right, longest first."""
        out: list[Match] = []
        i, n = 0, len(tokens)
        blocked = blocked or set()
        while i < n:
            word = tokens[i].text
            first = word[:1]
            if i in blocked or not (first.isalpha() and first.isupper()):
                found = None  # what _match_at says of a word that is not a capitalised one
            else:
                found = self._match_at(text, tokens, i)
            if found is None:
                if "-" in word:  # _match_parts finds nothing in a word without a hyphen
                    out.extend(self._match_parts(tokens[i], i))
                i += 1
                continue
            out.append(found)
            i = found.last
        return out

    def _match_at(self, text: str, tokens: list, i: int) -> Match | None:
        tok = tokens[i]
        word = tok.text
        if not word[:1].isalpha() or not is_capitalised(word):
            return None
        nxt = tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""
        head, _ = split_suffix_hyphen(word)
        # the longest name first: "БҰҰ Қауіпсіздік Кеңесі" before the abbreviation "БҰҰ"
        for name in self._multi.get(word.lower(), ()):
            j = i + len(name.words)
            if j <= len(tokens) and self._fits(text, tokens, i, name):
                after = tokens[j].text.lower() if j < len(tokens) else ""
                if not (after and after in name.unless_next):
                    return Match(tok.start, tokens[j - 1].end, i, j, name.target)
        for name in self._abbr.get(head) or self._abbr.get(word.rstrip("+")) or ():
            if not (nxt and nxt in name.unless_next):
                return Match(tok.start, tok.end, i, i + 1, name.target)
        for key in word_keys(word):
            for name in self._single.get(key, ()):
                if name.capital and not (nxt and nxt in name.unless_next):
                    return Match(tok.start, tok.end, i, i + 1, name.target)
        return None

    @staticmethod
    def _fits(text: str, tokens: list, i: int, name: Name) -> bool:
        k = len(name.words)
        for m in range(1, k):
            gap = text[tokens[i + m - 1].end : tokens[i + m].start]
            if gap.strip(" \t,–-") or "\n" in gap:
                return False
            if m < k - 1 and tokens[i + m].text.lower() != name.words[m]:
                return False
        return not name.last_keys.isdisjoint(word_keys(tokens[i + k - 1].text))

    def _match_parts(self, tok, i: int) -> list[Match]:
        """"Қытай-Қазақстан" → both names, when the hyphenated whole is not one."""
        if "-" not in tok.text or split_suffix_hyphen(tok.text)[1]:
            return []
        out, offset = [], tok.start
        for part in tok.text.split("-"):
            if part and is_capitalised(part):
                found = self._match_at(part, [type(tok)(part, 0, len(part))], 0)
                if found is not None:
                    out.append(Match(offset, offset + len(part), i, i + 1, found.target))
            offset += len(part) + 1
        return out
