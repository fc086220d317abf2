"""Optional YAML front matter between ``---`` lines at the very top of a file."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from digest.ingest.datetext import parse_date
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
        raise DigestError(f"invalid front matter: {_problem(exc)}", path=path, line=_error_line(exc)) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DigestError("front matter must be a mapping of keys to values", path=path, line=2)
    consumed = match.group(0).count("\n")
    return data, text[match.end():], consumed


def _error_line(exc: yaml.YAMLError) -> int:
    """The file line an editor must fix: where the broken construct opened
    (an unclosed quote or bracket), not where the parser gave up (often the
    closing ``---``). The front matter's first line is the file's second."""
    context = getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem_mark", None)
    # A block mapping's context is its first key, far from the fault: not that one.
    opened = context is not None and "block" not in (getattr(exc, "context", None) or "")
    mark = context if opened and (problem is None or context.line < problem.line) else problem
    return mark.line + 2 if mark is not None else 1


def _problem(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or "syntax error"
    context = getattr(exc, "context", None)
    return f"{context}: {problem}" if context else problem


def key_lines(head: str) -> dict[str, int]:
    """The file line of each top-level key in ``head``, the file's text up to the front matter's end."""
    return {m.group(1): head.count("\n", 0, m.start()) + 1
            for m in re.finditer(r"^([A-Za-z_][\w-]*)[ \t]*:", head, re.M)}


def _text(value: Any, key: str, path: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise DigestError(f"front matter '{key}' must be text", path=path)
    text = " ".join(str(value).split())
    return text or None


def parse_meta(data: dict[str, Any], path: str,
               lines: dict[str, int] | None = None) -> tuple[Meta, tuple[str, ...]]:
    """Validate front matter keys; unknown keys and bad dates are warnings
    (naming their line when ``lines``, from ``key_lines``, says where they are)."""
    lines = lines or {}

    def at(key: str) -> str:
        return f"line {lines[key]}: " if key in lines else ""

    warnings: list[str] = []
    for key in data:
        if key not in KNOWN_KEYS:
            warnings.append(f"{at(str(key))}unknown front matter key {key!r} ignored (known: {', '.join(KNOWN_KEYS)})")
    date = _date(data.get("date"), warnings, at("date"))
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


def _date(value: Any, warnings: list[str], where: str = "") -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    date = parse_date(str(value))
    if date is None:
        warnings.append(f"{where}front matter 'date' {value!r} is not a date (write 2024-03-15, "
                        "15.03.2024 or 15 наурыз 2024); the date stays unknown")
    return date
