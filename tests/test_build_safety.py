"""A build is all or nothing, and one at a time (build/.lock).

An interrupted build (killed, or Ctrl-C) leaves the previous site/ exactly as
it was, still serving its pages; the next build takes over the dead build's
lock and cleans up after it.
"""

from __future__ import annotations

import functools
import http.server
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from digest.lock import LOCK_FILE, BuildLock

from conftest import SEEDS, make_project, run_digest

pytestmark = pytest.mark.slow


def tree(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def more_articles(n: int) -> dict[str, str]:
    """``n`` articles made of the seed articles' paragraphs."""
    paragraphs = [p for path in sorted(SEEDS.glob("*.txt"))
                  for p in path.read_text("utf-8").split("\n") if len(p) > 80]
    return {f"more_{i:03d}.txt": f"Қосымша мақала {i}\n\n" + "\n\n".join(
        paragraphs[(i + k) % len(paragraphs)] for k in range(4)) + "\n" for i in range(n)}


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def serve_and_get(site: Path, paths: list[str]) -> list[tuple[int, str]]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        results = []
        for path in paths:
            with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}{path}", timeout=10) as r:
                results.append((r.status, r.read().decode("utf-8")))
        return results
    finally:
        server.shutdown()
        server.server_close()


def test_a_second_build_is_refused_while_one_runs(tmp_path):
    root = make_project(tmp_path / "p")
    with BuildLock(root, "build"):
        result = run_digest(root, "build")
    assert result.returncode == 1
    assert str(root / LOCK_FILE) in result.stderr and str(os.getpid()) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "site").exists()


def test_a_build_while_the_preview_runs_stops_at_once_and_says_so(tmp_path):
    """`digest serve` holds the lock for as long as it runs: waiting would never end."""
    import time

    root = make_project(tmp_path / "p")
    with BuildLock(root, "serve"):
        start = time.monotonic()
        result = run_digest(root, "build")
        waited = time.monotonic() - start
    assert result.returncode == 1 and waited < 60
    message = " ".join(result.stderr.split())
    assert f"digest serve (process {os.getpid()})" in message
    assert "rebuilds the site by itself" in message and "wait" not in message
    assert not (root / "site").exists()


def test_a_stale_lock_from_a_dead_process_is_taken_over(tmp_path):
    root = make_project(tmp_path / "p")
    (root / LOCK_FILE).parent.mkdir(parents=True)
    (root / LOCK_FILE).write_text(f"{dead_pid()} build\n")
    result = run_digest(root, "build")
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "index.html").is_file()
    assert (root / LOCK_FILE).read_text() == ""  # released


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["killed", "ctrl-c"])
def test_an_interrupted_build_leaves_the_previous_site_intact(tmp_path, how):
    root = make_project(tmp_path / "p")
    assert run_digest(root, "build").returncode == 0
    before = tree(root / "site")
    article = next(name for name in before if name.startswith("articles/") and name.endswith("index.html"))

    for name, text in more_articles(150).items():
        (root / "content" / name).write_text(text, "utf-8")
    # Ctrl-C reaches the build as it would from a terminal: a shell's background
    # job (CI started with `&`) ignores SIGINT, and so would the build it starts.
    build = subprocess.Popen([sys.executable, "-m", "digest.cli", "build"], cwd=root,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    staging = root / f".site.building-{build.pid}"
    deadline = time.monotonic() + 120
    while not (staging / "articles").is_dir() and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.05)  # MkDocs is writing pages into the staging folder
    assert build.poll() is None, "the build finished before it could be interrupted"
    build.send_signal(how)
    stdout, stderr = build.communicate(timeout=60)
    assert build.returncode != 0, f"{stdout}\n{stderr}"
    if how == signal.SIGINT:
        assert "Traceback" not in stderr and not staging.exists()

    assert tree(root / "site") == before
    home, page = serve_and_get(root / "site", ["/", "/" + article.removesuffix("index.html")])
    assert home[0] == 200 and page[0] == 200 and "<title>" in page[1]

    # The next build takes over the lock, finishes the job and cleans up.
    result = run_digest(root, "build")
    assert result.returncode == 0, result.stderr
    assert not staging.exists()
    assert len([p for p in (root / "site" / "articles").iterdir()]) == 153


def _gone(path: Path, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return not path.exists()


def test_a_full_build_deletes_the_site_it_replaced_in_the_background(tmp_path):
    from digest.site.mkdocs_build import swap_in

    site, new = tmp_path / "site", tmp_path / "new"
    for folder, text in ((site, "old"), (new, "new")):
        (folder / "articles" / "a").mkdir(parents=True)
        (folder / "articles" / "a" / "index.html").write_text(text)
    swap_in(new, site)
    assert (site / "articles" / "a" / "index.html").read_text() == "new" and not new.exists()
    discarded = list(tmp_path.glob(".site.discarded-*"))
    assert all(_gone(path) for path in discarded)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_swap_cut_in_two_is_undone_and_abandoned_staging_removed(tmp_path):
    from digest.orchestrate.build import recover_interrupted

    site = tmp_path / "site"
    (tmp_path / "site.old").mkdir()
    (tmp_path / "site.old" / "index.html").write_text("old")
    abandoned = tmp_path / f".site.building-{dead_pid()}"
    abandoned_share = tmp_path / f".site.building-{dead_pid()}-rest"  # a split build's second folder
    running = tmp_path / f".site.building-{os.getpid()}"
    running_share = tmp_path / f".site.building-{os.getpid()}-rest"
    for folder in (abandoned, abandoned_share, running, running_share):
        folder.mkdir()
    half_deleted = tmp_path / ".site.discarded-123-456"
    (half_deleted / "articles").mkdir(parents=True)
    recover_interrupted(site)
    assert (site / "index.html").read_text() == "old"
    assert not abandoned.exists() and not abandoned_share.exists()
    assert running.exists() and running_share.exists()
    assert _gone(half_deleted)
