"""Resolve a temporal expression to a date string against the publication date.

Absolute expressions resolve as written; a bare year stays a year ("1992"),
never gaining an invented month or day. Relative ones ("өткен жылы",
"кеше") need the publication date and stay None without it.
"""

from __future__ import annotations

import datetime as dt

from .dates import TemporalExpression


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _fmt(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        dt.date(year, month, day)
    except ValueError:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _nearest_year(published: dt.date, month: int, day: int | None) -> int:
    """The year that puts a month (and day) written without one nearest to publication.

    News speaks of the recent past and the near future: "15 желтоқсанда" in an
    article of 10 January is last December, not the December to come.
    """

    def distance(year: int) -> int:
        try:
            moment = dt.date(year, month, day or 15)
        except ValueError:
            moment = dt.date(year, month, 15)
        return abs((moment - published).days)

    return min((published.year, published.year - 1, published.year + 1), key=distance)


def resolve(expr: TemporalExpression, published: dt.date | None) -> str | None:
    """``when`` for an expression: "YYYY", "YYYY-MM", "YYYY-MM-DD" or None."""
    if isinstance(published, dt.datetime):
        published = published.date()
    kind = expr.kind
    if kind == "date" and expr.year is not None:
        return _fmt(expr.year, expr.month, expr.day if expr.month else None)
    if published is None:
        return None
    if kind in ("date", "month") and expr.month is not None:
        return _fmt(_nearest_year(published, expr.month, expr.day), expr.month, expr.day)
    if kind == "season":
        return _fmt(published.year)
    if kind != "relative" or expr.offset is None:
        return None
    off = expr.offset
    if expr.unit == "year":
        return _fmt(published.year + off, expr.month, expr.day if expr.month else None)
    if expr.unit == "month":
        return _fmt(*_add_months(published.year, published.month, off))
    if expr.unit == "week":
        day = published + dt.timedelta(days=7 * off)
        return _fmt(day.year, day.month)
    day = published + dt.timedelta(days=off)
    return _fmt(day.year, day.month, day.day)
