"""Pages made on several cores are the pages made on one."""

from __future__ import annotations

import datetime as dt
import json
import os
import threading

import pytest

import digest.render.shares as shares
from digest.render import RENDERED_FILE, render_site
from conftest import make_article
from tests.render.test_pages import KZ, TRADE


@pytest.fixture
def split(monkeypatch):
    """Split even a handful of pages three ways."""
    monkeypatch.setattr(shares, "SPLIT_MIN_PAGES", 1)
    monkeypatch.setattr(shares, "usable_cores", lambda: 3)


def _articles(n=12):
    return [make_article(f"a{i}", f"Мақала {i}", dt.date(2024, 1 + i % 12, 1 + i), tags=(KZ, TRADE) if i % 2 else (KZ,))
            for i in range(n)]


def _site(docs):
    """Every file but the record of mtimes, which differ from render to render."""
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*"))
            if p.is_file() and p.name != RENDERED_FILE}


def _render(articles, config, docs):
    result = render_site(articles, config, docs, generation="g")
    keys = {k: v[0] for k, v in json.loads((docs / RENDERED_FILE).read_text())["pages"].items()}
    return result, keys


def test_split_render_writes_what_one_process_writes(tmp_path, config, split):
    articles = _articles()
    assert shares.processes_for(40) == 3
    result, keys = _render(articles, config, tmp_path / "split")
    shares.SPLIT_MIN_PAGES = 10**9
    alone, alone_keys = _render(articles, config, tmp_path / "alone")
    assert _site(tmp_path / "split") == _site(tmp_path / "alone")
    assert keys == alone_keys
    assert [p.name for p in result.written] == [p.name for p in alone.written]
    # the recorded mtimes are the files' own, so the next render skips every page
    again = render_site(articles, config, tmp_path / "split", generation="g")
    assert again.written == [] and len(again.unchanged) == len(result.written)


def test_a_share_whose_process_fails_is_made_by_the_parent(tmp_path, split):
    parent = os.getpid()

    def page(i):
        def make():
            if os.getpid() != parent and i == 4:
                raise RuntimeError("only in a helper")
            return f"page {i}\n"
        return make

    pages = [(f"p{i}.md", page(i)) for i in range(9)]
    made = shares.make_pages(tmp_path, pages)
    assert [written for written, _ in made] == [True] * 9
    assert [(tmp_path / f"p{i}.md").read_text() for i in range(9)] == [f"page {i}\n" for i in range(9)]


def test_an_error_in_every_process_reaches_the_caller(tmp_path, split):
    def broken():
        raise RuntimeError("broken page")

    with pytest.raises(RuntimeError, match="broken page"):
        shares.make_pages(tmp_path, [(f"p{i}.md", broken) for i in range(6)])


def test_few_pages_or_running_threads_stay_in_one_process(monkeypatch):
    monkeypatch.setattr(shares, "usable_cores", lambda: 2)
    assert shares.processes_for(shares.SPLIT_MIN_PAGES - 1) == 1
    assert shares.processes_for(shares.SPLIT_MIN_PAGES) == 2
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert shares.processes_for(10_000) == 1
    finally:
        stop.set()
        worker.join()
