"""Reads one article file into a ``Document``: the ingest stage's entry point."""

from __future__ import annotations

from typing import TYPE_CHECKING

import re
from pathlib import Path

from digest import kazakh
from digest.ingest.clean import clean
from digest.ingest.decode import check_letters, decode
from digest.ingest.frontmatter import key_lines, parse_meta, split_front_matter
from digest.ingest.language import language_of
from digest.ingest.source import load_outlets
from digest.model import DigestError, Document
from digest.text import content_digest

if TYPE_CHECKING:  # only a type here: config loads the vocabulary through extract
    from digest.config import SiteConfig


# Line breaks besides \n: Word's manual break (\v), form feed, NEL, and
# Unicode's line and paragraph separators (pasted web text). Each ends a line,
# so two lines never run together into one sentence.
_BREAKS = re.compile("[\r\v\f\x85\u2028\u2029]")


def normalize_newlines(text: str) -> str:
    text = text.replace("\r\n", "\n")
    return _BREAKS.sub("\n", text) if _BREAKS.search(text) else text


def read_document(path: Path, config: SiteConfig, display: str | None = None) -> Document:
    """Read, decode, split front matter, normalise and clean one article file.

    Raises DigestError (naming the file) when the file cannot become an article.
    """
    shown = display or str(path)
    limit = int(config.settings["max_article_bytes"])
    try:
        size = path.stat().st_size
        if size > limit:
            raise DigestError(
                f"file is {size / 1e6:.1f} MB, over the limit of {limit / 1e6:.1f} MB "
                "(max_article_bytes in site_config/digest.yml)",
                path=shown,
            )
        data = path.read_bytes()
    except OSError as exc:
        raise DigestError(f"cannot read: {exc.strerror or exc}", path=shown) from None
    return parse_document(data, config, shown, path)


def parse_document(data: bytes, config: SiteConfig, shown: str, file: Path | None = None) -> Document:
    """The bytes-to-Document part of ``read_document`` (no file system); ``file``
    is where the bytes came from, if anywhere (the git date is read for it)."""
    if not data.strip():
        raise DigestError("file is empty", path=shown)
    text, warnings = decode(data, shown)
    text = normalize_newlines(text)
    check_letters(text, shown)
    front, body, _ = split_front_matter(text, shown)
    meta, meta_warnings = parse_meta(front, shown, key_lines(text[: len(text) - len(body)]) if front else None)
    body = kazakh.normalize(body)
    cleaned = clean(body, config.boilerplate, config.source_patterns, load_outlets(config.config_dir))
    if not any(b.kind != "headline" for b in cleaned.blocks):
        what = "only boilerplate" if cleaned.removed else "no text"
        raise DigestError(f"article has {what} after cleaning", path=shown)
    text = "\n".join(block.text for block in cleaned.blocks)
    language = language_of(text)
    if language:
        meta_warnings += (f"the article reads as {language}, not Kazakh: it is published, but its names, "
                          "tags and dates are found by Kazakh rules",)
    return Document(
        path=shown,
        file=str(file.resolve()) if file is not None else "",
        meta=meta,
        blocks=cleaned.blocks,
        text=text,
        headline=cleaned.headline,
        source_hint=cleaned.source_hint,
        dateline=cleaned.dateline,
        removed=cleaned.removed,
        warnings=warnings + meta_warnings,
        content_hash=content_digest(data),
    )
