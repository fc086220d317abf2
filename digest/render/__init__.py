"""The render stage: ``Article`` objects become the Markdown pages of the site."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from digest.config import SiteConfig
from digest.model import Article
from digest.render.article_page import article_page
from digest.render.indexes import (
    TagPageParts,
    archive_page,
    collect_tags,
    home_page,
    tag_page,
    tags_index,
    tags_with_page,
    timeline_page,
)
from digest.render.writer import remove_stale, write_if_changed


@dataclass
class RenderResult:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def iter_pages(articles: list[Article], config: SiteConfig) -> Iterator[tuple[str, str]]:
    """(relative path in the docs folder, Markdown text) for every page of the
    site, one page at a time: a caller writing them keeps only one in memory."""
    section = config.settings["section"]
    tags = collect_tags(articles)
    with_page = tags_with_page(tags, config)
    for a in articles:
        yield f"{section}/{a.slug}.md", article_page(a, config, with_page)
    yield "index.md", home_page(articles, config, with_page)
    yield "archive.md", archive_page(articles, config)
    yield "tags/index.md", tags_index(tags, config, with_page)
    parts = TagPageParts(config)
    for tag_id, (tag, tagged) in tags.items():
        if tag_id in with_page:
            yield f"tags/{tag_id}.md", tag_page(tag, tagged, config, parts)
    yield "timeline/index.md", timeline_page(articles, config)


def generate_pages(articles: list[Article], config: SiteConfig) -> dict[str, str]:
    """Relative path in the docs folder → Markdown text, for the whole site (all in memory)."""
    return dict(iter_pages(articles, config))


def render_site(articles: list[Article], config: SiteConfig, docs_dir: Path,
                extra_files: dict[str, str | bytes] | None = None) -> RenderResult:
    """Write every page into ``docs_dir``; untouched pages keep their mtime.

    Pages are generated and written one at a time (``iter_pages``), so only one
    is in memory; ``written`` and ``unchanged`` list them in path order.
    """
    result = RenderResult()
    extra = dict(extra_files or {})
    keep: set[Path] = set()

    def write(relative: str, content: str | bytes) -> None:
        path = docs_dir / relative
        keep.add(path)
        (result.written if write_if_changed(path, content) else result.unchanged).append(path)

    for relative, content in iter_pages(articles, config):
        # An extra file of the same path replaces the page, as before.
        write(relative, extra.pop(relative) if relative in extra else content)
    for relative, content in extra.items():
        write(relative, content)
    result.written.sort()
    result.unchanged.sort()
    result.removed = remove_stale(docs_dir, keep)
    return result
