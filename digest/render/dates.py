"""Dates as readers see them: Kazakh with the English beside, as data for the theme.

The Kazakh forms are language work (month and weekday names come from
site_config/labels.yml: ``months`` and the labels ``weekday_1`` … ``weekday_7``);
the theme decides how to print them.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from digest.config import Label, SiteConfig


def _parts(when: str) -> tuple[int, int | None, int | None]:
    pieces = [int(p) for p in when.split("-")]
    return pieces[0], (pieces[1] if len(pieces) > 1 else None), (pieces[2] if len(pieces) > 2 else None)


def kazakh_date(when: str, config: SiteConfig) -> str:
    """'1992' → '1992 жыл'; '2024-03' → '2024 жылғы наурыз'; '2024-03-15' → '2024 жылғы 15 наурыз'."""
    return _kazakh_date(when, config.months)


def _kazakh_date(when: str, months: tuple[Label, ...]) -> str:
    year, month, day = _parts(when)
    if month is None:
        return f"{year} жыл"
    name = months[month - 1].kk
    return f"{year} жылғы {day} {name}" if day else f"{year} жылғы {name}"


def english_date(when: str, config: SiteConfig) -> str:
    return _english_date(when, config.months)


def _english_date(when: str, months: tuple[Label, ...]) -> str:
    year, month, day = _parts(when)
    if month is None:
        return str(year)
    name = months[month - 1].en
    return f"{day} {name} {year}" if day else f"{name} {year}"


def date_view(when: str | None, config: SiteConfig) -> dict | None:
    """A date for a template: ISO (for <time datetime>), Kazakh and English;
    None stays None. A bare year reads the same in both languages."""
    return _date_view(when, config.months) if when else None


@lru_cache(maxsize=8192)  # listings print the same dates over and over
def _date_view(when: str, months: tuple[Label, ...]) -> dict:
    return {"iso": when, "kk": _kazakh_date(when, months), "en": _english_date(when, months)}


def day_heading(day: dt.date, config: SiteConfig) -> dict:
    """A day as a heading of the home page: {"kk": "15 наурыз 2024, жұма",
    "en": "Friday, 15 March 2024"} (the date itself, never "today": a static
    page cannot keep that true)."""
    weekday = config.label(f"weekday_{day.isoweekday()}")
    month = config.months[day.month - 1]
    return {"iso": day.isoformat(), "kk": f"{day.day} {month.kk} {day.year}, {weekday.kk}",
            "en": f"{weekday.en}, {day.day} {month.en} {day.year}"}


def month_heading(year: int, month: int, config: SiteConfig) -> dict:
    """A month as a heading of the archive: {"kk": "Наурыз 2024", "en": "March 2024"}."""
    name = config.months[month - 1]
    return {"kk": f"{name.kk[:1].upper()}{name.kk[1:]} {year}", "en": f"{name.en} {year}"}


def iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None
