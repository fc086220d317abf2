"""MkDocs hooks used by `digest serve`: regenerate the pages before each rebuild.

Listed in mkdocs.yml but active only under `digest serve` (which sets
DIGEST_SERVE), so MkDocs's own live-reload server watches content/,
site_config/ and theme/ and every rebuild starts from fresh articles, while
`digest build` (which generates the pages itself) is not slowed down.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger("mkdocs.digest")


def on_pre_build(config, **kwargs) -> None:
    """Collect and render the articles into the docs folder MkDocs is about to read."""
    if not os.environ.get("DIGEST_SERVE"):
        return
    from digest.commands.build import generate
    from digest.config import load_config
    from digest.pipeline import collect

    site_config = load_config(Path(config.config_file_path).parent)
    content_dir = Path(os.environ.get("DIGEST_CONTENT") or site_config.root / "content")
    collection = collect(content_dir, site_config)
    for report in collection.errors:
        log.warning(f"{report.path}: {report.detail}")
    generate(collection, site_config, config.site_url or "/")
