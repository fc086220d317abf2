"""The statistical entity tagger: a linear-chain CRF (python-crfsuite) over tokens.

Trained by ``bench/train_ner.py`` on KazNERD (CC BY 4.0) with labels B/I-PER,
B/I-LOC, B/I-ORG; shipped as ``models/ner.crfsuite``.  Features come from the
word, its shape and suffixes, its stem, the vocabulary match it is part of,
head nouns and surname endings, and the same for its neighbours.  The model is
opened lazily, once per process; without it (or without pycrfsuite) the tagger
finds nothing and the rules and the vocabulary still work.
"""

from __future__ import annotations

import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

from digest import kazakh
from digest.extract.ner_names import base_form
from digest.yamlio import parse_yaml

MODELS = Path(__file__).with_name("models")
MODEL_PATH = MODELS / "ner.crfsuite"
KIND_OF_LABEL = {"PER": "person", "LOC": "place", "ORG": "organization"}
_NEIGHBOUR_FLAGS = frozenset({"cap", "orghead", "placehead", "orgnoun", "surname", "upper", "func", "fname"})


@lru_cache(maxsize=1)
def word_lists() -> dict[str, tuple[str, ...]]:
    """The head nouns, surname endings and function words of ``models/entity_heads.yml``."""
    data = parse_yaml((MODELS / "entity_heads.yml").read_text(encoding="utf-8"))
    return {k: tuple(v) for k, v in data.items()}


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    return frozenset(word_lists().get("first_names", ()))




@lru_cache(maxsize=100_000)
def _word_features(word: str) -> tuple[str, ...]:
    low = word.lower()
    lists = word_lists()
    base = base_form(word).lower()
    shape = "".join(
        "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c for c in word[:4]
    )
    feats = [
        "w=" + low,
        "st=" + kazakh.stem(word),
        "b=" + base,
        "s2=" + low[-2:],
        "s3=" + low[-3:],
        "s4=" + low[-4:],
        "p3=" + low[:3],
        "sh=" + shape,
        "bs2=" + base[-2:],
        "bs3=" + base[-3:],
    ]
    if word[:1].isupper():
        feats.append("cap")
    if word.isupper() and len(word) > 1:
        feats.append("upper")
    if "-" in word:
        feats.append("hyph")
    if any(c.isdigit() for c in word):
        feats.append("digit")
    if not word[:1].isalpha():
        feats.append("nonalpha")
    elif "a" <= low[:1] <= "z":
        feats.append("latin")
    if low.startswith(lists["organization_heads"]):
        feats.append("orghead")
    if low.startswith(lists["place_heads"]):
        feats.append("placehead")
    if low.startswith(lists["organization_nouns"]):
        feats.append("orgnoun")
    if word[:1].isupper() and base.endswith(lists["person_suffixes"]):
        feats.append("surname")
    if low in lists["function_words"] or low in kazakh.STOPWORDS:
        feats.append("func")
    if base in _first_names() or low in _first_names():
        feats.append("fname")
    return tuple(feats)


def sentence_features(
    words: list[str], gaps: list[str], gazetteer: list[str], sentence_start: bool = True
) -> list[list[str]]:
    """Feature lists for one sentence.

    ``gaps[i]`` is the text between word i-1 and word i (punctuation, quotes);
    ``gazetteer[i]`` is "B-place", "I-organization"... from the vocabulary, or "";
    ``sentence_start``: the words begin a sentence (not a window inside one).
    """
    own = [_word_features(w) for w in words]
    n = len(words)
    out = []
    depth = 0
    for i in range(n):
        f = ["bias", *own[i]]
        gap = gaps[i].strip()
        depth = max(0, depth + gap.count("«") - gap.count("»"))
        if depth:
            f.append("inquote")
        after = gaps[i + 1].strip() if i + 1 < n else "."
        if after:
            f.append("after=" + after[:1])
        if (i == 0 and sentence_start) or gap[-1:] in ".!?:":
            f.append("first")
        if gap:
            f.append("gap=" + gap[-1])
        if gazetteer[i]:
            f.append("gz=" + gazetteer[i])
            f.append("gzk=" + gazetteer[i][2:])
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f.extend(_neighbour_features(words[j], d))
                if gazetteer[j]:
                    f.append(f"{d}:gz=" + gazetteer[j])
            else:
                f.append(_NONE[d])
        out.append(f)
    return out


_NONE = {d: f"{d}:none" for d in (-2, -1, 1, 2)}


@lru_cache(maxsize=100_000)
def _neighbour_features(word: str, d: int) -> tuple[str, ...]:
    """What the word at offset ``d`` contributes to a word's features: itself, its suffix, its flags."""
    p = f"{d}:"
    w = _word_features(word)
    # the word, its 3-letter suffix, its flags
    return (p + w[0], p + w[4], *(p + x for x in w[10:] if x in _NEIGHBOUR_FLAGS))


@lru_cache(maxsize=1)
def _tagger():
    try:
        import pycrfsuite
    except ImportError:  # pragma: no cover - it is a dependency
        return None
    if not MODEL_PATH.exists():
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    return tagger


def available() -> bool:
    return _tagger() is not None


def sentence_inputs(
    text: str, tokens: list, known: list[tuple[int, int, str]], before: int | None = None
) -> tuple[list[str], list[str], list[str]]:
    """Words, gaps and gazetteer labels of ``tokens`` given the vocabulary's (start, end, kind) spans.

    The first gap runs from ``before`` (the sentence start; default: the text start).
    """
    words = [t.text for t in tokens]
    first = (0 if before is None else before) if tokens else 0
    gaps = [text[tokens[i - 1].end if i else first : t.start] for i, t in enumerate(tokens)]
    gazetteer = [""] * len(tokens)
    for start, end, kind in known:
        inside = [i for i, t in enumerate(tokens) if t.start < end and start < t.end]
        for n, i in enumerate(inside):
            gazetteer[i] = ("B-" if n == 0 else "I-") + kind
    return words, gaps, gazetteer


def tag(words: list[str], gaps: list[str], gazetteer: list[str], sentence_start: bool = True) -> list[str]:
    """IOB labels (B-PER, I-ORG, O...) for one sentence or window; all "O" without a model."""
    tagger = _tagger()
    if tagger is None or not words:
        return ["O"] * len(words)
    if _known_attributes() is None:
        return tagger.tag(sentence_features(words, gaps, gazetteer, sentence_start))
    return tagger.tag(_model_features(words, gaps, gazetteer, sentence_start))


@lru_cache(maxsize=1)
def _known_attributes() -> frozenset[str] | None:
    """The attributes the model has weights for (None if it cannot say).

    crfsuite skips an attribute its model does not know, so leaving those out
    of the features it is given changes nothing but the time it takes.
    """
    try:
        known = _dumped_attributes(_tagger())
    except Exception:  # pragma: no cover - an unreadable dump: give every feature
        return None
    return known or None


_ATTRIBUTE_LINE = re.compile(r"^\s*\d+: (.*)$")


def _dumped_attributes(tagger) -> frozenset[str]:
    """The ATTRIBUTES section of crfsuite's text dump of the model.

    pycrfsuite's ``info()`` parses the whole dump (every weight) in Python,
    a tenth of a second in each process; only the attribute names are needed.
    """
    with tempfile.TemporaryDirectory() as folder:
        dump = os.path.join(folder, "model.txt")
        tagger.dump(dump)
        with open(dump, encoding="utf-8") as f:
            lines = iter(f)
            for line in lines:
                if line.startswith("ATTRIBUTES = {"):
                    break
            names = []
            for line in lines:
                if line.startswith("}"):
                    break
                m = _ATTRIBUTE_LINE.match(line.rstrip("\n"))
                if m:
                    names.append(m.group(1))
    return frozenset(names)


_OFFSETS = (-2, -1, 1, 2)
# The fast path hands crfsuite its attributes as UTF-8 bytes, which it takes as
# they are (a str it encodes anew each time): the memos below keep bytes.
Known = tuple[bytes, ...]
_KNOWN_ROWS: dict[str, tuple[Known, tuple[Known, ...]]] = {}
_KNOWN_ROWS_SIZE = 100_000


def _known(features) -> Known:
    """Those of ``features`` the model knows, in order, as UTF-8 bytes."""
    known = _known_attributes()
    return tuple(x.encode() for x in features if x in known)


@lru_cache(maxsize=1024)
def _known_one(feature: str) -> Known:
    """``(feature,)`` in UTF-8 if the model knows it, else ``()`` (memoised)."""
    return _known([feature])


def _known_row(word: str) -> tuple[Known, tuple[Known, ...]]:
    """What ``word`` contributes that the model knows: its own features, and as a neighbour at
    each of ``_OFFSETS`` (a per-word memo: a window's words are mostly seen before)."""
    row = _KNOWN_ROWS.get(word)
    if row is None:
        own = _known(_word_features(word))
        near = tuple(_known(_neighbour_features(word, d)) for d in _OFFSETS)
        if len(_KNOWN_ROWS) >= _KNOWN_ROWS_SIZE:
            _KNOWN_ROWS.clear()
        row = _KNOWN_ROWS[word] = (own, near)
    return row


_KNOWN_CONTEXT: dict[tuple, Known] = {}


def _known_context(inquote: bool, after: str, first: bool, gap: str, gazetteer: str) -> Known:
    """The features a word gets from where it stands (quotes, punctuation, vocabulary), less the
    unknown ones, in ``sentence_features``' order. ``after``: the first character of the next gap;
    ``gap``: the last character of its own gap. Memoised: there are few such combinations."""
    key = (inquote, after, first, gap, gazetteer)
    found = _KNOWN_CONTEXT.get(key)
    if found is None:
        extra = ["inquote"] if inquote else []
        if after:
            extra.append("after=" + after)
        if first:
            extra.append("first")
        if gap:
            extra.append("gap=" + gap)
        if gazetteer:
            extra += ["gz=" + gazetteer, "gzk=" + gazetteer[2:]]
        if len(_KNOWN_CONTEXT) >= _KNOWN_ROWS_SIZE:
            _KNOWN_CONTEXT.clear()
        found = _KNOWN_CONTEXT[key] = _known(extra)
    return found


def _model_features(
    words: list[str], gaps: list[str], gazetteer: list[str], sentence_start: bool = True
) -> list[list[bytes]]:
    """``sentence_features`` less the attributes the model does not know (in the same order), in UTF-8."""
    n = len(words)
    rows = [_known_row(w) for w in words]
    stripped = [g.strip() for g in gaps]
    # per offset d: what the word at i + d gives word i, with two "none" entries padding each end
    columns = [list(column) for column in zip(*(row[1] for row in rows))] if n else [[]] * len(_OFFSETS)
    near = []
    for d, column in zip(_OFFSETS, columns):
        if any(gazetteer):
            for j, label in enumerate(gazetteer):
                if label:
                    column[j] += _known_one(f"{d}:gz=" + label)
        none = _known_one(_NONE[d])
        near.append([none, none, *column, none, none])
    before2, before1, after1, after2 = near
    bias = _known_one("bias")
    context_of = _KNOWN_CONTEXT.get
    out = []
    depth = 0
    for i in range(n):
        gap = stripped[i]
        if gap:
            depth = max(0, depth + gap.count("«") - gap.count("»"))
        key = (depth > 0, stripped[i + 1][:1] if i + 1 < n else ".",
               (i == 0 and sentence_start) or gap[-1:] in ".!?:", gap[-1:], gazetteer[i])
        context = context_of(key)
        if context is None:
            context = _known_context(*key)
        out.append([*bias, *rows[i][0], *context, *before2[i], *before1[i + 1], *after1[i + 3], *after2[i + 4]])
    return out
