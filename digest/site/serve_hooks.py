"""`digest serve`'s rebuilds: regenerate the pages before MkDocs renders them.

The `digest` plugin calls these when its ``serve`` option is on (`digest
serve` sets it), so that MkDocs's live-reload server watches content/,
site_config/ and theme/ and every rebuild starts from fresh articles.

Rebuilds are incremental like `digest build`'s: extractions come from the
cache, and MkDocs (run by serve in dirty mode) renders only the pages whose
Markdown changed, with ``IncrementalSite`` completing the search index and
deleting removed pages. When mkdocs.yml, theme/ or site_config/ changed since
the previous rebuild, the preview folder is emptied first, so every page is
rendered again. The console shows the warnings of every file that has any,
the first time and whenever they change.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import clean_directory

from digest.cache import ExtractionCache, FileDigests
from digest.config import load_config
from digest.model import DigestError
from digest.pipeline import Collection, collect, content_candidates
from digest.site import mkdocs_build
from digest.site.generate import generate

log = logging.getLogger("mkdocs.digest")

# Each file's warnings as the previous rebuild showed them, per preview folder.
_shown_warnings: dict[str, dict[str, tuple[str, ...]]] = {}


def add_incremental_site(config) -> None:
    """Add the incremental-site plugin, knowing the previous rebuild's outputs."""
    previous = mkdocs_build.SERVE_STATE.get(config.site_dir)
    plugin = mkdocs_build.IncrementalSite(dirty=True, previous=previous.outputs if previous else None)
    config.plugins[mkdocs_build.PLUGIN_NAME] = plugin


def regenerate(config, content: str | None) -> None:
    """Collect and render the articles of ``content`` (default: content/) into
    the docs folder MkDocs is about to read.

    A broken site_config/ file stops the rebuild with its file and line (an
    error MkDocs logs as such, not a traceback); the preview keeps the last
    good build, and the next change rebuilds.
    """
    try:
        _regenerate(config, content)
    except DigestError as exc:
        raise PluginError(f"digest: {exc}") from None


def _regenerate(config, content: str | None) -> None:
    site_config = load_config(Path(config.config_file_path).parent)
    content_dir = Path(content) if content else site_config.root / "content"
    # As `digest build`: only the files whose size, times or inode changed are read.
    known = FileDigests(site_config.root)
    candidates = content_candidates(content_dir, site_config)
    collection = collect(content_dir, site_config, cache=ExtractionCache.for_project(site_config),
                         candidates=candidates, digests=known.of(candidates))
    known.save()
    show_problems(collection, _shown_warnings.setdefault(config.site_dir, {}))
    generate(collection, site_config, config.site_url or "/")
    inputs = mkdocs_build.site_inputs(site_config.root, Path(config.site_dir))
    previous = mkdocs_build.SERVE_STATE.get(config.site_dir)
    if (previous is not None and previous.inputs != inputs) or mkdocs_build.dirty_unsafe(config):
        clean_directory(config.site_dir)  # every page is then "modified": a full rebuild
    plugin = config.plugins[mkdocs_build.PLUGIN_NAME]
    plugin.inputs = inputs
    mkdocs_build.SERVE_STATE[config.site_dir] = plugin
    log.info(f"digest: articles {collection.extraction}")


def show_problems(collection: Collection, shown: dict[str, tuple[str, ...]]) -> None:
    """Log every refused file, and each file's warnings (encoding, date, tags)
    unless the previous rebuild showed the same ones; ``shown`` is updated."""
    for report in collection.errors:
        log.warning(f"{report.path}: refused: {report.detail}")
    now = {r.path: tuple(r.warnings) for r in collection.reports if r.warnings}
    for path, warnings in now.items():
        if shown.get(path) != warnings:
            for warning in warnings:
                log.warning(f"{path}: {warning}")
    shown.clear()
    shown.update(now)
