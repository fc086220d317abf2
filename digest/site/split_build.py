"""A full build on two cores: the article pages and the others, two MkDocs builds at once.

MkDocs renders one page after another, in one process, and only half of the
digest's pages are articles (the others are tag pages, mostly). A full build
(and every publish build, which is full) therefore runs two ordinary MkDocs
builds of the same mkdocs.yml at once, told apart by MkDocs's own
``exclude_docs`` option:

* this process builds the article pages and the nav's pages (every page's
  header shows the nav) into the staging folder; the search index (which
  reads only the articles) can start as soon as it is done;
* a forked process builds every page but the articles into a folder beside it.

The other build's files are then moved into the staging folder, and the
two sitemaps merged (``seo.merge_sitemaps``); what both wrote (the nav's
pages, the 404 page) is the same and kept once. (``exclude_docs`` applies
to the theme's files too: those come from the other build.) Each page is rendered exactly as a single
build renders it (the same configuration, theme and front matter; tests
compare the two sites byte for byte), and links between pages are the
templates' own, so MkDocs's link checks lose nothing: only articles have a
Markdown body, and they are built together. Dirty builds render a few pages
and stay in one process. Where ``fork`` is
missing, or mkdocs.yml sets ``exclude_docs`` itself, the build is not split.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable

from digest.model import DigestError
from digest.site import seo
from digest.site.mkdocs_build import IncrementalSite, load_mkdocs_config, run_mkdocs

TAG_PAGES = "tags"


@dataclass
class Share:
    """What one of the builds did: MkDocs's warnings, its outputs, its pages."""

    warnings: list[str] = field(default_factory=list)
    outputs: set[str] = field(default_factory=set)
    rendered: set[str] = field(default_factory=set)


def excludes(nav_pages: list[str], section: str) -> tuple[str, str] | None:
    """``exclude_docs`` of the article pages' build (with the nav's pages:
    every page's header shows the nav) and of the other pages' build, or None
    when the nav has a page this split cannot keep (deeper than one folder, or
    an article)."""
    folders, files = set(), set()
    for path in nav_pages:
        parts = PurePosixPath(path).parts
        if len(parts) > 2 or parts[0] == section:
            return None
        if len(parts) == 2:
            folders.add(parts[0])
        files.add(path)
    articles = ["/*", f"!/{section}/"]
    articles += [f"!/{folder}/" for folder in sorted(folders)]
    articles += [f"/{folder}/*" for folder in sorted(folders)]
    articles += [f"!/{path}" for path in sorted(files)]
    return "\n".join(articles) + "\n", f"/{section}/\n"


def nav_pages(nav) -> list[str]:
    """Every page mkdocs.yml's nav lists (its Markdown paths; links left out)."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") and "://" not in nav else []
    if isinstance(nav, list):
        return [p for item in nav for p in nav_pages(item)]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in nav_pages(value)]
    return []


def can_split(config, section: str) -> tuple[str, str] | None:
    """The two builds' ``exclude_docs``, if the site of MkDocs's ``config``
    can be built in two (``section``: the article pages' folder)."""
    if "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
        return None
    if config.exclude_docs is not None or not config.nav:
        return None
    return excludes(nav_pages(config.nav), section)


def move_missing(source: Path, target: Path) -> None:
    """Move into ``target`` every file of ``source`` that ``target`` lacks (a
    folder ``target`` lacks altogether is moved whole, with one rename)."""
    for dirpath, dirnames, filenames in os.walk(source):
        here = Path(dirpath)
        there = target / here.relative_to(source)
        for name in list(dirnames):
            if not os.path.lexists(there / name):
                os.rename(here / name, there / name)
                dirnames.remove(name)  # moved: nothing left to walk
        for name in filenames:
            if not os.path.lexists(there / name):
                os.rename(here / name, there / name)


def _build_share(root: Path, docs_dir: Path, site_dir: Path, strict: bool, exclude: str) -> Share:
    """One MkDocs build of the pages ``exclude`` leaves, into ``site_dir``."""
    config = load_mkdocs_config(root, docs_dir, site_dir, strict=strict, exclude_docs=exclude)
    plugin = IncrementalSite()
    warnings = run_mkdocs(config, plugin=plugin)
    return Share(warnings, plugin.outputs, plugin.rendered)


def build_split(root: Path, docs_dir: Path, staging: Path, strict: bool, shares: tuple[str, str],
                then: Callable[[], None] | None = None) -> Share:
    """Build the site into ``staging`` as two MkDocs builds at once (see the
    module's docstring). ``then`` is called once this process's share (the
    articles) is built, while the other pages may still be rendering: the
    search index reads only the articles."""
    articles, rest = shares
    other = staging.with_name(staging.name + "-rest")
    shutil.rmtree(other, ignore_errors=True)
    try:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            their_share = pool.submit(_build_share, root, docs_dir, other, strict, rest)
            mine = _build_share(root, docs_dir, staging, strict, articles)
            if their_share.done():
                # Its process ends before the search index starts: at 10,000 articles
                # it would hold 0.5 GiB beside Pagefind's peak.
                pool.shutdown()
            if then is not None:
                then()
            try:
                theirs = their_share.result()
            except BrokenProcessPool:
                raise DigestError("MkDocs build failed: the process building the tag, timeline and "
                                  "archive pages stopped (out of memory?); the live site is unchanged") from None
        seo.merge_sitemaps(staging, other)
        move_missing(other, staging)
    finally:
        shutil.rmtree(other, ignore_errors=True)
    return Share(mine.warnings + [w for w in theirs.warnings if w not in mine.warnings],
                 mine.outputs | theirs.outputs, mine.rendered | theirs.rendered)
