"""One clock for the whole build: SOURCE_DATE_EPOCH when set, otherwise none at all.

Two builds of the same content must give byte-identical sites, so nothing we
write may carry the time of the build. Where a format demands a timestamp (an
Atom entry's <updated>, a gzip header), we use SOURCE_DATE_EPOCH
(https://reproducible-builds.org/specs/source-date-epoch/) if the builder set
it, else a fixed value. Publication dates come from the articles, never from
the clock.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import os
import subprocess
from pathlib import Path

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
VARIABLE = "SOURCE_DATE_EPOCH"


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as seconds, or None when unset or not a number."""
    value = os.environ.get(VARIABLE, "").strip()
    if not value.isdigit():
        return None
    return int(value)


def build_datetime() -> dt.datetime:
    """The time a timestamp-requiring field gets: SOURCE_DATE_EPOCH, else 1970-01-01 UTC."""
    seconds = source_date_epoch()
    if seconds is None:
        return EPOCH
    return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)


def gzip_bytes(data: bytes, name: str) -> bytes:
    """gzip of ``data`` whose header names ``name`` and holds no build time."""
    buffer = io.BytesIO()
    mtime = source_date_epoch() or 0
    with gzip.GzipFile(filename=name, mode="wb", fileobj=buffer, mtime=mtime) as stream:
        stream.write(data)
    return buffer.getvalue()


def replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` as a new file at ``path``.

    Replacing rather than writing in place: a reader of the file (or a
    hard link to it elsewhere) sees it whole, old or new.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def write_gzip_copy(path: Path) -> Path:
    """Write ``path`` + ``.gz`` reproducibly; returns the new file."""
    target = path.with_name(path.name + ".gz")
    replace_file(target, gzip_bytes(path.read_bytes(), target.name))
    return target


def last_commit_epoch(root: Path) -> int | None:
    """Commit time of HEAD in ``root`` (the usual SOURCE_DATE_EPOCH), or None outside git."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = result.stdout.strip()
    return int(value) if result.returncode == 0 and value.isdigit() else None
