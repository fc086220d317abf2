"""`digest build`: content/ → generated Markdown → MkDocs → site/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from digest.commands.common import collect_with_progress, err, out, print_report, project
from digest.config import SiteConfig
from digest.model import DigestError
from digest.pipeline import Collection
from digest.render import render_site
from digest.site.feed import build_feed
from digest.site.mkdocs_build import load_mkdocs_config, run_mkdocs, swap_in

BUILD_DIR = "build"


def docs_dir_of(config: SiteConfig) -> Path:
    return config.root / BUILD_DIR / "docs"


def generate(collection: Collection, config: SiteConfig, site_url: str):
    """Write the Markdown pages (and feed) of the collected articles into build/docs."""
    feed = build_feed(collection.articles, config, site_url)
    return render_site(collection.articles, config, docs_dir_of(config), extra_files={"feed.xml": feed})


def build_site(config: SiteConfig, collection: Collection, site_dir: Path, strict: bool) -> list[str]:
    """Render and run MkDocs into a temporary folder, then swap it in; returns MkDocs warnings."""
    staging = site_dir.with_name(f".{site_dir.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    docs_dir_of(config).mkdir(parents=True, exist_ok=True)
    mk = load_mkdocs_config(config.root, docs_dir_of(config), staging, strict=strict)
    generate(collection, config, mk.site_url or "/")
    try:
        warnings = run_mkdocs(mk)
        swap_in(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return warnings


def run(content: str | None, site_dir: str | None, strict: bool) -> int:
    try:
        config, content_dir = project(content)
        collection = collect_with_progress(content_dir, config)
        target = Path(site_dir) if site_dir else config.root / "site"
        mkdocs_warnings = build_site(config, collection, target.resolve(), strict)
    except DigestError as exc:
        err.print(f"error: {exc}", markup=False)
        return 1
    print_report(collection, config, config.root / BUILD_DIR / "report.json")
    for message in mkdocs_warnings:
        err.print(f"mkdocs warning: {message}", markup=False)
    out.print(f"site built in {target}", markup=False)
    if collection.errors:
        return 1
    if strict and (collection.warning_count or mkdocs_warnings):
        err.print("error: --strict: the build has warnings", markup=False)
        return 1
    return 0
