"""Topics: keyword stems and phrases compiled into dictionaries, hits counted per topic.

A keyword of ``_PREFIX`` letters or more matches every word it begins
("экспорт" → "экспорттауға"); a shorter one, and a ``stem_keywords`` one,
matches the forms of the word itself, and the words derived from it by the
suffixes of ``data/derivation.yml`` ("бокс" → "боксшылар"). A phrase is read
before its words, which then count for nothing else.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from digest import kazakh
from digest.extract.ner_names import key_anchors, word_keys
from digest.yamlio import parse_yaml

_PREFIX = 5  # keywords this long match every word they begin ("экспорт" → "экспорттауға")
_DERIVATION = Path(__file__).with_name("data") / "derivation.yml"
_MIN_DERIVED_BASE = 3  # "сушы" is not a derived form of "су"


@lru_cache(maxsize=1)
def _derivational_suffixes() -> tuple[str, ...]:
    data = parse_yaml(_DERIVATION.read_text(encoding="utf-8"))
    return tuple(sorted(data["suffixes"], key=len, reverse=True))


def derived_bases(key: str) -> tuple[str, ...]:
    """The words ``key`` is derived from by the suffixes of ``data/derivation.yml``
    ("боксшы" → "бокс", "ақындық" → "ақын"), longest suffix first."""
    return tuple(key[: -len(s)] for s in _derivational_suffixes()
                 if key.endswith(s) and len(key) - len(s) >= _MIN_DERIVED_BASE)


class TopicIndex:
    """Topic keywords compiled into dictionaries; counts hits per topic."""

    def __init__(self) -> None:
        self._prefix: dict[str, list[tuple[str, str]]] = {}
        self._exact: dict[str, list[str]] = {}
        self._stems: dict[str, list[str]] = {}
        self._multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._cache: dict[str, set[str]] = {}
        self._entries: dict[str, tuple[list, set[str]]] = {}  # word → (phrases it starts, its topics)

    def add(self, keyword: str, topic: str) -> None:
        words = tuple(t.text.lower() for t in kazakh.tokenize(keyword))
        self._entries.clear()
        if len(words) > 1:
            self._multi.setdefault(words[0], []).append((words, topic))
        elif words:
            self._add_word(words[0], topic)

    def add_stem(self, keyword: str, topic: str) -> None:
        """A one-word keyword that only the forms of the word itself hit (by stem), and its derived words."""
        self._cache.clear()
        self._entries.clear()
        self._stems.setdefault(kazakh.stem(keyword), []).append(topic)

    def _add_word(self, word: str, topic: str) -> None:
        self._cache.clear()
        self._entries.clear()
        if len(word) >= _PREFIX:
            self._prefix.setdefault(word[:_PREFIX], []).append((word, topic))
        else:
            for key in {word, kazakh.stem(word)}:
                self._exact.setdefault(key, []).append(topic)

    @staticmethod
    def anchors(keyword: str) -> tuple[str, ...]:
        """Strings one of which the lower-cased text holds wherever ``keyword``
        hits (ner_names.name_anchors, for keywords): a phrase by its first
        word, a long word as a prefix its forms keep ("кітабы"), a short one by its keys."""
        words = tuple(t.text.lower() for t in kazakh.tokenize(keyword))
        if not words:
            return ()
        if len(words) > 1:
            return (words[0],)
        if len(words[0]) >= _PREFIX:
            return key_anchors({words[0]})
        return key_anchors({words[0], kazakh.stem(words[0])})

    @staticmethod
    def stem_anchors(keyword: str) -> tuple[str, ...]:
        """``anchors`` of a stem keyword: a word whose stem (or the stem it is derived
        from) is the keyword's begins with it, but for its last ``KEY_DRIFT`` letters."""
        return key_anchors({kazakh.stem(keyword)})

    def _word_topics(self, word: str) -> set[str]:
        found = self._cache.get(word)
        if found is None:
            found = self._cache[word] = self._find_word_topics(word)
        return found

    def _find_word_topics(self, word: str) -> set[str]:
        low = word.lower()
        found = {t for kw, t in self._prefix.get(low[:_PREFIX], ()) if low.startswith(kw)}
        for key in word_keys(word):
            for form in (key, *derived_bases(key)):
                found.update(self._exact.get(form, ()))
            # a long keyword's form that changes its last letter ("кітап" → "кітабы")
            found.update(t for kw, t in self._prefix.get(key[:_PREFIX], ()) if key == kw)
        if self._stems:
            stem = kazakh.stem(word)
            for form in (stem, *derived_bases(stem)):
                found.update(self._stems.get(form, ()))
        return found

    def _entry(self, word: str) -> tuple[list, set[str]]:
        """The keyword phrases ``word`` may begin and the topics it is a keyword of (memoised)."""
        found = self._entries.get(word)
        if found is None:
            if len(self._entries) >= 200_000:
                self._entries.clear()
            found = self._entries[word] = (self._multi.get(word.lower(), ()), self._word_topics(word))
        return found

    def hits(self, text: str, tokens: list) -> dict[str, list[tuple[int, int]]]:
        """topic id → spans of its keyword hits (one per token at most)."""
        out: dict[str, list[tuple[int, int]]] = {}
        i, n = 0, len(tokens)
        entry = self._entry
        while i < n:
            phrases, topics = entry(tokens[i].text)
            step = 1
            for words, topic in phrases:
                j = i + len(words)
                if j <= n and all(tokens[i + m].text.lower() == words[m] for m in range(1, len(words) - 1)):
                    last = tokens[j - 1].text.lower()
                    if last.startswith(words[-1]) or words[-1] in word_keys(last):
                        out.setdefault(topic, []).append((tokens[i].start, tokens[j - 1].end))
                        step = max(step, len(words))
            if step == 1:
                for topic in topics:
                    out.setdefault(topic, []).append((tokens[i].start, tokens[i].end))
            i += step
        return out
