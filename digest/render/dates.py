"""Dates printed for readers: Kazakh month names, English beside, ISO in <time>."""

from __future__ import annotations

import datetime as dt

from digest.config import SiteConfig
from digest.render.markup import h


def _parts(when: str) -> tuple[int, int | None, int | None]:
    pieces = [int(p) for p in when.split("-")]
    return pieces[0], (pieces[1] if len(pieces) > 1 else None), (pieces[2] if len(pieces) > 2 else None)


def kazakh_date(when: str, config: SiteConfig) -> str:
    """'1992' → '1992 ж.'; '2024-03' → '2024 ж. наурыз'; '2024-03-15' → '2024 ж. 15 наурыз'."""
    year, month, day = _parts(when)
    if month is None:
        return f"{year} ж."
    name = config.months[month - 1].kk
    return f"{year} ж. {day} {name}" if day else f"{year} ж. {name}"


def english_date(when: str, config: SiteConfig) -> str:
    year, month, day = _parts(when)
    if month is None:
        return str(year)
    name = config.months[month - 1].en
    return f"{day} {name} {year}" if day else f"{name} {year}"


def time_element(when: str, config: SiteConfig) -> str:
    """<time datetime="ISO">Kazakh · <span lang="en">English</span></time>."""
    kk, en = kazakh_date(when, config), english_date(when, config)
    if kk.rstrip(" ж.") == en:
        return f'<time datetime="{h(when)}">{h(en)}</time>'
    return (
        f'<time datetime="{h(when)}">{h(kk)}<span class="digest-label__sep" aria-hidden="true"> · </span>'
        f'<span lang="en">{h(en)}</span></time>'
    )


def iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None
