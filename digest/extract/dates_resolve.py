"""Resolve a temporal expression to a date string against the publication date.

Absolute expressions resolve as written; a bare year stays a year ("1992"),
never gaining an invented month or day; a decade ("1990-жылдары") is no one
year and stays None (the entry carries the decade). Relative ones ("өткен
жылы", "кеше") need the publication date and stay None without it. A month or
weekday without a year or week is placed by the tense of its clause: the
coming one in the future tense, the last one in the past, else the nearest.
"""

from __future__ import annotations

import datetime as dt

from .dates import TemporalExpression
from .dates_context import FUTURE, PAST


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _fmt(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not 1 <= year <= 9999:
        return None  # "тоғыз жүз мың ай бұрын": off any calendar
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        dt.date(year, month, day)
    except ValueError:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _moment(year: int, month: int, day: int | None, last: bool = False, middle: bool = False) -> dt.date:
    """The date of a month (and day) in ``year``; without a day its first day,
    or its last (``last``) or 15th (``middle``)."""
    if day is None:
        day = 15 if middle else (31 if last else 1)
    while True:
        try:
            return dt.date(year, month, day)
        except ValueError:
            day -= 1


# how far before publication a day in the future tense (or after it, in the
# past tense) may be and still be this year's: an event under way ("5-і мен
# 14-і аралығында өтеді" on the 14th), a publication date that is the day the
# file was committed, not the day it was written (a month alone: its own
# month counts as both)
TENSE_SLACK = dt.timedelta(days=14)


def _month_year(published: dt.date, month: int, day: int | None, tense: str | None) -> int:
    """The year of a month (and day) written without one.

    In the future tense the first such date from the publication's on
    ("Қыркүйекте … басталады" in March: this September); in the past the last
    one up to it (each within ``TENSE_SLACK``); with no tense the nearest: news
    speaks of the recent past and the near future ("15 желтоқсанда" on 10
    January is last December).
    """
    years = (published.year - 1, published.year, published.year + 1)
    slack = TENSE_SLACK if day else dt.timedelta(0)
    if tense == FUTURE:
        return next(y for y in years if _moment(y, month, day, last=True) >= published - slack)
    if tense == PAST:
        return next(y for y in reversed(years) if _moment(y, month, day) <= published + slack)

    def distance(year: int) -> int:
        return abs((_moment(year, month, day, middle=True) - published).days)

    return min((published.year, published.year - 1, published.year + 1), key=distance)


# the months of a season within one calendar year (winter spans two: left at the publication's year)
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11)}


def _season_year(published: dt.date, season: str | None, tense: str | None) -> int:
    """The publication's year, or the next one for a season already over in the future
    tense ("көктемде басталады" in December), the last one for a season still
    to come in the past tense ("күзде басталды" in March)."""
    first, last = _SEASON_MONTHS.get(season or "", (1, 12))
    if tense == FUTURE and last < published.month:
        return published.year + 1
    if tense == PAST and first > published.month:
        return published.year - 1
    return published.year


def _weekday(published: dt.date, weekday: int, weeks: int | None, tense: str | None) -> dt.date:
    """The date of a weekday (1 = Monday): in the week ``weeks`` from the publication's,
    else the last one before publication (past tense), the next one after it
    (future), or the nearer of the two."""
    if weeks is not None:
        monday = published - dt.timedelta(days=published.weekday())
        return monday + dt.timedelta(days=7 * weeks + weekday - 1)
    back = (published.isoweekday() - weekday - 1) % 7 + 1  # 1..7 days before
    ahead = (weekday - published.isoweekday() - 1) % 7 + 1  # 1..7 days after
    if tense == FUTURE or (tense is None and ahead < back):
        return published + dt.timedelta(days=ahead)
    return published - dt.timedelta(days=back)


def resolve(expr: TemporalExpression, published: dt.date | None, tense: str | None = None) -> str | None:
    """``when`` for an expression: "YYYY", "YYYY-MM", "YYYY-MM-DD" or None.

    ``tense``: PAST, FUTURE or None, of the clause the expression stands in.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    kind = expr.kind
    if expr.decade:
        return None
    if kind == "date" and expr.year is not None:
        return _fmt(expr.year, expr.month, expr.day if expr.month else None)
    if published is None:
        return None
    if kind in ("date", "month") and expr.month is not None:
        return _fmt(_month_year(published, expr.month, expr.day, tense), expr.month, expr.day)
    if kind == "weekday" and expr.weekday is not None:
        if expr.unit != "week" and expr.offset:
            tense = PAST if expr.offset < 0 else FUTURE  # "өткен сенбіде", "келесі дүйсенбіде"
        day = _weekday(published, expr.weekday, expr.offset if expr.unit == "week" else None, tense)
        return _fmt(day.year, day.month, day.day)
    if kind == "season":
        return _fmt(_season_year(published, expr.season, tense))
    if kind != "relative" or expr.offset is None:
        return None
    off = expr.offset
    if expr.unit == "year":
        return _fmt(published.year + off, expr.month, expr.day if expr.month else None)
    if expr.unit == "month":
        return _fmt(*_add_months(published.year, published.month, off))
    try:
        day = published + dt.timedelta(days=7 * off if expr.unit == "week" else off)
    except OverflowError:
        return None  # "тоғыз жүз мың апта бұрын": off any calendar
    return _fmt(day.year, day.month) if expr.unit == "week" else _fmt(day.year, day.month, day.day)
