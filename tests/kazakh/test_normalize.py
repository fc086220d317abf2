"""Normalisation: NFC, keyboard-layout look-alikes, quotes, dashes, spaces."""

from __future__ import annotations

import unicodedata

import pytest

from digest.kazakh import normalize


def test_nfc():
    decomposed = unicodedata.normalize("NFD", "Қазақстан й ё")
    assert normalize(decomposed) == "Қазақстан й ё"


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("Мəжіліс", "Мәжіліс"),  # Latin schwa
        ("iс", "іс"),  # Latin i
        ("Iле", "Іле"),
        ("hәм", "һәм"),
        ("Aлматы", "Алматы"),  # Latin A
        ("көpceтkiш", "көрсеткіш"),
        ("Өcкeмeн", "Өскемен"),
        ("ɵзi", "өзі"),
    ],
)
def test_lookalikes_inside_cyrillic_words(raw, clean):
    assert normalize(raw) == clean


@pytest.mark.parametrize("latin", ["Telegram", "Ertenmedia.kz", "hi", "Ion", "Xi"])
def test_latin_words_are_left_alone(latin):
    assert normalize(latin) == latin


def test_mixed_word_with_real_latin_letters_is_left_alone():
    # 'g' and 'r' have no Cyrillic look-alike in the table: the word is not Cyrillic
    assert normalize("Кazgrain") == "Кazgrain"


@pytest.mark.parametrize(
    "raw, clean",
    [
        ('"Жол картасы"', "«Жол картасы»"),
        ("„Жол“ және “Тас”", "«Жол» және «Тас»"),
        ("сөз — сөз", "сөз – сөз"),
        ("сөз - сөз", "сөз – сөз"),
        ("- Қазір", "– Қазір"),
        ("бір-бірімізді", "бір-бірімізді"),
        ("1\u00a0395", "1 395"),
        ("Қазақ\u200bстан", "Қазақстан"),
        ("ақпа\u00adрат", "ақпарат"),
    ],
)
def test_quotes_dashes_spaces(raw, clean):
    assert normalize(raw) == clean


def test_seed_is_stable_under_normalisation(seed):
    text = normalize(seed("002"))
    assert normalize(text) == text
    assert '"' not in text and "«Жол картасының»" in text


def _fix_every_word(text: str) -> str:
    """The look-alike rule applied to every run of letters, as a reference."""
    import re

    from digest.kazakh.normalize import _LOOKALIKES

    def fix(m):
        word = m.group()
        foreign = [ch for ch in word if not "\u0400" <= ch <= "\u04ff"]
        if len(foreign) == len(word) or not foreign or not all(ch in _LOOKALIKES for ch in foreign):
            return word
        return "".join(_LOOKALIKES.get(ch, ch) for ch in word)

    return re.sub(r"[^\W\d_]+", fix, text)


def test_only_runs_with_a_foreign_lookalike_are_looked_at():
    """The fast path (runs holding a Latin look-alike) changes what the plain rule changes."""
    import random

    from digest.kazakh.normalize import fix_lookalikes

    rng = random.Random(7)
    alphabet = "аеоқңәіөAaceopxiHTBMgrz5-'’ .,«»ґҥ"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        assert fix_lookalikes(text) == _fix_every_word(text), text


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("- Иә, -- деді ол.\n- Жоқ", "– Иә, – деді ол.\n– Жоқ"),
        ("1-2 - 3 --x -\tа", "1-2 – 3 --x –\tа"),
        ("Қазақ\u200cстан \u200cа\u200d", "Қазақстан \u200cа\u200d"),
    ],
)
def test_spaced_hyphens_and_joiners_between_letters(raw, clean):
    assert normalize(raw) == clean


def test_hyphens_and_joiners_as_the_plain_rules_say():
    """The hyphen and joiner patterns (written to start with their character) agree with the plain rules."""
    import random
    import re

    from digest.kazakh.normalize import _HYPHEN_DASH, _JOINERS

    plain_hyphen = re.compile(r"(?:(?<=\s)|^)-{1,2}(?=\s)", re.M)
    plain_joiner = re.compile("(?<=\\w)[\u200c\u200d](?=\\w)")
    rng = random.Random(3)
    for _ in range(5000):
        text = "".join(rng.choice(" \n\t-аб1\u00a0\u200c\u200d.") for _ in range(rng.randint(0, 10)))
        assert _HYPHEN_DASH.sub("–", text) == plain_hyphen.sub("–", text), repr(text)
        assert _JOINERS.sub("", text) == plain_joiner.sub("", text), repr(text)
