"""The CRF tagger's features: the memoised fast path gives the model what the plain one would."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from digest import kazakh
from digest.extract import ner_crf

CONTENT = Path(__file__).resolve().parents[2] / "content"
LABELS = ["", "", "", "B-place", "I-place", "B-person", "I-person", "B-organization", "I-organization", "B-event"]

pytestmark = pytest.mark.skipif(ner_crf._known_attributes() is None, reason="no CRF model")


def _windows():
    """Stretches of the seed articles' tokens, with their gaps and made-up vocabulary labels."""
    rng = random.Random(5)
    for path in sorted(CONTENT.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        tokens = kazakh.tokenize(text)
        for start in range(0, len(tokens), 7):
            piece = tokens[start:start + rng.randint(1, 12)]
            before = tokens[start - 1].end if start else 0
            words, gaps, _ = ner_crf.sentence_inputs(text, piece, [], before)
            yield words, gaps, [rng.choice(LABELS) for _ in words], rng.random() < 0.5


def test_model_features_are_the_plain_features_the_model_knows():
    known = ner_crf._known_attributes()
    count = 0
    for words, gaps, gazetteer, start in _windows():
        plain = [[x.encode() for x in f if x in known]
                 for f in ner_crf.sentence_features(words, gaps, gazetteer, start)]
        assert ner_crf._model_features(words, gaps, gazetteer, start) == plain, words
        count += 1
    assert count > 100


def test_the_known_attributes_are_those_pycrfsuite_reads_from_the_model():
    assert ner_crf._known_attributes() == frozenset(ner_crf._tagger().info().attributes)


def test_a_quote_left_open_marks_the_words_after_it():
    words, gaps = ["Ол", "Астана", "деді"], ["", " «", "» "]
    features = ner_crf._model_features(words, gaps, ["", "", ""])
    assert [b"inquote" in f for f in features] == [False, True, False]


def test_the_tagger_reads_bytes_as_it_reads_strings():
    tagger = ner_crf._tagger()
    for words, gaps, gazetteer, start in list(_windows())[:60]:
        features = ner_crf._model_features(words, gaps, gazetteer, start)
        assert tagger.tag(features) == tagger.tag([[x.decode() for x in f] for f in features])
