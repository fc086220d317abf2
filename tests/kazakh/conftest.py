"""Fixtures for the Kazakh core tests: the seed articles by number."""

from __future__ import annotations

from pathlib import Path

import pytest

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="session")
def seed():
    """seed("002") -> the text of content/002_*.txt."""

    def read(number: str) -> str:
        (path,) = CONTENT.glob(f"{number}_*.txt")
        return path.read_text(encoding="utf-8")

    return read
