"""The Kazakh stopword list (``data/stopwords.json``)."""

from __future__ import annotations

from ._data import load_json

STOPWORDS: frozenset[str] = frozenset(load_json("stopwords.json")["words"])


def is_stopword(word: str) -> bool:
    """Is ``word`` (any case) a function word?"""
    return word.lower() in STOPWORDS
