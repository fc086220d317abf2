"""A full build on two cores (digest/site/split_build.py): the same site as one MkDocs build."""

from __future__ import annotations

import pathspec
import pytest

from digest.config import load_config
from digest.site import split_build
from digest.site.generate import docs_dir_of
from digest.site.mkdocs_build import load_mkdocs_config

from conftest import make_project
from test_incremental import assert_same_site, build, generate

NAV = ["index.md", "tags/index.md", "timeline/index.md", "archive.md"]
PAGES = NAV + ["articles/a.md", "articles/b.md", "tags/astana.md", "tags/abai.md", "timeline/2024.md",
               "archive/2023.md", "cards/a.png", "tags/astana/feed.xml", "feed.xml", "assets/x.js"]


def _built(exclude: str) -> set[str]:
    spec = pathspec.GitIgnoreSpec.from_lines(exclude.splitlines())
    return {p for p in PAGES if not spec.match_file(p)}


def test_the_two_builds_share_only_the_nav_and_miss_nothing():
    articles, rest = split_build.excludes(NAV, "articles")
    first, second = _built(articles), _built(rest)
    assert first == set(NAV) | {"articles/a.md", "articles/b.md"}
    assert first & second == set(NAV)
    assert first | second == set(PAGES)


@pytest.mark.parametrize("nav", [NAV + ["articles/a.md"], NAV + ["tags/more/deep.md"]])
def test_a_nav_the_split_cannot_keep_is_built_in_one(nav):
    assert split_build.excludes(nav, "articles") is None


def test_the_nav_pages_are_read_from_mkdocs_nav():
    nav = [{"Home": "index.md"}, {"Section": [{"A": "tags/index.md"}, "archive.md"]},
           {"Out": "https://example.org/"}]
    assert split_build.nav_pages(nav) == ["index.md", "tags/index.md", "archive.md"]


def test_the_project_site_is_split(tmp_path):
    root = make_project(tmp_path / "p", seeds=False)
    config = load_config(root)
    docs = docs_dir_of(config)
    docs.mkdir(parents=True)
    assert split_build.can_split(load_mkdocs_config(root, docs, tmp_path / "s"), "articles") is not None
    mkdocs_yml = root / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text("utf-8") + "\nexclude_docs: drafts/\n", "utf-8")
    assert split_build.can_split(load_mkdocs_config(root, docs, tmp_path / "s"), "articles") is None


@pytest.mark.slow
def test_a_split_build_makes_the_site_one_build_makes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    import digest.orchestrate.build as orchestrate

    calls = []
    monkeypatch.setattr(orchestrate, "build_split", lambda *a, **k: calls.append(1) or split_build.build_split(*a, **k))
    root = make_project(tmp_path / "p", generate(6, seed=3))
    split = build(root, "site_split")
    assert not split.incremental and calls == [1]
    monkeypatch.setenv("DIGEST_BENCH_OFF", "split_build")
    single = build(root, "site_single")
    assert calls == [1]
    assert (split.pages, split.rendered) == (single.pages, single.rendered)
    assert_same_site(root / "site_split", root / "site_single")
    assert (root / "site_split" / "assets").is_dir() and (root / "site_split" / "tags").is_dir()


@pytest.mark.slow
def test_a_second_build_that_dies_is_an_error_and_the_live_site_stays(tmp_path, monkeypatch):
    import os

    from digest.model import DigestError

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = make_project(tmp_path / "p", generate(3, seed=5))
    build(root)
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    monkeypatch.setattr(_Dying, "parent", os.getpid())
    monkeypatch.setattr(split_build, "_build_share", _dies_in_the_child)
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text("utf-8") + "\n# full build\n", "utf-8")
    with pytest.raises(DigestError, match="stopped"):
        build(root)
    assert {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()} == before
    assert not list(root.glob(".site.building-*"))


class _Dying:
    parent = 0
    real = staticmethod(split_build._build_share)


def _dies_in_the_child(*args, **kwargs):
    """``_build_share`` in this process; in the forked one, killed (as by the kernel)."""
    import os

    if os.getpid() != _Dying.parent:
        os._exit(9)
    return _Dying.real(*args, **kwargs)


def test_the_other_builds_process_has_ended_when_the_search_index_starts(tmp_path, monkeypatch):
    """Its memory is free again for Pagefind, when it finished first (at
    10,000 articles it renders 1,400 pages against 10,000, and held 0.5 GiB)."""
    import multiprocessing
    import os

    monkeypatch.setattr(_Quick, "parent", os.getpid())
    monkeypatch.setattr(_Quick, "finished", tmp_path / "other-build-finished")
    monkeypatch.setattr(split_build, "_build_share", _quick_in_the_child)
    monkeypatch.setattr(split_build.seo, "merge_sitemaps", lambda staging, other: None)
    alive_then: list[list] = []
    split_build.build_split(tmp_path, tmp_path / "docs", tmp_path / "staging", False, ("a", "b"),
                            then=lambda: alive_then.append(multiprocessing.active_children()))
    assert _Quick.finished.exists() and alive_then == [[]]


class _Quick:
    parent = 0
    finished = None


def _quick_in_the_child(*args, **kwargs):
    """``_build_share`` that returns at once in the forked process; in this
    one, only once that one's result has come back."""
    import os
    import time

    if os.getpid() != _Quick.parent:
        _Quick.finished.touch()
        return split_build.Share()
    deadline = time.monotonic() + 30
    while not _Quick.finished.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # the result travels back to this process
    return split_build.Share()
