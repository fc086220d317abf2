"""Which articles a vocabulary change can re-tag: the anchors are sound, the change is exact."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest import kazakh
from digest.extract.ner_names import _ENDINGS, KEY_DRIFT, word_keys
from digest.extract.tags import Entry, Vocabulary, find_mentions, load_vocabulary
from digest.extract.vocabulary_change import VocabularyChange, entry_anchors
from digest.kazakh._data import DATA_DIR

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "content").glob("*.txt"))
KAZNERD = ROOT.parent / "shared" / "data" / "kaznerd" / "IOB2_valid.txt"
LETTERS = "абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
ENDINGS = [e for group in ("plural", "possessive", "case") for e in _ENDINGS[group]]


def _drift_ok(word: str) -> bool:
    low = word.lower()
    return all(low.startswith(key[: max(0, len(key) - KEY_DRIFT)]) for key in word_keys(word))


def test_a_words_keys_keep_all_but_its_last_two_letters_on_real_words():
    """What the anchors rest on (ner_names.KEY_DRIFT), on the stemmer's table
    of real words and its lexicon's lemmas with every ending."""
    cases = [c["word"] for c in json.loads((DATA_DIR / "stem_cases.json").read_text("utf-8"))]
    lemmas = list(json.loads((DATA_DIR / "lexicon.json").read_text("utf-8"))["lemmas"])
    words = cases + [lemma + ending for lemma in lemmas for ending in ENDINGS]
    words += [t.text for p in SEEDS for t in kazakh.tokenize(p.read_text("utf-8"))]
    assert len(words) > 3000
    assert [w for w in words if not _drift_ok(w)] == []


@settings(max_examples=3000, deadline=None)
@given(st.text(LETTERS, min_size=1, max_size=9), st.lists(st.sampled_from(ENDINGS), max_size=3), st.booleans())
def test_a_words_keys_keep_all_but_its_last_two_letters_on_made_up_words(base, endings, capital):
    word = base + "".join(endings)
    assert _drift_ok(word.capitalize() if capital else word)


def _texts() -> list[str]:
    """The seeds' paragraphs, and every sixteenth of KazNERD's sentences where the
    data set is at hand (all of them, with each of 641 entries alone, take minutes)."""
    texts = [p for path in SEEDS for p in path.read_text("utf-8").split("\n\n") if p.strip()]
    if KAZNERD.exists():
        sentences: list[str] = []
        words: list[str] = []
        for line in KAZNERD.read_text("utf-8").splitlines():
            if line.strip():
                words.append(line.split()[0])
            elif words:
                sentences.append(" ".join(words))
                words = []
        texts += sentences[::16]
    return texts


def test_a_text_an_entry_matches_in_holds_one_of_its_anchors():
    """For every entry of the project's vocabulary, alone: wherever it finds a
    mention or a topic keyword, the text holds one of its anchors."""
    vocabulary = load_vocabulary(ROOT / "site_config")
    texts = [(text, kazakh.tokenize(text)) for text in _texts()]
    matched = 0
    for entry in vocabulary.entries:
        alone = Vocabulary.from_entries([entry])
        anchors = entry_anchors(entry)
        for text, tokens in texts:
            if alone.names.match(text, tokens) or alone.topics.hits(text, tokens):
                matched += 1
                low = text.lower()
                assert any(a in low for a in anchors), (entry.id, anchors, text[:200])
    assert matched > 50


def _entry(id_: str, kk: str, en: str = "", kind: str = "person", **more) -> Entry:
    return Entry(id_, kind, kk, en or id_, **more)


def test_the_change_between_two_vocabularies():
    a, b = _entry("a", "Айбек Сапаров"), _entry("b", "Болат Нұров")
    topic = _entry("t", "Білім", kind="topic", keywords=("мектеп", "оқу"))
    assert VocabularyChange.between([a, b], [a, b]) == VocabularyChange()
    moved = dataclasses.replace(b, path="other.yml", line=9)
    assert VocabularyChange.between([a, b], [a, moved]) == VocabularyChange()
    added = VocabularyChange.between([a], [a, b, topic])
    assert added.ids == {"b", "t"} and {"болат", "мект"} <= set(added.anchors)  # "мектебі" keeps "мект"
    relabelled = VocabularyChange.between([a, b], [a, dataclasses.replace(b, en="Bolat N.")])
    assert relabelled.ids == {"b"} and relabelled.anchors == ("болат",)
    assert VocabularyChange.between([a, b], [b, a]).everything  # which of two shared names wins moved


def test_what_a_change_may_retag():
    change = VocabularyChange.between([], [_entry("b", "Болат Нұров")])
    assert change.may_retag("Кеше Болат Нұров сөйледі.", (), [])
    assert change.may_retag("БОЛАТ мырза келді.", (), [])  # anchors are lower-cased
    assert not change.may_retag("Кеше Айбек Сапаров сөйледі.", (), ["a"])
    assert change.may_retag("Кеше Айбек Сапаров сөйледі.", (), ["a", "b"])  # it carries the entry
    assert change.may_retag("Кеше Айбек Сапаров сөйледі.", ("Болат",), ["a"])  # editor's tags are looked up
    assert not VocabularyChange().may_retag("Болат Нұров", ("x",), ["b"])
    assert VocabularyChange(everything=True).may_retag("", (), [])


@pytest.mark.parametrize("name, inflected", [
    ("Ақтөбе", "Ақтөбенің"), ("Орал", "Оралда"), ("Тараз", "Таразға"), ("ЕАЭО", "ЕАЭО-ның"),
    ("Қасым-Жомарт Тоқаев", "Қасым-Жомарт Тоқаевтың"), ("Бішкек", "Бішкекке")])
def test_inflected_mentions_hold_the_anchors(name, inflected):
    entry = _entry("x", name, kind="place")
    text = f"Біз {inflected} бардық."
    assert find_mentions(text, Vocabulary.from_entries([entry]), discover=False)
    assert any(a in text.lower() for a in entry_anchors(entry))
    assert re.fullmatch(r"[^A-Z]*", "".join(entry_anchors(entry)))  # lower-cased
