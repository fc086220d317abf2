"""The page of one article: its text as Markdown, everything else as data for
the theme's article template (theme/digest/article.html)."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Container, Sequence

from digest.config import SiteConfig
from digest.model import Article, Block
from digest.render.cards import card_meta
from digest.render.dates import date_view, iso
from digest.render.markup import front_matter, md_escape
from digest.render.view import (
    article_timeline,
    by_salience,
    present,
    card_view,
    date_kind,
    reading_minutes,
    tag_view,
)
from digest.text import shorten

SPEECH_DASHES = "–—"
TEMPLATE = "digest/article.html"
TOC_MIN_HEADINGS = 3  # a shorter article's table of contents would only repeat its few subheadings
RELATED_SHOWN = 5
IMAGES_DIR = "images"  # where an article's lead image is copied in the site (from content/images/)


def article_facts(article: Article) -> dict:
    """What the site stage reads of an article page (front matter ``digest:``)."""
    return {"kind": "article", "date": iso(article.date), "source": article.source,
            "tags": [t.id for t in article.tags]}


def image_path(article: Article) -> str | None:
    """The lead image's path relative to the content folder ("images/x.jpg"),
    from the front matter's ``image`` (which ingest keeps to that folder)."""
    image = article.document.meta.image
    if not image:
        return None
    parts = PurePosixPath(image.replace("\\", "/")).parts
    return image if parts and parts[0] == IMAGES_DIR and ".." not in parts else None


def _quote(speaker: str | None, lines: list[str]) -> str:
    quoted = "\n>\n".join(f"> {md_escape(line)}" for line in lines)
    if speaker:
        quoted += f"\n>\n> — {md_escape(speaker)}\n> {{: .digest-quote__speaker }}"
    return quoted + "\n\n"


def body(blocks: tuple[Block, ...]) -> str:
    """The cleaned text as Markdown: paragraphs, subheadings (the table of
    contents lists them), speakers' quotes and direct speech as quotations.
    Every character Markdown would read as syntax is escaped."""
    out: list[str] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == "headline":
            i += 1
        elif block.kind == "heading":
            out.append(f"## {md_escape(block.text)}\n\n")
            i += 1
        elif block.kind in ("speaker", "quote"):
            speaker = block.text if block.kind == "speaker" else block.speaker
            i += block.kind == "speaker"
            lines = []
            while i < len(blocks) and blocks[i].kind == "quote" and blocks[i].speaker == speaker:
                lines.append(blocks[i].text)
                i += 1
            if lines:
                out.append(_quote(speaker, lines))
            else:  # a speaker line with nothing quoted after it is a paragraph
                out.append(f"{md_escape(block.text)}\n\n")
        elif block.text[:1] in SPEECH_DASHES:
            # A paragraph opening with a dash is direct speech ("– ..., – деді X.").
            out.append(f"> {md_escape(block.text)}\n> {{: .digest-speech }}\n\n")
            i += 1
        else:
            out.append(f"{md_escape(block.text)}\n\n")
            i += 1
    return "".join(out)


def article_view(article: Article, config: SiteConfig, with_page: Container[str] | None = None,
                 related: Sequence[Article] = ()) -> dict:
    """Everything the article template shows besides the text."""
    image = image_path(article)
    return present({
        "date": date_view(iso(article.date), config),
        "date_kind": date_kind(article),
        "source": article.source,
        "author": article.document.meta.author,
        "url": article.document.meta.url,
        "minutes": reading_minutes(article, config),
        "summary": list(article.summary),
        "image": {"src": image, "alt": article.title} if image else None,
        "tags": [tag_view(t, with_page) for t in by_salience(article.tags)],
        "timeline": article_timeline(article, config),
        "related": [card_view(r, config, with_tags=False) for r in related[:RELATED_SHOWN]],
    })


def article_page(article: Article, config: SiteConfig, with_page: Container[str] | None = None,
                 related: Sequence[Article] = ()) -> str:
    """The whole generated Markdown of one article page (at /<section>/<slug>/).

    ``with_page``: the ids of the tags that have a page (None: all);
    ``related``: the related articles, most related first.
    """
    headings = sum(1 for b in article.document.blocks if b.kind == "heading")
    meta = {
        "template": TEMPLATE,
        "title": article.title,
        "description": shorten(" ".join(article.summary), 300),
        # Articles are not in the nav (by design): no empty left sidebar.
        "hide": ["navigation"] + ([] if headings >= TOC_MIN_HEADINGS else ["toc"]),
        "digest": article_facts(article),
        "card": card_meta(article, config),  # the share card (og:image), digest.render.cards
        "article": article_view(article, config, with_page, related),
    }
    return front_matter(meta) + body(article.document.blocks)
