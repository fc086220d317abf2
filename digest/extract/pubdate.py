"""An article's publication date, and where it came from (``Article.date_source``).

In order: the editor's ``date:`` ("front-matter"); a ``YYYY-MM-DD`` prefix of
the file name ("file-name"); the article's dateline ("text": "АСТАНА. 15
наурыз 2024. ҚазАқпарат –"); the day git first recorded the file ("git": the
day it was added to the digest, as mkdocs-git-revision-date-localized-plugin's
creation date). A file outside git, or not committed yet, has no git date.

A dateline without a year ("ХЕЛЬСИНКИ, 28 июнь. (ТАСС).") takes the year of the
git date, the latest year that puts it on or before that day (a report is
added after it is published, never before): 28 June with a git date of
2 January 2025 is 28 June 2024. Without a git date it stays unresolved, and
the article has no date.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

from digest.ingest.datetext import date_line, day_month, parse_date
from digest.model import DateSource, Document

_FILE_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DATE_PART = re.compile(r"\d{1,2}(?:-\w{1,3})?\s+[^\W\d_]+(?:\s+\d{4}(?:\s*(?:жылы|ж\.?|г\.?))?)?")


def publication_date(doc: Document, root: Path) -> tuple[dt.date | None, DateSource | None]:
    """The date and its source; (None, None) when nothing gives one."""
    if doc.meta.date is not None:
        return doc.meta.date, "front-matter"
    named = file_name_date(doc.path)
    if named is not None:
        return named, "file-name"
    added = None
    file = Path(doc.file) if doc.file else locate(doc.path, root)
    if doc.dateline:
        day, month, year = dateline_parts(doc.dateline)
        if year is not None and month is not None:
            return _safe(year, month, day), "text"
        if month is not None:
            added = git_first_day(file)
            if added is not None:
                return _before(added, month, day), "text"
    added = added or git_first_day(file)
    return (added, "git") if added is not None else (None, None)


def file_name_date(path: str) -> dt.date | None:
    """The date a file's name starts with ("2024-03-15-tokaev.md"), if it is a real day."""
    m = _FILE_DATE.match(os.path.basename(path))
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def dateline_parts(dateline: str) -> tuple[int, int | None, int | None]:
    """(day, month, year) of a dateline's date; month None when it has none."""
    whole = date_line(dateline)
    if whole is not None:
        return whole.day, whole.month, whole.year
    m = _DATE_PART.search(dateline)
    if not m:
        return 1, None, None
    full = parse_date(m.group())
    if full is not None:
        return full.day, full.month, full.year
    parts = day_month(re.sub(r"\s+\d{4}.*$", "", m.group()))
    return (parts[0], parts[1], None) if parts else (1, None, None)


def _safe(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 29 февраль of a common year, "31 сәуір"
        return dt.date(year, month, 1)


def _before(added: dt.date, month: int, day: int) -> dt.date:
    """That day and month in the latest year that is not after ``added``."""
    date = _safe(added.year, month, day)
    return date if date <= added else _safe(added.year - 1, month, day)


def locate(path: str, root: Path) -> Path | None:
    """The file an article's shown path names: as given, from the project's root, or from here."""
    shown = Path(path)
    for candidate in (shown,) if shown.is_absolute() else (Path(root) / shown, shown):
        if candidate.is_file():
            return candidate
    return None


# ---------------------------------------------------------------------------
# git: one `git log` per folder of articles, read again only after a commit

_FOLDERS: dict[str, tuple[str, str] | None] = {}  # folder → (work tree top, git dir), None outside git
_ADDED: dict[str, tuple[tuple, dict[str, dt.date]]] = {}  # folder → (git state, {top-relative path: day})


def git_first_day(path: Path | None) -> dt.date | None:
    """The day git first recorded ``path`` (renames followed); None outside git or not committed."""
    if path is None:
        return None
    folder = str(path.resolve().parent)
    repo = _repository(folder)
    if repo is None:
        return None
    top, git_dir = repo
    state = _state(git_dir)
    held = _ADDED.get(folder)
    if held is None or held[0] != state:
        held = (state, _first_days(folder))
        _ADDED[folder] = held
    return held[1].get(os.path.relpath(path.resolve(), top).replace(os.sep, "/"))


def _git(args: list[str], cwd: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None  # no git on this machine
    return done.stdout if done.returncode == 0 else None


def _repository(folder: str) -> tuple[str, str] | None:
    if folder not in _FOLDERS:
        out = _git(["rev-parse", "--show-toplevel", "--absolute-git-dir"], folder)
        lines = out.splitlines() if out else []
        _FOLDERS[folder] = (lines[0], lines[1]) if len(lines) >= 2 else None
    return _FOLDERS[folder]


def _state(git_dir: str) -> tuple:
    """Changes with every commit (HEAD's reflog and the index are rewritten)."""
    stamps = []
    for name in ("logs/HEAD", "index", "HEAD"):
        try:
            st = os.stat(os.path.join(git_dir, name))
            stamps.append((st.st_mtime_ns, st.st_size))
        except OSError:
            stamps.append(None)
    return tuple(stamps)


def _first_days(folder: str) -> dict[str, dt.date]:
    """Every file under ``folder`` that git added, with the day of its first commit.

    Oldest commits first: an added path takes its commit's day; a renamed one
    keeps the day of the name it came from.
    """
    out = _git(["-c", "core.quotepath=off", "log", "--reverse", "-M", "--diff-filter=AR",
                "--name-status", "-z", "--format=%x01%as", "--", "."], folder)
    days: dict[str, dt.date] = {}
    if not out:
        return days
    for commit in out.split("\x01")[1:]:
        head, _, changes = commit.partition("\n")
        try:
            day = dt.date.fromisoformat(head.strip("\x00\n"))
        except ValueError:
            continue
        fields = [f for f in changes.split("\x00") if f.strip("\n")]
        i = 0
        while i + 1 < len(fields):
            status = fields[i].strip("\n")
            if status.startswith("R") and i + 2 < len(fields):
                days.setdefault(fields[i + 2], days.get(fields[i + 1], day))
                i += 3
            else:
                days.setdefault(fields[i + 1], day)
                i += 2
    return days


def git_date_changed(article, path: Path) -> bool:
    """Whether a cached ``Article``'s date would now be another: it had no date
    or git's, and git's first commit of ``path`` says otherwise (the file was
    committed since it was extracted). The extraction cache is keyed by a
    file's bytes, which a commit does not change."""
    if article.date_source not in (None, "git"):
        return False
    return git_first_day(path) != article.date
