"""Shared fixtures: the seed articles, a throw-away copy of the project, a built seed site."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "content"
SHARED_SEEDS = REPO.parent / "shared" / "seeds"
PROJECT_FILES = ("mkdocs.yml", "site_config", "theme")


def make_article(slug: str, title: str, date=None, tags=(), timeline=(), blocks=None,
                 source: str | None = "Kazinform", url: str | None = None):
    """An Article made by hand (no extraction): a paragraph, a subheading, a speaker's quote, direct speech."""
    from digest.model import Article, Block, Document, Meta

    blocks = blocks or (
        Block("paragraph", "Астанада форум өтті."),
        Block("heading", "Инвестиция мен сауда"),
        Block("paragraph", "Тараптар келісті."),
        Block("speaker", "Асқар Смағұлов, экономист"),
        Block("quote", "Бұл жаңа кезең.", speaker="Асқар Смағұлов, экономист"),
        Block("paragraph", "– Біз қуаныштымыз, – деді ол."),
    )
    text = "\n".join(b.text for b in blocks)
    doc = Document(path=f"content/{slug}.txt", meta=Meta(url=url), blocks=tuple(blocks), text=text)
    return Article(document=doc, slug=slug, title=title, source=source, date=date,
                   summary=("Астанада форум өтті.",), tags=tuple(tags), timeline=tuple(timeline))


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == 3, "content/ must hold the three seed articles"
    return paths


@pytest.fixture(scope="session")
def config():
    from digest.config import load_config

    return load_config(REPO)


def make_project(target: Path, articles: dict[str, str | bytes] | None = None, seeds: bool = True) -> Path:
    """A copy of the project's configuration with the given content files."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    content = target / "content"
    content.mkdir()
    if seeds:
        for path in sorted(SEEDS.glob("*.txt")):
            shutil.copy(path, content / path.name)
    for name, text in (articles or {}).items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return target


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "project")


def run_digest(project_dir: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the installed CLI in ``project_dir`` as an editor would."""
    environment = dict(os.environ, **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "digest.cli", *args],
        cwd=project_dir, capture_output=True, text=True, env=environment, timeout=600,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The seed site built once per test session; returns its site/ folder."""
    project_dir = make_project(tmp_path_factory.mktemp("seedsite") / "project")
    result = run_digest(project_dir, "build", env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert result.returncode == 0, result.stdout + result.stderr
    return project_dir / "site"


@pytest.fixture(scope="session")
def seed():
    """seed("002") -> the text of content/002_*.txt (one conftest for the whole suite:
    a second conftest module would shadow this one for `from conftest import ...`)."""

    def read(number: str) -> str:
        (path,) = SEEDS.glob(f"{number}_*.txt")
        return path.read_text(encoding="utf-8")

    return read


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site quietly, also under ``prefix`` (a site_url path such as /digest/)."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if self.prefix != "/" and path.startswith(self.prefix):
            path = "/" + path[len(self.prefix):]
        return super().translate_path(path)

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve_site(directory: Path, prefix: str = "/"):
    """A local http.server thread on 127.0.0.1 serving ``directory``; yields its base URL."""
    handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix.rstrip('/')}"
    finally:
        server.shutdown()
        server.server_close()
