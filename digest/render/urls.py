"""Links written as raw HTML: relative URLs from a page's own URL.

MkDocs rewrites Markdown links (``[x](page.md)``) itself, but the digest's
listings and wrappers are raw HTML blocks, which Python-Markdown only stashes
(that is what keeps them cheap), so their links are computed here. With
``use_directory_urls`` a docs file ``a/b.md`` is served at ``/a/b/`` and
``a/index.md`` at ``/a/``; a link from a page climbs to the site root with one
``../`` per folder of its URL, then goes down to the target.
"""

from __future__ import annotations

from urllib.parse import quote


def page_url(path: str) -> str:
    """The URL (relative to the site root) of a docs-relative Markdown path."""
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def root_of(path: str) -> str:
    """From the page of ``path`` back to the site root: "", "../", "../../"."""
    return "../" * page_url(path).count("/")


def article_url(root: str, section: str, slug: str) -> str:
    return f"{root}{quote(section)}/{quote(slug)}/"


def tag_url(root: str, tag_id: str) -> str:
    return f"{root}tags/{quote(tag_id)}/"
