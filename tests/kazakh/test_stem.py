"""The stemmer against the shared table of cases and the morphology it must know."""

from __future__ import annotations

import io
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digest.kazakh import stem
from digest.kazakh._data import DATA_DIR, load_json
from digest.commands.stem import run
from digest.kazakh.stem import DEFAULT, Stemmer

CASES = json.loads((DATA_DIR / "stem_cases.json").read_text(encoding="utf-8"))
TABLE = load_json("stemmer.json")


def test_case_table_is_large_and_from_real_text():
    assert len(CASES) >= 150
    assert {c["source"] for c in CASES} >= {"seeds", "kaznerd"}
    assert len({c["word"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["word"] for c in CASES])
def test_shared_cases(case):
    assert stem(case["word"]) == case["stem"]


@pytest.mark.parametrize("case", CASES, ids=[c["word"] for c in CASES])
def test_shared_cases_without_lexicon(case):
    """The JavaScript stemmer may ship without lexicon.json: the table must hold."""
    assert Stemmer(TABLE).stem(case["word"]) == case["stem"]


def test_every_allomorph_is_exercised_by_the_case_table():
    """Each case ending of the table occurs as the last ending of some case."""
    used = set()
    for case in CASES:
        for reading in DEFAULT.readings(case["word"].lower()):
            if reading.key == case["stem"] and reading.endings:
                used.add(reading.endings[-1][1])
    assert used >= {"gen", "acc", "dat", "loc", "abl", "ins", "locattr", "plural", "poss3", "poss1pl", "poss2pol"}


@pytest.mark.parametrize(
    "forms, key",
    [
        ("Қазақстанның Қазақстанға Қазақстанмен Қазақстаннан Қазақстанда Қазақстандағы Қазақстанды", "қазақстан"),
        ("Лукашенконың Лукашенкоға Лукашенкомен", "лукашенко"),
        ("Тоқаевтың Тоқаевқа Тоқаевпен Тоқаевты", "тоқаев"),
        ("Беларусьтің Беларусьпен Беларусь", "беларусь"),
        ("Минскіге Минскіде Минскте Минск", "минск"),
    ],
)
def test_issue_examples(forms, key):
    assert {stem(w) for w in forms.split()} == {key}


@pytest.mark.parametrize(
    "front, back",
    [("елдің", "халықтың"), ("үйге", "қалаға"), ("мектепке", "сотқа"), ("көлікте", "уақытта"),
     ("жерден", "жылдан"), ("істер", "жастар"), ("үйлер", "балалар"), ("мемлекеттен", "сағаттан")],
)
def test_both_harmonies(front, back):
    assert stem(front) != front and stem(back) != back


def test_vowel_harmony_blocks_a_wrong_cut():
    # -лер is front: a back stem does not take it, so the word is not cut
    assert stem("қалалер") == "қалалер"


@pytest.mark.parametrize(
    "word, key",
    [("орталығы", "орталық"), ("билігін", "билік"), ("кітабы", "кітап"), ("еңбегіңізді", "еңбек"),
     ("орны", "орын"), ("аузы", "ауыз"), ("халқының", "халық"), ("мұрны", "мұрын")],
)
def test_consonant_alternation_and_syncope(word, key):
    assert stem(word) == key


@pytest.mark.parametrize("word", ["Абай", "Астана", "бала", "адам", "әлем", "ұйым", "ел", "су", "Қазақстан"])
def test_lemmas_that_look_inflected_are_kept(word):
    assert stem(word) == word.lower()


@pytest.mark.parametrize("word", ["елге", "үйде", "ата", "аға"])
def test_no_stem_under_three_letters_unless_listed(word):
    key = stem(word)
    assert len(key) >= 3 or key in TABLE["short_stems"]


def test_derivational_suffixes_are_kept():
    assert stem("ынтымақтастықты") == "ынтымақтастық"
    assert stem("министрлігі") == "министрлік"
    assert stem("қазақстандықтар") == "қазақстандық"


def test_agent_nouns_are_not_possessives():
    assert stem("басшы") == "басшы" and stem("басшысы") == "басшы"
    assert stem("тілшіміз") == "тілші"


def test_hyphenated_words_and_endings_after_hyphens():
    assert stem("Қасым-Жомарт") == "қасым-жомарт"
    assert stem("бір-бірімізді") == "бір-бір"
    assert stem("ҚХР-дың") == stem("ҚХР") == "қхр"
    assert stem("30%-ке") == "30%"


def test_stem_is_lower_case_and_memoised():
    assert stem("ҚАЗАҚСТАННЫҢ") == "қазақстан"
    DEFAULT.stem.cache_clear()
    stem("Астананың")
    stem("Астананың")
    assert DEFAULT.stem.cache_info().hits >= 1


def test_table_is_plain_json_a_javascript_port_can_load():
    """Only lists, dicts, strings and ints; regular expressions use no Python-only syntax."""
    for pattern in (v for k, v in TABLE["not_after"].items() if k != "about"):
        assert not re.search(r"\(\?P|\(\?<[^=!]|\\A|\\Z", pattern)
    text = (DATA_DIR / "stemmer.json").read_text(encoding="utf-8")
    assert json.loads(text) == TABLE


def test_lexicon_is_small_enough_for_the_browser():
    assert (DATA_DIR / "lexicon.json").stat().st_size < 300_000


def test_cli_prints_one_stem_per_line_in_order():
    out = io.StringIO()
    assert run(io.StringIO("Қазақстанның\nТоқаевқа\n\nМинскіге\n"), out) == 0
    assert out.getvalue() == "қазақстан\nтоқаев\n\nминск\n"


KAZAKH_LETTERS = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"


def test_every_letter_has_a_sound_class():
    classes = "".join(TABLE["classes"].values())
    missing = [ch for ch in KAZAKH_LETTERS if ch not in classes and ch not in "ъь"]
    assert missing == []
    consonants = set(classes) - set(TABLE["vowels"])
    # the regular expressions name every consonant they mean to
    for pattern in (v for k, v in TABLE["not_after"].items() if k != "about"):
        for group in re.findall(r"\[([^\]^]+)\]", pattern):
            if len(group) > 10:  # a "any consonant" class, not a short list
                assert consonants - set(group) == set(), group


def test_agent_noun_rule_covers_every_consonant():
    for c in "бвгғджзйкқлмнңпрстфхһцчшщ":
        assert stem(f"ба{c}шылар") == f"ба{c}шы", c


@given(st.text(alphabet=KAZAKH_LETTERS + KAZAKH_LETTERS.upper() + "-%1", max_size=14))
def test_never_fails_and_is_lower_case(word):
    key = stem(word)
    assert key == key.lower()
    assert bool(key) == bool(word)
