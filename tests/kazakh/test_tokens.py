"""Tokens: words and numbers with offsets, hyphenated words kept whole."""

from __future__ import annotations

from digest.kazakh import STOPWORDS, tokenize


def test_hyphenated_words_numbers_and_offsets():
    text = "Қасым-Жомарт бір-бірімізді 30%-ке, 1,395 және 1.5 есе; ҚХР-дың «Бір белдеу» Ertenmedia-ның 11-отырысы."
    tokens = tokenize(text)
    assert [t.text for t in tokens] == [
        "Қасым-Жомарт", "бір-бірімізді", "30%-ке", "1,395", "және", "1.5", "есе", "ҚХР-дың",
        "Бір", "белдеу", "Ertenmedia-ның", "11-отырысы",
    ]
    for t in tokens:
        assert text[t.start:t.end] == t.text


def test_punctuation_and_dashes_are_not_tokens():
    assert [t.text for t in tokenize("– деді ол. «…» — !")] == ["деді", "ол"]


def test_seed_tokens(seed):
    text = seed("000")
    tokens = tokenize(text)
    assert "Лукашенкоға" in [t.text for t in tokens]
    assert all(text[t.start:t.end] == t.text for t in tokens)


def test_stopwords():
    assert {"және", "мен", "бұл", "деп", "үшін", "туралы"} <= STOPWORDS
    assert not {"қазақстан", "президент", "сауда"} & STOPWORDS
    assert all(w == w.lower() for w in STOPWORDS)
