"""What the words around a temporal expression say about it.

Two readings of the clause an expression stands in, with the language
knowledge in ``data/timeline.yml``: whether the expression is the base of a
comparison ("2017 жылмен салыстырғанда": it dates no event), and the tense of
the clause's verb (a month or weekday without a year or week is the coming
one in the future tense, the last one in the past). Hand-written because no
maintained library reads Kazakh verb morphology.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from digest.yamlio import parse_yaml

DATA_FILE = Path(__file__).parent / "data" / "timeline.yml"

PAST, FUTURE = "past", "future"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?…]")
_CLAUSE_END = re.compile(r"\s*[,;:]")


@dataclass(frozen=True)
class Context:
    """The compiled contents of ``timeline.yml``."""

    comparison: re.Pattern[str]
    base_endings: tuple[str, ...]
    base_alone: tuple[str, ...]
    reporting: frozenset[str]
    words: dict[str, str]  # whole word → tense
    endings: tuple[tuple[str, str | None], ...]  # (ending, tense or None), longest first
    reported: tuple[tuple[str, str], ...]  # (ending, tense) that end the search, longest first
    narrative_endings: tuple[str, ...]


def _words(data: dict, key: str, path: Path) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise ValueError(f"{path.name}: {key} must be a list of words")
    return [w.strip().casefold() for w in value]


@lru_cache(maxsize=4)
def load_context(path: Path = DATA_FILE) -> Context:
    """Read and compile ``timeline.yml`` (cached); a wrong entry is an error naming the file and key."""
    data = parse_yaml(path.read_text(encoding="utf-8")) or {}
    comparison, tense = data.get("comparison") or {}, data.get("tense") or {}
    markers = _words(comparison, "markers", path)
    between = int(comparison.get("max_words_between", 3))
    alternation = "|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True))
    words = {w: PAST for w in _words(tense, "past_words", path)}
    words.update({w: FUTURE for w in _words(tense, "future_words", path)})
    endings = [(e, PAST) for e in _words(tense, "past", path)] + [(e, FUTURE) for e in _words(tense, "future", path)]
    endings += [(e, None) for e in _words(tense, "neither", path)]
    reported_data = tense.get("reported") or {}
    reported = [(e, PAST) for e in _words(reported_data, "past", path)]
    reported += [(e, FUTURE) for e in _words(reported_data, "future", path)]
    return Context(
        comparison=re.compile(rf"(?:[^\S\n]+[^\s,.;:!?()«»\"]+){{0,{between}}}?[^\S\n]+(?:{alternation})",
                              re.IGNORECASE),
        base_endings=tuple(_words(comparison, "base_endings", path)),
        base_alone=tuple(_words(comparison, "base_alone", path)),
        reporting=frozenset(_words(tense, "reporting", path)),
        words=words,
        endings=tuple(sorted(endings, key=lambda e: len(e[0]), reverse=True)),
        reported=tuple(sorted(reported, key=lambda e: len(e[0]), reverse=True)),
        narrative_endings=tuple(_words(tense, "narrative_endings", path)),
    )


def is_comparison_base(text: str, start: int, end: int, context: Context | None = None) -> bool:
    """Whether text[start:end] is what something is compared with ("2017 жылмен салыстырғанда")."""
    context = context or load_context()
    expression = text[start:end].casefold()
    if expression.endswith(context.base_alone):
        return True
    if not expression.endswith(context.base_endings):
        return False
    return context.comparison.match(text, end) is not None


def word_tense(word: str, context: Context | None = None) -> str | None:
    """PAST, FUTURE or None for one word, by the whole word first, then by its ending."""
    context = context or load_context()
    word = word.casefold()
    if word in context.words:
        return context.words[word]
    for ending, tense in context.endings:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return tense
    return None


def clause_tense(text: str, end: int, context: Context | None = None) -> str | None:
    """The tense of the clause that goes on after offset ``end`` (an expression's end), or None.

    The verb is the last word with a tense marker before the sentence ends, a
    comma that follows such a word, or a reporting word ("деді", "деп"); or
    the first reported verb ("ашылатынын").
    """
    context = context or load_context()
    stop = _SENTENCE_END.search(text, end)
    line_end = text.find("\n", end)
    limit = min(x for x in (stop.start() if stop else len(text), line_end if line_end >= 0 else len(text)))
    tense = None
    for m in _WORD.finditer(text, end, limit):
        word = m.group()
        folded = word.casefold()
        if folded in context.reporting:
            break
        reported = next((t for e, t in context.reported if folded.endswith(e) and len(folded) > len(e) + 1), None)
        if reported is not None:
            return reported
        found = word_tense(word, context)
        if found is not None:
            tense = found
            if _CLAUSE_END.match(text, m.end()):
                break
    return tense


def says_when(expression: str, context: Context | None = None) -> bool:
    """Whether an expression is said as the time when something happened ("келесі
    жылы", "он жылдан кейін"), not as a time spoken of or aimed at ("келесі жыл", "келесі жылға")."""
    context = context or load_context()
    return expression.casefold().endswith(context.narrative_endings)
