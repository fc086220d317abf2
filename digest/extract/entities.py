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
from typing import Callable, Iterable

from digest import kazakh
from digest.extract import ner_crf
from digest.extract.ner_names import base_form, is_ending

Span = tuple[int, int, str, str]  # first token, end token (exclusive), kind, source
_MAX_WORDS = 7
_WORD_RE = re.compile(r"^[^\W\d_][\w'’-]*$|^\d+$")


def _lists() -> dict[str, tuple[str, ...]]:
    return ner_crf.word_lists()


def _head(word: str, kind: str) -> str | None:
    """The head noun ``word`` is a form of, for organisations and places."""
    key = "organization_heads" if kind == "organization" else "place_heads"
    low = word.lower()
    for head in _lists()[key]:
        if " " not in head and low.startswith(head) and (low == head or is_ending(low[len(head):])):
            return word[: len(head)]
    return None


def label_of(text: str, tokens: list) -> str:
    """The kk label of a span: its words as written, the last in base form."""
    last = tokens[-1].text
    head = _head(last, "organization") or _head(last, "place")
    last = head or base_form(last)
    words = [t.text for t in tokens[:-1]] + [last]
    return " ".join(w.strip("«»\"'") for w in words).strip()


def accept(tokens: list, kind: str, first_in_sentence: bool) -> bool:
    """Sanity checks a discovered span must pass to become a tag."""
    if not tokens or len(tokens) > _MAX_WORDS:
        return False
    first = tokens[0].text
    if not first[:1].isupper() or not all(_WORD_RE.match(t.text) for t in tokens):
        return False
    if tokens[-1].text.isdigit() and len(tokens) == 1:
        return False
    low = first.lower()
    if len(tokens) == 1:
        if low in _lists()["function_words"] or low in kazakh.STOPWORDS:
            return False
        if len(base_form(first)) < 2:
            return False
    if kind == "person" and any(t.text.isdigit() for t in tokens):
        return False
    return True


def _model(words_tokens: list, text: str, known: list[tuple[int, int, str]]) -> list[Span]:
    words, gaps, gazetteer = ner_crf.sentence_inputs(text, words_tokens, known)
    labels = ner_crf.tag(words, gaps, gazetteer)
    spans: list[Span] = []
    i = 0
    while i < len(labels):
        if labels[i] == "O":
            i += 1
            continue
        cls, j = labels[i][2:], i + 1
        while j < len(labels) and labels[j] == "I-" + cls:
            j += 1
        spans.append((i, j, ner_crf.KIND_OF_LABEL[cls], "model"))
        i = j
    return spans


def _sentence_initial(tokens: list, text: str, i: int) -> bool:
    return i == 0 or text[tokens[i - 1].end : tokens[i].start].strip()[-1:] in (".", "!", "?", ":", "—", "–")


def _named_by_head(tokens: list, text: str, i: int) -> int | None:
    """Start of the name that the head noun at ``i`` closes, or None."""
    gap = text[tokens[i - 1].end : tokens[i].start]
    if "»" in gap or '"' in gap:  # « Жорға » ансамблі, « Самұрық-Энерго » акционерлік қоғамы
        for start in range(i - 1, max(-1, i - 7), -1):
            before = text[tokens[start - 1].end if start else 0 : tokens[start].start]
            if "«" in before or '"' in before:
                return start if tokens[start].text[:1].isupper() else None
        return None
    start = i
    while start > 0 and i - start < 4:
        prev = tokens[start - 1].text
        if text[tokens[start - 1].end : tokens[start].start].strip() or prev.isdigit():
            break
        if prev.lower() in _lists()["function_words"]:
            break
        start -= 1
    while start < i and not tokens[start].text[:1].isupper():
        start += 1
    if start == i:
        return None
    capitals = sum(t.text[:1].isupper() for t in tokens[start:i])
    if _sentence_initial(tokens, text, start) and capitals < 2:
        return None  # "Баспасөз орталығында ..." at a sentence start is a common noun
    return start


def _rules(tokens: list, text: str, known: list[tuple[int, int, str]]) -> list[Span]:
    spans: list[Span] = []
    suffixes = _lists()["person_suffixes"]
    for i, tok in enumerate(tokens):
        word = tok.text
        kind = "organization" if _head(word, "organization") else "place" if _head(word, "place") else None
        if kind:
            start = _named_by_head(tokens, text, i) if i else None
            if start is not None:
                spans.append((start, i + 1, kind, "rule"))
            continue
        base = base_form(word)
        if word[:1].isupper() and len(base) > 4 and base.lower().endswith(suffixes):
            start = i
            if i and tokens[i - 1].text[:1].isupper() and not text[tokens[i - 1].end : tok.start].strip(" ."):
                start = i - 1
            if start < i or not _sentence_initial(tokens, text, i):
                spans.append((start, i + 1, "person", "rule"))
    return spans


DETECTORS: dict[str, Callable[[list, str, list], list[Span]]] = {"model": _model, "rules": _rules}


def _sentences(text: str, tokens: list) -> Iterable[list]:
    k = 0
    for sent in kazakh.split_sentences(text):
        group = []
        while k < len(tokens) and tokens[k].start < sent.end:
            if tokens[k].start >= sent.start:
                group.append(tokens[k])
            k += 1
        if group:
            yield group


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
    from digest.extract.tags import Mention

    taken = [(m.start, m.end, m.kind) for m in known]
    out: list[Mention] = []
    for group in _sentences(text, tokens):
        covered = [any(a < t.end and t.start < b for a, b, _ in taken) for t in group]
        if not any(t.text[:1].isupper() and not c for t, c in zip(group, covered)):
            continue  # nothing capitalised left to discover: skip the model
        inside = [(a, b, k) for a, b, k in taken if a < group[-1].end and group[0].start < b]
        claimed = [False] * len(group)
        for detector in DETECTORS.values():
            for i, j, kind, source in detector(group, text, inside):
                if any(claimed[i:j]) or _conflicts((group[i].start, group[j - 1].end), kind, inside):
                    continue
                if not accept(group[i:j], kind, i == 0):
                    continue
                claimed[i:j] = [True] * (j - i)
                label = label_of(text, group[i:j])
                out.append(Mention(group[i].start, group[j - 1].end, kind, label, None, source))
    return out
