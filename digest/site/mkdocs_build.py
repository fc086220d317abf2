"""Running MkDocs (with Material) on the generated pages.

MkDocs's own build does the rendering; we only point it at build/docs and a
site directory, and turn its failures into DigestError for the report.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from digest.model import DigestError

MKDOCS_FILE = "mkdocs.yml"


def load_mkdocs_config(root: Path, docs_dir: Path, site_dir: Path, strict: bool = False) -> MkDocsConfig:
    config_file = root / MKDOCS_FILE
    if not config_file.is_file():
        raise DigestError("mkdocs.yml not found", path=str(config_file))
    try:
        return load_config(
            config_file=str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=strict
        )
    except (ConfigurationError, Abort) as exc:
        raise DigestError(f"MkDocs configuration: {exc}", path=str(config_file)) from None


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config: MkDocsConfig, dirty: bool = False) -> list[str]:
    """Build the site; return MkDocs's warnings. Raises DigestError on failure."""
    counter = _WarningCounter()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    try:
        build(config, dirty=dirty)
    except (Abort, MkDocsException) as exc:
        detail = "; ".join(counter.messages) or str(exc)
        raise DigestError(f"MkDocs build failed: {detail}") from None
    finally:
        logger.removeHandler(counter)
    return counter.messages


def swap_in(new_site: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by ``new_site`` so readers never see a half-built site."""
    old = site_dir.with_name(site_dir.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(new_site, site_dir)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
