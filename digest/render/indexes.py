"""Cross-article pages: home, archive, tags index, one page per tag, timeline.

They are built after every article is extracted (as MkDocs's build gathers all
pages before rendering), so each listing sees the same, complete data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Container

from digest.config import Label, SiteConfig
from digest.model import TAG_KINDS, Article, Tag, TimelineEntry
from digest.render.article_page import tag_chip, tag_chips, timeline_item
from digest.render.collation import kazakh_key
from digest.render.dates import iso, time_element
from digest.render.markup import bilingual, front_matter, h, md_escape, raw_html
from digest.render.urls import article_url


def newest_first(articles: list[Article]) -> list[Article]:
    """Dated articles newest first, then undated ones in file order."""
    dated = sorted((a for a in articles if a.date), key=lambda a: (a.date, a.path), reverse=True)
    undated = sorted((a for a in articles if not a.date), key=lambda a: a.path)
    return dated + undated


# Labels the theme's own templates (404, footer) print: they reach them through the
# home page's front matter (MkDocs reads every page before its static templates).
CARD_TAGS = 10  # chips on a listing's card; the article page shows them all
TAG_PAGE_CARDS = 50  # default of the tag_page_cards setting
TIMELINE_PAGE_EVENTS = 1000  # default of the timeline_page_events setting
ARCHIVE_PAGE_ARTICLES = 1000  # default of the archive_page_articles setting
THEME_LABELS = ("not_found", "not_found_text", "go_home", "home", "feed", "site_footer")


def _index_meta(title: str, kind: str, extra: dict | None = None) -> str:
    # Listing pages repeat article text; keep them out of search results. The tabs
    # are the navigation, so the left sidebar would only repeat them.
    digest = {"kind": kind, **(extra or {})}
    return front_matter({"title": title, "search": {"exclude": True}, "hide": ["navigation"], "digest": digest})


def theme_labels(config: SiteConfig) -> dict[str, dict[str, str]]:
    return {key: {"kk": config.label(key).kk, "en": config.label(key).en} for key in THEME_LABELS}


def article_card(article: Article, root: str, config: SiteConfig, with_summary: bool = True,
                 level: int = 2, with_page: Container[str] | None = None, with_tags: bool = True) -> str:
    """One article in a listing, a raw HTML block: title (a heading of
    ``level``, not in the table of contents), date, source, summary, tags
    (unless ``with_tags`` is false).

    ``root`` leads from the listing's URL to the site root.
    """
    link = article_url(root, config.settings["section"], article.slug)
    when = iso(article.date)
    stamp = time_element(when, config) if when else bilingual(config.label("date_unknown"))
    source = (
        f'<span class="digest-card__source">{bilingual(config.label("source"))}: '
        f'<span class="digest-source">{h(article.source)}</span></span>'
        if article.source else ""
    )
    summary = " ".join(h(s) for s in article.summary) if with_summary else ""
    return (
        f'<article class="digest-card">\n'
        f'<h{level} class="digest-card__title"><a href="{link}">{h(article.title)}</a></h{level}>\n'
        f'<p class="digest-card__meta"><span class="digest-card__date">{stamp}</span>{source}</p>\n'
        + (f'<div class="digest-card__summary">\n<p>{summary}</p>\n</div>\n' if summary else "")
        + (tag_chips(article.tags, root, config, limit=CARD_TAGS, more_link=link, with_page=with_page).rstrip("\n")
           + "\n" if with_tags and article.tags else "")
        + "</article>\n\n"
    )


def title_list(articles: list[Article], root: str, config: SiteConfig) -> str:
    """Titles and dates only, a raw HTML list (archive, the rest of a large tag)."""
    section = config.settings["section"]
    out = ['<div class="digest-archive">\n<ul>\n']
    for a in articles:
        when = f" — {time_element(iso(a.date), config)}" if a.date else ""
        out.append(f'<li><a href="{article_url(root, section, a.slug)}">{h(a.title)}</a>{when}</li>\n')
    out.append("</ul>\n</div>\n\n")
    return "".join(out)


def home_page(articles: list[Article], config: SiteConfig, with_page: Container[str] | None = None) -> str:
    """The newest articles as cards (the page is at the site root: links start there)."""
    site = config.settings["site_name"]
    limit = int(config.settings["home_articles"])
    ordered = newest_first(articles)
    parts = [
        _index_meta(f"{site['kk']} · {site['en']}", "home", {"labels": theme_labels(config)}),
        f'# {md_escape(site["kk"])} <span class="digest-h1-en" lang="en">{h(site["en"])}</span>\n\n',
    ]
    listing = [f'<p class="digest-lede">{bilingual(config.label("latest"))}</p>\n\n']
    listing += [article_card(a, "", config, with_page=with_page) for a in ordered[:limit]]
    if len(ordered) > limit:
        listing.append(f'<p><a class="md-button" href="archive/">{bilingual(config.label("all_articles"))}</a></p>\n')
    parts.append(raw_html("".join(listing)))
    return "".join(parts)


def counted(n: int, key: str, config: SiteConfig) -> str:
    """A count in both languages, as in "3 мақала / 3 articles". A Kazakh noun
    does not change after a number, an English one does: one of a thing takes
    the label ``<key>_one`` when labels.yml has it ("1 article"; a labels
    file without it says "1 articles")."""
    label = config.label(key)
    english = config.labels.get(f"{key}_one", label).en if n == 1 else label.en
    return f'{n} {h(label.kk)} <span lang="en">/ {n} {h(english)}</span>'


def archive_page(articles: list[Article], config: SiteConfig) -> str:
    """Every article, grouped by year, titles only: keeps the home page small.

    The page is at /archive/; the years stay Markdown headings (table of
    contents). Past ``archive_page_articles`` articles it lists the archive's
    pages instead (``archive_parts``).
    """
    label = config.label("archive")
    parts = [_index_meta(f"{label.kk} · {label.en}", "archive")]
    parts.append(f"# {bilingual(label)}\n\n")
    if archive_in_parts(articles, config):
        parts.append(raw_html(_archive_contents(archive_parts(articles, config), config)))
        return "".join(parts)
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in newest_first(articles):
        groups[str(article.date.year) if article.date else ""].append(article)
    for year, items in groups.items():
        heading = year or bilingual(config.label("date_unknown"))
        parts.append(f"## {heading}\n\n")
        parts.append(raw_html(title_list(items, "../", config)))
    return "".join(parts)


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


def _archive_part_title(part: ArchivePart, config: SiteConfig, plain: bool = False) -> str:
    """A part's name as the reader sees it: the year, or "Date unknown 2" (a
    number when there are several runs; bilingual markup, or ``plain``
    Kazakh text for a page title)."""
    if part.year is not None:
        return str(part.year)
    unknown = config.label("date_unknown")
    return (unknown.kk if plain else bilingual(unknown)) + (f" {part.number}" if part.runs > 1 else "")


def _archive_contents(parts: list[ArchivePart], config: SiteConfig) -> str:
    """The list of a split archive's pages, with their article counts."""
    items = "".join(
        f'<li><a class="digest-years__year" href="{part.name}/">{_archive_part_title(part, config)}</a> '
        f'<span class="digest-years__count">{counted(len(part.articles), "article_count", config)}</span></li>\n'
        for part in parts
    )
    return f'<ul class="digest-years">\n{items}</ul>'


def archive_part_page(part: ArchivePart, parts: list[ArchivePart], config: SiteConfig,
                      tag: Tag | None = None) -> str:
    """One page of a split archive (at /archive/<name>/), or of a big tag's
    older articles (at /tags/<id>/<name>/): a year by month, newest first, or a
    run of undated articles, with links to the archive's (or the tag's) front
    page and the pages before and after."""
    front = Label(tag.kk, tag.en) if tag else config.label("archive")
    heading = _archive_part_title(part, config)
    if tag:
        heading = f'{md_escape(tag.kk)} <span class="digest-h1-en" lang="en">{h(tag.en)}</span> · {heading}'
    page = [_index_meta(f"{_archive_part_title(part, config, plain=True)} · {front.kk} · {front.en}",
                        "tag-part" if tag else "archive"),
            f"# {heading}\n\n"]
    at = [p.name for p in parts].index(part.name)
    before, after = (parts[at - 1] if at else None), (parts[at + 1] if at + 1 < len(parts) else None)
    page.append(_neighbours_nav(front, before and (before.name, _archive_part_title(before, config)),
                                after and (after.name, _archive_part_title(after, config))))
    root = "../../../" if tag else "../../"
    if part.year is None:
        page.append(raw_html(title_list(list(part.articles), root, config)))
        return "".join(page)
    by_month: dict[int, list[Article]] = defaultdict(list)
    for article in part.articles:
        by_month[article.date.month].append(article)
    for month in sorted(by_month, reverse=True):
        page.append(_month_heading(month, config))
        page.append(raw_html(title_list(by_month[month], root, config)))
    return "".join(page)


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
    """Every tag by kind, in Kazakh alphabetical order, with its count (at /tags/).

    The kinds stay Markdown headings (table of contents); the lists are raw HTML.
    """
    label = config.label("tags")
    parts = [_index_meta(f"{label.kk} · {label.en}", "tags"), f"# {bilingual(label)}\n\n"]
    if not tags:
        parts.append(raw_html(f'<p class="digest-empty">{bilingual(config.label("no_tags"))}</p>'))
    for kind in TAG_KINDS:
        members = sorted((t for t, _ in tags.values() if t.kind == kind), key=lambda t: kazakh_key(t.kk))
        if not members:
            continue
        parts.append(f'## {bilingual(config.label(kind))}\n\n')
        items = ['<ul class="digest-tag-list">\n']
        for tag in members:
            count = len(tags[tag.id][1])
            chip = tag_chip(tag, "../", with_page is None or tag.id in with_page)
            items.append(f'<li>{chip} <span class="digest-count">{count}</span></li>\n')
        items.append("</ul>")
        parts.append(raw_html("".join(items)))
    return "".join(parts)


class TagPageParts:
    """An article's card and dated events as tag pages show them, made once per
    build: an article is on the page of each of its tags (a dozen, often), and
    these parts are the same on every one."""

    def __init__(self, config: SiteConfig):
        self.config = config
        self._cards: dict[str, str] = {}
        self._events: dict[str, list[tuple[tuple, str]]] = {}

    def card(self, article: Article) -> str:
        if article.path not in self._cards:
            self._cards[article.path] = article_card(article, "../../", self.config, level=3, with_tags=False)
        return self._cards[article.path]

    def events(self, article: Article) -> list[tuple[tuple, str]]:
        """(chronological sort key, <li>) of the article's dated events."""
        if article.path not in self._events:
            self._events[article.path] = [
                (_entry_key(entry, article), _timeline_entry(entry, article, "../../", self.config))
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


def tag_page(tag: Tag, articles: list[Article], config: SiteConfig, parts: TagPageParts | None = None) -> str:
    """One tag's page (at /tags/<id>/): its articles newest first, as cards up to
    ``tag_page_cards``, the older ones as a list of titles and dates (past
    ``archive_page_articles`` of them, a list of their pages by year, as the
    archive's: ``tag_older_parts``); then the dated events of the articles
    shown as cards.

    The cards carry no tag chips (the article pages do): an article is on the
    page of each of its tags, and its chips there made up half of all the
    Markdown MkDocs had to read. ``parts`` shares cards and events between
    the tag pages of one build.
    """
    parts = parts or TagPageParts(config)
    kind = config.label(tag.kind)
    out = [
        _index_meta(f"{tag.kk} · {tag.en}", "tag"),
        f'# {md_escape(tag.kk)} <span class="digest-h1-en" lang="en">{h(tag.en)}</span>\n\n',
        raw_html(f'<p class="digest-lede">{bilingual(kind)} · {counted(len(articles), "article_count", config)}</p>'),
        f"## {bilingual(config.label('tag_articles'))}\n\n",
    ]
    ordered = newest_first(articles)
    cards = tag_page_cards(config)
    listing = [parts.card(a) for a in ordered[:cards]]
    older = tag_older_parts(articles, config)
    if older:  # the older ones' pages, as the archive's
        listing.append(_archive_contents(older, config))
    elif len(ordered) > cards:
        listing.append(title_list(ordered[cards:], "../../", config))
    out.append(raw_html("".join(listing)))
    # The events of the articles shown as cards: a big tag's full chronology was
    # the largest part of all the HTML MkDocs parses (/timeline/ has them all).
    events = sorted(event for a in ordered[:cards] for event in parts.events(a))
    if events:
        out.append(f"## {bilingual(config.label('tag_timeline'))}\n\n")
        items = "".join(item for _, item in events)
        out.append(raw_html(f'<ol class="digest-timeline">\n{items}</ol>'))
    return "".join(out)


@lru_cache(maxsize=8192)  # a few thousand distinct dates, looked up for every event
def _when_key(when: str) -> tuple[int, int, int]:
    parts = [int(p) for p in when.split("-")] + [0, 0]
    return parts[0], parts[1], parts[2]


def _entry_key(entry: TimelineEntry, article: Article) -> tuple:
    return _when_key(entry.when), article.path, entry.start


def _timeline_entry(entry: TimelineEntry, article: Article, url_prefix: str, config: SiteConfig) -> str:
    link = (
        f' <a class="digest-timeline__link" href="{url_prefix}{config.settings["section"]}/{article.slug}/">'
        f"{h(article.title)}</a>"
    )
    return timeline_item(entry.when, entry.text, entry.event, entry.relative, config, link)


def timeline_list(entries: list[tuple[TimelineEntry, Article]], url_prefix: str, config: SiteConfig) -> str:
    """Entries in chronological order; ``url_prefix`` leads from the page's URL to the root."""
    ordered = sorted(entries, key=lambda ea: _entry_key(*ea))
    items = "".join(_timeline_entry(entry, article, url_prefix, config) for entry, article in ordered)
    return f'<ol class="digest-timeline">\n{items}</ol>\n\n'


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
    parts = [_index_meta(f"{label.kk} · {label.en}", "timeline"), f"# {bilingual(label)}\n\n"]
    by_year = timeline_years(articles) if by_year is None else by_year
    if timeline_in_years(by_year, config):
        parts.append(raw_html(_year_list(by_year, config)))
    else:
        for year in sorted(by_year):
            # Markdown headings, so the table of contents jumps to a year.
            parts.append(f"## {year} {{ #y{year} .digest-year }}\n\n")
            parts.append(raw_html(timeline_list(by_year[year], "../", config)))
    pending = [a for a in newest_first(articles) if any(not e.when and not e.recurring for e in a.timeline)]
    if not by_year and not pending:
        parts.append(raw_html(f'<p class="digest-empty">{bilingual(config.label("no_events"))}</p>'))
    if pending:
        parts.append(f"## {bilingual(config.label('unresolved'))}\n\n")
        # Undated events stay on every article's own page; here only the newest
        # articles' (the page would otherwise grow with the whole archive).
        limit = int(config.settings.get("timeline_undated_articles", 50))
        if len(pending) > limit:
            more = len(pending) - limit
            note = config.label("more_undated")
            parts.append(raw_html(f'<p class="digest-lede">{h(note.kk.format(n=more))} '
                                  f'<span lang="en">{h(note.en.format(n=more))}</span></p>'))
        for article in pending[:limit]:
            parts.append(f"### [{md_escape(article.title)}](../{config.settings['section']}/{article.slug}.md)\n\n")
            items = ['<ol class="digest-timeline digest-timeline--pending">\n']
            for e in article.timeline:
                if not e.when and not e.recurring:
                    items.append(timeline_item(None, e.text, e.event, e.relative, config))
            items.append("</ol>")
            parts.append(raw_html("".join(items)))
    return "".join(parts)


def _year_list(by_year: dict[int, list], config: SiteConfig) -> str:
    items = "".join(
        f'<li><a class="digest-years__year" href="{year}/">{year}</a> '
        f'<span class="digest-years__count">{counted(len(by_year[year]), "events", config)}</span></li>\n'
        for year in sorted(by_year, reverse=True)
    )
    return f'<ul class="digest-years">\n{items}</ul>'


def _neighbours_nav(front: Label, before: tuple[str, str] | None, after: tuple[str, str] | None) -> str:
    """The links atop a year's (or a run's) page: to the section's front page
    (``front``), and to the pages (folder name, markup) before and after."""
    links = [f'<a href="../">{bilingual(front)}</a>']
    if before:
        links.append(f'<a href="../{before[0]}/" rel="prev"><span aria-hidden="true">← </span>{before[1]}</a>')
    if after:
        links.append(f'<a href="../{after[0]}/" rel="next">{after[1]}<span aria-hidden="true"> →</span></a>')
    return raw_html(f'<p class="digest-lede digest-years__nav">{" · ".join(links)}</p>')


def _month_heading(month: int, config: SiteConfig) -> str:
    """A month's heading on a year's page (Markdown: the table of contents lists it)."""
    name = config.months[month - 1]
    name = Label(name.kk[:1].upper() + name.kk[1:], name.en)  # "наурыз" begins a heading
    return f"## {bilingual(name)} {{ #m{month:02d} .digest-year }}\n\n"


def timeline_year_page(year: int, entries: list[tuple[TimelineEntry, Article]], years: list[int],
                       config: SiteConfig) -> str:
    """One year of the timeline (at /timeline/<year>/), by month, with links
    to the timeline's front page and the years before and after."""
    label = config.label("timeline")
    parts = [_index_meta(f"{year} · {label.kk} · {label.en}", "timeline"),
             f"# {year}\n\n"]
    at = years.index(year)
    before, after = (years[at - 1] if at else None), (years[at + 1] if at + 1 < len(years) else None)
    parts.append(_neighbours_nav(label, before and (str(before), str(before)), after and (str(after), str(after))))
    by_month: dict[int, list] = defaultdict(list)
    for entry, article in entries:
        by_month[_when_key(entry.when)[1]].append((entry, article))
    for month in sorted(by_month):
        if month:  # the events dated by the year alone come first, without a heading
            parts.append(_month_heading(month, config))
        parts.append(raw_html(timeline_list(by_month[month], "../../", config)))
    return "".join(parts)
