"""Cyrillic → 2021 Latin, and the ASCII fold used for slugs."""

from __future__ import annotations

import pytest

from digest.kazakh import to_ascii_latin, transliterate


@pytest.mark.parametrize(
    "cyr, lat",
    [
        ("Қазақстан", "Qazaqstan"),
        ("Тоқаев", "Toqaev"),
        ("Мәжіліс", "Mäjılıs"),
        ("Ұлытау", "Ūlytau"),
        ("Өскемен", "Öskemen"),
        ("Шымкент", "Şymkent"),
        ("Бейжің", "Beijıñ"),
        ("ғылым", "ğylym"),
        ("үйіне", "üiıne"),
        ("Ирина", "İrina"),
        ("Цзиньпин", "Tszinpin"),
        ("ҚАЗАҚСТАН", "QAZAQSTAN"),
        ("ЦСКА", "TSSKA"),
        ("Юрий", "İurii"),  # ю = i + u, and capital i is İ
    ],
)
def test_official_2021_alphabet(cyr, lat):
    assert transliterate(cyr) == lat


def test_non_cyrillic_text_passes_through():
    assert transliterate("Ertenmedia.kz, 2024: «Қазақ»") == "Ertenmedia.kz, 2024: «Qazaq»"


@pytest.mark.parametrize(
    "cyr, ascii_",
    [
        ("Қазақстан", "qazaqstan"),
        ("Тоқаев", "toqaev"),
        ("Шымкент", "shymkent"),
        ("Өскемен", "oskemen"),
        ("Ұлытау Үржар", "ulytau urjar"),
        ("Ғани Бейжің", "gani beijin"),
        ("Мәжіліс", "majilis"),
        ("Ирина Новикова", "irina novikova"),
        ("Қасым-Жомарт", "qasym-jomart"),
    ],
)
def test_ascii_fold_for_slugs(cyr, ascii_):
    assert to_ascii_latin(cyr) == ascii_
    assert to_ascii_latin(cyr).isascii()
