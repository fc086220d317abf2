"""Atom feeds, built with feedgen from the extracted articles: the site's at
/feed.xml, and one per tag that has a page at /tags/<id>/feed.xml (its
newest ``feed_articles``, announced by the tag page's <link rel="alternate">).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
from functools import partial
from typing import Callable

from feedgen.feed import FeedGenerator

from digest.config import SiteConfig
from digest.model import Article, Tag
from digest.render.indexes import collect_tags, newest_first, tag_feed_path, tags_with_page
from digest.render.view import by_salience
from digest.site.reproducible import build_datetime

# An entry's categories: its most salient tags, as many as a card shows
# (all of them made a thousand tag feeds take seconds more to write).
CATEGORIES = 6

FeedPage = tuple[str, Callable[[], bytes], Callable[[], str]]  # path, making it, its inputs key


def _stamp(date: dt.date | None) -> dt.datetime:
    """An article's date as a UTC datetime; undated: SOURCE_DATE_EPOCH, else 1970 (never the clock)."""
    if date is None:
        return build_datetime()
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)


def _label(tag: Tag) -> str:
    second = tag.en or tag.latin
    return f"{tag.kk} · {second}" if second and second != tag.kk else tag.kk


def _atom(newest: list[Article], config: SiteConfig, base: str, title: str, subtitle: str, page: str,
          feed_path: str) -> bytes:
    """Atom XML of ``newest`` (newest first); ``page`` and ``feed_path`` are the
    alternate page's and the feed's own paths under ``base``. No build-time
    timestamps (reproducible)."""
    section = config.settings["section"]
    feed = FeedGenerator()
    feed.id(base + page)
    feed.title(title)
    feed.link(href=base + page, rel="alternate")
    feed.link(href=base + feed_path, rel="self")
    feed.language("kk")
    feed.subtitle(subtitle)
    feed.updated(max((_stamp(a.date) for a in newest), default=build_datetime()))
    # feedgen prepends entries; add oldest first so the file lists newest first.
    for article in reversed(newest):
        url = f"{base}{section}/{article.slug}/"
        entry = feed.add_entry()
        entry.id(url)
        entry.title(article.title)
        entry.link(href=url)
        entry.summary(" ".join(article.summary))
        entry.updated(_stamp(article.date))
        if article.date:
            entry.published(_stamp(article.date))
        if article.source:
            entry.author(name=article.source)
        for tag in by_salience(article.tags)[:CATEGORIES]:
            entry.category(term=tag.id, label=_label(tag))
    return feed.atom_str(pretty=True)


def _base(site_url: str) -> str:
    return site_url.rstrip("/") + "/"


def build_feed(articles: list[Article], config: SiteConfig, site_url: str) -> bytes:
    """Atom XML of the site's newest articles."""
    name = config.settings["site_name"]
    newest = newest_first(articles)[: int(config.settings["feed_articles"])]
    return _atom(newest, config, _base(site_url), f"{name['kk']} · {name['en']}", name["en"], "", "feed.xml")


def tag_feed(tag: Tag, newest: list[Article], config: SiteConfig, site_url: str) -> bytes:
    """Atom XML of one tag's newest articles (``newest``, newest first)."""
    name = config.settings["site_name"]
    path = tag_feed_path(tag.id)
    return _atom(newest, config, _base(site_url), f"{_label(tag)} · {name['kk']}", name["en"],
                 path[: -len("feed.xml")], path)


def _feed_key(tag: Tag, newest: list[Article], site_url: str) -> str:
    """What a tag's feed shows: if it is the same, the feed is not made again
    (feedgen takes ~0.13 ms an entry: a thousand tags' feeds are seconds)."""
    shown = [(a.slug, a.title, a.date, a.summary, a.source,
              [(t.id, t.kk, t.en, t.latin) for t in by_salience(a.tags)[:CATEGORIES]])
             for a in newest]
    # An undated entry is stamped with SOURCE_DATE_EPOCH, which CI sets to each commit's time.
    clock = build_datetime() if any(a.date is None for a in newest) else None
    data = pickle.dumps((site_url, tag.id, tag.kk, tag.en, tag.latin, shown, clock), protocol=5)
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def tag_feeds(articles: list[Article], config: SiteConfig, site_url: str) -> list[FeedPage]:
    """One feed per tag that has a page, as pages for ``render_site``'s
    ``extra_pages``: (path in the docs folder, function making it, function
    making its inputs key)."""
    tags = collect_tags(articles)
    limit = int(config.settings["feed_articles"])
    pages: list[FeedPage] = []
    for tag_id in sorted(tags_with_page(tags, config)):
        tag, tagged = tags[tag_id]
        newest = newest_first(tagged)[:limit]
        pages.append((tag_feed_path(tag_id), partial(tag_feed, tag, newest, config, site_url),
                      partial(_feed_key, tag, newest, site_url)))
    return pages
