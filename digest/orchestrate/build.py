"""`digest build`'s work: collect, write the pages, run MkDocs, put the site in place.

Safe to interrupt: MkDocs writes into a staging folder next to site/, and the
project's lock (build/.lock) keeps a second build out meanwhile. A full
build's staging folder replaces site/ once complete. Incremental: extractions
come from the cache (build/cache/) and, when the site stamp allows it, MkDocs
renders only the pages whose Markdown changed; the few files it wrote are then
renamed into site/ (digest.site.mkdocs_build). A configuration that does not
load stops the build before anything is written: the live site stays.
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from digest.cache import FileDigests
from digest.config import SiteConfig
from digest.extract.slugs import save_registry
from digest.lock import BuildLock, pid_alive
from digest.pipeline import Collection, content_candidates
from digest.orchestrate.state import LastBuild, build_state, content_state, up_to_date
from digest.site.split_build import Share, build_split, can_split
from digest.switches import switched_off
from digest.site.generate import BUILD_DIR, docs_dir_of, generate
from digest.site.pagefind_index import index_site
from digest.site.seo import prune_sitemap_parts
from digest.site.mkdocs_build import (
    IncrementalSite,
    SiteStamp,
    commit_overlay,
    dirty_unsafe,
    discard_tree,
    discarded_name,
    load_mkdocs_config,
    run_mkdocs,
    site_inputs,
    swap_in,
)

@dataclass
class SiteBuild:
    """What ``build_site`` did: MkDocs's warnings, and how much it rendered."""

    warnings: list[str] = field(default_factory=list)
    incremental: bool = False
    reason: str = ""
    pages: int = 0
    rendered: int = 0


@dataclass
class Outcome:
    """What ``build_project`` did: the report of every file, and the site's build
    (``site`` is None when nothing had changed: ``collection`` is then the last build's)."""

    collection: Collection
    site: SiteBuild | None
    warnings: list[str]
    pages: int


Say = Callable[[str], None]
Collect = Callable[..., Collection]


def build_project(config: SiteConfig, content_dir: Path, target: Path, strict: bool, collect: Collect,
                  say: Say | None = None) -> Outcome:
    """Build ``content_dir`` into ``target`` holding the project's lock.

    ``collect(content_dir, config, candidates=…, digests=…)`` extracts the
    articles (the command's, with its progress bar); ``say`` is told what is
    being done (a large site's build is silent for a minute else).
    """
    target = target.resolve()
    with BuildLock(config.root, "build"):
        candidates = content_candidates(content_dir, config)
        inputs = site_inputs(config.root, target)
        known = FileDigests(None if strict or switched_off("file_digests") else config.root)
        content_now, digests = content_state(content_dir, candidates, inputs, known)
        last = None if strict or switched_off("last_build") else \
            up_to_date(config, target, inputs, build_state(config, content_now))
        if last is not None:
            known.save()  # files read because they had just changed are trusted next time
            return Outcome(last.collection(), None, last.warnings, last.pages)
        LastBuild.forget(config.root)
        collection = collect(content_dir, config, candidates=candidates, digests=digests)
        result = build_site(config, collection, target, strict, inputs=inputs, say=say)
        published = {r.path: r.slug for r in collection.reports if r.slug}
        save_registry(config.root, published, collection.registry)
        known.save()
        # The registry is read again: saving it may have added this build's new slugs.
        LastBuild(build_state(config, content_now), [dict(vars(r)) for r in collection.reports],
                  [list(d) for d in collection.discovered], result.warnings, result.pages).save(config.root)
    return Outcome(collection, result, result.warnings, result.pages)


def build_site(config: SiteConfig, collection: Collection, site_dir: Path, strict: bool,
               incremental: bool = True, inputs: str | None = None, say: Say | None = None) -> SiteBuild:
    """Render and run MkDocs into a staging folder, then put it in place.

    A full build's staging folder replaces the live site. A dirty build (when
    safe) writes only what changed into it, which ``commit_overlay`` moves into
    the live site, interrupts held off meanwhile. Once their pages are written,
    ``collection.articles`` is emptied: MkDocs needs the memory (the report
    needs only ``collection.reports``). ``inputs``: ``site_inputs`` of this
    site, if the caller has them.
    """
    say = say or (lambda message: None)
    site_dir = site_dir.resolve()
    staging = site_dir.with_name(f".{site_dir.name}.building-{os.getpid()}")
    recover_interrupted(site_dir)
    shutil.rmtree(staging, ignore_errors=True)
    docs_dir_of(config).mkdir(parents=True, exist_ok=True)
    stamp = SiteStamp.load(config.root / BUILD_DIR, site_dir)
    inputs = inputs or site_inputs(config.root, site_dir)
    incremental = incremental and not switched_off("dirty")
    previous, reason = stamp.base_for(site_dir, inputs) if incremental else (None, "full build requested")
    if strict and previous is not None:
        # MkDocs warns about a page only when it renders it: --strict must see them all.
        previous, reason = None, "--strict checks every page"
    try:
        mk = load_mkdocs_config(config.root, docs_dir_of(config), staging, strict=strict)
        if previous is not None and dirty_unsafe(mk):
            previous, reason = None, dirty_unsafe(mk)
        say(f"writing the pages of {len(collection.articles)} articles")
        rendered = generate(collection, config, mk.site_url or "/")
        pages = sum(1 for path in rendered.written + rendered.unchanged if path.suffix == ".md")
        written = sum(1 for path in rendered.written if path.suffix == ".md")
        collection.articles = []
        if previous is None:
            say(f"MkDocs: full build of {pages} pages ({reason})")

            def search_index() -> None:  # once the article pages are built
                say("search index (Pagefind)")
                index_site(staging, config.settings.search_segment_pages)

            made = full_build(config, mk, staging, strict, then=search_index)
            stamp.clear()  # between the swap and the new stamp, no stamp: the next build is full
            swap_in(staging, site_dir)
            stamp.save(inputs, site_dir, made.outputs)
            return SiteBuild(made.warnings, False, reason, len(made.rendered), len(made.rendered))
        plugin = IncrementalSite(dirty=True, previous=previous, base=site_dir)
        say(f"MkDocs: incremental build ({written} pages written anew)")
        warnings = run_mkdocs(mk, dirty=True, plugin=plugin)
        stamp.clear()  # a commit cut short (SIGKILL) leaves no stamp: the next build is full
        with interrupts_held():
            commit_overlay(staging, site_dir, plugin.removed)
            prune_sitemap_parts(site_dir)
        say("search index (Pagefind)")
        index_site(site_dir, config.settings.search_segment_pages)  # the segments whose text changed
        stamp.save(inputs, site_dir, plugin.outputs)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return SiteBuild(warnings, previous is not None, reason, plugin.pages, len(plugin.rendered))


def full_build(config: SiteConfig, mk, staging: Path, strict: bool, then: Callable[[], None]) -> Share:
    """Every page into ``staging``, on two cores when the site allows it
    (digest.site.split_build); ``then`` is called once the article pages are built."""
    shares = None if switched_off("split_build") else can_split(mk, config.settings.section)
    if shares is not None:
        return build_split(config.root, Path(mk.docs_dir), staging, strict, shares, then)
    plugin = IncrementalSite()
    warnings = run_mkdocs(mk, plugin=plugin)
    then()
    return Share(warnings, plugin.outputs, plugin.rendered)


@contextmanager
def interrupts_held():
    """Ctrl-C (and SIGTERM) wait until the block is done: used while the
    live site is being changed, which takes milliseconds."""
    held = {signal.SIGINT, signal.SIGTERM}
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def recover_interrupted(site_dir: Path) -> None:
    """Undo what a killed build left: a site moved aside by a swap cut in two
    (put back), and staging folders of builds whose process is gone (deleted)."""
    moved_aside = site_dir.with_name(site_dir.name + ".old")
    if not site_dir.exists() and moved_aside.is_dir():
        os.replace(moved_aside, site_dir)
    for path in site_dir.parent.glob(f".{site_dir.name}.building-*"):
        # .site.building-<pid>, and a split build's second folder, .site.building-<pid>-rest
        pid = path.name.rsplit(".building-", 1)[-1].split("-", 1)[0]
        if pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)
    # A replaced site whose deletion was cut short (the machine went down).
    for path in site_dir.parent.glob(discarded_name(site_dir, "*").name):
        discard_tree(path)

