"""Which files in content/ are articles, which are skipped, and why."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIXES = (".txt", ".md")
# Pictures an article shows (front matter `image: images/NAME.jpg`, written by
# `digest import`) live in content/images/: they are not articles, so not reported.
IMAGES_FOLDER = "images"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")


@dataclass(frozen=True)
class Candidate:
    path: Path
    shown: str  # the path as editors see it in reports
    problem: str | None = None  # set when the file is refused before reading


def is_ignored(name: str) -> bool:
    """Hidden files and editors' temporary files are not content."""
    return (
        name.startswith(".")
        or name.endswith(("~", ".swp", ".swo", ".tmp", ".bak"))
        or name.startswith(("#", "~$"))
        or name in {"Thumbs.db", "desktop.ini"}
    )


def discover(content_dir: Path, shown_root: Path | None = None) -> list[Candidate]:
    """Every file under ``content_dir`` that an editor may have meant as content."""
    base = content_dir.resolve()
    shown_root = shown_root or content_dir.parent
    found: list[Candidate] = []
    for dirpath, dirnames, filenames in os.walk(content_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not is_ignored(d))
        folder = Path(dirpath)
        try:
            shown_folder = folder.relative_to(shown_root)
        except ValueError:
            shown_folder = folder
        images = folder == content_dir / IMAGES_FOLDER
        for name in sorted(filenames):
            if images and name.lower().endswith(IMAGE_SUFFIXES):
                continue
            if not is_ignored(name):
                found.append(_check(folder / name, str(shown_folder / name), base))
    return found


def _check(path: Path, shown: str, base: Path) -> Candidate:
    if os.path.islink(path):
        target = path.resolve()
        if not target.is_relative_to(base):
            return Candidate(path, shown, "symbolic link to a file outside content/ refused")
        if not target.is_file():
            return Candidate(path, shown, "symbolic link to nothing")
    if os.path.splitext(path.name)[1].lower() not in ARTICLE_SUFFIXES:
        return Candidate(path, shown, f"not an article file (only {' and '.join(ARTICLE_SUFFIXES)} are read)")
    return Candidate(path, shown)
