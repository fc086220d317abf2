"""Discovery of named entities that are not in the vocabulary.

Two detectors, each a function of one sentence's tokens, registered in
``DETECTORS`` (the first to claim a stretch of text wins):

* ``model``: the CRF tagger of ``ner_crf`` (persons, places, organisations);
* ``rules``: organisation and place names ending in a head noun
  ("... министрлігі", "... облысы") and person names with a surname or
  patronymic ending ("Ерлан Қошанов", "Бірлік Берікұлы", "А. Байжанов").

Every span passes the same sanity checks before it becomes a tag (see
``accept``): it starts with a capital, holds only words, is short, and is not
a sentence-initial function word; its kk label is the span with the last word
in its base form ("Дин Сюэсянды" → "Дин Сюэсян").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Callable, Iterable

from digest.extract import name_context, ner_crf
from digest.extract.ner_names import base_form
from digest.extract.spans import (
    accept,
    extend_back,
    extend_title,
    head_noun,
    kind_by_head,
    label_of,
    mention_start,
    split_at_punctuation,
    trim,
    word_lists,
)
from digest.model import Mention

Span = tuple[int, int, str, str]  # first token, end token (exclusive), kind, source
_WINDOW = 4  # words of context the model sees on each side of a candidate


def _model(tokens: list, text: str, known: list[tuple[int, int, str]], before: int = 0) -> list[Span]:
    """CRF spans, tagged in windows around the capitalised words nothing else explains."""
    spans: list[Span] = []
    for a, b in _windows(tokens, text, known):
        prev = tokens[a - 1].end if a else before
        words, gaps, gazetteer = ner_crf.sentence_inputs(text, tokens[a:b], known, prev)
        labels = ner_crf.tag(words, gaps, gazetteer, sentence_start=a == 0)
        i = 0
        while i < len(labels):
            if labels[i] == "O":
                i += 1
                continue
            cls, j = labels[i][2:], i + 1
            while j < len(labels) and labels[j] == "I-" + cls:
                j += 1
            spans.append((a + i, a + j, ner_crf.KIND_OF_LABEL[cls], "model"))
            i = j
    return spans


def _windows(tokens: list, text: str, known: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Token ranges worth tagging: ``_WINDOW`` words around each unexplained capitalised word."""
    out: list[tuple[int, int]] = []
    for i, tok in enumerate(tokens):
        if not tok.text[:1].isupper() or any(a <= tok.start < b for a, b, _ in known):
            continue
        if i == 0 and tok.text.lower() in word_lists()["function_words"]:
            continue
        a, b = max(0, i - _WINDOW), min(len(tokens), i + _WINDOW + 1)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _sentence_initial(tokens: list, text: str, i: int) -> bool:
    return i == 0 or text[tokens[i - 1].end : tokens[i].start].strip()[-1:] in (".", "!", "?", ":", "—", "–")


def _gap(tokens: list, text: str, i: int) -> str:
    return text[tokens[i - 1].end if i else 0 : tokens[i].start]


def _quoted_start(tokens: list, text: str, k: int) -> int | None:
    """Start of the «quoted name» that ends just before token ``k``, or None."""
    for start in range(k - 1, max(-1, k - 8), -1):
        before = _gap(tokens, text, start)
        if "«" in before or '"' in before or "“" in before:
            return start if tokens[start].text[:1].isupper() else None
        if start < k - 1 and before.strip():
            return None
    return None


def _named_by_head(tokens: list, text: str, i: int, known_at: frozenset[int] = frozenset()) -> int | None:
    """Start of the name that the head noun at ``i`` closes, or None.

    «Жорға» ансамблі, «Атамекен» кәсіпкерлер палатасы: a quoted name before
    the head (up to three descriptor words between); Ауыл шаруашылығы
    министрлігі: the words before the head, back to a capitalised one (at a
    sentence start only with two capitals, or a known name: ``known_at``).
    """
    function_words = word_lists()["function_words"]
    k = i
    while k > i - 3 and k > 0 and not _gap(tokens, text, k).strip():
        prev = tokens[k - 1].text
        if prev[:1].isupper() or prev.isdigit() or prev.lower() in function_words:
            break
        k -= 1
    if any(q in _gap(tokens, text, k) for q in "»\"”"):
        return _quoted_start(tokens, text, k)
    start = i
    while start > 0 and i - start < 4:
        prev = tokens[start - 1].text
        if _gap(tokens, text, start).strip() or prev.isdigit() or prev.lower() in function_words:
            break
        start -= 1
    while start < i and not tokens[start].text[:1].isupper():
        start += 1
    if start == i:
        return None
    capitals = sum(t.text[:1].isupper() for t in tokens[start:i])
    if _sentence_initial(tokens, text, start) and capitals < 2 and tokens[start].start not in known_at:
        return None  # "Баспасөз орталығында ..." at a sentence start is a common noun
    return start


@lru_cache(maxsize=100_000)
def _rule_of(word: str) -> str | None:
    """For ``_rules``: "organization" or "place" if ``word`` is a head noun of that kind, else
    "person" if it looks like a surname or patronymic (capitalised, its base ending in one of
    their suffixes), else None."""
    if head_noun(word, "organization"):
        return "organization"
    if head_noun(word, "place"):
        return "place"
    base = base_form(word).lower()
    if word[:1].isupper() and len(base) > 4 and base.endswith(word_lists()["surname_suffixes"]):
        return "person"
    return None


def _rules(tokens: list, text: str, known: list[tuple[int, int, str]], before: int = 0) -> list[Span]:
    spans: list[Span] = []
    known_at = (frozenset(t.start for t in tokens if any(a <= t.start < b for a, b, _ in known))
                if known else frozenset())
    for i, tok in enumerate(tokens):
        kind = _rule_of(tok.text)
        if kind is None:
            continue
        if kind != "person":
            start = _named_by_head(tokens, text, i, known_at) if i else None
            if start is not None and not _possessive_phrase(tokens, text, start, i, known_at):
                spans.append((start, i + 1, kind, "rule"))
            continue
        start = i
        if i and tokens[i - 1].text[:1].isupper() and not text[tokens[i - 1].end : tok.start].strip(" ."):
            start = i - 1
        if start < i or not _sentence_initial(tokens, text, i):
            spans.append((start, i + 1, "person", "rule"))
    return spans


_GENITIVE = ("ның", "нің", "дың", "дің", "тың", "тің")


def _possessive_phrase(tokens: list, text: str, start: int, head: int, known_at: frozenset[int]) -> bool:
    """"Армения үкіметі", "Американың компаниясы": a place's (or anyone's) body, not a name."""
    if head - start != 1 or any(q in _gap(tokens, text, head) for q in "»\"”"):
        return False
    word = tokens[start].text
    return tokens[start].start in known_at or word.lower().endswith(_GENITIVE)


DETECTORS: dict[str, Callable[[list, str, list, int], list[Span]]] = {"model": _model, "rules": _rules}


_SENTENCE_END = re.compile(r"[.!?…\n]")


def _sentences(text: str, tokens: list) -> Iterable[tuple[int, list]]:
    """(start offset, tokens) of each sentence: a new one after . ! ? … or a line break.

    Not after an initial ("Б. Сапарбаев"); the language core's splitter is not
    used here because the model needs only word groups, and this is cheaper.
    """
    group: list = []
    before = 0
    for tok in tokens:
        prev = group[-1] if group else None
        initial = prev is not None and len(prev.text) == 1 and prev.text.isupper()  # "Б. Сапарбаев"
        if prev and not initial and _SENTENCE_END.search(text, prev.end, tok.start):
            yield before, group
            before, group = group[-1].end, []
        group.append(tok)
    if group:
        yield before, group


def _conflicts(span: tuple[int, int], kind: str, known: list[tuple[int, int, str]]) -> bool:
    """True if a known mention overlaps the span, unless it is a place the organisation's name contains."""
    a, b = span
    for c, d, k in known:
        if c < b and a < d:
            if not (kind == "organization" and k == "place" and a <= c and d <= b and (a, b) != (c, d)):
                return True
    return False


def discover(text: str, tokens: list, known: list) -> list:
    """Mentions of entities not in ``known`` (the vocabulary's mentions).

    An organisation whose name contains a known place ("Қарағанды мемлекеттік
    техникалық университеті") is returned; the caller drops the place inside it.
    """
    taken = sorted((m.start, m.end, m.kind) for m in known)
    starts = [t.start for t in tokens]
    covered_at: set[int] = set()  # start offsets of tokens inside known mentions
    for a, b, _ in taken:
        k = bisect_right(starts, a) - 1
        while 0 <= k < len(tokens) and tokens[k].start < b:
            if tokens[k].end > a:
                covered_at.add(tokens[k].start)
            k += 1
    out: list[Mention] = []
    for before, group in _sentences(text, tokens):
        # nothing capitalised left to discover: only an organisation named after a known
        # place may be there ("Қарағанды ... университеті"), which the rules find
        unexplained = any(t.start not in covered_at and t.text[:1].isupper() for t in group)
        if not unexplained and not any(t.start in covered_at for t in group):
            continue
        lo = bisect_left(taken, (group[0].start - 10_000,))
        inside = [(a, b, k) for a, b, k in taken[lo:] if a < group[-1].end and group[0].start < b]
        claimed: list[Mention | None] = [None] * len(group)  # the mention each token is in
        for name, detector in DETECTORS.items():
            if name == "model" and not unexplained:
                continue
            found = detector(group, text, inside, before)
            parts = [(a, b, kind, source) for i, j, kind, source in found
                     for a, b in split_at_punctuation(i, j, group, text)]
            for i, j, kind, source in parts:
                i, j = trim(i, j, group, kind)
                if i >= j:
                    continue
                kind = kind_by_head(i, j, group, kind)
                j = extend_title(i, j, group, text, kind)
                i = extend_back(i, group, text, kind)
                if not _free(claimed, i, j, kind):
                    continue
                if _conflicts((group[i].start, group[j - 1].end), kind, inside):
                    continue
                if not accept(group[i:j], kind, i == 0):
                    continue
                if name_context.rejected(group, i, j, kind, text) or name_context.names_a_thing(
                        group, i, j, kind, text):
                    continue
                label = label_of(text, group[i:j])
                start = mention_start(text, group[i].start, group[j - 1].end)
                mention = Mention(start, group[j - 1].end, kind, label, None, source)
                for k in range(i, j):
                    if claimed[k] is not None and claimed[k] in out:
                        out.remove(claimed[k])  # a place inside the organisation's name
                    claimed[k] = mention
                out.append(mention)
    return out


def _free(claimed: list, i: int, j: int, kind: str) -> bool:
    """Whether tokens i..j are unclaimed, or an organisation's name takes in places
    found before ("Қарағанды мемлекеттік техникалық университеті" over "Қарағанды")."""
    inside = [m for m in claimed[i:j] if m is not None]
    if not inside:
        return True
    return (kind == "organization" and all(m.kind == "place" for m in inside)
            and claimed[i:j][-1] is None and (i == 0 or claimed[i - 1] is None or claimed[i - 1] not in inside)
            and (j == len(claimed) or claimed[j] is None or claimed[j] not in inside))
