"""A page's article: trafilatura finds the main text and the metadata, the
ingest stage's cleaning drops the boilerplate it leaves.

trafilatura reads what news pages carry: ``article:published_time``, JSON-LD
``datePublished`` and ``<time>`` (through htmldate, markup only: no guessing
from the text), ``og:site_name`` and the JSON-LD publisher, the canonical
link, the author and the headline. What it keeps of the text goes through
``digest.ingest.clean`` with site_config/boilerplate.yml, as a pasted article
does, so subscribe lines and view counters go the same way.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import trafilatura
import yaml

from digest import kazakh
from digest.config import SiteConfig
from digest.importer.fetch import Page
from digest.ingest.clean import clean
from digest.ingest.language import language_of
from digest.model import DigestError

DATA = Path(__file__).parent / "data" / "pages.yml"
# Markup only (article:published_time, JSON-LD, <time>, the URL): htmldate's
# extensive search would take any date in the text for the publication date.
DATE_PARAMS = {"extensive_search": False, "original_date": True}
TRACKING = ("utm_", "fbclid", "gclid", "yclid")
_WORD = re.compile(r"[^\W\d_]+")
# How trafilatura's text shows a picture of the main text (include_images): ![alt](src)
_PICTURE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")


@dataclass(frozen=True)
class PageArticle:
    """What an article page said about itself, and its cleaned paragraphs."""

    title: str
    date: dt.date | None
    source: str | None
    url: str | None  # the canonical address when the page gives one
    author: str | None
    paragraphs: tuple[str, ...]
    images: tuple[str, ...]  # the lead image the page names (og:image), then the main text's pictures
    removed: tuple[str, ...]  # boilerplate lines the cleaning dropped
    warnings: tuple[str, ...]


@functools.cache
def page_rules() -> dict:
    return yaml.safe_load(DATA.read_text("utf-8"))


def extract_page(page: Page, config: SiteConfig) -> PageArticle:
    """The article of ``page``; DigestError when the page is not one."""
    rules = page_rules()
    found = trafilatura.bare_extraction(
        page.data, url=page.url, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True, date_extraction_params=DATE_PARAMS,
        include_images=page.saved_path is not None)  # a saved page has its pictures by it
    if found is None or not (found.text or "").strip():
        raise DigestError("not an article: no text found on the page (an empty page?)", path=page.source)
    url = _canonical(found.url, page.url)
    _refuse_listing(found.pagetype, url, page.source, rules)
    title = " ".join((found.title or "").split())
    cleaned = _clean_text(found.text, title, config)
    paragraphs = tuple(block.text for block in cleaned.blocks)
    words = sum(len(_WORD.findall(p)) for p in paragraphs)
    if words < rules["min_words"]:
        raise DigestError(f"not an article: only {words} words of text after cleaning "
                          "(a section front, a search page or an empty page?)", path=page.source)
    title = title or cleaned.headline or ""
    if not title:
        raise DigestError("not an article: the page has no headline", path=page.source)
    warnings = []
    language = language_of("\n".join(paragraphs))
    if language:
        warnings.append(f"the text reads as {language}, not Kazakh (imported all the same)")
    date = _date(found.date)
    if date is None:
        warnings.append("no publication date on the page: the build dates it by the text or git")
    return PageArticle(
        title=title, date=date, source=_source(found.sitename, cleaned.source_hint, url),
        url=url, author=_author(found.author), paragraphs=paragraphs,
        images=_images(found), removed=cleaned.removed, warnings=tuple(warnings))


def _clean_text(text: str, title: str, config: SiteConfig):
    """The ingest stage's cleaning, without the headline the page repeats in its text."""
    body = kazakh.normalize(text.replace("\r\n", "\n"))
    key = _title_key(title)
    lines = [line for line in body.split("\n")
             if not _PICTURE.fullmatch(line.strip()) and (not key or _title_key(line) != key)]
    return clean("\n".join(lines), config.boilerplate, config.source_patterns)


def _images(found) -> tuple[str, ...]:
    """og:image first (the picture the outlet chose to share), then the main text's."""
    sources = [found.image] if found.image else []
    if found.body is not None:
        sources += [g.get("src") for g in found.body.iter("graphic") if g.get("src")]
    return tuple(dict.fromkeys(sources))


def _title_key(text: str) -> str:
    return " ".join(text.split()).rstrip(".!?…").casefold()


def _refuse_listing(pagetype: str | None, url: str | None, shown: str, rules: dict) -> None:
    kind = (pagetype or "").strip().lower()
    if kind and kind not in rules["article_types"]:
        raise DigestError(f"not an article: the page calls itself {kind!r} "
                          "(a section front or a search page?)", path=shown)
    if url:
        parts = urllib.parse.urlsplit(url)
        where = parts.path + ("?" + parts.query if parts.query else "")
        for pattern in rules["listing_paths"]:
            if re.search(pattern, where, re.I):
                raise DigestError(f"not an article: {url} is the address of a list of articles "
                                  "(a search, tag or section page)", path=shown)


def _canonical(found: str | None, fetched: str | None) -> str | None:
    """The page's canonical address (trafilatura reads <link rel=canonical> and og:url)."""
    for candidate in (found, fetched):
        if candidate and candidate.lower().startswith(("http://", "https://")):
            return without_tracking(candidate.strip())
    return None


def without_tracking(url: str) -> str:
    """The address without a #fragment and the tracking parameters (utm_…) pages add to it."""
    parts = urllib.parse.urlsplit(url)
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(TRACKING)]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, urllib.parse.urlencode(query), ""))


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _source(sitename: str | None, hint: str | None, url: str | None) -> str | None:
    """The outlet: og:site_name or the JSON-LD publisher, the text's "деп хабарлайды X", the host."""
    if sitename and sitename.strip():
        return " ".join(sitename.split())
    if hint:
        return hint
    host = urllib.parse.urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _author(value: str | None) -> str | None:
    """trafilatura joins several authors with '; '."""
    names = [" ".join(n.split()) for n in (value or "").split(";")]
    return ", ".join(n for n in names if n) or None
