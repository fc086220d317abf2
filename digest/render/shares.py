"""Making many pages on every core: forked processes write shares of them.

A first build of a large site makes every page (2,139 at 1,000 articles,
11,293 at 10,000), about 0.5 ms of one core each, while the other cores wait
for MkDocs. Forked processes share the articles with this one (nothing is
pickled but, for each page, whether it was written and its mtime), so each
core makes every n-th page. The files are the same whichever process writes
them; a share whose process fails is made again here, which raises what
failed there.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Callable

from digest.cores import fork_unsafe, usable_cores
from digest.render.writer import write_if_changed

SPLIT_MIN_PAGES = 400  # below this, a fork costs more than it saves
MAX_PROCESSES = 4

Made = tuple[bool, int | None]  # written (the file did not already hold it), its mtime after


def processes_for(pages: int) -> int:
    """How many processes make ``pages`` pages."""
    if pages < SPLIT_MIN_PAGES or fork_unsafe() is not None:
        return 1
    return max(1, min(usable_cores(), MAX_PROCESSES))


def make_pages(docs_dir: Path, pages: list[tuple[str, Callable[[], str]]]) -> list[Made]:
    """Write each page (its path in ``docs_dir``, a function making its text)
    unless its file already holds exactly that; for each, in order, whether
    it was written and the file's mtime."""
    count = processes_for(len(pages))
    if count < 2:
        return _make_all(docs_dir, pages)
    context = multiprocessing.get_context("fork")
    helpers = []
    try:
        for n in range(1, count):
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_make_share, args=(docs_dir, pages[n::count], sender), daemon=True)
            process.start()
            sender.close()
            helpers.append((process, receiver))
        results: list[Made | None] = [None] * len(pages)
        results[0::count] = _make_all(docs_dir, pages[0::count])
        for n, (process, receiver) in enumerate(helpers, 1):
            share = pages[n::count]
            try:
                made = receiver.recv()
            except Exception:  # it died, or what it sent was cut short
                made = []
            process.join()
            # the pages after those it made, made here: its error, if any, is met again and raised
            results[n::count] = made + _make_all(docs_dir, share[len(made):])
        return results  # type: ignore[return-value]
    finally:
        for process, receiver in helpers:
            receiver.close()
            if process.is_alive():
                process.kill()
                process.join()


def _make_all(docs_dir: Path, pages: list[tuple[str, Callable[[], str]]], out: list[Made] | None = None
              ) -> list[Made]:
    """``make_pages`` in this process; ``out`` gets each page's result as soon as it is written."""
    out = [] if out is None else out
    for relative, make in pages:
        path = docs_dir / relative
        written = write_if_changed(path, make())
        out.append((written, path.stat().st_mtime_ns))
    return out


def _make_share(docs_dir: Path, pages: list[tuple[str, Callable[[], str]]], sender) -> None:
    """A forked process: make ``pages``; send back the results of those made (all, unless one fails)."""
    made: list[Made] = []
    try:
        _make_all(docs_dir, pages, made)
    except Exception:  # the parent makes the rest, and reports what fails
        pass
    try:
        sender.send(made)
    finally:
        sender.close()
