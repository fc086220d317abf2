"""Sentence splitting on the seeds and on the hard cases of issue 3."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digest.kazakh import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize("number", ["000", "002", "004"])
def test_offsets_are_exact_on_the_seeds(seed, number):
    text = seed(number)
    sentences = split_sentences(text)
    assert sentences
    for s in sentences:
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip()
    assert [s.start for s in sentences] == sorted(s.start for s in sentences)


def test_quote_with_inner_sentences_and_reported_speech(seed):
    got = texts(seed("000"))
    assert "«Бір-бірімізді жоғалтып алмауды өтініп сұраймын." in got
    assert any(s.startswith("Сондықтан, осындай мазасыз") and s.endswith("– деді Александр Лукашенко кездесуде.") for s in got)
    assert "Тоқаев?" in got
    assert "Қошанов не дейді?" in got


def test_transcript_lines_without_full_stop_are_sentences(seed):
    got = texts(seed("002"))
    assert "Беларусь Қазақстанның сенімді одақтасы әрі серіктесі болып табылады" in got
    assert "Қос мемлекет дипломатиялық қатынастың іргетасын қалаған болатын" in got
    assert "Бұл көрсеткіш 2017 жылмен салыстырғанда 30%-ке артқан" in got
    assert "Қазір интеграция бағытында келесі қадам жасауымыз керек" in got  # "- " dropped


def test_headings_numbers_and_dialogue_dashes(seed):
    got = texts(seed("004"))
    assert "Екіжақты ынтымақтастық нығая бермек" in got
    assert "1,395" in got
    assert any(s.startswith("Қытаймен екіжақты қатынасты") for s in got)
    assert any(s.endswith("– деді Қасым-Жомарт Тоқаев.") for s in got)
    assert any("ҚХР Төрағасы Си Цзиньпиннің сәлемін" in s for s in got)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Сауда 1.5 есе өсті. Бұл жақсы.", ["Сауда 1.5 есе өсті.", "Бұл жақсы."]),
        ("Көлемі 2,5 млрд. доллар болды.", ["Көлемі 2,5 млрд. доллар болды."]),
        ("2023 ж. 15 қаңтарда өтті.", ["2023 ж. 15 қаңтарда өтті."]),
        ("Астық, мақта т.б. өнімдер. Келесі сөз.", ["Астық, мақта т.б. өнімдер.", "Келесі сөз."]),
        ("Мұнай, газ т.б. Келесі сөйлем.", ["Мұнай, газ т.б.", "Келесі сөйлем."]),
        ("Оны А. Лукашенко айтты.", ["Оны А. Лукашенко айтты."]),
        ("«Келеміз бе?» – деп сұрады ол. Иә.", ["«Келеміз бе?» – деп сұрады ол.", "Иә."]),
        ("«Келеміз». – Жоқ, – деді.", ["«Келеміз».", "Жоқ, – деді."]),
        ("ҚХР мен ЕАЭО келісті. ОК шешті.", ["ҚХР мен ЕАЭО келісті.", "ОК шешті."]),
        ("Ол келді... бірақ кетті.", ["Ол келді... бірақ кетті."]),
        ("Тақырып\nМәтін мұнда", ["Тақырып", "Мәтін мұнда"]),
        ("1. Бірінші тармақ. Екінші сөйлем.", ["1. Бірінші тармақ.", "Екінші сөйлем."]),
        ("Саны 1995. Келесі жыл.", ["Саны 1995.", "Келесі жыл."]),
    ],
)
def test_hard_cases(text, expected):
    assert texts(text) == expected


@given(st.text(alphabet="Аақ әб.!?«»–- \n1,", max_size=80))
def test_offsets_always_exact(text):
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text and s.text


@pytest.mark.parametrize("text, expected", [
    ("Режиссердің «Ауылдан қашу. Махаббат операциясы» атты фильмі шықты. Келесі сөйлем.",
     ["Режиссердің «Ауылдан қашу. Махаббат операциясы» атты фильмі шықты.", "Келесі сөйлем."]),
    ("Ол «Жол. Тағдыр. Үміт» кітабын жазды.", ["Ол «Жол. Тағдыр. Үміт» кітабын жазды."]),
    ("«Келдік. Рахмет!» деді ол. Сосын кетті.", ["«Келдік. Рахмет!» деді ол.", "Сосын кетті."]),
])
def test_no_split_inside_a_short_quoted_name(text, expected):
    assert texts(text) == expected
