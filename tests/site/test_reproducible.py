"""Two builds of the same content give byte-identical sites, with no trace of the build time."""

from __future__ import annotations

import datetime as dt
import gzip
import struct
from pathlib import Path

import pytest

from conftest import run_digest
from test_publish import DATED, project_copy

pytestmark = pytest.mark.slow


def build_copy(target: Path) -> Path:
    project = project_copy(target, articles={"dated.txt": DATED})
    result = run_digest(project, "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    """The seeds and a dated article, built in two fresh copies at different paths, no SOURCE_DATE_EPOCH."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        first = build_copy(tmp_path_factory.mktemp("first") / "project")
        second = build_copy(tmp_path_factory.mktemp("second-build") / "elsewhere" / "project")
    return first, second


def test_two_builds_are_byte_identical(two_builds):
    first, second = (files_of(site) for site in two_builds)
    assert sorted(first) == sorted(second)
    assert {"sitemap.xml", "sitemap.xml.gz", "feed.xml", "404.html"} <= set(first)
    assert [name for name in first if first[name] != second[name]] == []


def test_no_build_date_anywhere(two_builds):
    site = two_builds[0]
    today = {dt.datetime.now(dt.timezone.utc).date(), dt.date.today()}
    stamps = {d.isoformat() for d in today} | {d.isoformat() for d in (t - dt.timedelta(days=1) for t in today)}
    for name, data in files_of(site).items():
        if name.endswith((".html", ".xml", ".json", ".txt")):
            text = data.decode("utf-8")
            assert not [s for s in stamps if s in text], name


def test_sitemap_gzip_header_has_no_mtime_without_source_date_epoch(two_builds):
    data = (two_builds[0] / "sitemap.xml.gz").read_bytes()
    assert data[:2] == b"\x1f\x8b"
    assert struct.unpack("<I", data[4:8])[0] == 0
    assert gzip.decompress(data) == (two_builds[0] / "sitemap.xml").read_bytes()


def test_feed_dates_come_from_articles_not_the_clock(two_builds):
    feed = (two_builds[0] / "feed.xml").read_text(encoding="utf-8")
    assert "<published>2031-05-17T00:00:00+00:00</published>" in feed
    assert "<updated>2031-05-17T00:00:00+00:00</updated>" in feed  # the feed's, and the dated entry's
    assert feed.count("<updated>1970-01-01T00:00:00+00:00</updated>") == 3  # the undated seeds


# --- digest/site/reproducible.py ---------------------------------------------------

def test_gzip_honours_source_date_epoch(monkeypatch):
    from digest.site.reproducible import build_datetime, gzip_bytes

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = gzip_bytes(b"x", "sitemap.xml.gz")
    assert struct.unpack("<I", data[4:8])[0] == 1700000000
    assert build_datetime() == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert struct.unpack("<I", gzip_bytes(b"x", "sitemap.xml.gz")[4:8])[0] == 0
    assert gzip_bytes(b"x", "a.gz") == gzip_bytes(b"x", "a.gz")
    assert build_datetime().year == 1970


def test_last_commit_epoch_outside_git_is_none(tmp_path):
    from digest.site.reproducible import last_commit_epoch

    assert last_commit_epoch(tmp_path) is None


def test_an_incremental_rebuild_equals_a_full_build(two_builds, tmp_path, monkeypatch):
    """Seeds built, then the dated article added and built again: the same bytes as a full build."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = project_copy(tmp_path / "project")
    for _ in range(2):  # the second build has only the seeds' unchanged pages to reuse
        assert run_digest(project, "build").returncode == 0
    (project / "content" / "dated.txt").write_text(DATED, encoding="utf-8")
    result = run_digest(project, "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    rebuilt, full = files_of(project / "site"), files_of(two_builds[0])
    assert sorted(rebuilt) == sorted(full)
    assert [name for name in full if rebuilt[name] != full[name]] == []
