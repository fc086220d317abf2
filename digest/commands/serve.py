"""`digest serve`: live preview that rebuilds when content, config or theme change."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.commands.serve import serve

from digest.commands.common import err, project
from digest.model import DigestError


def run(content: str | None, dev_addr: str | None) -> int:
    try:
        config, content_dir = project(content)
    except DigestError as exc:
        err.print(f"error: {exc}", markup=False)
        return 1
    os.environ["DIGEST_CONTENT"] = str(content_dir.resolve())
    os.environ["DIGEST_SERVE"] = "1"  # turns on digest/site/serve_hooks.py
    root = config.root
    (root / "build" / "docs").mkdir(parents=True, exist_ok=True)
    options = {}
    if dev_addr:
        options["dev_addr"] = dev_addr
    serve(
        config_file=str(root / "mkdocs.yml"),
        livereload=True,
        watch_theme=True,
        watch=[str(content_dir), str(root / "site_config"), str(root / "theme")],
        **options,
    )
    return 0
