"""The live preview: MkDocs's server with the `digest` plugin regenerating the pages.

The plugin's options are set through MkDocs's configuration overrides
(``serve: true``, ``content``), never through environment variables; the
project's build lock is held while serving, since serve and build share build/.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.commands.serve import serve
from mkdocs.utils.yaml import yaml_load

from digest.config import SiteConfig
from digest.lock import BuildLock
from digest.model import DigestError
from digest.site.mkdocs_build import MKDOCS_FILE, not_dirty_notice

PLUGIN = "digest"


def preview_plugins(mkdocs_yml: Path, content_dir: Path) -> dict:
    """mkdocs.yml's ``plugins`` as a mapping (MkDocs's list form is consumed
    when read, and its server reads the overrides again for every rebuild),
    the `digest` plugin's options set for serving."""
    try:
        with open(mkdocs_yml, encoding="utf-8") as stream:
            raw = yaml_load(stream) or {}
    except OSError as exc:
        raise DigestError(f"cannot read: {exc}", path=str(mkdocs_yml)) from None
    listed = raw.get("plugins") or []
    if isinstance(listed, dict):
        listed = [{name: options} for name, options in listed.items()]
    plugins: dict = {}
    for item in listed:
        name, options = (item, None) if isinstance(item, str) else next(iter(item.items()))
        plugins[name] = dict(options or {})
    if PLUGIN not in plugins:
        raise DigestError(f"mkdocs.yml lists no '{PLUGIN}' plugin: the preview could not regenerate the pages",
                          path=str(mkdocs_yml))
    plugins[PLUGIN] |= {"serve": True, "content": str(content_dir.resolve())}
    return plugins


def show_mkdocs_log() -> None:
    """MkDocs's own messages ("Serving on …", rebuilds, warnings), as `mkdocs serve` shows them."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logging.getLogger("mkdocs.commands.build").addFilter(not_dirty_notice)
    # One line per article and tag page is noise for a digest (the nav lists sections only).
    logging.getLogger("mkdocs.structure.nav").addFilter(
        lambda record: "not included in the \"nav\"" not in record.getMessage())


def run_preview(config: SiteConfig, content_dir: Path, dev_addr: str | None) -> None:
    """Serve the site until interrupted. Raises DigestError when it cannot start
    (another build or preview holds the lock, mkdocs.yml unreadable)."""
    root = config.root
    plugins = preview_plugins(root / MKDOCS_FILE, content_dir)
    with BuildLock(root, "serve"):
        (root / "build" / "docs").mkdir(parents=True, exist_ok=True)
        show_mkdocs_log()
        options = {"dev_addr": dev_addr} if dev_addr else {}
        serve(config_file=str(root / MKDOCS_FILE), livereload=True, build_type="dirty", watch_theme=True,
              watch=[str(content_dir), str(root / "site_config"), str(root / "theme")], plugins=plugins,
              **options)
