"""What every command shares: finding the project, collecting, reporting."""

from __future__ import annotations

import json
import time
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from digest.cache import ExtractionCache
from digest.config import SiteConfig, find_project_root, load_config
from digest.model import DigestError
from digest.ingest.discover import Candidate
from digest.pipeline import Collection, collect, content_candidates

# Above this many files the report lists only files with problems on screen;
# the full report (every file) is always written to build/report.json.
SCREEN_REPORT_LIMIT = 200
PROGRESS_THRESHOLD = 50
REFRESH_SECONDS = 0.1

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def project(content: str | None) -> tuple[SiteConfig, Path]:
    root = find_project_root()
    config = load_config(root)
    return config, Path(content) if content else root / "content"


def collect_with_progress(content_dir: Path, config: SiteConfig, use_cache: bool = True,
                          candidates: list[Candidate] | None = None,
                          digests: dict[str, str] | None = None) -> Collection:
    """``collect`` with a progress bar on a terminal, through the extraction cache."""
    cache = ExtractionCache.for_project(config) if use_cache else None
    if candidates is None:
        candidates = content_candidates(content_dir, config)
    if len(candidates) < PROGRESS_THRESHOLD or not err.is_terminal:
        return collect(content_dir, config, cache=cache, candidates=candidates, digests=digests)
    columns = (TextColumn("[bold]Extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    # Refreshed here, not by rich's refresh thread: a process with a second
    # thread must not fork (digest.cores.fork_unsafe), and the extraction
    # workers and the page writers are forked.
    with Progress(*columns, console=err, transient=True, auto_refresh=False) as progress:
        task = progress.add_task("extract", total=len(candidates))
        shown = [0.0]

        def advance() -> None:
            progress.advance(task)
            now = time.monotonic()
            if now - shown[0] >= REFRESH_SECONDS:
                shown[0] = now
                progress.refresh()

        return collect(content_dir, config, advance=advance, cache=cache, candidates=candidates,
                       digests=digests)


def collect_project(content: str | None) -> tuple[SiteConfig, Collection] | None:
    """Find the project and collect its articles; None (the error printed) when it cannot."""
    try:
        config, content_dir = project(content)
        return config, collect_with_progress(content_dir, config)
    except DigestError as exc:
        err.print(f"error: {exc}", markup=False)
        return None


STATUS_STYLE = {"published": "green", "draft": "yellow", "refused": "bold red", "skipped": "dim"}


def print_report(collection: Collection, config: SiteConfig, report_file: Path | None = None) -> None:
    """One line per input file (or per problem file for large content), then totals."""
    reports = collection.reports
    section = config.settings["section"]
    show_all = len(reports) <= SCREEN_REPORT_LIMIT
    # One Text printed once, not a console.print call per file. Styled pieces,
    # not markup, so that a "[" in a file name or a warning is printed as it is.
    lines: list[Text] = []
    for r in reports:
        if not show_all and r.status == "published" and not r.warnings:
            continue
        where = f"/{section}/{r.slug}/" if r.slug else r.detail
        lines.append(Text.assemble((f"{r.status:<9}", STATUS_STYLE.get(r.status, "")), f" {r.path}  →  {where}"))
        lines.extend(Text.assemble("          ", ("warning:", "yellow"), f" {warning}") for warning in r.warnings)
    if lines:
        out.print(Text("\n").join(lines))
    for r in collection.errors:
        err.print(f"{r.path}: error: {r.detail}", markup=False)
    counts: dict[str, int] = {}
    for r in reports:
        counts[r.status] = counts.get(r.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in counts.items()) or "no files"
    out.print(f"{len(reports)} files: {summary}; {collection.warning_count} warnings", markup=False)
    out.print(f"extraction: {collection.extraction}", markup=False)
    if collection.discovered:
        shown = ", ".join(f"{label} ({n})" for label, n in collection.discovered[:8])
        more = len(collection.discovered) - 8
        out.print(f"tags not in the vocabulary: {len(collection.discovered)}: {shown}"
                  + (f" and {more} more" if more > 0 else "")
                  + "; `digest tags` lists them ready to add to site_config/vocabulary/", markup=False)
    if report_file is not None:
        report_file.parent.mkdir(parents=True, exist_ok=True)
        report_file.write_text(json.dumps([r.__dict__ for r in reports], ensure_ascii=False, indent=1), "utf-8")
        if not show_all:
            out.print(f"full report of every file: {report_file}", markup=False)
