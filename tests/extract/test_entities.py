"""Discovery of entities outside the vocabulary: rules, the CRF model, sanity checks."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from digest import kazakh
from digest.extract import entities, ner_crf
from digest.extract.ner_names import base_form
from digest.extract.tags import Vocabulary, discovered_tag, find_mentions, find_tags, load_vocabulary

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary(ROOT / "site_config")


def discovered(text: str, vocabulary) -> dict[str, str]:
    """kk label → kind of the discovered mentions in ``text``."""
    return {m.label: m.kind for m in find_mentions(text, vocabulary) if m.tag_id is None}


@pytest.mark.parametrize(
    "word, base",
    [("Сюэсянды", "Сюэсян"), ("Қошановты", "Қошанов"), ("Лукашенконың", "Лукашенко"),
     ("Новикова", "Новикова"), ("Ирина", "Ирина"), ("ШЫҰ-ның", "ШЫҰ"), ("Новиковамен", "Новикова")],
)
def test_base_form(word, base):
    assert base_form(word) == base


@pytest.mark.parametrize("sentence,label,kind", [
    ("Кездесуге Бердібек Сапарбаевтың өкілі қатысты.", "Бердібек Сапарбаев", "person"),
    ("Бұл туралы Самат Қайырденұлы айтты.", "Самат Қайырденұлы", "person"),  # patronymic
    ("Жиынға Б. Сапарбаевтың орынбасары қатысты.", "Б. Сапарбаев", "person"),  # initial and surname
    ("Бұл туралы Өңірлік даму министрлігінің баспасөз қызметі хабарлады.",
     "Өңірлік даму министрлігі", "organization"),  # head noun
])
def test_entity_not_in_vocabulary_found_in_its_base_form(vocabulary, sentence, label, kind):
    assert discovered(sentence, vocabulary).get(label) == kind


def test_quoted_name_before_head(vocabulary):
    found = discovered("Кеше « Жорға » ансамблі өнер көрсетті.", vocabulary)
    assert any(label.startswith("Жорға") and kind == "organization" for label, kind in found.items())


def test_place_by_head_noun(vocabulary):
    found = discovered("Оқиға Жамбыл облысы Байзақ ауданында болды.", vocabulary)
    assert any("Байзақ" in label and kind == "place" for label, kind in found.items())


def test_sentence_initial_function_words_are_not_entities(vocabulary):
    text = "Алайда бұл мәселе шешілмеді. Бүгінде жағдай өзгерді. Сондықтан жұмыс жалғасады."
    assert discovered(text, vocabulary) == {}


def test_vocabulary_wins_over_discovery(vocabulary):
    mentions = find_mentions("Қасым-Жомарт Тоқаев Минскке барды.", vocabulary)
    assert [m.tag_id for m in mentions] == ["kassym-jomart-tokayev", "minsk"]


def test_discovered_tags_have_latin_labels_no_english_and_ascii_ids(vocabulary):
    tags = [t for t in find_tags("Кездесуге Бердібек Сапарбаев қатысты.", vocabulary) if t.discovered]
    assert tags
    for tag in tags:
        assert tag.kk and tag.id.isascii()
        assert tag.en is None  # a transliteration is not an English name
        assert tag.latin == "Berdıbek Saparbaev"


def test_discovered_tag_id_is_stable_across_inflections():
    assert discovered_tag(base_form("Сюэсянды"), "person").id == discovered_tag("Сюэсян", "person").id


@pytest.mark.parametrize("text", ["аясында ол « келді » деді .", "123 , 456", "— « » ( )", ""])
def test_no_garbage_labels(vocabulary, text):
    for m in find_mentions(text, vocabulary):
        assert m.label[:1].isupper()


def test_model_ships_small_and_loads_fast():
    assert ner_crf.MODEL_PATH.exists()
    assert ner_crf.MODEL_PATH.stat().st_size < 5_000_000
    ner_crf._tagger.cache_clear()
    start = time.perf_counter()
    assert ner_crf.available()
    assert time.perf_counter() - start < 1.0


def test_spans_are_trimmed_to_names():
    tokens = kazakh.tokenize("Парламенттік ассамблея аясында")
    assert entities.trim(0, 3, tokens, "organization") == (0, 2)
    tokens = kazakh.tokenize("Ertenmedia-ның Telegram арнасы")
    assert entities.trim(0, 3, tokens, "organization") == (1, 3)


def test_works_without_a_model(monkeypatch, vocabulary):
    monkeypatch.setattr(ner_crf, "_tagger", lambda: None)
    found = discovered("Бұл туралы Самат Қайырденұлы айтты.", vocabulary)
    assert found.get("Самат Қайырденұлы") == "person"


def test_empty_vocabulary_still_discovers():
    empty = Vocabulary.from_entries([])
    found = {m.label for m in find_mentions("Бұл туралы Самат Қайырденұлы айтты.", empty)}
    assert "Самат Қайырденұлы" in found
