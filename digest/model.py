"""The plain typed objects that flow through the pipeline, one way.

ingest produces a ``Document``; extract turns it into an ``Article``; render
and site only read ``Article`` objects. Everything is frozen so no stage can
reach back and change what an earlier one decided.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["paragraph", "heading", "speaker", "quote"]
TagKind = Literal["person", "place", "organization", "topic", "event"]
TAG_KINDS: tuple[str, ...] = ("person", "place", "organization", "topic", "event")
# Where an article's publication date came from (CONTRACT.md: date_source).
DateSource = Literal["front-matter", "file-name", "text", "git"]
PUBLISHED_DATE_SOURCES: frozenset[str] = frozenset({"front-matter", "file-name", "text"})


class DigestError(Exception):
    """An input or configuration problem to report to the editor (never a bug).

    ``path`` and ``line`` locate the problem; the message says what is wrong.
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


@dataclass(frozen=True)
class Meta:
    """What the editor said in front matter (all optional)."""

    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    tags: tuple[str, ...] = ()
    summary: tuple[str, ...] | None = None
    slug: str | None = None
    draft: bool = False
    author: str | None = None
    image: str | None = None  # a lead image in the site itself: "images/<name>", relative to content/


@dataclass(frozen=True)
class Block:
    """One piece of the cleaned body, in reading order.

    ``speaker`` is set on ``quote`` blocks that follow a "Name, role:" line.
    """

    kind: BlockKind
    text: str
    speaker: str | None = None


@dataclass(frozen=True)
class Document:
    """An article file after reading, decoding and cleaning; no extraction yet."""

    path: str  # as shown to editors, e.g. "content/002_x.txt"
    meta: Meta
    blocks: tuple[Block, ...]
    text: str  # the cleaned text: blocks joined by newlines; extraction works on it
    headline: str | None = None  # a title line found in the text, if any
    source_hint: str | None = None  # "... деп хабарлайды X" found in the text (X as written)
    dateline: str | None = None  # "АСТАНА. 15 наурыз. ҚазАқпарат –": cut from the lead, read for the date
    removed: tuple[str, ...] = ()  # boilerplate lines dropped while cleaning
    warnings: tuple[str, ...] = ()
    content_hash: str = ""
    file: str = ""  # the absolute path of the file read ("" when made from bytes alone): git's dates


@dataclass(frozen=True)
class Tag:
    """A tag an article carries, with both labels and the exact mentions found."""

    id: str
    kind: TagKind
    kk: str
    en: str | None  # a real English name (from the vocabulary) or None; never a transliteration
    mentions: tuple[str, ...] = ()
    discovered: bool = False  # not in the vocabulary: found by entity discovery
    latin: str = ""  # the Kazakh label in the official 2021 Latin alphabet (kk-Latn)
    salience: float = 0.0  # 0-1: how central the tag is to its article


@dataclass(frozen=True)
class Mention:
    """A recognised span of an article's text and what it stands for (extract's working data)."""

    start: int
    end: int
    kind: str
    label: str  # the kk label (for a discovered entity: its base form)
    tag_id: str | None = None  # the vocabulary id; None when discovered
    source: str = "vocabulary"  # vocabulary | rule | model | context


@dataclass(frozen=True)
class TimelineEntry:
    """A temporal expression and the event it dates.

    ``when`` is "YYYY", "YYYY-MM" or "YYYY-MM-DD" when resolved, else None.
    ``recurring`` expressions ("жыл сайын") are recognised but not shown.
    ``decade`` is the first year of a decade ("90-жылдары": 1990), ``when``
    then None: a decade is no one year.
    """

    text: str
    when: str | None
    relative: bool
    event: str
    start: int = 0  # offset of ``text`` in the document's cleaned text
    recurring: bool = False
    decade: int | None = None


@dataclass(frozen=True)
class Article:
    """A document with everything extracted; what render and site consume."""

    document: Document
    slug: str
    title: str
    source: str | None
    date: dt.date | None
    summary: tuple[str, ...]
    tags: tuple[Tag, ...]
    timeline: tuple[TimelineEntry, ...]
    warnings: tuple[str, ...] = field(default=())
    date_source: DateSource | None = None  # None when ``date`` is None
    related: tuple[str, ...] = ()  # paths of up to 5 related articles, most related first

    @property
    def path(self) -> str:
        return self.document.path
