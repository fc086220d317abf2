"""The render stage: ``Article`` objects become the Markdown pages of the site."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from digest.config import SiteConfig
from digest.model import Article
from digest.render.article_page import article_page
from digest.render.indexes import archive_page, collect_tags, home_page, tag_page, tags_index, timeline_page
from digest.render.writer import remove_stale, write_if_changed


@dataclass
class RenderResult:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def generate_pages(articles: list[Article], config: SiteConfig) -> dict[str, str]:
    """Relative path in the docs folder → Markdown text, for the whole site."""
    section = config.settings["section"]
    pages = {f"{section}/{a.slug}.md": article_page(a, config) for a in articles}
    tags = collect_tags(articles)
    pages["index.md"] = home_page(articles, config)
    pages["archive.md"] = archive_page(articles, config)
    pages["tags/index.md"] = tags_index(tags, config)
    for tag_id, (tag, tagged) in tags.items():
        pages[f"tags/{tag_id}.md"] = tag_page(tag, tagged, config)
    pages["timeline/index.md"] = timeline_page(articles, config)
    return pages


def render_site(articles: list[Article], config: SiteConfig, docs_dir: Path,
                extra_files: dict[str, str | bytes] | None = None) -> RenderResult:
    """Write every page into ``docs_dir``; untouched pages keep their mtime."""
    result = RenderResult()
    files: dict[str, str | bytes] = dict(generate_pages(articles, config))
    files.update(extra_files or {})
    keep: set[Path] = set()
    for relative, content in sorted(files.items()):
        path = docs_dir / relative
        keep.add(path)
        (result.written if write_if_changed(path, content) else result.unchanged).append(path)
    result.removed = remove_stale(docs_dir, keep)
    return result
