"""Cross-article pages: home, archive, tags index, one page per tag, timeline.

They are built after every article is extracted (as MkDocs's build gathers all
pages before rendering), so each listing sees the same, complete data. Each is
front matter only: the data its template in theme/digest/ lays out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Container

from digest.config import SiteConfig
from digest.model import TAG_KINDS, Article, Tag, TimelineEntry
from digest.render.collation import kazakh_key
from digest.render.dates import day_heading, month_heading
from digest.render.markup import front_matter
from digest.render.urls import tag_url
from digest.render.view import card_view, count_view, entry_view, row_view, site_labels, tag_view


def newest_first(articles: list[Article]) -> list[Article]:
    """Dated articles newest first, then undated ones in file order."""
    dated = sorted((a for a in articles if a.date), key=lambda a: (a.date, a.path), reverse=True)
    undated = sorted((a for a in articles if not a.date), key=lambda a: a.path)
    return dated + undated


TAG_PAGE_CARDS = 50  # default of the tag_page_cards setting
TIMELINE_PAGE_EVENTS = 1000  # default of the timeline_page_events setting
ARCHIVE_PAGE_ARTICLES = 1000  # default of the archive_page_articles setting


def _page(title: str, kind: str, config: SiteConfig, view: dict, template: str | None = None,
          extra: dict | None = None) -> str:
    """A listing page: front matter only. Listings repeat article text: kept out
    of search. The tabs are the navigation, so the left sidebar would only repeat them."""
    return front_matter({
        "template": f"digest/{template or kind}.html",
        "title": title, "search": {"exclude": True}, "hide": ["navigation", "toc"],
        "digest": {"kind": kind, **(extra or {})},
        "view": view,
    })


def _both(label) -> str:
    return f"{label.kk} · {label.en}"


def home_page(articles: list[Article], config: SiteConfig, with_page: Container[str] | None = None) -> str:
    """The newest articles under their days' headings, the newest leading with
    its summary; the undated ones after them."""
    site = config.settings["site_name"]
    limit = int(config.settings["home_articles"])
    ordered = newest_first(articles)
    days: list[dict] = []
    undated: list[dict] = []
    for n, article in enumerate(ordered[:limit]):
        card = card_view(article, config, with_page, full_summary=n == 0)
        card["lead"] = n == 0
        if article.date is None:
            undated.append(card)
        elif days and days[-1]["date"]["iso"] == article.date.isoformat():
            days[-1]["cards"].append(card)
        else:
            days.append({"date": day_heading(article.date, config), "cards": [card]})
    view = {"site": {"kk": site["kk"], "en": site["en"]}, "days": days, "undated": undated,
            "more": len(ordered) > limit}
    return _page(f"{site['kk']} · {site['en']}", "home", config, view,
                 extra={"labels": site_labels(config)})  # every page's templates read them here


def _archive_groups(articles: list[Article], config: SiteConfig) -> list[dict]:
    """Articles by month, newest first: [{"heading": {kk, en}, "rows": [...]}]."""
    groups: list[dict] = []
    key = None
    for article in articles:
        month = (article.date.year, article.date.month)
        if month != key:
            groups.append({"id": f"m{month[0]}-{month[1]:02d}", "heading": month_heading(*month, config),
                           "rows": []})
            key = month
        groups[-1]["rows"].append(row_view(article, config))
    return groups


def archive_page(articles: list[Article], config: SiteConfig) -> str:
    """Every article by month, newest first, the undated after them (at
    /archive/). Past ``archive_page_articles`` articles it lists the archive's
    pages instead (``archive_parts``)."""
    label = config.label("archive")
    if archive_in_parts(articles, config):
        view = {"heading": {"kk": label.kk, "en": label.en},
                "parts": _parts_view(archive_parts(articles, config), config)}
    else:
        ordered = newest_first(articles)
        view = {"heading": {"kk": label.kk, "en": label.en},
                "months": _archive_groups([a for a in ordered if a.date], config),
                "undated": [row_view(a, config) for a in ordered if not a.date]}
    return _page(_both(label), "archive", config, view)


def archive_in_parts(articles: list[Article], config: SiteConfig) -> bool:
    """Whether the archive is split into pages: past ``archive_page_articles``
    articles one list is too heavy for a phone (2.7 MB of HTML at 10,000
    articles) and is made again for every article added."""
    return len(articles) > _archive_limit(config)


def _archive_limit(config: SiteConfig) -> int:
    return max(1, int(config.settings.get("archive_page_articles") or ARCHIVE_PAGE_ARTICLES))


@dataclass(frozen=True)
class ArchivePart:
    """One page of a split archive: a year's articles, or a run of the undated ones."""

    name: str  # "2024", or "undated-1", "undated-2"...: the page is at /archive/<name>/
    articles: tuple[Article, ...]
    year: int | None = None  # None: undated
    number: int = 0  # of an undated run: 1, 2...
    runs: int = 0  # of an undated run: how many there are


def archive_parts(articles: list[Article], config: SiteConfig) -> list[ArchivePart]:
    """The pages of a split archive: a year each, newest first, then the undated
    articles in file order, ``archive_page_articles`` a page (a new undated
    file moves only the pages after its place)."""
    by_year: dict[int, list[Article]] = defaultdict(list)
    undated = []
    for article in newest_first(articles):
        if article.date:
            by_year[article.date.year].append(article)
        else:
            undated.append(article)
    parts = [ArchivePart(str(year), tuple(items), year) for year, items in by_year.items()]
    size = _archive_limit(config)
    starts = range(0, len(undated), size)
    parts += [ArchivePart(f"undated-{n}", tuple(undated[i:i + size]), number=n, runs=len(starts))
              for n, i in enumerate(starts, 1)]
    return parts


def _part_name(part: ArchivePart, config: SiteConfig) -> dict:
    """A part's name in both languages: the year, or "Date unknown" with the
    run's number ``n`` when there are several runs (else None)."""
    if part.year is not None:
        return {"kk": str(part.year), "en": str(part.year), "n": None}
    unknown = config.label("date_unknown")
    return {"kk": unknown.kk, "en": unknown.en, "n": part.number if part.runs > 1 else None}


def _parts_view(parts: list[ArchivePart], config: SiteConfig) -> list[dict]:
    """A split archive's pages (relative to the list's own page), with their article counts."""
    return [{"url": f"{part.name}/", "name": _part_name(part, config),
             "count": count_view(len(part.articles), "article_count", config)} for part in parts]


def _neighbours(names: list[str], at: int, name_of) -> dict:
    """Links to the pages before and after the ``at``-th (relative: "../<name>/")."""
    before = names[at - 1] if at else None
    after = names[at + 1] if at + 1 < len(names) else None
    return {"before": before and {"url": f"../{before}/", "name": name_of(before)},
            "after": after and {"url": f"../{after}/", "name": name_of(after)}}


def archive_part_page(part: ArchivePart, parts: list[ArchivePart], config: SiteConfig,
                      tag: Tag | None = None) -> str:
    """One page of a split archive (at /archive/<name>/), or of a big tag's
    older articles (at /tags/<id>/<name>/): a year by month, newest first, or a
    run of undated articles, with links to the archive's (or the tag's) front
    page and the pages before and after."""
    front = tag_view(tag) if tag else {"kk": config.label("archive").kk, "en": config.label("archive").en}
    by_name = {p.name: p for p in parts}
    name = _part_name(part, config)
    view = {
        "heading": name, "front": front, "tag": tag_view(tag) if tag else None,
        "nav": _neighbours([p.name for p in parts], [p.name for p in parts].index(part.name),
                           lambda n: _part_name(by_name[n], config)),
    }
    if part.year is None:
        view["undated"] = [row_view(a, config) for a in part.articles]
    else:
        view["months"] = _archive_groups(list(part.articles), config)
    number = f" {name['n']}" if name["n"] else ""
    title = f"{name['kk']}{number} · {front['kk']} · {front.get('en') or front.get('latin') or front['kk']}"
    return _page(title, "tag-part" if tag else "archive", config, view, template="archive")


def collect_tags(articles: list[Article]) -> dict[str, tuple[Tag, list[Article]]]:
    """Tag id → (a representative Tag, the articles carrying it)."""
    found: dict[str, tuple[Tag, list[Article]]] = {}
    for article in articles:
        for tag in article.tags:
            if tag.id not in found:
                found[tag.id] = (tag, [])
            found[tag.id][1].append(article)
    return found


def tags_with_page(tags: dict[str, tuple[Tag, list[Article]]], config: SiteConfig) -> set[str]:
    """The ids of the tags that get a page: every vocabulary tag, and a tag found
    by entity discovery only once it is on ``discovered_tag_min_articles`` articles
    (a name seen once would be a page of one card, one of hundreds)."""
    least = int(config.settings.get("discovered_tag_min_articles") or 1)
    return {tag_id for tag_id, (tag, tagged) in tags.items()
            if len(tagged) >= least or not all(t.discovered for a in tagged for t in a.tags if t.id == tag_id)}


def tags_index(tags: dict[str, tuple[Tag, list[Article]]], config: SiteConfig,
               with_page: Container[str] | None = None) -> str:
    """Every tag by kind, in Kazakh alphabetical order, with its count (at /tags/)."""
    label = config.label("tags")
    kinds = []
    for kind in TAG_KINDS:
        members = sorted((t for t, _ in tags.values() if t.kind == kind), key=lambda t: kazakh_key(t.kk))
        if members:
            kinds.append({"kind": kind, "tags": [{**tag_view(t, with_page), "count": len(tags[t.id][1])}
                                                 for t in members]})
    return _page(_both(label), "tags", config, {"kinds": kinds})


class TagPageParts:
    """An article's card and dated events as tag pages show them, made once per
    build: an article is on the page of each of its tags (a dozen, often), and
    these parts are the same on every one."""

    def __init__(self, config: SiteConfig):
        self.config = config
        self._cards: dict[str, dict] = {}
        self._events: dict[str, list[tuple[tuple, dict]]] = {}

    def card(self, article: Article) -> dict:
        # No tags on a tag page's cards: an article is on the page of each of
        # its tags, and its chips there made up half of all the pages' data.
        if article.path not in self._cards:
            self._cards[article.path] = card_view(article, self.config, with_tags=False)
        return self._cards[article.path]

    def events(self, article: Article) -> list[tuple[tuple, dict]]:
        """(chronological sort key, entry) of the article's dated events."""
        if article.path not in self._events:
            self._events[article.path] = [
                (_entry_key(entry, article), entry_view(entry, self.config, article))
                for entry in article.timeline if entry.when and not entry.recurring
            ]
        return self._events[article.path]


def tag_page_cards(config: SiteConfig) -> int:
    return int(config.settings.get("tag_page_cards") or TAG_PAGE_CARDS)


def tag_older_parts(articles: list[Article], config: SiteConfig) -> list[ArchivePart]:
    """The pages of a big tag's articles older than its cards ([] when its
    page lists them itself: up to ``archive_page_articles``)."""
    if len(articles) - tag_page_cards(config) <= _archive_limit(config):
        return []  # most tags: no sorting needed to know
    return archive_parts(newest_first(articles)[tag_page_cards(config):], config)


def tag_feed_path(tag_id: str) -> str:
    """Where a tag's feed is, relative to the site root (the contract's /tags/<id>/feed.xml)."""
    return f"{tag_url('', tag_id)}feed.xml"


def tag_page(tag: Tag, articles: list[Article], config: SiteConfig, parts: TagPageParts | None = None) -> str:
    """One tag's page (at /tags/<id>/): its labels, kind, article count and
    feed; its articles newest first, as cards up to ``tag_page_cards``, the
    older ones as rows (past ``archive_page_articles`` of them, a list of
    their pages by year, as the archive's: ``tag_older_parts``); then the
    dated events of the articles shown as cards."""
    parts = parts or TagPageParts(config)
    ordered = newest_first(articles)
    cards = tag_page_cards(config)
    older = tag_older_parts(articles, config)
    # The events of the articles shown as cards: a big tag's full chronology was
    # the largest part of all the pages (/timeline/ has them all).
    events = sorted((event for a in ordered[:cards] for event in parts.events(a)), key=lambda e: e[0])
    view = {
        "tag": {**tag_view(tag), "discovered": tag.discovered, "feed": tag_feed_path(tag.id)},
        "count": count_view(len(articles), "article_count", config),
        "cards": [parts.card(a) for a in ordered[:cards]],
        "older_parts": _parts_view(older, config) if older else [],
        "older": [] if older else [row_view(a, config) for a in ordered[cards:]],
        "events": [entry for _, entry in events],
    }
    title = f"{tag.kk} · {tag.en or tag.latin or tag.kk}"
    return _page(title, "tag", config, view)


@lru_cache(maxsize=8192)  # a few thousand distinct dates, looked up for every event
def _when_key(when: str) -> tuple[int, int, int]:
    parts = [int(p) for p in when.split("-")] + [0, 0]
    return parts[0], parts[1], parts[2]


def _entry_key(entry: TimelineEntry, article: Article) -> tuple:
    return _when_key(entry.when), article.path, entry.start


def timeline_entries(entries: list[tuple[TimelineEntry, Article]], config: SiteConfig) -> list[dict]:
    """Entries in chronological order, each with its article."""
    ordered = sorted(entries, key=lambda ea: _entry_key(*ea))
    return [entry_view(entry, config, article) for entry, article in ordered]


def timeline_years(articles: list[Article]) -> dict[int, list[tuple[TimelineEntry, Article]]]:
    """The resolved (dated, not recurring) events by year."""
    by_year: dict[int, list[tuple[TimelineEntry, Article]]] = defaultdict(list)
    for article in articles:
        for entry in article.timeline:
            if entry.when and not entry.recurring:
                by_year[_when_key(entry.when)[0]].append((entry, article))
    return by_year


def timeline_in_years(by_year: dict[int, list], config: SiteConfig) -> bool:
    """Whether the timeline has a page per year: past ``timeline_page_events``
    events one page is too heavy for a phone (13 MB of HTML at 10,000
    articles) and is made again for every article added."""
    limit = int(config.settings.get("timeline_page_events") or TIMELINE_PAGE_EVENTS)
    return sum(len(entries) for entries in by_year.values()) > limit


def timeline_page(articles: list[Article], config: SiteConfig,
                  by_year: dict[int, list[tuple[TimelineEntry, Article]]] | None = None) -> str:
    """All resolved entries by year (or, past ``timeline_page_events``, a list
    of the year pages), then the unresolved ones under their articles."""
    label = config.label("timeline")
    by_year = timeline_years(articles) if by_year is None else by_year
    view: dict = {"heading": {"kk": label.kk, "en": label.en}, "years": [], "year_pages": []}
    if timeline_in_years(by_year, config):
        view["year_pages"] = [{"url": f"{year}/", "name": {"kk": str(year), "en": str(year)},
                               "count": count_view(len(by_year[year]), "events", config)}
                              for year in sorted(by_year, reverse=True)]
    else:
        view["years"] = [{"year": year, "entries": timeline_entries(by_year[year], config)}
                         for year in sorted(by_year)]
    # Undated events stay on every article's own page; here only the newest
    # articles' (the page would otherwise grow with the whole archive).
    pending = [a for a in newest_first(articles) if any(not e.when and not e.recurring for e in a.timeline)]
    limit = int(config.settings.get("timeline_undated_articles", 50))
    note = config.label("more_undated")
    more = len(pending) - limit
    view["more_undated"] = {"kk": note.kk.format(n=more), "en": note.en.format(n=more)} if more > 0 else None
    view["pending"] = [{"article": row_view(a, config),
                        "entries": [entry_view(e, config) for e in a.timeline if not e.when and not e.recurring]}
                       for a in pending[:limit]]
    return _page(_both(label), "timeline", config, view)


def timeline_year_page(year: int, entries: list[tuple[TimelineEntry, Article]], years: list[int],
                       config: SiteConfig) -> str:
    """One year of the timeline (at /timeline/<year>/), by month (the events
    dated by the year alone first), with links to the timeline's front page
    and the years before and after."""
    label = config.label("timeline")
    by_month: dict[int, list] = defaultdict(list)
    for entry, article in entries:
        by_month[_when_key(entry.when)[1]].append((entry, article))
    view = {
        "heading": {"kk": str(year), "en": str(year)},
        "front": {"kk": label.kk, "en": label.en},
        "nav": _neighbours([str(y) for y in years], years.index(year), lambda n: {"kk": n, "en": n}),
        "months": [{"heading": month_heading(year, month, config) if month else None,
                    "id": f"m{month:02d}", "entries": timeline_entries(by_month[month], config)}
                   for month in sorted(by_month)],
    }
    return _page(f"{year} · {_both(label)}", "timeline", config, view)
