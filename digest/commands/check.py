"""`digest check`: validate the content without rendering (same report)."""

from __future__ import annotations

from digest.commands.common import collect_with_progress, err, print_report, project
from digest.model import DigestError


def run(content: str | None, strict: bool = False) -> int:
    try:
        config, content_dir = project(content)
        collection = collect_with_progress(content_dir, config)
    except DigestError as exc:
        err.print(f"error: {exc}", markup=False)
        return 1
    print_report(collection, config)
    if collection.errors or (strict and collection.warning_count):
        return 1
    return 0
