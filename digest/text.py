"""Small text helpers shared by stages that must not import each other."""

from __future__ import annotations

import hashlib

ELLIPSIS = "…"


def content_digest(data: bytes) -> str:
    """The hash of a content file's bytes: ``Document.content_hash``, and what
    the build records and keys the extraction cache by."""
    return hashlib.sha256(data).hexdigest()


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` at a word boundary so it fits ``limit`` characters (with "…")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–-—«\"") + ELLIPSIS
