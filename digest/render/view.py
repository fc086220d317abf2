"""What the theme's templates are handed: plain data (dicts, lists, strings)
written into each page's front matter, never markup.

The theme (theme/digest/*.html) decides how all of this looks; this module
decides what is true: which date, which label, which tags, in what order,
which URL. URLs are relative to the site root ("articles/x/", "tags/y/");
the templates put MkDocs's ``base_url`` before them.
"""

from __future__ import annotations

import math
from typing import Container, Iterable

from digest.config import SiteConfig
from digest.model import PUBLISHED_DATE_SOURCES, Article, Tag, TimelineEntry
from digest.render.dates import date_view, iso
from digest.render.urls import article_url, tag_url

CARD_TAGS = 6  # tags on a listing's card, the most salient first; the article page shows them all
WORDS_PER_MINUTE_DEFAULT = 180

# The labels each kind of page's template prints (from site_config/labels.yml),
# copied into its front matter: a template reads them as ``page.meta.labels``.
# A page carries only its own kind's (an article page is read by MkDocs
# thousands of times a build at scale).
_COMMON = ("home", "archive", "tags", "timeline", "breadcrumb", "source", "published", "added",
           "date_unknown", "more_tags", "no_page", "person", "place", "organization", "topic", "event")
PAGE_LABELS: dict[str, tuple[str, ...]] = {
    "article": _COMMON + ("summary", "reading_time", "minutes", "relative", "no_timeline", "related",
                          "original", "text", "image"),
    "home": _COMMON + ("latest", "all_articles"),
    "archive": _COMMON + ("article_count", "article_count_one", "undated_articles"),
    "tags": _COMMON + ("no_tags", "article_count", "article_count_one"),
    "tag": _COMMON + ("kind", "tag_articles", "tag_timeline", "tag_feed", "article_count", "article_count_one",
                      "discovered", "relative"),
    "timeline": _COMMON + ("unresolved", "no_events", "relative", "events", "events_one"),
}


def page_labels(kind: str, config: SiteConfig) -> dict[str, dict[str, str]]:
    """{key: {"kk": …, "en": …}} of the labels a page of ``kind`` prints."""
    return {key: {"kk": config.label(key).kk, "en": config.label(key).en} for key in PAGE_LABELS[kind]}


def by_salience(tags: Iterable[Tag]) -> list[Tag]:
    """Most salient first; equal salience keeps extraction's order (stable)."""
    return sorted(tags, key=lambda t: -t.salience)


def tag_view(tag: Tag, with_page: Container[str] | None = None) -> dict:
    """A tag for a template: both labels (``en`` None unless a real English
    name is known; ``latin`` is the Kazakh in Latin letters, never English),
    its kind, and its page's URL, None when it has no page."""
    has_page = with_page is None or tag.id in with_page
    return {"id": tag.id, "kind": tag.kind, "kk": tag.kk, "en": tag.en if tag.en != tag.kk else None,
            "latin": tag.latin if tag.latin and tag.latin != tag.kk else None,
            "url": tag_url("", tag.id) if has_page else None}


def date_kind(article: Article) -> str | None:
    """Which label the article's date takes: "published" (front matter, file
    name, dateline), "added" (the day git first saw the file), or None (undated)."""
    if not article.date:
        return None
    return "added" if article.date_source and article.date_source not in PUBLISHED_DATE_SOURCES else "published"


def count_view(n: int, key: str, config: SiteConfig) -> dict:
    """A count in both languages: {"n": 3, "kk": "мақала", "en": "articles"}. A
    Kazakh noun does not change after a number, an English one does: one of a
    thing takes the label ``<key>_one`` when labels.yml has it."""
    label = config.label(key)
    english = config.labels.get(f"{key}_one", label).en if n == 1 else label.en
    return {"n": n, "kk": label.kk, "en": english}


def card_view(article: Article, config: SiteConfig, with_page: Container[str] | None = None,
              full_summary: bool = False, with_tags: bool = True) -> dict:
    """An article in a listing: title, URL, date, source, the first sentence
    of its summary (all of it with ``full_summary``), its most salient tags
    (``CARD_TAGS``) and how many more it has."""
    tags = by_salience(article.tags) if with_tags else []
    summary = list(article.summary) if full_summary else list(article.summary[:1])
    return {
        "title": article.title,
        "url": article_url("", config.settings["section"], article.slug),
        "date": date_view(iso(article.date), config),
        "date_kind": date_kind(article),
        "source": article.source,
        "summary": summary,
        "tags": [tag_view(t, with_page) for t in tags[:CARD_TAGS]],
        "more_tags": max(0, len(tags) - CARD_TAGS),
    }


def row_view(article: Article, config: SiteConfig) -> dict:
    """An article as a line of the archive: title, URL, date, source."""
    return {"title": article.title, "url": article_url("", config.settings["section"], article.slug),
            "date": date_view(iso(article.date), config), "source": article.source}


def entry_view(entry: TimelineEntry, config: SiteConfig, article: Article | None = None) -> dict:
    """A timeline entry: its resolved date (None when unresolved), the
    phrase of the text that says it (the evidence), the event, and, on
    listings, the article it is from."""
    view = {"when": date_view(entry.when, config), "text": entry.text, "event": entry.event,
            "relative": entry.relative}
    if article is not None:
        view["article"] = {"title": article.title,
                           "url": article_url("", config.settings["section"], article.slug)}
    return view


def article_timeline(article: Article, config: SiteConfig) -> list[dict]:
    """The article's own events: dated ones in time order, then the undated as the text tells them."""
    shown = [e for e in article.timeline if not e.recurring]
    dated = sorted((e for e in shown if e.when), key=lambda e: ([int(p) for p in e.when.split("-")], e.start))
    return [entry_view(e, config) for e in dated + [e for e in shown if not e.when]]


def reading_minutes(article: Article, config: SiteConfig) -> int:
    words = len(article.document.text.split())
    per_minute = int(config.settings.get("reading_words_per_minute") or WORDS_PER_MINUTE_DEFAULT)
    return max(1, math.ceil(words / per_minute))
