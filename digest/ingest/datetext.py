"""Dates as editors type them and as datelines print them.

``parse_date`` reads a front matter ``date:`` (2024-03-15, 15.03.2024,
15 наурыз 2024, 2024 жылғы 15 наурыз, 15 марта 2024, March 15, 2024);
``day_month`` reads the "15 наурыз" of a dateline. Month words are data
(``data/months.yml``). Written here because dateparser knows no Kazakh month
stems in their inflected forms, and loading it costs more than a whole
article's extraction.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

from digest.yamlio import parse_yaml

DATA = Path(__file__).resolve().parent / "data" / "months.yml"
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_YEAR_WORD = r"(?:\s*(?:жылы|жылғы|жыл|ж\.?|года?|год|г\.?))?"
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME)
_DOTTED = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})" + _YEAR_WORD + _TIME)
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:-\w{1,3})?[\s-]+([^\W\d_]+)\.?,?\s+(\d{4})" + _YEAR_WORD + _TIME)
_YEAR_DAY_MONTH = re.compile(r"(\d{4})" + _YEAR_WORD + r",?\s+(\d{1,2})(?:-\w{1,3})?[\s-]+([^\W\d_]+)" + _TIME)
_MONTH_DAY_YEAR = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})" + _TIME)
_DAY_MONTH = re.compile(r"(\d{1,2})(?:-\w{1,3})?[\s-]+([^\W\d_]+)")


@lru_cache(maxsize=1)
def _months() -> tuple[tuple[str, int], ...]:
    table = parse_yaml(DATA.read_text(encoding="utf-8"))
    return tuple(sorted(((str(k).lower(), int(v)) for k, v in table.items()), key=lambda kv: -len(kv[0])))


def month_number(word: str) -> int | None:
    """The month a word names in any inflected form ("наурызда" → 3), else None."""
    word = word.lower()
    for stem, number in _months():
        if word.startswith(stem):
            return number
    return None


def _make(year: int, month: int | None, day: int) -> dt.date | None:
    if month is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """A date written the ways editors write one, else None (a bad date, or not a date)."""
    text = " ".join(str(text).split()).rstrip(".")
    if m := _ISO.fullmatch(text):
        return _make(int(m[1]), int(m[2]), int(m[3]))
    if m := _DOTTED.fullmatch(text):
        return _make(int(m[3]), int(m[2]), int(m[1]))
    if m := _DAY_MONTH_YEAR.fullmatch(text):
        return _make(int(m[3]), month_number(m[2]), int(m[1]))
    if m := _YEAR_DAY_MONTH.fullmatch(text):
        return _make(int(m[1]), month_number(m[3]), int(m[2]))
    if m := _MONTH_DAY_YEAR.fullmatch(text):
        return _make(int(m[3]), month_number(m[1]), int(m[2]))
    return None


def day_month(text: str) -> tuple[int, int] | None:
    """(day, month) of "15 наурыз", "28 июнь", "5-мамыр"; None when it is not one."""
    m = _DAY_MONTH.fullmatch(" ".join(text.split()))
    if not m:
        return None
    month = month_number(m[2])
    day = int(m[1])
    if month is None or not 1 <= day <= 31:
        return None
    return day, month


# A line that only dates the article, as sites print it under the title:
# "15.03.2024, 10:30", "10:30 · 15 наурыз 2024", "Жарияланды: 15 наурыз 2024".
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
_LABEL = re.compile(r"^(?:жарияланды|жарияланған(?:\s+күні)?|жаңартылды|күні|уақыты|опубликовано|дата|published|date)\s*:?\s*", re.I)
_SEPARATORS = " ,|·•/—–-"


WEEKDAYS = Path(__file__).resolve().parent / "data" / "weekdays.yml"


@lru_cache(maxsize=1)
def _weekday() -> re.Pattern[str]:
    """A weekday name opening or closing a date line."""
    names = "|".join(sorted(map(re.escape, parse_yaml(WEEKDAYS.read_text(encoding="utf-8"))), key=len, reverse=True))
    return re.compile(rf"^(?:{names})(?!\w)|(?<!\w)(?:{names})$", re.I)


def date_line(line: str) -> dt.date | None:
    """The date of a line that holds nothing but a date (and a time, a weekday and a label), else None."""
    if len(line) > 60 or not any(c.isdigit() for c in line):
        return None
    rest = _LABEL.sub("", _CLOCK.sub(" ", line).strip(_SEPARATORS)).strip(_SEPARATORS)
    rest = _weekday().sub("", rest).strip(_SEPARATORS)
    return parse_date(rest) if rest else None
