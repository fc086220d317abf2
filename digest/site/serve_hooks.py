"""MkDocs hooks used by `digest serve`: regenerate the pages before each rebuild.

Run by the digest MkDocs plugin (digest/site/plugin.py) but active only
under `digest serve` (which sets DIGEST_SERVE), so MkDocs's own live-reload
server watches content/, site_config/ and theme/ and every rebuild starts
from fresh articles, while `digest build` (which generates the pages itself)
is not slowed down.

Rebuilds are incremental like `digest build`'s: extractions come from the
cache, and MkDocs (run by serve in dirty mode) renders only the pages whose
Markdown changed, with ``IncrementalSite`` completing the search index and
deleting removed pages. When mkdocs.yml, theme/ or site_config/ changed since
the previous rebuild, the preview folder is emptied first, so every page is
rendered again.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger("mkdocs.digest")


def on_config(config, **kwargs):
    """Add the incremental-site plugin, knowing the previous rebuild's outputs."""
    if not os.environ.get("DIGEST_SERVE"):
        return config
    from digest.site import mkdocs_build

    previous = mkdocs_build.SERVE_STATE.get(config.site_dir)
    plugin = mkdocs_build.IncrementalSite(dirty=True, previous=previous.outputs if previous else None)
    config.plugins[mkdocs_build.PLUGIN_NAME] = plugin
    return config


def on_pre_build(config, **kwargs) -> None:
    """Collect and render the articles into the docs folder MkDocs is about to read.

    A broken site_config/ file stops the rebuild with its file and line (an
    error MkDocs logs as such, not a traceback); the preview keeps the last
    good build, and the next change rebuilds.
    """
    if not os.environ.get("DIGEST_SERVE"):
        return
    from mkdocs.exceptions import PluginError

    from digest.model import DigestError

    try:
        _regenerate(config)
    except DigestError as exc:
        raise PluginError(f"digest: {exc}") from None


def _regenerate(config) -> None:
    from mkdocs.utils import clean_directory

    from digest.cache import ExtractionCache, FileDigests
    from digest.commands.build import generate
    from digest.config import load_config
    from digest.pipeline import collect, content_candidates
    from digest.site import mkdocs_build

    site_config = load_config(Path(config.config_file_path).parent)
    content_dir = Path(os.environ.get("DIGEST_CONTENT") or site_config.root / "content")
    # As `digest build`: only the files whose size, times or inode changed are read.
    known = FileDigests(site_config.root)
    candidates = content_candidates(content_dir, site_config)
    collection = collect(content_dir, site_config, cache=ExtractionCache.for_project(site_config),
                         candidates=candidates, digests=known.of(candidates))
    known.save()
    for report in collection.errors:
        log.warning(f"{report.path}: {report.detail}")
    generate(collection, site_config, config.site_url or "/")
    inputs = mkdocs_build.site_inputs(site_config.root, Path(config.site_dir))
    previous = mkdocs_build.SERVE_STATE.get(config.site_dir)
    if (previous is not None and previous.inputs != inputs) or mkdocs_build.dirty_unsafe(config):
        clean_directory(config.site_dir)  # every page is then "modified": a full rebuild
    plugin = config.plugins[mkdocs_build.PLUGIN_NAME]
    plugin.inputs = inputs
    mkdocs_build.SERVE_STATE[config.site_dir] = plugin
    log.info(f"digest: articles {collection.extraction}")
