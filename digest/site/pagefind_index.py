"""The site search's index: Pagefind, run over the built site's article pages.

Material's lunr search made the reader's browser download the whole index and
build it before the first answer (16.5 s and 190 MB at 2,000 articles on a
phone). Pagefind (PyPI ``pagefind[extended]``, its binary in the wheel, run
offline) writes a chunked index into ``site/pagefind/``; the browser loads
only the chunks a query needs. theme/partials/search.html asks it, stemming
the query with the shared Kazakh stemmer (Pagefind has none for Kazakh: a
stem searched as a prefix finds every inflected form).

What is indexed: article pages only (``INDEXED_PAGES``), inside Material's
``<article>`` (the page's title is its first heading), without what the
digest marks ``data-search-exclude`` (labels, breadcrumbs, summary,
timeline). The page markup carries the rest: tag chips weigh more than body
text (``data-pagefind-weight``), the date is a ``data-pagefind-meta``.

Pagefind has no incremental mode, and holds about 0.27 MiB per page while
it indexes. A large site's articles are therefore indexed in segments of about
``search_segment_pages`` pages (site_config/digest.yml; ``plan``): a page's segment follows from
its address, each segment is one Pagefind run with an index of its own
(pagefind/, pagefind/part-1/, …), and the search box merges them
(Pagefind's ``mergeIndex``; merged indexes share the first one's WebAssembly,
so a reader downloads little more). Each segment's folder records the
fingerprint of the text it indexed (``SEGMENT_FILE``); a rebuild runs
Pagefind again only for the segments whose pages' indexed text changed,
so adding an article at 10,000 indexes one segment, not every page.
`digest build` calls ``index_site`` once the article pages are built; the
digest plugin calls ``index_preview`` after each rebuild of `digest serve`,
which indexes in the background.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from digest.config import CONFIG_DIR
from digest.model import DigestError
from digest.render.writer import link_or_copy
from digest.settings import Settings, load_settings
from digest.switches import switched_off

OUTPUT = "pagefind"
ENTRY = f"{OUTPUT}/pagefind-entry.json"  # written last by Pagefind: the index is complete
INDEXED_PAGES = "articles/*/index.html"
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE_SELECTORS = ("[data-search-exclude]", ".headerlink")
BODY_MARK = b"data-pagefind-body"
# Pagefind 1.5 holds about 0.27 MiB per article page while it indexes (whatever
# the page's markup): 2.6 GiB at 10,000. A site's pages are indexed in
# segments of about ``search_segment_pages`` (site_config/digest.yml), one
# Pagefind run each, which the browser merges (ui.js).
PAGES_PER_SEGMENT = Settings.search_segment_pages
SEGMENT_FILE = "digest-segment.json"  # in each segment's folder: {segment, of, pages, fingerprint}

log = logging.getLogger("mkdocs.digest")


def pagefind_command(site_dir: Path, output: Path) -> list[str]:
    """The Pagefind command line that indexes ``site_dir`` into ``output``."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(output),
               "--glob", INDEXED_PAGES, "--root-selector", ROOT_SELECTOR, "--force-language", "kk", "--silent"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


def index_site(site_dir: Path, pages_per_segment: int = PAGES_PER_SEGMENT) -> int:
    """(Re)write the search index of ``site_dir`` from its article pages:
    every segment whose pages' indexed text changed (``plan``). Returns how
    many segments Pagefind indexed.

    Each new segment is written beside the old one and swapped in, so a
    reader of a live site never meets half an index. Raises DigestError when
    Pagefind fails or is not installed.
    """
    site_dir = Path(site_dir)
    segments = plan(site_dir, pages_per_segment)
    unchanged = set() if switched_off("search_segments") else {
        s.number for s in segments if _recorded(site_dir, s) == s.fingerprint}
    stale = [s for s in segments if s.number not in unchanged]
    for segment in stale:
        _index_segment(site_dir, segment)
    target = site_dir / OUTPUT
    for old_part in target.glob("part-*") if target.is_dir() else ():
        if not old_part.name[5:].isdigit() or int(old_part.name[5:]) >= len(segments):
            shutil.rmtree(old_part, ignore_errors=True)  # the site has fewer segments now
    return len(stale)


@dataclass(frozen=True)
class Segment:
    """A share of the article pages with an index of its own: ``pages`` (paths
    relative to the site), and the fingerprint of their indexed text."""

    number: int
    count: int
    pages: tuple[str, ...]
    fingerprint: str

    @property
    def folder(self) -> str:
        """Where its index lives in the site: pagefind/, pagefind/part-1/, …"""
        return OUTPUT if self.number == 0 else f"{OUTPUT}/part-{self.number}"


def segment_count(pages: int, pages_per_segment: int = PAGES_PER_SEGMENT) -> int:
    if switched_off("search_segments"):
        return 1
    return max(1, int(pages / pages_per_segment + 0.5))  # a site just past a multiple keeps its segments


def plan(site_dir: Path, pages_per_segment: int = PAGES_PER_SEGMENT) -> list[Segment]:
    """The article pages of ``site_dir`` in segments: a page's segment follows
    from its address alone (a hash), so adding an article changes one
    segment, and a change to one article's text only its segment."""
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.glob(INDEXED_PAGES))
    count = segment_count(len(pages), pages_per_segment)
    shares = _shares(pages, count)
    while count > 1 and not all(shares):  # Pagefind indexes no empty segment (only a tiny site has one)
        count -= 1
        shares = _shares(pages, count)
    segments = []
    for number, share in enumerate(shares):
        digest = hashlib.blake2b(f"{number}/{count}".encode(), digest_size=16)
        for page in share:
            digest.update(page.encode() + b"\0" + indexed_part((site_dir / page).read_bytes()) + b"\0")
        segments.append(Segment(number, count, tuple(share), digest.hexdigest()))
    return segments


def _shares(pages: list[str], count: int) -> list[list[str]]:
    shares: list[list[str]] = [[] for _ in range(count)]
    for page in pages:
        number = int.from_bytes(hashlib.blake2b(page.encode(), digest_size=8).digest(), "big")
        shares[number % count].append(page)
    return shares


def indexed_part(html: bytes) -> bytes:
    """What Pagefind reads of a page: its ``<html>`` tag (the language), its
    ``<title>`` and its ``data-pagefind-body`` elements (the article, without
    the related articles beside it); the whole page when it marks no body or
    the markup cannot be followed."""
    parts = [re.search(rb"<html[^>]*>|$", html).group(0), re.search(rb"<title>.*?</title>|$", html, re.S).group(0)]
    position = 0
    while (found := html.find(BODY_MARK, position)) >= 0:
        start = html.rfind(b"<", 0, found)
        name = re.match(rb"<([A-Za-z][A-Za-z0-9]*)", html[start:found])
        end = _element_end(html, start, name.group(1)) if name else -1
        if end < 0:
            return html
        parts.append(html[start:end])
        position = end
    return b"\n".join(parts) if len(parts) > 2 else html


def _element_end(html: bytes, start: int, name: bytes) -> int:
    """Where the element opening at ``start`` ends (after its end tag), -1 if it does not."""
    depth = 0
    for tag in re.finditer(rb"<(/?)" + re.escape(name) + rb"[\s>/]", html[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            close = html.find(b">", start + tag.end() - 1)
            return close + 1 if close >= 0 else -1
    return -1


def _recorded(site_dir: Path, segment: Segment) -> str | None:
    """The fingerprint the segment's index in the site was made from, if it has one."""
    try:
        data = json.loads((site_dir / segment.folder / SEGMENT_FILE).read_text(encoding="utf-8"))
        return data["fingerprint"] if data.get("of") == segment.count else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _index_segment(site_dir: Path, segment: Segment) -> None:
    """Run Pagefind over one segment's pages and swap its index in. A site of
    one segment is read in place; otherwise the segment's pages are
    hard-linked into a folder of their own, at the same paths, for Pagefind."""
    fresh = site_dir / f".{OUTPUT}-{os.getpid()}"
    pages = site_dir / f".{OUTPUT}-pages-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.rmtree(pages, ignore_errors=True)
    try:
        source = site_dir
        if segment.count > 1:
            source = pages
            for page in segment.pages:
                try:
                    link_or_copy(site_dir / page, pages / page)
                except FileNotFoundError:  # `digest serve` rebuilt the page meanwhile: it indexes again
                    raise DigestError(f"search index: {page} changed while it was being indexed",
                                      path=str(site_dir)) from None
        _run_pagefind(source, fresh, site_dir)
        record = {"segment": segment.number, "of": segment.count, "pages": len(segment.pages),
                  "fingerprint": segment.fingerprint}
        (fresh / SEGMENT_FILE).write_text(json.dumps(record), encoding="utf-8")
        _swap(site_dir, fresh, site_dir / segment.folder)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(pages, ignore_errors=True)


def _run_pagefind(source: Path, output: Path, site_dir: Path) -> None:
    try:
        result = subprocess.run(pagefind_command(source, output), capture_output=True, text=True)
    except OSError as exc:
        raise DigestError(f"search index: cannot run Pagefind ({exc})") from None
    if result.returncode != 0 or not (output / Path(ENTRY).name).is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no index written"]
        raise DigestError(f"search index: Pagefind failed: {detail[0]} "
                          f"(is pagefind[extended] installed?)", path=str(site_dir))


def _swap(site_dir: Path, fresh: Path, target: Path) -> None:
    """Put ``fresh`` where ``target`` is; the first segment's folder keeps the
    other segments' folders inside it."""
    if target.name == OUTPUT and target.is_dir():
        for part in target.glob("part-*"):
            os.replace(part, fresh / part.name)
    old = site_dir / f".{OUTPUT}-old-{os.getpid()}"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(fresh, target)
    shutil.rmtree(old, ignore_errors=True)


class PreviewIndexer:
    """`digest serve`: indexes the preview after each rebuild, in a thread of
    its own, so the preview reloads without waiting for the index (Pagefind
    reads every article page again: a minute at 10,000 articles). A rebuild
    while it runs asks for one more run when it ends. Errors are logged; the
    previous index stays."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running: threading.Thread | None = None
        self.again = False

    def request(self, site_dir: Path, pages_per_segment: int = PAGES_PER_SEGMENT) -> threading.Thread:
        with self.lock:
            if self.running is not None and self.running.is_alive():
                self.again = True
                return self.running
            self.running = threading.Thread(target=self._run, args=(site_dir, pages_per_segment), daemon=True,
                                            name="digest-search-index")
            self.running.start()
            return self.running

    def wait(self) -> None:
        """Return once the indexing asked for so far has finished (the runs a
        rebuild asked for meanwhile included)."""
        with self.lock:
            thread = self.running
        if thread is not None:
            thread.join()

    def _run(self, site_dir: Path, pages_per_segment: int) -> None:
        while True:
            try:
                index_site(site_dir, pages_per_segment)
                log.info("digest: search index updated")
            except DigestError as exc:
                log.error(f"digest: {exc}")
            with self.lock:
                if not self.again:
                    return
                self.again = False


PREVIEW = PreviewIndexer()


def index_preview(config) -> threading.Thread:
    """`digest serve`: index the preview (its folder always holds the whole
    site) in the background. Called by the digest plugin's on_post_build."""
    settings = load_settings(Path(config.config_file_path).parent / CONFIG_DIR)
    return PREVIEW.request(Path(config.site_dir), settings.search_segment_pages)
