"""Reading YAML files: one loader, errors that name the file and line.

Every stage that reads YAML (site_config/, the language data files) uses
these, so that none of them has to import ``digest.config`` for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from digest.model import DigestError

# libyaml's parser when PyYAML has it: the same data as the pure-Python one,
# several times faster (the site_config/ and data files are read in every process).
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """YAML text → data, with the safe loader (libyaml's when available)."""
    return yaml.load(text, Loader=YAML_LOADER)  # noqa: S506 (a safe loader)


def read_text(path: Path) -> str | None:
    """A YAML file's text, None when it does not exist."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise DigestError(f"cannot read: {exc}", path=str(path)) from None


def parse_file_text(text: str, path: Path) -> Any:
    """``parse_yaml``, a syntax error becoming a DigestError with the file and line."""
    try:
        return parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise DigestError(f"invalid YAML: {problem}", path=str(path), line=line) from None


def read_yaml(path: Path) -> Any:
    """Load one YAML file (None when missing); a syntax error names its line."""
    text = read_text(path)
    return None if text is None else parse_file_text(text, path)


def key_lines(text: str) -> dict[str, int]:
    """The line (1-based) of each key of a top-level mapping, for error messages."""
    try:
        node = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 1 for key, _ in node.value if isinstance(key, yaml.ScalarNode)}
