"""The article's timeline: each temporal expression with the event it dates.

Finding and resolving the expressions is ``digest.extract.dates``; this module
keeps those that place an event on the calendar, adds the event (the clause or
sentence the expression dates, shortened for display) and builds
``TimelineEntry`` objects: one per event.

Not entries: durations, periods and "nowadays" words (``dates.yml``), the
base of a comparison ("2017 жылмен салыстырғанда", ``dates_context``), and an
anaphor ("сол жылы") with no dated expression before it to take its date from.
"""

from __future__ import annotations

import datetime as dt
import re

from digest.kazakh import split_sentences
from digest.model import TimelineEntry

from .dates import TemporalExpression, find_temporal_expressions, load_registry
from .dates_context import PAST, clause_tense, is_comparison_base, load_context, says_when
from .dates_resolve import resolve

ELLIPSIS = "…"
MIN_CLAUSE = 60  # characters: a shorter clause is widened to its neighbours
# where a long sentence may be cut into clauses
_CLAUSE_BREAK = re.compile(r"[;:]\s+|,\s+|\s+[–—-]\s+")
_QUOTES = "«»\"“”„'()[] \t\n"
_LETTER = re.compile(r"[^\W\d_]")


def find_date_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of every temporal expression in ``text`` (recurring ones too)."""
    return [(e.start, e.end) for e in find_temporal_expressions(text)]


def find_timeline(text: str, published: dt.date | None) -> list[TimelineEntry]:
    """The temporal expressions of an article that date events, resolved, each with its event, in text order.

    Recurring ones are included and marked. One entry per event: an expression
    that gives an event the same date as an entry before it is left out.
    """
    limit = load_registry().max_event_chars
    context = load_context()
    sentences = _sentence_spans(text)
    entries: list[TimelineEntry] = []
    seen: set[tuple[str, str]] = set()
    for expr in find_temporal_expressions(text):
        if not expr.on_timeline or is_comparison_base(text, expr.start, expr.end, context):
            continue
        start, end = _enclosing(sentences, expr.start, expr.end, text)
        dated = _date_of(expr, text, published, entries, start, context)
        if dated is None:
            continue
        when, relative = dated
        event = event_text(text[start:end], expr.start - start, expr.end - start, limit)
        key = (event, when or f"{expr.decade or ''}{expr.text.casefold()}")
        if key in seen or not _LETTER.search(event.replace(expr.text, "", 1)):
            continue  # the same event again, or no event at all (a heading "2019 жыл")
        seen.add(key)
        entries.append(
            TimelineEntry(
                text=expr.text,
                when=when,
                relative=relative,
                event=event,
                start=expr.start,
                recurring=expr.recurring,
                decade=expr.year if expr.decade else None,
            )
        )
    return entries


def _date_of(expr: TemporalExpression, text: str, published: dt.date | None,
             entries: list[TimelineEntry], sentence: int, context) -> tuple[str | None, bool] | None:
    """``when`` and ``relative`` of an expression, or None when it is no entry.

    An anaphor ("сол жылы") and, in a clause in the past tense, a step forward
    ("келесі жылы … жабылды": the year after; "он жылдан кейін оралды") are
    counted from the last dated entry before them (of their sentence, which
    starts at offset ``sentence``, else of the text), not from publication. A
    month without a year takes the year its sentence named before it ("2019
    жылы салынып, наурызда ашылды").
    """
    own = [e for e in entries if e.start >= sentence]
    narrative = expr.kind == "anaphor"
    tense = None
    if expr.kind in ("month", "weekday", "season") or (expr.kind == "date" and expr.year is None):
        year = _year_named_before(expr, own)
        if year is not None:
            return _with_year(year, expr), False
        tense = clause_tense(text, expr.end, context)
    elif expr.kind == "relative" and (expr.offset or 0) > 0 and says_when(expr.text, context):
        narrative = clause_tense(text, expr.end, context) == PAST
    if not narrative:
        return resolve(expr, published, tense), expr.relative
    for entry in reversed(own or entries):
        if entry.when and not entry.recurring:
            when = _step(entry.when, expr.unit, expr.offset or 0)
            if when is not None:
                return when, entry.relative
    return None  # nothing before it to count from


def _year_named_before(expr: TemporalExpression, entries: list[TimelineEntry]) -> str | None:
    """The absolute year of the last entry of the sentence before a month without a year."""
    if expr.month is None or not entries or entries[-1].start > expr.start:
        return None
    last = entries[-1]
    if last.when and not last.relative and not last.recurring:
        return last.when[:4]
    return None


def _with_year(year: str, expr: TemporalExpression) -> str:
    when = f"{year}-{expr.month:02d}"
    if expr.day is None:
        return when
    try:
        return dt.date(int(year), expr.month, expr.day).isoformat()
    except ValueError:
        return when


def _step(when: str, unit: str | None, offset: int) -> str | None:
    """``when`` moved by ``offset`` units, in that unit's precision; None if ``when`` is too coarse."""
    if unit == "year":
        return f"{int(when[:4]) + offset:04d}" if 1 <= int(when[:4]) + offset <= 9999 else None
    if unit == "month" and len(when) >= 7:
        index = int(when[:4]) * 12 + int(when[5:7]) - 1 + offset
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if unit == "day" and len(when) == 10:
        try:
            return (dt.date.fromisoformat(when) + dt.timedelta(days=offset)).isoformat()
        except OverflowError:
            return None
    return None


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    try:
        spans = [(s.start, s.end) for s in split_sentences(text)]
    except Exception:  # the sentence splitter is someone else's; never lose a timeline
        spans = []
    if not spans or any(not (0 <= s < e <= len(text)) for s, e in spans):
        spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    return spans


def _enclosing(spans: list[tuple[int, int]], start: int, end: int, text: str) -> tuple[int, int]:
    """The sentence covering [start, end), kept within its line (a line is a paragraph)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    covering = [(s, e) for s, e in spans if s < end and e > start]
    if not covering:
        return line_start, line_end
    return max(line_start, min(s for s, _ in covering)), min(line_end, max(e for _, e in covering))


def event_text(sentence: str, start: int, end: int, limit: int = 200) -> str:
    """The clause or sentence around sentence[start:end], at most ``limit`` characters.

    A sentence that fits is returned whole. A longer one is narrowed to the
    clause holding the expression (with its neighbours while the clause is too
    short to read alone), then cut at a word, "…" marking each cut.
    """
    sentence, start, end = _strip(sentence, start, end)
    if len(sentence) <= limit:
        return sentence
    breaks = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence)] + [len(sentence)]
    left = max(b for b in breaks if b <= start)
    right = min(b for b in breaks if b >= end)
    # a very short clause ("Өткен жылы,") reads better with its neighbours
    while right - left < MIN_CLAUSE:
        grown = False
        earlier = [b for b in breaks if b < left]
        later = [b for b in breaks if b > right]
        if later and later[0] - left <= limit:
            right, grown = later[0], True
        if earlier and right - earlier[-1] <= limit:
            left, grown = earlier[-1], True
        if not grown:
            if later:  # the next clause is too long to take whole: take what fits
                right = later[0]
            break
    return _cut(sentence, left, right, start, end, limit)


def _strip(sentence: str, start: int, end: int) -> tuple[str, int, int]:
    lead = len(sentence) - len(sentence.lstrip(_QUOTES))
    lead = min(lead, start)
    trail = len(sentence.rstrip(_QUOTES))
    trail = max(trail, end)
    return sentence[lead:trail], start - lead, end - lead


def _cut(sentence: str, left: int, right: int, start: int, end: int, limit: int) -> str:
    """sentence[left:right] trimmed to ``limit`` at word boundaries, keeping [start, end)."""
    room = limit - 2  # two ellipses at most
    if right - left > room:
        # centre the window on the expression
        span = end - start
        before = max(0, (room - span) // 2)
        left = max(left, start - before)
        right = min(right, left + room)
        left = max(left, right - room)
    piece = sentence[left:right]
    cut_left = left > 0
    cut_right = right < len(sentence.rstrip(" .!?"))
    if cut_left and left > 0 and not sentence[left - 1].isspace():
        space = piece.find(" ")
        if 0 <= space < start - left:
            piece = piece[space + 1 :]
    if cut_right and right < len(sentence) and not sentence[right].isspace():
        space = piece.rfind(" ")
        if space > end - left:
            piece = piece[:space]
    piece = piece.strip(" ,;:–—-")
    if cut_left:
        piece = ELLIPSIS + piece
    if cut_right:
        piece = piece + ELLIPSIS
    return piece[:limit]
