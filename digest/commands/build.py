"""`digest build`: content/ → generated Markdown → MkDocs → site/.

Safe to interrupt: MkDocs writes into a staging folder next to site/, and
the project's lock (build/.lock) keeps a second build out meanwhile. A full
build's staging folder replaces site/ once complete. Incremental: extractions
come from the cache (build/cache/) and, when the stamp allows it, MkDocs
renders only the pages whose Markdown changed; the few files it wrote are then
renamed into site/ (see digest.site.mkdocs_build).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from digest.commands.common import collect_with_progress, err, out, print_report, project
from digest.cache import FileDigests, package_fingerprint
from digest.config import SiteConfig
from digest.extract.slugs import REGISTRY_FILE, save_registry
from digest.ingest.discover import Candidate
from digest.lock import BuildLock, pid_alive
from digest.model import DigestError
from digest.pipeline import Collection, FileReport, content_candidates
from digest.render import render_site
from digest.site.feed import build_feed
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
from digest.site.parallel import run_mkdocs_split, split_unavailable
from digest.site.reproducible import VARIABLE as SOURCE_DATE_EPOCH

BUILD_DIR = "build"


def docs_dir_of(config: SiteConfig) -> Path:
    return config.root / BUILD_DIR / "docs"


def generate(collection: Collection, config: SiteConfig, site_url: str):
    """Write the Markdown pages (and feed) of the collected articles into build/docs."""
    feed = build_feed(collection.articles, config, site_url)
    return render_site(collection.articles, config, docs_dir_of(config), extra_files={"feed.xml": feed},
                       generation=render_generation(config))


def render_generation(config: SiteConfig) -> str:
    """What every page is made with besides its articles: the digest's code and
    site_config/ but the vocabulary (labels, settings). A page made with another
    is made again."""
    parts = (package_fingerprint(), config.pages_fingerprint)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


@dataclass
class SiteBuild:
    """What ``build_site`` did: MkDocs's warnings, and how much it rendered."""

    warnings: list[str] = field(default_factory=list)
    incremental: bool = False
    reason: str = ""
    pages: int = 0
    rendered: int = 0


def build_site(config: SiteConfig, collection: Collection, site_dir: Path, strict: bool,
               incremental: bool = True, split: bool = True, inputs: str | None = None,
               say: Callable[[str], None] | None = None) -> SiteBuild:
    """Render and run MkDocs into a staging folder, then put it in place.

    A full build's staging folder replaces the live site. A dirty build (when
    safe) writes only what changed into it, which ``commit_overlay`` moves into
    the live site, interrupts held off meanwhile. Once their pages are written,
    ``collection.articles`` is emptied: MkDocs needs the memory (the report
    needs only ``collection.reports``). A full build of a large site renders
    on two cores (``split``; see digest.site.parallel). ``inputs``:
    ``site_inputs`` of this site, if the caller has them. ``say`` is told
    what is being done (a large site's build is silent for a minute else).
    """
    say = say or (lambda message: None)
    site_dir = site_dir.resolve()
    build_dir = config.root / BUILD_DIR
    staging = site_dir.with_name(f".{site_dir.name}.building-{os.getpid()}")
    recover_interrupted(site_dir)
    shutil.rmtree(staging, ignore_errors=True)
    docs_dir_of(config).mkdir(parents=True, exist_ok=True)
    stamp = SiteStamp.load(build_dir, site_dir)
    inputs = inputs or site_inputs(config.root, site_dir)
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
        if previous is not None and written * 2 > pages and split and not split_unavailable(pages):
            # MkDocs's dirty mode renders in one process: a full build renders on every core
            previous, reason = None, "most pages changed"
        if previous is None:
            plugin = IncrementalSite()
            say(f"MkDocs: full build of {pages} pages ({reason})")
            if split and not split_unavailable(pages):
                warnings = run_mkdocs_split(config.root, docs_dir_of(config), staging, strict, mk, plugin)
            else:
                warnings = run_mkdocs(mk, plugin=plugin)
            stamp.clear()  # between the swap and the new stamp, no stamp: the next build is full
            swap_in(staging, site_dir)
        else:
            plugin = IncrementalSite(dirty=True, previous=previous, base=site_dir)
            say(f"MkDocs: incremental build ({written} pages written anew)")
            warnings = run_mkdocs(mk, dirty=True, plugin=plugin)
            stamp.clear()  # a commit cut short (SIGKILL) leaves no stamp: the next build is full
            with interrupts_held():
                commit_overlay(staging, site_dir, plugin.removed)
                stamp.save(inputs, site_dir, plugin.outputs)
        if previous is None:
            stamp.save(inputs, site_dir, plugin.outputs)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return SiteBuild(warnings, previous is not None, reason, plugin.pages, len(plugin.rendered))


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
    # Earlier digests kept the site an incremental build replaced here (hard links).
    shutil.rmtree(site_dir.with_name(f".{site_dir.name}.spare"), ignore_errors=True)
    for path in site_dir.parent.glob(f".{site_dir.name}.building-*"):
        pid = path.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)
    # A replaced site whose deletion was cut short (the machine went down).
    for path in site_dir.parent.glob(discarded_name(site_dir, "*").name):
        discard_tree(path)


def content_state(content_dir: Path, candidates: list[Candidate], inputs: str,
                  known: FileDigests | None = None) -> tuple[str, dict[str, str]]:
    """A hash of what a build's outcome depends on besides slugs.lock.yml: every
    content file's path and bytes (``candidates``: those under ``content_dir``),
    ``inputs`` (``site_inputs``: mkdocs.yml, theme/, site_config/ but the vocabulary, the digest,
    MkDocs and Material), SOURCE_DATE_EPOCH; and the ``content_digest`` of
    each file, by shown path (collect then reads only the files it extracts).
    ``known``: the digests recorded by the last build, which spare reading
    the files that did not change."""
    known = known or FileDigests(None)
    h = hashlib.sha256()
    for part in (str(content_dir.resolve()), inputs,
                 os.environ.get(SOURCE_DATE_EPOCH, "")):
        h.update(part.encode() + b"\0")
    digests = known.of(candidates)
    for candidate in candidates:
        digest = "" if candidate.problem else digests.get(candidate.shown, "unreadable")
        h.update(f"{candidate.shown}\0{candidate.problem}\0{digest}\0".encode())
    return h.hexdigest(), digests


def build_state(config: SiteConfig, content: str) -> str:
    """``content_state``, the slug registry (which a build may extend) and all
    of site_config/ (``site_inputs`` leaves out the vocabulary, which the
    articles' tags depend on)."""
    try:
        registry = (config.root / REGISTRY_FILE).read_bytes()
    except OSError:
        registry = b""
    return hashlib.sha256(f"{content}\0{config.fingerprint}\0".encode() + registry).hexdigest()[:32]


@dataclass
class LastBuild:
    """``build/last-build.json``: the state the last completed build started from, and its report.

    When nothing changed since (same ``build_state``, and the site is still the
    one it built), ``digest build`` prints that report again instead of building.
    """

    state: str = ""
    reports: list[dict] = field(default_factory=list)
    discovered: list[list] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pages: int = 0

    FILE = "last-build.json"

    @classmethod
    def load(cls, root: Path) -> "LastBuild":
        try:
            data = json.loads((root / BUILD_DIR / cls.FILE).read_text("utf-8"))
            return cls(data["state"], data["reports"], data["discovered"], data["warnings"], data["pages"])
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def save(self, root: Path) -> None:
        path = root / BUILD_DIR / self.FILE
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(json.dumps(vars(self), ensure_ascii=False), "utf-8")
        os.replace(tmp, path)

    @staticmethod
    def forget(root: Path) -> None:
        (root / BUILD_DIR / LastBuild.FILE).unlink(missing_ok=True)

    def collection(self) -> Collection:
        return Collection([], [FileReport(**r) for r in self.reports],
                          discovered=[(label, n) for label, n in self.discovered])


def up_to_date(config: SiteConfig, site_dir: Path, inputs: str, state: str) -> LastBuild | None:
    """The last build, if the site it made is still there and nothing it was made from changed."""
    last = LastBuild.load(config.root)
    if not last.state or last.state != state:
        return None
    stamp = SiteStamp.load(config.root / BUILD_DIR, site_dir)
    previous, _ = stamp.base_for(site_dir, inputs)
    return last if previous is not None else None


def run(content: str | None, site_dir: str | None, strict: bool) -> int:
    try:
        config, content_dir = project(content)
        target = (Path(site_dir) if site_dir else config.root / "site").resolve()
        with BuildLock(config.root, "build"):
            candidates = content_candidates(content_dir, config)
            inputs = site_inputs(config.root, target)
            known = FileDigests(None if strict else config.root)
            content_now, digests = content_state(content_dir, candidates, inputs, known)
            last = None if strict else up_to_date(config, target, inputs, build_state(config, content_now))
            if last is not None:
                known.save()  # files read because they had just changed are trusted next time
                return _report_unchanged(last, config, target)
            LastBuild.forget(config.root)
            collection = collect_with_progress(content_dir, config, candidates=candidates, digests=digests)
            say = (lambda message: err.print(f"{message}…", style="dim", markup=False)) if err.is_terminal else None
            # The articles (millions of objects at 10,000 of them) live until their pages
            # are written: frozen, Python's collector stops walking them again and again
            # (0.2 s of adding one article at 10,000), and forked processes do not copy
            # the memory it would touch.
            gc.freeze()
            try:
                result = build_site(config, collection, target, strict, inputs=inputs, say=say)
            finally:
                gc.unfreeze()  # what became garbage meanwhile can be collected again
            published = {r.path: r.slug for r in collection.reports if r.slug}
            save_registry(config.root, published, collection.registry)
            known.save()
            # The registry is read again: saving it may have added this build's new slugs.
            LastBuild(build_state(config, content_now), [dict(vars(r)) for r in collection.reports],
                      [list(d) for d in collection.discovered], result.warnings, result.pages).save(config.root)
    except DigestError as exc:
        err.print(f"error: {exc}", markup=False)
        return 1
    except KeyboardInterrupt:
        err.print("interrupted: site/ still holds a complete build", markup=False)
        return 130
    print_report(collection, config, config.root / BUILD_DIR / "report.json")
    for message in result.warnings:
        err.print(f"mkdocs warning: {message}", markup=False)
    how = "incremental" if result.incremental else f"full build: {result.reason}"
    out.print(f"pages: {result.rendered} of {result.pages} rendered ({how})", markup=False)
    out.print(f"site built in {target}", markup=False)
    return _exit_code(collection, result.warnings, strict)


def _report_unchanged(last: LastBuild, config: SiteConfig, target: Path) -> int:
    """The last build's report, for a build with nothing to do."""
    collection = last.collection()
    print_report(collection, config, config.root / BUILD_DIR / "report.json")
    for message in last.warnings:
        err.print(f"mkdocs warning: {message}", markup=False)
    out.print(f"pages: 0 of {last.pages} rendered (nothing changed since the last build)", markup=False)
    out.print(f"site up to date in {target}", markup=False)
    return _exit_code(collection, last.warnings, strict=False)


def _exit_code(collection: Collection, warnings: list[str], strict: bool) -> int:
    if collection.errors:
        return 1
    if strict and (collection.warning_count or warnings):
        err.print("error: --strict: the build has warnings", markup=False)
        return 1
    return 0
