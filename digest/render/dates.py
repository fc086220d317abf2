"""Dates printed for readers: Kazakh month names, English beside, ISO in <time>."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from digest.config import Label, SiteConfig
from digest.render.markup import h


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


def time_element(when: str, config: SiteConfig) -> str:
    """<time datetime="ISO">Kazakh · <span lang="en">English</span></time>."""
    return _time_element(when, config.months)


@lru_cache(maxsize=8192)  # listings print the same dates over and over
def _time_element(when: str, months: tuple[Label, ...]) -> str:
    kk, en = _kazakh_date(when, months), _english_date(when, months)
    if _parts(when)[1] is None:  # a bare year reads the same in both languages
        return f'<time datetime="{h(when)}">{h(en)}</time>'
    return (
        f'<time datetime="{h(when)}">{h(kk)}<span class="digest-label__sep" aria-hidden="true"> · </span>'
        f'<span class="digest-label__en" lang="en">{h(en)}</span></time>'
    )


def iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None
