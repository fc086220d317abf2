"""The Atom feed at /feed.xml, built with feedgen from the extracted articles."""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from digest.config import SiteConfig
from digest.model import Article
from digest.site.reproducible import build_datetime


def _stamp(date: dt.date | None) -> dt.datetime:
    """An article's date as a UTC datetime; undated: SOURCE_DATE_EPOCH, else 1970 (never the clock)."""
    if date is None:
        return build_datetime()
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)


def build_feed(articles: list[Article], config: SiteConfig, site_url: str) -> bytes:
    """Atom XML of the newest articles; no build-time timestamps (reproducible)."""
    from digest.render.indexes import newest_first

    base = site_url.rstrip("/") + "/"
    section = config.settings["section"]
    name = config.settings["site_name"]
    newest = newest_first(articles)[: int(config.settings["feed_articles"])]
    feed = FeedGenerator()
    feed.id(base)
    feed.title(f"{name['kk']} · {name['en']}")
    feed.link(href=base, rel="alternate")
    feed.link(href=base + "feed.xml", rel="self")
    feed.language("kk")
    feed.subtitle(name["en"])
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
        for tag in article.tags:
            entry.category(term=tag.id, label=f"{tag.kk} · {tag.en}")
    return feed.atom_str(pretty=True)
