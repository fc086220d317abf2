"""The Markdown page of one article: title, meta line, tags, summary, body, timeline."""

from __future__ import annotations

import math
from typing import Container

from digest.config import SiteConfig
from digest.model import Article, Block, Tag
from digest.render.dates import iso, time_element
from digest.render.markup import bilingual, front_matter, h, md_escape, not_searched, raw_html, searched_as_text
from digest.render.urls import tag_url
from digest.text import shorten

WORDS_PER_MINUTE_DEFAULT = 180
SPEECH_DASHES = "–—"


def reading_minutes(article: Article, config: SiteConfig) -> int:
    words = len(article.document.text.split())
    per_minute = int(config.settings.get("reading_words_per_minute") or WORDS_PER_MINUTE_DEFAULT)
    return max(1, math.ceil(words / per_minute))


def tag_chip(tag: Tag, root: str, linked: bool = True) -> str:
    """A tag chip showing both labels: a raw HTML link to the tag's page
    (``root`` leads from the page's URL to the site root), or, for a tag
    without a page, the same chip as plain text."""
    en = f' <span class="digest-chip__en" lang="en">{h(tag.en)}</span>' if tag.en != tag.kk else ""
    inner = f'<span class="digest-chip__kk">{h(tag.kk)}</span>{en}'
    if not linked:
        return f'<span class="digest-chip digest-chip--{tag.kind} digest-chip--nopage">{inner}</span>'
    return f'<a class="digest-chip digest-chip--{tag.kind}" href="{tag_url(root, tag.id)}">{inner}</a>'


def tag_chips(tags: tuple[Tag, ...], root: str, config: SiteConfig,
              limit: int | None = None, more_link: str = "", landmark: bool = False,
              with_page: Container[str] | None = None) -> str:
    """The chips of an article as a raw HTML block, a <nav> landmark only on
    the article's own page (a listing holds many sets, and landmarks must be unique).

    ``root`` leads from the page's URL to the site root. With ``limit``
    (listings), the rest is one "+N" chip leading to ``more_link`` (a URL).
    ``with_page`` holds the ids of the tags that have a page (None: all).
    """
    if not tags:
        return ""
    label = config.label("tags")
    shown = tags if limit is None or len(tags) <= limit else tags[:limit]
    chips = " ".join(tag_chip(t, root, with_page is None or t.id in with_page) for t in shown)
    if len(shown) < len(tags):
        rest = len(tags) - len(shown)
        chips += (
            f' <a class="digest-chip digest-chip--more" href="{more_link}">+{rest} <span class="digest-sr-only">'
            f'{h(label.kk)} · <span lang="en">{h(label.en)}</span></span></a>'
        )
    element = "nav" if landmark else "div"
    name = f' aria-label="{h(label.kk)} · {h(label.en)}"' if landmark else ""
    # The <p> is what Markdown used to wrap the chips in (the CSS expects it).
    return (
        f'<{element} class="digest-chips"{name}>\n'
        f'<p>{_unsearched_label(label, "digest-chips__label")} {searched_as_text(chips)}</p>\n</{element}>\n\n'
    )


def _unsearched_label(label, cls: str) -> str:
    """A label with its colon, kept out of search: on every page, it would make
    every article a hit for "Tags" or "Source"."""
    return not_searched(f'<span class="{cls}" data-search-exclude>{bilingual(label)}:</span>')


def meta_line(article: Article, config: SiteConfig, with_reading_time: bool = True) -> str:
    """Date, source and reading time; search indexes the date and the source, not the labels."""
    items = []
    when = iso(article.date)
    if when:
        published = _unsearched_label(config.label("published"), "digest-meta__label")
        items.append(f'<span class="digest-meta__item">{published} {time_element(when, config)}</span>')
    else:
        items.append(not_searched(f'<span class="digest-meta__item" data-search-exclude>'
                                  f'{bilingual(config.label("date_unknown"))}</span>'))
    if article.source:
        source = h(article.source)
        url = article.document.meta.url
        if url:
            source = f'<a href="{h(url)}" rel="noopener nofollow">{source}</a>'
        label = _unsearched_label(config.label("source"), "digest-meta__label")
        items.append(f'<span class="digest-meta__item">{label} <span class="digest-source">{source}</span></span>')
    if with_reading_time:
        minutes = reading_minutes(article, config)
        unit = config.label("minutes")
        items.append(not_searched(
            f'<span class="digest-meta__item" data-search-exclude>{bilingual(config.label("reading_time"))}:'
            f' {minutes} {h(unit.kk)} <span lang="en">/ {minutes} {h(unit.en)}</span></span>'
        ))
    # Spaces between items keep words apart in the search index's text.
    return f'<p class="digest-meta">{" ".join(items)}</p>\n\n'


def summary_box(article: Article, config: SiteConfig) -> str:
    if not article.summary:
        return ""
    text = " ".join(h(s) for s in article.summary)
    title = bilingual(config.label("summary"))
    return (
        # The summary repeats sentences of the body: kept out of the search
        # index, which it would otherwise double. A raw HTML block: Markdown only stashes it.
        not_searched(f'<section class="digest-summary" data-search-exclude>\n'
                     f'<h2 class="digest-summary__title">{title}</h2>\n<p>{text}</p>\n</section>') + "\n\n"
    )


def _quote(speaker: str | None, lines: list[str]) -> str:
    # One element a line: the search index's text keeps the words of the last
    # paragraph and the speaker apart.
    paragraphs = "".join(f"<p>{h(line)}</p>\n" for line in lines)
    cite = f'<footer class="digest-quote__speaker">— {h(speaker)}</footer>\n' if speaker else ""
    return f'<blockquote class="digest-quote">\n{paragraphs}{cite}</blockquote>\n\n'


def body(blocks: tuple[Block, ...]) -> str:
    """The cleaned text in a <div class="digest-body">: paragraphs and speaker
    quotes as raw HTML, subheadings as Markdown headings (the table of contents
    lists them)."""
    out: list[str] = [raw_html('<div class="digest-body">')]
    run: list[str] = []  # finished HTML since the last heading

    def flush() -> None:
        if run:
            out.append(raw_html("".join(run)))
            run.clear()

    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == "headline":
            i += 1
        elif block.kind == "heading":
            flush()
            out.append(f"## {md_escape(block.text)}\n\n")
            i += 1
        elif block.kind in ("speaker", "quote"):
            speaker = block.text if block.kind == "speaker" else block.speaker
            i += block.kind == "speaker"
            lines = []
            while i < len(blocks) and blocks[i].kind == "quote" and blocks[i].speaker == speaker:
                lines.append(blocks[i].text)
                i += 1
            run.append(_quote(speaker, lines))
        elif block.text[:1] in SPEECH_DASHES:
            # A paragraph opening with a dash is direct speech ("– ..., – деді X.").
            run.append(f'<blockquote class="digest-quote digest-quote--speech">\n<p>{h(block.text)}</p>\n'
                       f'</blockquote>\n')
            i += 1
        else:
            run.append(f"<p>{h(block.text)}</p>\n")
            i += 1
    flush()
    out.append(raw_html("</div>"))
    return "".join(out)


def timeline_section(article: Article, config: SiteConfig) -> str:
    shown = [e for e in article.timeline if not e.recurring]
    # Dated events in time order, then the undated ones as the text tells them.
    dated = sorted((e for e in shown if e.when), key=lambda e: (e.when.split("-"), e.start))
    entries = dated + [e for e in shown if not e.when]
    title = bilingual(config.label("timeline"))
    # A Markdown heading (the table of contents lists it) before a raw section,
    # both kept out of the search index: the section repeats the body, and the
    # heading would make every article a hit for "Timeline".
    out = ['<section class="digest-timeline-section" data-search-exclude>\n']
    if not entries:
        out.append(f'<p class="digest-empty">{bilingual(config.label("no_timeline"))}</p>\n')
    else:
        out.append('<ol class="digest-timeline">\n')
        for entry in entries:
            out.append(timeline_item(entry.when, entry.text, entry.event, entry.relative, config))
        out.append("</ol>\n")
    out.append("</section>")
    return f"## {title} {{ #timeline data-search-exclude }}\n\n" + raw_html(not_searched("".join(out)))


def timeline_item(when, text, event, relative, config: SiteConfig, link: str = "") -> str:
    """One entry of a vertical timeline (shared by article, tag and timeline pages)."""
    if when:
        stamp = time_element(when, config)
    else:
        stamp = f'<span class="digest-timeline__expr">{h(text)}</span>'
    note = ""
    if relative and not when:
        note = f' <span class="digest-timeline__note">({bilingual(config.label("relative"))})</span>'
    expr = f' <span class="digest-timeline__expr">«{h(text)}»</span>' if when else ""
    return (
        f'<li class="digest-timeline__item"><div class="digest-timeline__when">{stamp}{note}</div>'
        f'<div class="digest-timeline__event">{h(event)}{expr}{link}</div></li>\n'
    )


def breadcrumbs(config: SiteConfig, up: str = "../../") -> str:
    """Where an article sits, since article pages are not in the nav.

    Raw HTML links are relative to the page's URL (/articles/<slug>/).
    """
    label = config.label("breadcrumb")
    home, archive = config.label("home"), config.label("archive")
    return not_searched(
        f'<nav class="digest-crumbs" aria-label="{h(label.kk)} · {h(label.en)}" data-search-exclude>'
        f'<a href="{up}">{bilingual(home)}</a><span class="digest-crumbs__sep" aria-hidden="true">›</span>'
        f'<a href="{up}archive/">{bilingual(archive)}</a></nav>'
    ) + "\n\n"


def source_box(article: Article, config: SiteConfig) -> str:
    """Where the article comes from, with the link to the original if known."""
    url = article.document.meta.url
    if not (article.source or url):
        return ""
    parts = [f'<span class="digest-original__label">{bilingual(config.label("source"))}:</span>']
    if article.source:
        parts.append(f'<span class="digest-source">{h(article.source)}</span>')
    if url:
        parts.append(
            f'<a class="digest-original__link" href="{h(url)}" rel="noopener nofollow">'
            f'{bilingual(config.label("original"))}</a>'
        )
    return f'<p class="digest-original">{" ".join(parts)}</p>\n'


def article_facts(article: Article) -> dict:
    """What the site stage reads of an article page (front matter ``digest:``)."""
    return {"kind": "article", "date": iso(article.date), "source": article.source,
            "tags": [t.id for t in article.tags]}


def article_page(article: Article, config: SiteConfig, with_page: Container[str] | None = None) -> str:
    """The whole generated Markdown of one article page (at /<section>/<slug>/).

    ``with_page``: the ids of the tags that have a page (None: all).
    """
    meta = {
        "title": article.title,
        "description": shorten(" ".join(article.summary), 300),
        # Articles are not in the nav (by design): no empty left sidebar.
        "hide": ["navigation"],
        "digest": article_facts(article),
    }
    parts = [
        front_matter(meta),
        raw_html(breadcrumbs(config)),
        f"# {md_escape(article.title)}\n\n",
        raw_html(meta_line(article, config) + tag_chips(article.tags, "../../", config, landmark=True,
                                                        with_page=with_page) + summary_box(article, config)),
        body(article.document.blocks),
        timeline_section(article, config),
    ]
    source = source_box(article, config)
    if source:
        parts.append(raw_html(source))
    return "".join(parts)
