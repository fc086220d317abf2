"""`digest import`: saved news pages and URLs → article files in content/.

fetch (a saved file or a URL, every limit explicit) → page (trafilatura's main
text and metadata, the ingest stage's cleaning) → write (front matter, a free
file name, the lead image copied beside it). Sits beside the pipeline, not in
it: it writes the editors' input, and nothing in the build imports it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from digest.config import SiteConfig
from digest.importer.fetch import TIMEOUT_SECONDS, Page, get_page, is_url
from digest.importer.images import copy_lead_image, find_lead_image
from digest.importer.page import extract_page
from digest.importer.write import article_stem, article_text, imported_urls, url_key, write_article
from digest.model import DigestError

__all__ = ["Imported", "import_sources"]


@dataclass
class Imported:
    """What became of one source: the file written, or why it was refused."""

    source: str
    path: str | None = None  # the article file written (as given under content_dir)
    image: str | None = None  # the lead image written, if any
    title: str = ""
    date: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    removed: int = 0  # boilerplate lines the cleaning dropped


def import_sources(sources: list[str], content_dir: Path, config: SiteConfig,
                   timeout: float = TIMEOUT_SECONDS) -> list[Imported]:
    """Import each source in order; a refused one writes nothing and stops no other."""
    known = imported_urls(content_dir)
    results = []
    for source in sources:
        try:
            results.append(_import_one(source, content_dir, config, known, timeout))
        except DigestError as exc:
            results.append(Imported(source, error=exc.message))
    return results


def _import_one(source: str, content_dir: Path, config: SiteConfig, known: dict[str, str],
                timeout: float) -> Imported:
    if is_url(source):
        _refuse_known(source, known)  # before fetching: no need to ask the site again
    page = get_page(source, timeout)
    article = extract_page(page, config)
    for address in (page.url, article.url):
        if address:
            _refuse_known(address, known)
    stem = article_stem(article, content_dir)
    image = _lead_image(page, article.images, content_dir, stem)
    path = content_dir / f"{stem}.md"
    write_article(path, article_text(article, image))
    for address in (source if is_url(source) else None, page.url, article.url):
        if address:
            known.setdefault(url_key(address), str(path))
    return Imported(source, path=str(path), image=image, title=article.title,
                    date=article.date.isoformat() if article.date else None,
                    warnings=list(article.warnings), removed=len(article.removed))


def _refuse_known(address: str, known: dict[str, str]) -> None:
    existing = known.get(url_key(address))
    if existing:
        raise DigestError(f"already imported: {address} is in {existing}")


def _lead_image(page: Page, sources: tuple[str, ...], content_dir: Path, stem: str) -> str | None:
    if page.saved_path is None:
        return None  # a URL's pictures are on the outlet's host: never linked, not fetched
    image = find_lead_image(page.saved_path, sources)
    return copy_lead_image(image, content_dir, stem) if image else None
