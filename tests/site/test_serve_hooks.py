"""`digest serve`'s console: every file's warnings, not only refused files (digest/site/serve_hooks.py)."""

from __future__ import annotations

import logging

from digest.pipeline import Collection, FileReport
from digest.site.serve_hooks import show_problems


def _collection(*reports: FileReport) -> Collection:
    return Collection([], list(reports))


def test_each_files_warnings_are_shown_once_until_they_change(caplog):
    caplog.set_level(logging.WARNING, logger="mkdocs.digest")
    shown: dict = {}
    first = _collection(
        FileReport("content/a.txt", "published", slug="a", warnings=["unknown tag 'Астна' (did you mean Астана?)"]),
        FileReport("content/b.txt", "published", slug="b"),
        FileReport("content/c.txt", "refused", detail="not UTF-8 and no Kazakh encoding fits"),
        FileReport("content/d.txt", "published", slug="d", warnings=["date 31.02.2024 is not a date"]),
    )
    show_problems(first, shown)
    lines = [r.getMessage() for r in caplog.records]
    assert "content/a.txt: unknown tag 'Астна' (did you mean Астана?)" in lines
    assert "content/d.txt: date 31.02.2024 is not a date" in lines
    assert any(line.startswith("content/c.txt: refused: not UTF-8") for line in lines)
    assert not any("b.txt" in line for line in lines)

    caplog.clear()
    second = _collection(
        FileReport("content/a.txt", "published", slug="a", warnings=["unknown tag 'Астна' (did you mean Астана?)"]),
        FileReport("content/d.txt", "published", slug="d", warnings=["date 30.02.2024 is not a date"]),
    )
    show_problems(second, shown)
    assert [r.getMessage() for r in caplog.records] == ["content/d.txt: date 30.02.2024 is not a date"]
