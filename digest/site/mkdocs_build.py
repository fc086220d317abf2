"""Running MkDocs (with Material) on the generated pages, fully or incrementally.

MkDocs's own build does the rendering; we point it at build/docs and a site
directory, and turn its failures into DigestError for the report.

Incremental ("dirty") builds. MkDocs's dirty mode renders only the pages whose
Markdown is newer than their HTML. That is exact for the digest because every
dependency between pages is in the generated Markdown (render rewrites a page's
Markdown when anything it shows changes, and leaves the others' mtimes alone),
and the nav lists only the four section pages, never the articles (without
a nav, every page would list every other: such a site is always built in
full). ``IncrementalSite``, a plugin added to every build, repairs what dirty
mode gets wrong and keeps the live site whole until the end:

* MkDocs writes into an empty folder beside the live site (the *overlay*);
  a file whose output in the live site (``base``) is newer than its source
  gets that output as its ``abs_dest_path`` (a File attribute MkDocs lets
  plugins set), so MkDocs's own dirty check skips it. The overlay ends up
  holding only what this build wrote: a few pages and the files written every
  time (sitemap, 404 page);
* MkDocs's search plugin would index only the re-rendered pages: with it in
  mkdocs.yml every build is full (the site's search is Pagefind's, run over
  the finished site: digest.site.pagefind_index);
* pages that no longer exist would stay: the previous build's outputs are
  remembered (``build/site-stamp-*.json``) and the missing ones deleted;
* ``commit_overlay`` then moves the overlay's files into the live site (a
  rename each) and deletes the removed pages. Until then the live site is
  untouched; the renames take milliseconds, whatever the site's size (copying
  the site first, even as hard links, costs seconds on a large site).

A dirty build is used only when the stamp says the live site was built by
the digest from the same mkdocs.yml, theme/, site_config/, digest code and
MkDocs/Material versions; otherwise the build is full. The one exception is
site_config/vocabulary/: it changes the articles' tags, and so their pages'
Markdown, and nothing else, so that adding a name to it (what `digest tags`
suggests, an editor's daily change) renders only the pages it changes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import material
import mkdocs
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from digest.cache import package_fingerprint
from digest.config import CONFIG_DIR, fingerprint_dir, pages_fingerprint
from digest.model import DigestError
from digest.site.pagefind_index import ENTRY as SEARCH_ENTRY

MKDOCS_FILE = "mkdocs.yml"
THEME_DIR = "theme"
STAMP_FILE = "site-stamp-{}.json"  # one per site folder (--site-dir)
PLUGIN_NAME = "digest/incremental"


def load_mkdocs_config(root: Path, docs_dir: Path, site_dir: Path, strict: bool = False,
                       **overrides) -> MkDocsConfig:
    config_file = root / MKDOCS_FILE
    if not config_file.is_file():
        raise DigestError("mkdocs.yml not found", path=str(config_file))
    try:
        return load_config(config_file=str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir),
                           strict=strict, **overrides)
    except (ConfigurationError, Abort) as exc:
        raise DigestError(f"MkDocs configuration: {exc}", path=str(config_file)) from None


def site_inputs(root: Path, site_dir: Path) -> str:
    """A hash of everything besides the Markdown that the HTML of a page depends
    on. Not the vocabulary: it changes pages through their Markdown alone."""
    h = hashlib.sha256()
    for part in (mkdocs.__version__, material.__version__, package_fingerprint(), str(site_dir.resolve()),
                 fingerprint_dir(root / THEME_DIR), pages_fingerprint(root / CONFIG_DIR)):
        h.update(part.encode() + b"\0")
    try:
        h.update((root / MKDOCS_FILE).read_bytes())
    except OSError:
        pass
    return h.hexdigest()[:24]


def _marker(site_dir: Path) -> list[int]:
    """Identifies one build of site_dir: the swapped-in folder's inode and mtime.

    Any other tool that rebuilds site/ (a plain ``mkdocs build``) changes it.
    """
    st = site_dir.stat()
    return [st.st_ino, st.st_mtime_ns]


@dataclass
class SiteStamp:
    """``build/site-stamp-<hash of the site folder>.json``: what that site was built from, and its outputs."""

    path: Path
    inputs: str = ""
    site: str = ""
    marker: list[int] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, build_dir: Path, site_dir: Path) -> "SiteStamp":
        path = build_dir / STAMP_FILE.format(hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:12])
        try:
            data = json.loads(path.read_text("utf-8"))
            return cls(path, data["inputs"], data["site"], list(data["marker"]), list(data["outputs"]))
        except (OSError, ValueError, KeyError, TypeError):
            return cls(path)

    def base_for(self, site_dir: Path, inputs: str) -> tuple[set[str] | None, str]:
        """The live site's outputs if it can be the base of a dirty build, and why (not)."""
        if not self.inputs:
            return None, "no previous build recorded"
        if self.site != str(site_dir.resolve()):
            return None, "the previous build went to another folder"
        if self.inputs != inputs:
            return None, "mkdocs.yml, theme/, site_config/ or the digest changed"
        try:
            if self.marker != _marker(site_dir) or not (site_dir / SEARCH_ENTRY).is_file():
                return None, "site/ was changed by something else"
        except OSError:
            return None, "no previous site"
        return set(self.outputs), "incremental"

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    def save(self, inputs: str, site_dir: Path, outputs: set[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"inputs": inputs, "site": str(site_dir.resolve()), "marker": _marker(site_dir),
                "outputs": sorted(outputs)}
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        tmp.write_text(json.dumps(data), "utf-8")
        os.replace(tmp, self.path)


def untitled_nav_paths(nav) -> set[str]:
    """The pages mkdocs.yml's nav lists without a title ("- page.md")."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, list):
        return set().union(*(untitled_nav_paths(item) for item in nav)) if nav else set()
    if isinstance(nav, dict):
        return set().union(*(untitled_nav_paths(v) for v in nav.values() if not isinstance(v, str))) \
            if nav else set()
    return set()


def dirty_unsafe(config: MkDocsConfig) -> str | None:
    """Why this configuration cannot be built incrementally, if it cannot."""
    if not config.nav:
        return "mkdocs.yml has no nav: every page would list every other page"
    if "search" in config.plugins:
        return "MkDocs's search plugin indexes only the pages a build renders"
    return None


class IncrementalSite(BasePlugin):
    """Records a build's outputs; in a dirty build, renders only what changed
    and deletes removed pages.

    ``base``: the live site, when MkDocs writes into an empty overlay beside it
    (``digest build``; see ``commit_overlay``). Without it the dirty build
    works in place (``digest serve``'s preview folder).
    """

    def __init__(self, dirty: bool = False, previous: set[str] | None = None, base: Path | None = None):
        super().__init__()
        self.dirty = dirty
        self.previous = previous or set()
        self.base = base
        self.inputs = ""  # site_inputs() of this build, kept by `digest serve` between rebuilds
        self.outputs: set[str] = set()
        self.removed: set[str] = set()  # the previous build's outputs that this one does not make
        self.pages = 0
        self.rendered: set[str] = set()

    @event_priority(-100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        included = [f for f in files if f.inclusion.is_included() or f.inclusion.is_in_serve()]
        self.outputs = {f.dest_uri for f in included}
        self.pages = sum(1 for f in included if f.is_documentation_page())
        if not self.dirty:
            return files
        self.removed = self.previous - self.outputs
        if self.base is not None:
            for f in included:
                live = self.base / f.dest_uri
                if not _modified(f, live):
                    f.abs_dest_path = str(live)  # MkDocs finds it up to date, and skips it
            return files
        site = Path(config.site_dir)
        for f in included:  # written in place: a file MkDocs rewrites is replaced, not written through
            if os.path.lexists(f.abs_dest_path) and f.is_modified():
                os.unlink(f.abs_dest_path)
        always = [*config.theme.static_templates, *config.extra_templates, "sitemap.xml.gz"]
        for relative in [*always, *self.removed]:
            (site / relative).unlink(missing_ok=True)
        _remove_empty_dirs(site)
        return files

    @event_priority(-100)
    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        """Nav pages without a title in mkdocs.yml are always rendered: every
        page shows their title, which MkDocs reads from the page itself."""
        if self.dirty:
            untitled = untitled_nav_paths(config.nav)
            for page in nav.pages:
                if page.file.src_uri not in untitled:
                    continue
                if self.base is not None:
                    page.file.abs_dest_path = os.path.join(config.site_dir, page.file.dest_uri)  # the overlay
                elif os.path.lexists(page.file.abs_dest_path):
                    os.unlink(page.file.abs_dest_path)
        return nav

    @event_priority(100)
    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """Read the home page's front matter even when dirty mode skipped the
        page: it carries the labels the theme prints on every page (footer, 404)."""
        home = next((f.page for f in files.documentation_pages() if f.page and f.page.is_homepage), None)
        if home is not None and home.markdown is None:
            home.read_source(config)
        return env

    def on_page_context(self, context, *, page, config, nav):
        self.rendered.add(page.url)
        return context


def _remove_empty_dirs(root: Path) -> None:
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        if dirpath != str(root) and not dirnames and not filenames:
            try:
                os.rmdir(dirpath)
            except OSError:
                pass


def _modified(f, against: Path) -> bool:
    """MkDocs's ``File.is_modified``, judged against ``against`` (a file of the
    live site) instead of the file about to be written."""
    if f.generated_by is not None or not f.abs_src_path:
        return True  # made by a plugin: always written
    try:
        return os.path.getmtime(against) < os.path.getmtime(f.abs_src_path)
    except OSError:
        return True


def commit_overlay(overlay: Path, site_dir: Path, removed: set[str]) -> None:
    """Move every file of ``overlay`` into ``site_dir`` (replacing what is
    there), then delete the ``removed`` outputs and the folders they leave
    empty. Each file is renamed into place, so a reader sees a page whole,
    old or new."""
    for dirpath, _, filenames in os.walk(overlay):
        relative = os.path.relpath(dirpath, overlay)
        target_dir = site_dir if relative == "." else site_dir / relative
        if not target_dir.is_dir():
            if os.path.lexists(target_dir):
                target_dir.unlink()  # a file where the new site has a folder
            target_dir.mkdir(parents=True)
        for name in filenames:
            target = target_dir / name
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)  # a folder where the new site has a file
            os.replace(os.path.join(dirpath, name), target)
    for relative in sorted(removed):
        path = site_dir / relative
        if path.is_file() or path.is_symlink():
            path.unlink()
        parent = path.parent
        while parent != site_dir and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    shutil.rmtree(overlay, ignore_errors=True)


# `digest serve`: the previous rebuild's plugin per preview folder (MkDocs
# makes a new configuration, with new plugin objects, for every rebuild).
SERVE_STATE: dict[str, IncrementalSite] = {}


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def not_dirty_notice(record: logging.LogRecord) -> bool:
    """MkDocs warns about every dirty build (it cannot know ours are exact)."""
    return "'dirty' build" not in record.getMessage()


def run_mkdocs(config: MkDocsConfig, dirty: bool = False, plugin: IncrementalSite | None = None) -> list[str]:
    """Build the site; return MkDocs's warnings. Raises DigestError on failure."""
    if plugin is not None:
        config.plugins[PLUGIN_NAME] = plugin
    counter = _WarningCounter()
    logger = logging.getLogger("mkdocs")
    build_logger = logging.getLogger("mkdocs.commands.build")
    logger.addHandler(counter)
    build_logger.addFilter(not_dirty_notice)
    try:
        build(config, dirty=dirty)
    except (Abort, MkDocsException) as exc:
        detail = "; ".join(counter.messages) or str(exc)
        raise DigestError(f"MkDocs build failed: {detail}") from None
    finally:
        logger.removeHandler(counter)
        build_logger.removeFilter(not_dirty_notice)
    return counter.messages


def swap_in(new_site: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by ``new_site`` (a full build) so readers never see a half-built site."""
    aside = site_dir.with_name(site_dir.name + ".old")
    if aside.exists():
        shutil.rmtree(aside)
    if site_dir.exists():
        os.replace(site_dir, aside)
    os.replace(new_site, site_dir)
    if aside.exists():
        discarded = discarded_name(site_dir, f"{os.getpid()}-{time.time_ns()}")
        os.replace(aside, discarded)
        discard_tree(discarded)


def discarded_name(site_dir: Path, tail: str) -> Path:
    """Where a replaced site waits to be deleted (``recover_interrupted`` finds
    leftovers with the tail ``*``)."""
    return site_dir.with_name(f".{site_dir.name}.discarded-{tail}")


_RMTREE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


def discard_tree(path: Path) -> None:
    """Delete the folder ``path`` in a process of its own, which outlives this
    one: the editor does not wait for a large site's deletion. A deletion cut
    short leaves the folder to the next build."""
    try:
        os.posix_spawn(sys.executable, [sys.executable, "-c", _RMTREE, str(path)], os.environ,
                       setsid=True)  # its own session: Ctrl-C in the terminal does not stop it
    except (AttributeError, OSError, TypeError, ValueError):  # no posix_spawn here, or no interpreter path
        shutil.rmtree(path, ignore_errors=True)
