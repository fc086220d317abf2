"""``site_config/digest.yml``: the build's settings, typed and checked when loaded.

A misspelt key or a value of the wrong type is an error naming the file, the
line, the key and what is expected, never a traceback deep in a build or a
setting silently ignored. The defaults are the fields' defaults below, and
written nowhere else (site_config/digest.yml repeats them for editors).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from digest.model import DigestError
from digest.yamlio import key_lines, parse_file_text, read_text

SETTINGS_FILE = "digest.yml"


@dataclass(frozen=True)
class Label:
    """A text in both languages of the site."""

    kk: str
    en: str

    def __getitem__(self, key: str) -> str:
        """``label["kk"]``: how code written for the mappings of earlier digests reads it."""
        if key not in ("kk", "en"):
            raise KeyError(key)
        return getattr(self, key)


@dataclass(frozen=True)
class Settings:
    """The settings of one site. Add a setting here (and in MINIMUM if it is
    a number with another floor): the file may then carry it."""

    site_name: Label = Label("Жаңалықтар дайджесті", "News digest")
    section: str = "articles"
    home_articles: int = 30
    feed_articles: int = 50
    max_article_bytes: int = 2_000_000
    summary_sentences: int = 3
    timeline_undated_articles: int = 50
    timeline_page_events: int = 1000
    archive_page_articles: int = 1000
    reading_words_per_minute: int = 180
    discovered_tag_min_articles: int = 2
    tag_page_cards: int = 50
    search_segment_pages: int = 5_000

    def __getitem__(self, key: str) -> Any:
        """``settings["home_articles"]``: the mapping access of earlier digests."""
        if key not in SETTING_NAMES:
            raise KeyError(key)
        return getattr(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key) if key in SETTING_NAMES else default


SETTING_NAMES = tuple(f.name for f in fields(Settings))
_TYPES = {f.name: f.type for f in fields(Settings)}  # annotations as strings (postponed evaluation)
MINIMUM = {"timeline_undated_articles": 0}  # every other number is at least 1
MAXIMUM = {"summary_sentences": 3}
SECTION = re.compile(r"[a-z0-9][a-z0-9-]*")


def _check(key: str, value: Any) -> Any:
    """The value of setting ``key``, or a message saying what was expected."""
    kind = _TYPES[key]
    if kind == "int":
        low, high = MINIMUM.get(key, 1), MAXIMUM.get(key)
        expected = f"a whole number from {low}" + (f" to {high}" if high is not None else "")
        if isinstance(value, bool) or not isinstance(value, int) or value < low or (high and value > high):
            raise ValueError(expected)
        return value
    if kind == "Label":
        if not (isinstance(value, dict) and set(value) == {"kk", "en"}
                and all(isinstance(v, str) and v.strip() for v in value.values())):
            raise ValueError("a mapping with the two texts 'kk' (Kazakh) and 'en' (English)")
        return Label(value["kk"].strip(), value["en"].strip())
    if key == "section":
        if not (isinstance(value, str) and SECTION.fullmatch(value)):
            raise ValueError("a URL folder name of lower-case Latin letters, digits and hyphens")
        return value
    raise AssertionError(f"no check for setting {key} of type {kind}")  # a field added without one


def parse_settings(data: Any, path: Path, lines: dict[str, int] | None = None) -> Settings:
    """Settings from the parsed file ``path``; DigestError for what is wrong in it."""
    lines = lines or {}
    if data is None:
        return Settings()
    if not isinstance(data, dict):
        raise DigestError("expected a mapping of settings (key: value lines)", path=str(path), line=1)
    values = {}
    for key, value in data.items():
        name = str(key)
        if name not in SETTING_NAMES:
            close = difflib.get_close_matches(name, SETTING_NAMES, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known settings: {', '.join(SETTING_NAMES)}"
            raise DigestError(f"unknown setting '{name}' ({hint})", path=str(path), line=lines.get(name))
        try:
            values[name] = _check(name, value)
        except ValueError as exc:
            raise DigestError(f"setting '{name}': expected {exc}, got {value!r}", path=str(path),
                              line=lines.get(name)) from None
    return Settings(**values)


def load_settings(config_dir: Path) -> Settings:
    """``config_dir/digest.yml`` (the defaults when there is none)."""
    path = config_dir / SETTINGS_FILE
    text = read_text(path)
    if text is None:
        return Settings()
    return parse_settings(parse_file_text(text, path), path, key_lines(text))
