"""The Kazakh language core: normalisation, sentences, tokens, stems, transliteration.

Imports nothing else from ``digest``. Language knowledge lives in ``data/``:
``stemmer.json`` (suffix table, shared with the JavaScript search stemmer),
``stem_cases.json`` (the word → stem cases both stemmers are tested against),
``lexicon.json`` (corpus support for tie-breaking), ``stopwords.json``,
``abbreviations.json``, ``translit.json``, ``normalize.json``.
"""

from __future__ import annotations

from .normalize import normalize
from .sentences import Sentence, split_sentences
from .stem import stem
from .stopwords import STOPWORDS, is_stopword
from .tokens import Token, tokenize
from .translit import to_ascii_latin, transliterate

__all__ = [
    "STOPWORDS",
    "Sentence",
    "Token",
    "is_stopword",
    "normalize",
    "split_sentences",
    "stem",
    "to_ascii_latin",
    "tokenize",
    "transliterate",
]
