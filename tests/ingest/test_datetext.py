"""Dates as editors type them in front matter."""

from __future__ import annotations

import datetime as dt

import pytest

from digest.ingest.datetext import date_line, day_month, month_number, parse_date

MARCH_15 = dt.date(2024, 3, 15)


@pytest.mark.parametrize("text", [
    "2024-03-15", "15.03.2024", "15/03/2024", "15.3.2024", "15 наурыз 2024", "15 наурыз 2024 ж.",
    "15 наурыз 2024 жыл", "15-наурыз 2024", "2024 жылғы 15 наурыз", "2024 ж. 15 наурызда",
    "15 марта 2024", "15 март 2024 г.", "March 15, 2024", "2024-03-15 10:30", "2024-03-15T10:30:00+05:00",
])
def test_formats_editors_type(text):
    assert parse_date(text) == MARCH_15


@pytest.mark.parametrize("text", ["2019-13-45", "31.02.2024", "15 foo 2024", "наурыз", "ертең", "15.03.24"])
def test_not_dates(text):
    assert parse_date(text) is None


@pytest.mark.parametrize("word, month", [
    ("мамырда", 5), ("маусымның", 6), ("қыркүйегінде", 9), ("желтоқсан", 12), ("июнь", 6), ("мая", 5),
    ("августа", 8), ("қаңтар", 1),
])
def test_month_words_in_any_form(word, month):
    assert month_number(word) == month


def test_day_month_of_a_dateline():
    assert day_month("28 июнь") == (28, 6)
    assert day_month("15 наурыз") == (15, 3)
    assert day_month("45 наурыз") is None and day_month("15 дүйсенбі") is None


@pytest.mark.parametrize("line", [
    "15 наурыз 2024, 10:30", "Жарияланды: 15.03.2024", "Жұма, 15 наурыз 2024", "15 наурыз 2024, жұма",
    "пятница, 15 марта 2024, 10:30", "Friday, 15 March 2024",
])
def test_a_line_that_only_dates_the_article(line):
    assert date_line(line) == MARCH_15


@pytest.mark.parametrize("line", ["Жұма күні 15 наурыз", "Жиын 15 наурыз 2024 өтті", "Жұмабек, 15 наурыз 2024"])
def test_a_line_with_more_than_a_date_dates_nothing(line):
    assert date_line(line) is None
