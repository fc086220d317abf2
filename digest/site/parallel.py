"""Full builds on every core: forked processes render shares of the pages.

MkDocs renders pages one after another, and its work per page (Markdown,
Material's templates, the search plugin's parser) is most of a full build: a
digest of 1,000 articles has about 2,000 pages (every tag has one). So a full
build splits the pages into one share per core (at most MAX_PROCESSES), dealt
out in source order so that articles and tag pages fall into every share.
Forked processes render their shares into folders of their own while this
process renders the first; each runs MkDocs in dirty mode with the other
shares marked "not modified", so MkDocs neither reads nor writes them. Then
the forked shares' HTML files are moved into the staging folder and the
search indexes merged in the pages' order, as incremental builds merge theirs.
Only this process copies the theme's files and writes the sitemap, 404 page
and feed. The site equals a one-process build byte for byte
(tests/site/test_parallel.py).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from digest.cores import fork_unsafe, usable_cores
from digest.model import DigestError
from digest.site.mkdocs_build import (
    SEARCH_INDEX,
    IncrementalSite,
    load_mkdocs_config,
    merge_search_index,
    run_mkdocs,
    untitled_nav_paths,
)

SPLIT_MIN_PAGES = 300  # below this, forks and more MkDocs start-ups cost more than they save
MAX_PROCESSES = 4  # MkDocs's start-up (about 1 s) is paid once per process
SHARE_PLUGIN = "digest/share"
RESULT_FILE = "share-result.json"


def processes() -> int:
    """How many MkDocs processes a split build runs: the cores this process may
    use, at most MAX_PROCESSES."""
    return max(1, min(usable_cores(), MAX_PROCESSES))


def split_unavailable(pages: int) -> str | None:
    """Why this build renders in one process, if it does."""
    if processes() < 2:
        return "one core"
    if pages < SPLIT_MIN_PAGES:
        return "few pages"
    return fork_unsafe()


def deal_shares(pages: list[str], nav_pages: set[str], count: int) -> list[set[str]]:
    """``count`` shares of the pages, dealt out in sorted order; the nav's pages
    are all in the first (this process's, where the theme's files are written)."""
    shares: list[set[str]] = [set() for _ in range(count)]
    for i, page in enumerate(sorted(p for p in pages if p not in nav_pages)):
        shares[i % count].add(page)
    shares[0] |= set(pages) & nav_pages
    return shares


def nav_paths(nav) -> set[str]:
    """Every page mkdocs.yml's nav lists, with or without a title."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, list):
        return set().union(set(), *(nav_paths(item) for item in nav))
    if isinstance(nav, dict):
        return set().union(set(), *(nav_paths(value) for value in nav.values()))
    return set()


class PageShare(BasePlugin):
    """Marks the pages outside ``share`` as unmodified, so that MkDocs's dirty
    mode skips them; with ``pages_only``, also drops every file that is not a
    page (the first process copies those)."""

    def __init__(self, share: set[str], pages_only: bool = False):
        super().__init__()
        self.share = share
        self.pages_only = pages_only

    @event_priority(-50)  # after the hooks that add files, before IncrementalSite records them
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.pages_only:
            files = Files([f for f in files if f.is_documentation_page()])
        for f in files.documentation_pages():
            in_share = f.src_uri in self.share
            f.is_modified = lambda in_share=in_share: in_share  # type: ignore[method-assign]
        return files


def run_mkdocs_split(root: Path, docs_dir: Path, staging: Path, strict: bool, config: MkDocsConfig,
                     plugin: IncrementalSite) -> list[str]:
    """Build into ``staging`` (empty) on ``processes()`` processes; MkDocs's warnings of all."""
    pages = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    ours, *theirs = deal_shares(pages, nav_paths(config.nav), processes())
    # Every process renders the nav pages without a title in mkdocs.yml: every
    # page shows their title, which MkDocs reads from the page itself.
    untitled = untitled_nav_paths(config.nav)
    context = multiprocessing.get_context("fork")
    base = staging.name.rsplit("-", 1)[0]  # recover_interrupted() finds these by the trailing pid
    helpers = []
    for n, share in enumerate(theirs, 1):
        folder = staging.with_name(f"{base}-share{n}-{os.getpid()}")
        shutil.rmtree(folder, ignore_errors=True)
        process = context.Process(target=_render_share, args=(root, docs_dir, folder, strict, share | untitled),
                                  daemon=True)
        process.start()
        helpers.append((process, folder, share))
    try:
        config.plugins[SHARE_PLUGIN] = PageShare(ours)
        plugin.split_share = True
        warnings = run_mkdocs(config, dirty=True, plugin=plugin)
        assert plugin.files is not None
        indexes = [(staging / SEARCH_INDEX, set(plugin.rendered))]
        for process, folder, share in helpers:
            process.join()
            result = _read_result(folder, process.exitcode)
            _move_pages(folder, staging, plugin.files, share)
            warnings += [w for w in result["warnings"] if w not in warnings]
            plugin.rendered |= set(result["rendered"])
            indexes.append((folder / SEARCH_INDEX, set(result["rendered"])))
        _merge_indexes(indexes, plugin.files)
        return warnings
    finally:
        for process, folder, _ in helpers:
            if process.is_alive():
                process.kill()
                process.join()
            shutil.rmtree(folder, ignore_errors=True)


def _render_share(root: Path, docs_dir: Path, site_dir: Path, strict: bool, share: set[str]) -> None:
    """A forked process: render ``share`` into ``site_dir``, leave the outcome in RESULT_FILE."""
    try:
        config = load_mkdocs_config(root, docs_dir, site_dir, strict=strict)
        config.plugins[SHARE_PLUGIN] = PageShare(share, pages_only=True)
        plugin = IncrementalSite(split_share=True)
        warnings = run_mkdocs(config, dirty=True, plugin=plugin)
        result = {"warnings": warnings, "rendered": sorted(plugin.rendered)}
    except DigestError as exc:
        result = {"error": exc.message}
    except Exception as exc:  # reported by the parent, which fails the build
        result = {"error": f"{type(exc).__name__}: {exc}"}
    site_dir.mkdir(parents=True, exist_ok=True)
    (site_dir / RESULT_FILE).write_text(json.dumps(result), "utf-8")


def _read_result(folder: Path, exitcode: int | None) -> dict:
    try:
        result = json.loads((folder / RESULT_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        raise DigestError(f"MkDocs build failed: a build process ended without a result "
                          f"(exit code {exitcode})") from None
    if "error" in result:
        raise DigestError(result["error"])
    return result


def _move_pages(folder: Path, staging: Path, files: Files, share: set[str]) -> None:
    for f in files.documentation_pages():
        if f.src_uri in share:
            target = staging / f.dest_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(folder / f.dest_uri, target)


def _merge_indexes(indexes: list[tuple[Path, set[str]]], files: Files) -> None:
    """Our index (first) and the helpers', into ours."""
    ours = indexes[0][0]
    if not ours.is_file():
        return  # no search plugin
    sources = [(json.loads(path.read_text("utf-8")), urls) for path, urls in indexes]
    ours.write_text(merge_search_index(sources, files), "utf-8")
