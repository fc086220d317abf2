"""Kazakh noun stemmer: morphotactic suffix stripping driven by ``data/stemmer.json``.

No Kazakh stemmer works offline (snowballstemmer/PyStemmer have no Kazakh and the
Russian one makes Kazakh worse; kazstem installs without its FST data; stanza and
turkicnlp download models at run time), so this one is written here. It is kept
small and table-driven because the search's JavaScript stemmer must do exactly
the same thing from the same ``stemmer.json``; the steps are:

1. Lower-case. In a hyphenated word whose last part is only endings
   (``Ertenmedia-ның``, ``30%-ке``, ``ҚХР-дың``) the key is the part before.
2. Read the word right to left as stem + plural? + possessive? + case? (or
   + predicative), every allomorph checked against the last sound of what
   precedes it (sound class V/R/L/N/Z/T, or P3 right after a 3rd-person
   possessive) and against its vowel harmony. Every reading is kept.
3. Drop readings whose stem is under ``min_stem`` letters (unless listed in
   ``short_stems``), has no vowel, ends inside a ``no_cut`` string, or is
   refused by ``not_after``.
4. Key each stem: a lemma is its own key; otherwise drop a final ы/і after a
   consonant (Минскі → минск, Мұнайлы → мұнайл, so bare and inflected forms
   agree), devoice a final б/г/ғ (кітаб → кітап, орталығ → орталық) and undo
   syncope (орн → орын).
5. Choose the reading that strips the most, avoiding a stem in consonant +
   ы/і before -сы/-сі (облыс+ы+на, not облы+сы+на); then, if a reading that
   strips less (or any reading whose key is a lemma) has a better-known key —
   a lemma of the table or of the optional ``lexicon.json``, or more corpus
   support there — take it instead.

``data/README.md`` states the same steps precisely for the JavaScript port.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

from ._data import DATA_DIR, load_json

_LEMMA_BONUS = 1_000_000


@dataclass(frozen=True)
class _Allomorph:
    form: str
    cat: str
    slot: str
    harmony: str  # "b", "f" or "" (no harmony)
    after: frozenset[str]
    may_follow: frozenset[str]
    not_after: re.Pattern[str] | None


@dataclass(frozen=True)
class Reading:
    """One way to read a word: its stem, the endings stripped, and the stem's key."""

    stem: str
    endings: tuple[tuple[str, str], ...]  # (form, category) from left to right
    key: str


class Stemmer:
    """A stemmer over one suffix table and an optional lexicon of key support."""

    def __init__(self, table: Mapping, support: Mapping[str, int] | None = None, lemmas=()):
        self.min_stem: int = table["min_stem"]
        self.short_stems = frozenset(table["short_stems"])
        self.vowels = frozenset(table["vowels"])
        self.back = frozenset(table["back"])
        self.front = frozenset(table["front"])
        self.loan_letters = frozenset(table["loan_letters"])
        self.class_of: dict[str, frozenset[str]] = {}
        for name, letters in table["classes"].items():
            for ch in letters:
                self.class_of[ch] = self.class_of.get(ch, frozenset()) | {name}
        self.all_classes = frozenset(table["classes"])
        slots = table["slots"]
        not_after = {k: re.compile(v) for k, v in table["not_after"].items() if k != "about"}
        self.by_form: dict[str, list[_Allomorph]] = {}
        for group in table["suffixes"]:
            for form, harmony in group["forms"]:
                allo = _Allomorph(
                    form=form,
                    cat=group["cat"],
                    slot=group["slot"],
                    harmony=harmony,
                    after=frozenset(group["after"]),
                    may_follow=frozenset(slots[group["slot"]]["may_follow"]),
                    not_after=not_after.get(form) or not_after.get(group["cat"]),
                )
                self.by_form.setdefault(form, []).append(allo)
        self.max_len = max(len(f) for f in self.by_form)
        self.no_cut: tuple[str, ...] = tuple(table["no_cut"]["strings"])
        self.devoice: dict[str, str] = table["devoice"]
        self.syncope: dict[str, str] = table["syncope"]["map"]
        self.poss3_block = not_after.get("poss3")
        self.lemmas = frozenset(table["lemmas"]["words"]) | frozenset(lemmas)
        self.support: Mapping[str, int] = support or {}
        self.stem = lru_cache(maxsize=500_000)(self._stem)

    # -- sounds ---------------------------------------------------------------
    def _classes(self, s: str) -> frozenset[str]:
        last = s[-1]
        if last in "ьъ" and len(s) > 1:
            last = s[-2]
        return self.class_of.get(last, self.all_classes)

    def _harmony(self, s: str, loan: bool) -> str:
        """'b', 'f', or 'bf' when either harmony may follow (loanwords, и/у/ю)."""
        if loan or (len(s) > 2 and s[-1] not in self.vowels and s[-2] not in self.vowels and s[-2] not in "йу"):
            # loanwords (Тоқаевқа but Жээнбековтің; банктер) take either harmony
            return "bf"
        for i in range(len(s) - 1, -1, -1):
            ch = s[i]
            if ch in self.back:
                return "b"
            if ch == "е" and i > 0 and s[i - 1] in self.vowels:
                return "bf"
            if ch in self.front:
                return "f"
            if ch in self.vowels:
                return "bf"
        return "bf"

    def _fits(self, right: _Allomorph, left_text: str, left: _Allomorph | None, loan: bool) -> bool:
        """May ``right`` follow ``left_text`` (which ends in allomorph ``left``, if any)?"""
        if right.harmony and right.harmony not in self._harmony(left_text, loan):
            return False
        if left is not None and left.cat == "poss3":
            return "P3" in right.after
        return not right.after.isdisjoint(self._classes(left_text))

    # -- readings -------------------------------------------------------------
    def _walk(self, rest: str, chain: tuple, right: _Allomorph | None, out: dict, loan: bool) -> None:
        if right is not None and self._fits(right, rest, None, loan):
            out.setdefault(rest, chain)
        for n in range(1, min(self.max_len, len(rest) - 2) + 1):
            for allo in self.by_form.get(rest[-n:], ()):
                if right is not None and (allo.slot not in right.may_follow or not self._fits(right, rest, allo, loan)):
                    continue
                left = rest[:-n]
                if allo.not_after is not None and allo.not_after.search(left) and left not in self.lemmas:
                    continue
                self._walk(left, ((allo.form, allo.cat),) + chain, allo, out, loan)

    def _acceptable(self, word: str, stem: str) -> bool:
        if len(stem) < self.min_stem and stem not in self.short_stems:
            return False
        if not any(ch in self.vowels for ch in stem):
            return False
        cut = len(stem)
        for s in self.no_cut:
            start = word.find(s)
            while start != -1:
                if start < cut < start + len(s):
                    return False
                start = word.find(s, start + 1)
        return True

    def key(self, stem: str) -> str:
        """The key of a stem: final ы/і dropped, final б/г/ғ devoiced, syncope undone.

        A stem ending in consonant + ы/і is keyed without the vowel, so a bare
        3rd-person possessive (орталығы, Минскі) and a name ending in ы/і
        (Мұнайлы, Мұнайлыда) key alike whether or not an ending followed.
        Lemmas (Алматы, желі) are their own keys.
        """
        if stem in self.lemmas:
            return stem
        if (
            len(stem) > 3
            and stem[-1] in "ыі"
            and stem[-2] not in self.vowels
            and not (self.poss3_block and self.poss3_block.search(stem[:-1]))
            and not stem.endswith(self.no_cut)
        ):
            stem = stem[:-1]
        if stem[-1:] in self.devoice:
            stem = stem[:-1] + self.devoice[stem[-1]]
        return self.syncope.get(stem, stem)

    def readings(self, word: str, loan: bool | None = None) -> list[Reading]:
        """Every acceptable reading of a lower-cased, unhyphenated word, best first.

        ``loan``: the word is a loanword, so either vowel harmony may follow
        (default: it holds a letter native words never have, such as в, ь).
        """
        if loan is None:
            loan = any(c in self.loan_letters for c in word)
        found: dict[str, tuple] = {word: ()}
        self._walk(word, (), None, found, loan)
        out = [
            Reading(stem, chain, self.key(stem))
            for stem, chain in found.items()
            if not chain or self._acceptable(word, stem)
        ]
        # the grammar's choice: strip as much as allowed, avoiding odd stems...
        out.sort(key=lambda r: (not r.endings, self._odd_stem(r), len(r.stem)))
        # ...unless a reading that strips less has a better-known key (теңге, not
        # тең + -ге). Never the other way: a short frequent word (бар, бас) must
        # not pull longer stems (барыс+ы+нда) apart.
        best = out[0]
        rival = max(
            (r for r in out if len(r.stem) > len(best.stem) or r.key in self.lemmas),
            key=lambda r: (self._score(r.key), -len(r.stem)),
            default=None,
        )
        if rival is not None and self._score(rival.key) > self._score(best.key):
            out.remove(rival)
            out.insert(0, rival)
        return out

    def _odd_stem(self, reading: Reading) -> bool:
        """A stripped stem ending in consonant + ы/і is unusual (облы+сы vs облыс+ы)."""
        s = reading.stem
        return bool(
            reading.endings
            and reading.endings[0][0] in ("сы", "сі")
            and len(s) > 3
            and s[-1] in "ыі"
            and s[-2] not in self.vowels
            and s not in self.lemmas
            and not s.endswith(self.no_cut)
            and not (self.poss3_block and self.poss3_block.search(s[:-1]))
        )

    def _score(self, key: str) -> int:
        return (_LEMMA_BONUS if key in self.lemmas else 0) + self.support.get(key, 0)

    def is_endings(self, text: str, after: str) -> bool:
        """Is ``text`` a whole chain of endings that may follow ``after``?"""
        found: dict[str, tuple] = {}
        self._walk(after + text, (), None, found, True)
        return any(chain and stem == after for stem, chain in found.items())

    def _stem(self, word: str) -> str:
        w = word.lower()
        head, dash, tail = w.rpartition("-")
        if dash and head:
            base = head.rstrip("-")
            # after a Latin word, a number or an acronym the endings follow a sound
            # the spelling does not show: let any chain follow ("xxx" fits every class)
            probe = base if any(c in self.vowels for c in base) and base[-1] in self.class_of else "xxx"
            if base and self.is_endings(tail, probe):
                return self.stem(base) if "-" not in base else base
            loan = any(c in self.loan_letters for c in w)
            return head + "-" + self._key_of(tail, loan)
        if not any(ch in self.class_of or ch in self.vowels for ch in w):
            return w
        return self._key_of(w, None)

    def _key_of(self, w: str, loan: bool | None) -> str:
        if not any(ch in self.vowels for ch in w):
            return w
        return self.readings(w, loan)[0].key


def _load_lexicon() -> dict:
    if (DATA_DIR / "lexicon.json").exists():
        return load_json("lexicon.json")
    return {}


DEFAULT = Stemmer(
    load_json("stemmer.json"), _load_lexicon().get("support", {}), _load_lexicon().get("lemmas", ())
)


def stem(word: str) -> str:
    """The lower-cased stem key of ``word``: one key for every inflected form of a noun."""
    return DEFAULT.stem(word)
