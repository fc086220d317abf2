"""The render stage: ``Article`` objects become the Markdown pages of the site."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterator

from digest.config import SiteConfig
from digest.model import Article
from digest.render.article_page import article_facts, article_page
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


# Facts about every page for the site stage (kind, date, tags: what the
# sitemap's lastmods need), in one file: an incremental build would otherwise
# read the front matter of every page MkDocs skips. A dotfile, which MkDocs
# leaves out of the site.
FACTS_FILE = ".digest-pages.json"


def _plan(articles: list[Article], config: SiteConfig) -> Iterator[tuple[str, dict, Callable[[], str]]]:
    """(path in the docs folder, facts, function making its Markdown) for every page."""
    section = config.settings["section"]
    tags = collect_tags(articles)
    with_page = tags_with_page(tags, config)
    for a in articles:
        yield f"{section}/{a.slug}.md", article_facts(a), partial(article_page, a, config, with_page)
    yield "index.md", {"kind": "home"}, partial(home_page, articles, config, with_page)
    yield "archive.md", {"kind": "archive"}, partial(archive_page, articles, config)
    yield "tags/index.md", {"kind": "tags"}, partial(tags_index, tags, config, with_page)
    parts = TagPageParts(config)
    for tag_id, (tag, tagged) in tags.items():
        if tag_id in with_page:
            yield f"tags/{tag_id}.md", {"kind": "tag"}, partial(tag_page, tag, tagged, config, parts)
    yield "timeline/index.md", {"kind": "timeline"}, partial(timeline_page, articles, config)


def iter_pages(articles: list[Article], config: SiteConfig) -> Iterator[tuple[str, str]]:
    """(relative path in the docs folder, Markdown text) for every page of the
    site, one page at a time: a caller writing them keeps only one in memory."""
    for relative, _, make in _plan(articles, config):
        yield relative, make()


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

    facts: dict[str, dict] = {}
    for relative, page_facts, make in _plan(articles, config):
        # An extra file of the same path replaces the page, as before.
        write(relative, extra.pop(relative) if relative in extra else make())
        facts[relative] = page_facts
    for relative, content in extra.items():
        write(relative, content)
    write(FACTS_FILE, json.dumps(facts, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    result.written.sort()
    result.unchanged.sort()
    result.removed = remove_stale(docs_dir, keep)
    return result
