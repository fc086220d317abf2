"""The publication date: front matter, file name, dateline, git's first commit, in that order."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from digest.extract.pubdate import file_name_date, git_first_day, publication_date
from digest.extract.timeline import find_timeline
from digest.ingest.reader import read_document

TEXT = "Астанада жаңа көпір ашылды. Құрылыс өткен жылы басталған.\nКөпір кеше пайдалануға берілді.\n"


def git(repo: Path, *args: str, day: str = "2021-05-04") -> None:
    env = dict(os.environ, GIT_AUTHOR_DATE=f"{day}T10:00:00", GIT_COMMITTER_DATE=f"{day}T10:00:00",
               GIT_AUTHOR_NAME="E", GIT_AUTHOR_EMAIL="e@x", GIT_COMMITTER_NAME="E", GIT_COMMITTER_EMAIL="e@x")
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path) -> Path:
    (tmp_path / "content").mkdir()
    git(tmp_path, "init", "-q")
    return tmp_path


def date_of(config, path: Path, root: Path):
    doc = read_document(path, config, str(path))
    return publication_date(doc, root)


def test_front_matter_first(config, repo):
    path = repo / "content" / "2020-01-02-kopir.md"
    path.write_text("---\ndate: 15.03.2024\n---\n" + TEXT, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "a")
    assert date_of(config, path, repo) == (dt.date(2024, 3, 15), "front-matter")


def test_file_name_prefix(config, repo):
    path = repo / "content" / "2023-11-05-kopir.txt"
    path.write_text("ХЕЛЬСИНКИ, 28 июнь 2022. (ТАСС). " + TEXT, encoding="utf-8")
    assert date_of(config, path, repo) == (dt.date(2023, 11, 5), "file-name")


@pytest.mark.parametrize("name, date", [
    ("2024-03-15-x.txt", dt.date(2024, 3, 15)), ("2024-02-30-x.txt", None), ("20240315.txt", None),
    ("x-2024-03-15.txt", None), ("2024-03-155.txt", None),
])
def test_file_name_dates(name, date):
    assert file_name_date(f"content/{name}") == date


def test_dateline_with_a_year(config, repo):
    path = repo / "content" / "kopir.txt"
    path.write_text("АСТАНА, 15 наурыз 2024. ҚазАқпарат – " + TEXT, encoding="utf-8")
    assert date_of(config, path, repo) == (dt.date(2024, 3, 15), "text")


def test_dateline_without_a_year_takes_the_git_year(config, repo):
    path = repo / "content" / "kopir.txt"
    path.write_text("ХЕЛЬСИНКИ, 28 июнь. (ТАСС). " + TEXT, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "a", day="2025-01-02")
    # added on 2 January 2025: a report of 28 June was published in 2024
    assert date_of(config, path, repo) == (dt.date(2024, 6, 28), "text")


def test_dateline_without_a_year_and_no_git_stays_unknown(config, tmp_path):
    path = tmp_path / "kopir.txt"
    path.write_text("ХЕЛЬСИНКИ, 28 июнь. (ТАСС). " + TEXT, encoding="utf-8")
    assert date_of(config, path, tmp_path) == (None, None)


def test_git_first_commit_day(config, repo):
    path = repo / "content" / "kopir.txt"
    path.write_text(TEXT, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "a", day="2021-05-04")
    path.write_text(TEXT + "Тағы бір сөйлем.\n", encoding="utf-8")
    git(repo, "commit", "-qam", "b", day="2022-07-08")
    git(repo, "mv", "content/kopir.txt", "content/kopir-2.txt")
    git(repo, "commit", "-qm", "c", day="2023-01-01")
    moved = repo / "content" / "kopir-2.txt"
    assert date_of(config, moved, repo) == (dt.date(2021, 5, 4), "git")


def test_uncommitted_file_has_no_date_and_no_error(config, repo):
    (repo / "content" / "old.txt").write_text(TEXT, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "a")
    path = repo / "content" / "new.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert date_of(config, path, repo) == (None, None)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "b", day="2024-09-09")
    assert date_of(config, path, repo) == (dt.date(2024, 9, 9), "git")  # read again after the commit


def test_outside_git_and_without_git(config, tmp_path, monkeypatch):
    path = tmp_path / "kopir.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert date_of(config, path, tmp_path) == (None, None)
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert git_first_day(path) is None


def test_relative_dates_resolve_against_the_found_date(config, repo):
    from digest.extract import extract_article

    path = repo / "content" / "2023-11-05-kopir.txt"
    path.write_text(TEXT, encoding="utf-8")
    article = extract_article(read_document(path, config, str(path)), config)
    assert (article.date, article.date_source) == (dt.date(2023, 11, 5), "file-name")
    past = next(e for e in article.timeline if e.text.startswith("өткен жылы"))
    assert past.when == "2022"
    assert find_timeline(article.document.text, None)[0].when is None  # unresolved without a date


def test_a_cached_article_knows_when_its_git_date_changed(config, repo):
    from digest.extract import extract_article
    from digest.extract.pubdate import git_date_changed

    (repo / "content" / "old.txt").write_text(TEXT, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "a")
    path = repo / "content" / "new.txt"
    path.write_text(TEXT, encoding="utf-8")
    article = extract_article(read_document(path, config, str(path)), config)
    assert article.date is None and not git_date_changed(article, path)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "b", day="2024-09-09")
    assert git_date_changed(article, path)


@pytest.mark.parametrize("line", ["15.03.2024, 10:30", "10:30 · 15 наурыз 2024", "Жарияланды: 15 наурыз 2024"])
def test_a_line_that_only_dates_the_article_is_its_dateline(config, tmp_path, line):
    path = tmp_path / "kopir.txt"
    path.write_text(f"Астанада жаңа көпір ашылды\n{line}\n" + TEXT, encoding="utf-8")
    doc = read_document(path, config, str(path))
    assert line not in doc.text and doc.dateline == line
    assert publication_date(doc, tmp_path) == (dt.date(2024, 3, 15), "text")
    assert doc.headline == "Астанада жаңа көпір ашылды"


def test_a_posting_time_is_not_article_text(config, tmp_path):
    path = tmp_path / "kopir.txt"
    path.write_text("Астанада жаңа көпір ашылды\nБүгін, 10:30\n" + TEXT, encoding="utf-8")
    doc = read_document(path, config, str(path))
    assert "10:30" not in doc.text
