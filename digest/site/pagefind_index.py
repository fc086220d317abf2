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

Pagefind has no incremental mode: every build indexes every article page
(about 10 % of a full build at 10,000 articles; see bench/search_speed.py).
`digest build` calls ``index_site`` once the site is complete; the digest
plugin calls ``index_preview`` after each rebuild of `digest serve`, which
indexes in the background.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from digest.model import DigestError

OUTPUT = "pagefind"
ENTRY = f"{OUTPUT}/pagefind-entry.json"  # written last by Pagefind: the index is complete
INDEXED_PAGES = "articles/*/index.html"
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE_SELECTORS = ("[data-search-exclude]", ".headerlink")

log = logging.getLogger("mkdocs.digest")


def pagefind_command(site_dir: Path, output: Path) -> list[str]:
    """The Pagefind command line that indexes ``site_dir`` into ``output``."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(output),
               "--glob", INDEXED_PAGES, "--root-selector", ROOT_SELECTOR, "--force-language", "kk", "--silent"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


def index_site(site_dir: Path) -> None:
    """(Re)write ``site_dir/pagefind/`` from the article pages of ``site_dir``.

    The new index is written beside the old one and swapped in, so a reader
    of a live site never meets half an index. Raises DigestError when
    Pagefind fails or is not installed.
    """
    site_dir = Path(site_dir)
    fresh = site_dir / f".{OUTPUT}-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        result = subprocess.run(pagefind_command(site_dir, fresh), capture_output=True, text=True)
    except OSError as exc:
        raise DigestError(f"search index: cannot run Pagefind ({exc})") from None
    if result.returncode != 0 or not (fresh / Path(ENTRY).name).is_file():
        shutil.rmtree(fresh, ignore_errors=True)
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no index written"]
        raise DigestError(f"search index: Pagefind failed: {detail[0]} "
                          f"(is pagefind[extended] installed?)", path=str(site_dir))
    target = site_dir / OUTPUT
    old = site_dir / f".{OUTPUT}-old-{os.getpid()}"
    if target.exists():
        os.replace(target, old)
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

    def request(self, site_dir: Path) -> threading.Thread:
        with self.lock:
            if self.running is not None and self.running.is_alive():
                self.again = True
                return self.running
            self.running = threading.Thread(target=self._run, args=(site_dir,), daemon=True,
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

    def _run(self, site_dir: Path) -> None:
        while True:
            try:
                index_site(site_dir)
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
    return PREVIEW.request(Path(config.site_dir))
