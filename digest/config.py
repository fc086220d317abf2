"""Reads the editorial configuration in ``site_config/`` once per build.

Everything an editor may change without touching code lives there: settings,
boilerplate patterns, UI labels and the tag vocabulary. Errors name the file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from digest.model import DigestError

CONFIG_DIR = "site_config"

DEFAULT_SETTINGS: dict[str, Any] = {
    "site_name": {"kk": "Жаңалықтар дайджесті", "en": "News digest"},
    "section": "articles",
    "home_articles": 30,
    "feed_articles": 50,
    "max_article_bytes": 2_000_000,
    "summary_sentences": 3,
    "timeline_undated_articles": 50,
    "timeline_page_events": 1000,
    "archive_page_articles": 1000,
    "reading_words_per_minute": 180,
    "discovered_tag_min_articles": 2,
    "tag_page_cards": 50,
}


@dataclass(frozen=True)
class Label:
    kk: str
    en: str


@dataclass(frozen=True)
class BoilerplatePattern:
    name: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class SiteConfig:
    """The parsed ``site_config/`` folder of one project."""

    root: Path
    settings: dict[str, Any]
    labels: dict[str, Label]
    months: tuple[Label, ...]
    boilerplate: tuple[BoilerplatePattern, ...]
    source_patterns: tuple[re.Pattern[str], ...]
    fingerprint: str = ""  # changes whenever any file of site_config/ changes
    # Changes whenever what the pages read of site_config/ changes (see pages_fingerprint).
    pages_fingerprint: str = ""
    # Changes whenever what extraction reads of site_config/ changes (see extraction_fingerprint).
    extraction_fingerprint: str = ""
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def config_dir(self) -> Path:
        return self.root / CONFIG_DIR

    def label(self, key: str) -> Label:
        try:
            return self.labels[key]
        except KeyError:
            raise DigestError(f"no label {key!r}", path=str(self.config_dir / "labels.yml")) from None

    def vocabulary(self):
        """The tag vocabulary, loaded on first use (tags.load_vocabulary)."""
        if "vocabulary" not in self._cache:
            from digest.extract.tags import load_vocabulary

            self._cache["vocabulary"] = load_vocabulary(self.config_dir)
        return self._cache["vocabulary"]


# libyaml's parser when PyYAML has it: the same data as the pure-Python one,
# several times faster (the site_config/ and data files are read in every process).
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """YAML text → data, with the safe loader (libyaml's when available)."""
    return yaml.load(text, Loader=YAML_LOADER)  # noqa: S506 (a safe loader)


def read_yaml(path: Path) -> Any:
    """Load one YAML file; a syntax error becomes a DigestError with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise DigestError(f"cannot read: {exc}", path=str(path)) from None
    try:
        return parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise DigestError(f"invalid YAML: {problem}", path=str(path), line=line) from None


def _labels(data: Any, path: Path) -> tuple[dict[str, Label], tuple[Label, ...]]:
    if not isinstance(data, dict):
        raise DigestError("expected a mapping of label names to {kk, en}", path=str(path))
    labels: dict[str, Label] = {}
    months: list[Label] = []
    for key, value in data.items():
        items = value if key == "months" else [value]
        parsed = []
        for item in items or []:
            if not (isinstance(item, dict) and item.get("kk") and item.get("en")):
                raise DigestError(f"label {key!r} needs both 'kk' and 'en'", path=str(path))
            parsed.append(Label(str(item["kk"]), str(item["en"])))
        if key == "months":
            months = parsed
        else:
            labels[str(key)] = parsed[0]
    if len(months) != 12:
        raise DigestError("'months' must list the 12 months", path=str(path))
    return labels, tuple(months)


def _compile(pattern: str, where: str, path: Path) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise DigestError(f"bad regular expression in {where}: {exc}", path=str(path)) from None


def _boilerplate(data: Any, path: Path):
    data = data or {}
    if not isinstance(data, dict):
        raise DigestError("expected 'line_patterns' and 'source_patterns'", path=str(path))
    lines = []
    for i, item in enumerate(data.get("line_patterns") or []):
        if not isinstance(item, dict) or "pattern" not in item:
            raise DigestError(f"line_patterns[{i}] needs a 'pattern'", path=str(path))
        name = str(item.get("name") or f"pattern-{i}")
        lines.append(BoilerplatePattern(name, _compile(str(item["pattern"]), name, path)))
    sources = [
        _compile(str(p), f"source_patterns[{i}]", path)
        for i, p in enumerate(data.get("source_patterns") or [])
    ]
    return tuple(lines), tuple(sources)


def fingerprint_dir(directory: Path, leave_out: str | None = None) -> str:
    """A hash of every file under ``directory`` (names and bytes), but those
    of its sub-folder ``leave_out``."""
    digest = hashlib.sha256()
    if directory.is_dir():
        for path in sorted(p for p in directory.rglob("*") if p.is_file()):
            relative = path.relative_to(directory)
            if leave_out is not None and relative.parts[0] == leave_out:
                continue
            digest.update(str(relative).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# What ingest and extraction read of site_config/: the vocabulary (for the tags
# alone), the files and the settings below. The extraction cache is kept when
# anything else changes (labels, page sizes), so that relabelling a site of
# 10,000 articles does not extract them again.
# tests/test_config.py checks that the extraction code reads no other setting.
VOCABULARY = "vocabulary"  # a folder
READING_FILES = ("boilerplate.yml",)
EXTRACTION_SETTINGS = ("summary_sentences", "max_article_bytes")


def extraction_fingerprint(directory: Path, settings: dict[str, Any]) -> str:
    """``"<reading>-<tagging>"``: a hash of what ingest and extraction read of
    site_config/ but the vocabulary (the boilerplate patterns and the
    extraction settings), and a hash of the vocabulary, which only the tags
    depend on (the extraction cache re-tags its articles when the vocabulary
    alone changed). Without a vocabulary/ folder the vocabulary is every YAML
    file of site_config/ (tags.load_vocabulary): then all of it is both."""
    if not (directory / VOCABULARY).is_dir():
        whole = fingerprint_dir(directory)
        return f"{whole}-{whole}"
    reading = hashlib.sha256()
    for name in READING_FILES:
        reading.update(f"{name}\0{_file_bytes(directory / name).hex()}\0".encode())
    reading.update(repr([(key, settings.get(key)) for key in EXTRACTION_SETTINGS]).encode())
    return f"{reading.hexdigest()[:16]}-{fingerprint_dir(directory / VOCABULARY)}"


def pages_fingerprint(directory: Path) -> str:
    """A hash of what rendering and MkDocs read of site_config/: all of it but
    the vocabulary/ folder. The vocabulary reaches the pages only through the
    articles' tags, which the pages' own inputs cover (render._inputs_key), so
    adding a name to it re-renders the pages it changes, not the whole site.
    Without a vocabulary/ folder the vocabulary is every YAML file of
    site_config/ (tags.load_vocabulary): then it is all of it."""
    if not (directory / VOCABULARY).is_dir():
        return fingerprint_dir(directory)
    return fingerprint_dir(directory, leave_out=VOCABULARY)


def _file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def load_config(root: Path) -> SiteConfig:
    """Read ``root/site_config``; missing files fall back to built-in defaults."""
    root = Path(root)
    directory = root / CONFIG_DIR
    if not directory.is_dir():
        raise DigestError(f"no {CONFIG_DIR}/ folder here: run digest from the project's folder", path=str(root))
    settings = dict(DEFAULT_SETTINGS)
    user = read_yaml(directory / "digest.yml") or {}
    if not isinstance(user, dict):
        raise DigestError("expected a mapping of settings", path=str(directory / "digest.yml"))
    settings.update(user)
    labels_path = directory / "labels.yml"
    labels, months = _labels(read_yaml(labels_path), labels_path)
    bp_path = directory / "boilerplate.yml"
    lines, sources = _boilerplate(read_yaml(bp_path), bp_path)
    return SiteConfig(
        root=root,
        settings=settings,
        labels=labels,
        months=months,
        boilerplate=lines,
        source_patterns=sources,
        fingerprint=fingerprint_dir(directory),
        pages_fingerprint=pages_fingerprint(directory),
        extraction_fingerprint=extraction_fingerprint(directory, settings),
    )


def find_project_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` that holds site_config/."""
    here = Path(start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / CONFIG_DIR).is_dir():
            return candidate
    return here
