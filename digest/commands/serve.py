"""`digest serve`: live preview that rebuilds when content, config or theme change.

MkDocs's server runs in dirty mode: a rebuild renders only the pages whose
generated Markdown changed (see digest/site/serve_hooks.py). The project's
build lock is held while serving, since serve and build share build/.
"""

from __future__ import annotations

import logging
import os

from mkdocs.commands.serve import serve

from digest.commands.common import err, project
from digest.lock import BuildLock
from digest.model import DigestError
from digest.site.mkdocs_build import MKDOCS_FILE, not_dirty_notice


def _show_mkdocs_log() -> None:
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


def run(content: str | None, dev_addr: str | None) -> int:
    try:
        config, content_dir = project(content)
        lock = BuildLock(config.root, "serve")
        lock.acquire()
    except DigestError as exc:
        err.print(f"error: {exc}", markup=False)
        return 1
    os.environ["DIGEST_CONTENT"] = str(content_dir.resolve())
    os.environ["DIGEST_SERVE"] = "1"  # turns on digest/site/serve_hooks.py (run by the digest plugin)
    root = config.root
    (root / "build" / "docs").mkdir(parents=True, exist_ok=True)
    _show_mkdocs_log()
    options = {}
    if dev_addr:
        options["dev_addr"] = dev_addr
    try:
        serve(
            config_file=str(root / MKDOCS_FILE),
            livereload=True,
            build_type="dirty",
            watch_theme=True,
            watch=[str(content_dir), str(root / "site_config"), str(root / "theme")],
            **options,
        )
    finally:
        lock.release()
    return 0
