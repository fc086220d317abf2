"""One person named several ways in one article (digest.extract.same_person)."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.extract.same_person import same_person
from digest.extract.tags import find_mentions, find_tags, load_vocabulary
from digest.model import Mention

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary(ROOT / "site_config")


def people(text: str, vocabulary) -> set[str]:
    return {t.kk for t in find_tags(text, vocabulary) if t.kind == "person"}


@pytest.mark.parametrize("text, person", [
    # a first name and patronymic, the polite Kazakh form
    ("Мәжіліс депутаты Нартай Сәрсенғалиев пранкерлерді жазалауды ұсынды. "
     "Нартай Аралбайұлы бірнеше оқиғаны атап өтті.", "Нартай Сәрсенғалиев"),
    # the full name with its patronymic
    ("Ерболат Досаев жаңа қызметке келді. Жарлыққа сәйкес Ерболат Асқарбекұлы Досаев "
     "Алматы қаласының әкімі болып тағайындалды.", "Ерболат Досаев"),
    # the surname with the initials after it
    ("Ақтөбеде кәсіпкер Сергей Койнов ұсталды. Тергеу мәліметінше, желінің иесі Койнов С.С. "
     "сенімді адамдарына жаңа брендпен жұмыс істеуді тапсырған.", "Сергей Койнов"),
    # a Russian patronymic, with and without the surname
    ("Федор Щеглов 1925 жылы туған. Соғыстан кейін Федор Васильевич Щеглов ауылға оралды. "
     "Федор Васильевичтің естеліктері кітап болып шықты.", "Федор Щеглов"),
])
def test_one_person_named_several_ways_is_one_tag(vocabulary, text, person):
    assert people(text, vocabulary) == {person}


def test_a_patronymic_whose_first_name_two_people_share_stays_apart(vocabulary):
    text = ("Жиынға Нартай Сәрсенғалиев пен Нартай Жұмабеков қатысты. "
            "Нартай Аралбайұлы сөз сөйледі.")
    assert "Нартай Аралбайұлы" in people(text, vocabulary)


def test_a_surname_read_as_a_place_is_the_person(vocabulary):
    text = ("Трамптың арнайы өкілі мен Рубионың орынбасары Ақордаға келді. "
            "АҚШ Мемлекеттік хатшысы Марко Рубионың бірінші орынбасары Кристофер Ландау келді.")
    tags = find_tags(text, vocabulary)
    assert "Рубио" not in {t.kk for t in tags if t.kind != "person"}
    assert "Марко Рубио" in people(text, vocabulary)


def test_a_vocabulary_name_is_left_as_the_vocabulary_says():
    found = [Mention(0, 10, "person", "Марко Рубио", None, "model"),
             Mention(20, 25, "place", "Рубио", "rubio-place", None)]
    assert same_person(found)[1].kind == "place"


def test_surname_alone_and_with_initials(vocabulary):
    text = "Мемлекет басшысы Ержан Сәденовті қабылдады. Е. Сәденов баяндады. Сәденов қылмыс азайғанын айтты."
    mentions = [m for m in find_mentions(text, vocabulary) if m.kind == "person"]
    assert {m.label for m in mentions} == {"Ержан Сәденов"} and len(mentions) == 3


def test_initials_that_do_not_fit_the_full_name_stay_apart(vocabulary):
    text = "Ақтөбеде кәсіпкер Сергей Койнов ұсталды. Оның інісі Койнов А.С. де жауапқа тартылды."
    found = people(text, vocabulary)
    assert "Сергей Койнов" in found and len(found) == 2  # the brother is a person of his own


def test_a_body_named_by_its_head_after_its_full_name_is_that_body(vocabulary):
    text = ("Атырау облысы Полиция департаменті хабарлады. Полиция департаментінің мәліметінше, "
            "күдікті ұсталды.")
    bodies = {t.kk for t in find_tags(text, vocabulary) if t.kind == "organization"}
    assert bodies == {"Атырау облысы Полиция департаменті"}
