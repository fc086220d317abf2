"""Optional YAML front matter between ``---`` lines at the very top of a file."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from digest.model import DigestError, Meta

KNOWN_KEYS = ("title", "date", "source", "url", "tags", "summary", "slug", "draft", "author", "image")
_FENCE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_SAFE_URL = re.compile(r"^https?://", re.I)


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so a bad date is our warning, not a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], str, int]:
    """Return (front matter mapping, body, number of lines the front matter took)."""
    if not text.startswith("---"):
        return {}, text, 0
    match = _FENCE.match(text)
    if match is None:
        if re.match(r"\A---[ \t]*\n", text):
            raise DigestError("front matter opened with '---' is never closed", path=path, line=1)
        return {}, text, 0
    try:
        data = yaml.load(match.group(1) or "", Loader=_Loader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "syntax error"
        raise DigestError(f"invalid front matter: {problem}", path=path, line=line) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DigestError("front matter must be a mapping of keys to values", path=path, line=2)
    consumed = match.group(0).count("\n")
    return data, text[match.end():], consumed


def _text(value: Any, key: str, path: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise DigestError(f"front matter '{key}' must be text", path=path)
    text = " ".join(str(value).split())
    return text or None


def parse_meta(data: dict[str, Any], path: str) -> tuple[Meta, tuple[str, ...]]:
    """Validate front matter keys; unknown keys and bad dates are warnings."""
    warnings: list[str] = []
    for key in data:
        if key not in KNOWN_KEYS:
            warnings.append(f"unknown front matter key {key!r} ignored (known: {', '.join(KNOWN_KEYS)})")
    date = _date(data.get("date"), warnings)
    tags = data.get("tags") or ()
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",")]
    if not isinstance(tags, (list, tuple)):
        raise DigestError("front matter 'tags' must be a list", path=path)
    summary = data.get("summary")
    if summary is not None:
        items = summary if isinstance(summary, list) else [summary]
        summary = tuple(t for t in (_text(s, "summary", path) for s in items) if t) or None
    url = _text(data.get("url"), "url", path)
    if url and not _SAFE_URL.match(url):
        warnings.append(f"front matter 'url' {url!r} is not an http(s) address; ignored")
        url = None
    draft = data.get("draft", False)
    if not isinstance(draft, bool):
        warnings.append("front matter 'draft' should be true or false; taken as false")
        draft = False
    meta = Meta(
        title=_text(data.get("title"), "title", path),
        date=date,
        source=_text(data.get("source"), "source", path),
        url=url,
        tags=tuple(t for t in (_text(t, "tags", path) for t in tags) if t),
        summary=summary,
        slug=_text(data.get("slug"), "slug", path),
        draft=draft,
        author=_text(data.get("author"), "author", path),
        image=_image(_text(data.get("image"), "image", path), warnings),
    )
    return meta, tuple(warnings)


# A lead image is a file the site serves itself (digest import copies it under
# content/images/): an address on another host would make readers' browsers call it.
_IMAGE = re.compile(r"images/[A-Za-z0-9][A-Za-z0-9._-]*\.(?:jpe?g|png|gif|webp|avif)", re.I)


def _image(value: str | None, warnings: list[str]) -> str | None:
    if value is None or _IMAGE.fullmatch(value):
        return value
    warnings.append(f"front matter 'image' {value!r} is not a picture under content/images/ "
                    "(images/NAME.jpg, .png, .gif, .webp or .avif); ignored")
    return None


def _date(value: Any, warnings: list[str]) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        warnings.append(f"front matter 'date' {value!r} is not a date (YYYY-MM-DD); the date stays unknown")
        return None
