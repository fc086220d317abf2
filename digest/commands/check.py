"""`digest check`: validate the content without rendering (same report)."""

from __future__ import annotations

from digest.commands.common import collect_project, print_report


def run(content: str | None, strict: bool = False) -> int:
    collected = collect_project(content)
    if collected is None:
        return 1
    config, collection = collected
    print_report(collection, config)
    if collection.errors or (strict and collection.warning_count):
        return 1
    return 0
