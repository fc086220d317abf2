"""The extract stage: a cleaned ``Document`` becomes an ``Article``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from digest.extract.pubdate import publication_date
from digest.extract.slugs import sanitize_slug, slug_for
from digest.extract.summary import summarize
from digest.extract.tags import find_tags, unknown_tag_warnings
from digest.extract.timeline import find_timeline
from digest.extract.title import derive_source, derive_title
from digest.ingest.source import credits_in, load_outlets
from digest.model import Article, Document, Tag

if TYPE_CHECKING:  # only a type here: config loads the vocabulary through extract
    from digest.config import SiteConfig


def extract_article(doc: Document, config: SiteConfig) -> Article:
    """Title, source, date, summary, tags and timeline of one document.

    Relative dates in the timeline ("өткен жылы") resolve against the
    publication date, wherever it came from (``pubdate``)."""
    title = derive_title(doc)
    limit = max(1, min(3, int(config.settings["summary_sentences"])))
    warnings = list(doc.warnings)
    published, date_source = publication_date(doc, config.root)
    outlets = load_outlets(config.config_dir)
    if doc.meta.tags:
        warnings.extend(unknown_tag_warnings(doc.meta.tags, config.vocabulary()))
    if doc.meta.slug:
        slug = sanitize_slug(doc.meta.slug)
        if slug != doc.meta.slug:
            warnings.append(f"slug {doc.meta.slug!r} is not URL-safe; using {slug!r}")
    else:
        slug = slug_for(title)
    return Article(
        document=doc,
        slug=slug,
        title=title,
        source=derive_source(doc, outlets),
        date=published,
        date_source=date_source,
        summary=doc.meta.summary or summarize(doc, limit, title, outlets),
        tags=article_tags(doc.text, doc.meta.tags, config),
        timeline=tuple(find_timeline(doc.text, published)),
        warnings=tuple(warnings),
    )


def article_tags(text: str, extra: tuple[str, ...], config: SiteConfig) -> tuple[Tag, ...]:
    """The tags of a document's ``text`` and its front matter's ``extra`` tags:
    the only part of its extraction that reads the vocabulary.

    The article's credit ("– деп хабарлайды ҚазАқпарат тілшісі Ақордаға
    сілтеме жасап") says who reported it and from where, not what it is
    about: its words make no tags (blanked, so offsets stay). A quotation's
    credit names a speaker, and stays."""
    for credit in credits_in(text, load_outlets(config.config_dir)):
        if not credit.after_quote:
            text = text[: credit.start] + " " * (credit.end - credit.start) + text[credit.end :]
    return tuple(find_tags(text, config.vocabulary(), extra=extra))
