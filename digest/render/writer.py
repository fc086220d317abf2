"""Writing generated files so that unchanged ones keep their mtime.

MkDocs's dirty builds and editors' tools look at modification times; a file
rewritten with identical bytes would look changed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write ``content`` unless the file already holds exactly it; True if written."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def remove_stale(root: Path, keep: set[Path]) -> list[Path]:
    """Delete generated files under ``root`` that this build did not produce,
    and the folders left empty. (A walk with strings: pathlib's rglob and Path
    hashing were most of this at 10,000 pages.)"""
    removed = []
    if not root.is_dir():
        return removed
    kept = {str(path) for path in keep}
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        for name in sorted(filenames, reverse=True):
            path = os.path.join(dirpath, name)
            if path not in kept:
                os.unlink(path)
                removed.append(Path(path))
        if dirpath != str(root) and not os.listdir(dirpath):
            os.rmdir(dirpath)
    return sorted(removed, reverse=True)


def link_or_copy(source: Path, target: Path) -> None:
    """``target`` as a hard link to ``source``, or a copy where the file
    system has no hard links (or they would cross file systems)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
