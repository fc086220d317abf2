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

from digest.model import DigestError
from digest.settings import Label, Settings, load_settings
from digest.yamlio import YAML_LOADER, key_lines, parse_file_text, parse_yaml, read_text, read_yaml  # noqa: F401
# (YAML_LOADER and parse_yaml: extract/ imported them from here; digest.yamlio is their home)

CONFIG_DIR = "site_config"


@dataclass(frozen=True)
class BoilerplatePattern:
    name: str
    regex: re.Pattern[str]
    heads_list: bool = False  # the headline-like lines under it are a list of links, dropped with it


@dataclass(frozen=True)
class SiteConfig:
    """The parsed ``site_config/`` folder of one project."""

    root: Path
    settings: Settings
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


def _labels(path: Path) -> tuple[dict[str, Label], tuple[Label, ...]]:
    """labels.yml: every label with its two texts, and the 12 months."""
    text = read_text(path)
    data = None if text is None else parse_file_text(text, path)
    lines = key_lines(text or "")
    if not isinstance(data, dict):
        raise DigestError("expected a mapping of label names to {kk, en}", path=str(path), line=1)
    labels: dict[str, Label] = {}
    months: list[Label] = []
    for key, value in data.items():
        items = value if key == "months" and isinstance(value, list) else [value]
        parsed = []
        for item in items or []:
            if not (isinstance(item, dict) and isinstance(item.get("kk"), str) and item["kk"].strip()
                    and isinstance(item.get("en"), str) and item["en"].strip()):
                raise DigestError(f"label '{key}': expected both texts, 'kk' (Kazakh) and 'en' (English), "
                                  f"got {item!r}", path=str(path), line=lines.get(str(key)))
            parsed.append(Label(item["kk"], item["en"]))
        if key == "months":
            months = parsed
        else:
            labels[str(key)] = parsed[0]
    if len(months) != 12:
        raise DigestError("'months' must list the 12 months, each with 'kk' and 'en'", path=str(path),
                          line=lines.get("months"))
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
        heads_list = item.get("list", False)
        if not isinstance(heads_list, bool):
            raise DigestError(f"line_patterns[{i}] ({name}): 'list' must be true or false", path=str(path))
        lines.append(BoilerplatePattern(name, _compile(str(item["pattern"]), name, path), heads_list))
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
READING_FILES = ("boilerplate.yml", "outlets.yml")
EXTRACTION_SETTINGS = ("summary_sentences", "max_article_bytes")


def extraction_fingerprint(directory: Path, settings: Settings) -> str:
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
    settings = load_settings(directory)
    labels, months = _labels(directory / "labels.yml")
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
