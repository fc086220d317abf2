"""Writing an imported article into content/, and knowing what is there already."""

from __future__ import annotations

import os
import urllib.parse
from pathlib import Path

import yaml

from digest.extract.slugs import slug_for
from digest.importer.page import PageArticle, without_tracking
from digest.ingest.discover import discover
from digest.ingest.frontmatter import split_front_matter
from digest.model import DigestError

# Front matter sits at the top: the first few KB of a file hold it but for a huge one.
HEAD_BYTES = 8192


def url_key(url: str) -> str:
    """One key for the ways one address is written: http/https, www., a final '/',
    a #fragment or tracking parameters make no other article."""
    parts = urllib.parse.urlsplit(without_tracking(url.strip()))
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/") or "/"
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def imported_urls(content_dir: Path) -> dict[str, str]:
    """url_key of every ``url:`` in the front matter under ``content_dir`` → the file that has it."""
    known: dict[str, str] = {}
    if not content_dir.is_dir():
        return known
    for candidate in discover(content_dir):
        if candidate.problem is None:
            url = _front_matter_url(candidate.path, candidate.shown)
            if url:
                known.setdefault(url_key(url), candidate.shown)
    return known


def _front_matter_url(path: Path, shown: str) -> str | None:
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
            if not head.startswith(b"---"):
                return None
            text = head.decode("utf-8", "replace")
            if len(head) == HEAD_BYTES and "\n---" not in text[3:]:
                text += handle.read().decode("utf-8", "replace")
        front, _, _ = split_front_matter(text.replace("\r\n", "\n"), shown)
    except (OSError, DigestError):
        return None  # a broken file is the build's to report
    url = front.get("url")
    return url if isinstance(url, str) else None


def article_stem(article: PageArticle, content_dir: Path) -> str:
    """YYYY-MM-DD-<slug> (the date when the page gives one), free in ``content_dir``."""
    base = slug_for(article.title)
    if article.date:
        base = f"{article.date.isoformat()}-{base}"
    stem, n = base, 1
    while any((content_dir / f"{stem}{suffix}").exists() for suffix in (".md", ".txt")):
        n += 1
        stem = f"{base}-{n}"
    return stem


def article_text(article: PageArticle, image: str | None = None) -> str:
    """Front matter (title, date, source, url, author, image when known), then the paragraphs."""
    front: dict[str, object] = {"title": article.title}
    fields: tuple[tuple[str, object], ...] = (
        ("date", article.date), ("source", article.source), ("url", article.url),
        ("author", article.author), ("image", image))
    front.update((key, value) for key, value in fields if value)
    head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{head}---\n\n" + "\n\n".join(article.paragraphs) + "\n"


def write_article(path: Path, text: str) -> None:
    """Write the whole file or nothing (a half-written article would be built)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, path)
