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

# The labels the theme's templates print (from site_config/labels.yml). They
# are written once, into the home page's front matter (``digest.labels``),
# which MkDocs reads before it renders any page (digest/site/mkdocs_build.py
# reads it in dirty builds too): every template finds them there
# (theme/partials/digest/macros.html, ``labels``). Each of 2,000 pages
# carrying its own would be a tenth of what MkDocs reads at 1,000 articles.
SITE_LABELS: tuple[str, ...] = (
    "home", "archive", "tags", "timeline", "breadcrumb", "source", "author", "published", "added", "date_unknown",
    "more_tags", "no_page", "person", "place", "organization", "topic", "event", "summary", "reading_time",
    "minutes", "relative", "no_timeline", "related", "original", "text", "image", "latest", "all_articles",
    "article_count", "article_count_one", "undated_articles", "no_tags", "kind", "tag_articles",
    "tag_timeline", "tag_feed", "discovered", "unresolved", "no_events", "events", "events_one", "no_articles",
    # the theme's own pages (404, footer)
    "not_found", "not_found_text", "go_home", "feed", "site_footer",
)


def site_labels(config: SiteConfig) -> dict[str, dict[str, str]]:
    """{key: {"kk": …, "en": …}} of every label the theme prints."""
    return {key: {"kk": config.label(key).kk, "en": config.label(key).en} for key in SITE_LABELS}


def present(view: dict) -> dict:
    """The view without its None, empty and zero values: a template reads a
    missing key as it would read them, and every value left out is one less
    for MkDocs to read back (it reads each page's front matter with PyYAML)."""
    return {k: v for k, v in view.items() if v or v is False}


def by_salience(tags: Iterable[Tag]) -> list[Tag]:
    """Most salient first; equal salience keeps extraction's order (stable)."""
    return sorted(tags, key=lambda t: -t.salience)


def tag_view(tag: Tag, with_page: Container[str] | None = None) -> dict:
    """A tag for a template: both labels (``en`` None unless a real English
    name is known; ``latin`` is the Kazakh in Latin letters, never English),
    its kind, and its page's URL, None when it has no page."""
    has_page = with_page is None or tag.id in with_page
    return present({"kind": tag.kind, "kk": tag.kk, "en": tag.en if tag.en != tag.kk else None,
                     "latin": tag.latin if tag.latin and tag.latin != tag.kk else None,
                     "url": tag_url("", tag.id) if has_page else None})


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
    return present({
        "title": article.title,
        "url": article_url("", config.settings["section"], article.slug),
        "date": date_view(iso(article.date), config),
        "source": article.source,
        "summary": summary,
        "tags": [tag_view(t, with_page) for t in tags[:CARD_TAGS]],
        "more_tags": max(0, len(tags) - CARD_TAGS),
    })


def row_view(article: Article, config: SiteConfig) -> dict:
    """An article as a line of the archive: title, URL, date, source."""
    return present({"title": article.title, "url": article_url("", config.settings["section"], article.slug),
                     "date": date_view(iso(article.date), config), "source": article.source})


def entry_view(entry: TimelineEntry, config: SiteConfig, article: Article | None = None) -> dict:
    """A timeline entry: its resolved date (None when unresolved), the
    phrase of the text that says it (the evidence), the event, and, on
    listings, the article it is from."""
    view = present({"when": date_view(entry.when, config), "text": entry.text, "event": entry.event,
                     "relative": entry.relative or None})
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
