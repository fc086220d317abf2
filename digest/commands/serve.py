"""`digest serve`: live preview that rebuilds when content, config or theme change
(digest.orchestrate.serve)."""

from __future__ import annotations

from digest.commands.common import err, project
from digest.model import DigestError
from digest.orchestrate.serve import run_preview


def run(content: str | None, dev_addr: str | None) -> int:
    try:
        config, content_dir = project(content)
        run_preview(config, content_dir, dev_addr)
    except DigestError as exc:
        err.print(f"error: {exc}", markup=False)
        return 1
    return 0
