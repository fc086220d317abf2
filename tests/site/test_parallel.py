"""Split full builds: pages rendered by several processes make the same site as one process."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from digest.commands import build as build_command
from digest.commands.build import build_site
from digest.commands.common import collect_with_progress
from digest.config import load_config
from digest.model import DigestError
from digest.site import parallel
from digest.site.parallel import deal_shares, nav_paths, split_unavailable

from conftest import make_project
from test_incremental import assert_same_site, generate

NAV = {"index.md", "tags/index.md", "timeline/index.md", "archive.md"}


def test_shares_cover_every_page_once_and_keep_the_nav_in_the_first():
    pages = sorted(NAV | {f"articles/a{i}.md" for i in range(7)} | {f"tags/t{i}.md" for i in range(6)})
    shares = deal_shares(pages, NAV, 3)
    assert set().union(*shares) == set(pages)
    assert sum(len(s) for s in shares) == len(pages)
    assert NAV <= shares[0]
    sizes = [len(s - NAV) for s in shares]
    assert max(sizes) - min(sizes) <= 1
    assert all(any(p.startswith("tags/") for p in s) for s in shares)


def test_nav_paths_reads_titled_and_untitled_entries():
    nav = [{"Home": "index.md"}, "archive.md", {"Section": [{"Tags": "tags/index.md"}, "timeline/index.md"]}]
    assert nav_paths(nav) == NAV


def test_no_split_for_small_sites_or_with_threads_running(monkeypatch):
    monkeypatch.setattr(parallel, "processes", lambda: 2)
    assert split_unavailable(10) == "few pages"
    assert split_unavailable(10_000) is None
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert split_unavailable(10_000) == "other threads are running"
    finally:
        stop.set()
        worker.join()
    monkeypatch.setattr(parallel, "processes", lambda: 1)
    assert split_unavailable(10_000) == "one core"


def _build(root: Path, site: str, split: bool):
    config = load_config(root)
    return build_site(config, collect_with_progress(root / "content", config), root / site, strict=False,
                      split=split)


@pytest.fixture
def forced_split(monkeypatch):
    """Split even a small site, over three processes whatever the machine has."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(parallel, "SPLIT_MIN_PAGES", 0)
    monkeypatch.setattr(parallel, "processes", lambda: 3)
    calls: list[int] = []
    real = build_command.run_mkdocs_split
    monkeypatch.setattr(build_command, "run_mkdocs_split", lambda *a, **k: calls.append(1) or real(*a, **k))
    return calls


@pytest.mark.slow
def test_a_split_build_equals_a_one_process_build(tmp_path, forced_split):
    root = make_project(tmp_path / "p", generate(9, seed=7))
    split = _build(root, "site", split=True)
    assert forced_split == [1]
    single = _build(root, "site_single", split=False)
    assert split.rendered == split.pages == single.rendered == single.pages
    assert_same_site(root / "site", root / "site_single")
    assert not list(tmp_path.glob("p/.site*")), "helper folders left behind"
    # The next build is incremental on top of the split one, as after any full build.
    again = _build(root, "site", split=True)
    assert again.incremental and again.rendered == 0


@pytest.mark.slow
def test_a_failed_helper_fails_the_build_and_leaves_the_site(tmp_path, forced_split, monkeypatch):
    root = make_project(tmp_path / "p", generate(5, seed=8))
    _build(root, "site", split=False)
    before = {p: p.read_bytes() for p in (root / "site").rglob("*.html")}
    (root / "content" / "new.txt").write_text("Жаңа мақала.\n\nАстанада жиын өтті.\n", "utf-8")
    monkeypatch.setattr(parallel, "_render_share", lambda *args: None)  # dies without a result
    with pytest.raises(DigestError, match="without a result"):
        config = load_config(root)
        build_site(config, collect_with_progress(root / "content", config), root / "site", strict=False,
                   incremental=False)
    assert {p: p.read_bytes() for p in (root / "site").rglob("*.html")} == before
    assert not list(tmp_path.glob("p/.site*"))


def test_processes_follow_the_usable_cores_up_to_the_cap(monkeypatch):
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: set(range(16)), raising=False)
    assert parallel.processes() == parallel.MAX_PROCESSES
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert parallel.processes() == 1
    assert split_unavailable(10_000) == "one core"
