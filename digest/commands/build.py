"""`digest build`: content/ → generated Markdown → MkDocs → site/ (digest.orchestrate.build)."""

from __future__ import annotations

from pathlib import Path

from digest.commands.common import collect_with_progress, err, out, print_report, project
from digest.model import DigestError
from digest.orchestrate.build import build_project
from digest.site.generate import BUILD_DIR


def run(content: str | None, site_dir: str | None, strict: bool) -> int:
    try:
        config, content_dir = project(content)
        target = (Path(site_dir) if site_dir else config.root / "site").resolve()
        say = (lambda message: err.print(f"{message}…", style="dim", markup=False)) if err.is_terminal else None
        outcome = build_project(config, content_dir, target, strict, collect_with_progress, say)
    except DigestError as exc:
        err.print(f"error: {exc}", markup=False)
        return 1
    except KeyboardInterrupt:
        err.print("interrupted: site/ still holds a complete build", markup=False)
        return 130
    collection = outcome.collection
    print_report(collection, config, config.root / BUILD_DIR / "report.json")
    for message in outcome.warnings:
        err.print(f"mkdocs warning: {message}", markup=False)
    if outcome.site is None:
        out.print(f"pages: 0 of {outcome.pages} rendered (nothing changed since the last build)", markup=False)
        out.print(f"site up to date in {target}", markup=False)
        return _exit_code(collection, outcome.warnings, strict=False)
    how = "incremental" if outcome.site.incremental else f"full build: {outcome.site.reason}"
    out.print(f"pages: {outcome.site.rendered} of {outcome.site.pages} rendered ({how})", markup=False)
    out.print(f"site built in {target}", markup=False)
    return _exit_code(collection, outcome.warnings, strict)


def _exit_code(collection, warnings: list[str], strict: bool) -> int:
    if collection.errors:
        return 1
    if strict and (collection.warning_count or warnings):
        err.print("error: --strict: the build has warnings", markup=False)
        return 1
    return 0
