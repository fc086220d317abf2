"""site_config/digest.yml and labels.yml are checked when loaded (digest/settings.py, digest/config.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from digest.config import load_config
from digest.model import DigestError
from digest.settings import Settings

from conftest import make_project


def _set(root, text: str, name: str = "digest.yml") -> None:
    (root / "site_config" / name).write_text(text, "utf-8")


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "p", seeds=False)


def test_the_shipped_file_gives_the_defaults(project):
    """site_config/digest.yml repeats the defaults: the file and the code agree."""
    assert load_config(project).settings == Settings()


def test_a_missing_or_empty_file_gives_the_defaults(project):
    (project / "site_config" / "digest.yml").unlink()
    assert load_config(project).settings == Settings()
    _set(project, "# nothing set\n")
    assert load_config(project).settings == Settings()


def test_a_value_is_read_with_its_type(project):
    _set(project, "home_articles: 12\nsite_name:\n  kk: Дайджест\n  en: Digest\nsection: news\n")
    settings = load_config(project).settings
    assert (settings.home_articles, settings.section, settings.site_name.en) == (12, "news", "Digest")
    assert settings["home_articles"] == 12 and settings.get("nothing", 5) == 5


@pytest.mark.parametrize("text, key, expected, line", [
    ("section: news\nhome_articles: thirty\n", "home_articles", "a whole number", 2),
    ("home_articles: 0\n", "home_articles", "a whole number from 1", 1),
    ("home_articles: true\n", "home_articles", "a whole number", 1),
    ("summary_sentences: 5\n", "summary_sentences", "from 1 to 3", 1),
    ("section: Жаңалықтар\n", "section", "a URL folder name", 1),
    ("site_name: Digest\n", "site_name", "'kk' (Kazakh) and 'en' (English)", 1),
    ("site_name:\n  kk: Дайджест\n", "site_name", "'kk' (Kazakh) and 'en' (English)", 1),
])
def test_a_wrong_type_names_file_line_key_and_what_is_expected(project, text, key, expected, line):
    _set(project, text)
    with pytest.raises(DigestError) as caught:
        load_config(project)
    error = caught.value
    assert error.path.endswith("digest.yml") and error.line == line
    assert f"'{key}'" in error.message and expected in error.message


def test_an_unknown_key_is_an_error_suggesting_the_nearest(project):
    _set(project, "home_articles: 10\nhome_artcles: 10\n")
    with pytest.raises(DigestError) as caught:
        load_config(project)
    assert caught.value.line == 2
    assert "unknown setting 'home_artcles'" in caught.value.message
    assert "did you mean 'home_articles'" in caught.value.message


def test_a_file_that_is_not_a_mapping_is_an_error(project):
    _set(project, "- home_articles\n")
    with pytest.raises(DigestError, match="mapping of settings"):
        load_config(project)


def test_a_label_lacking_a_text_names_file_line_and_key(project):
    path = project / "site_config" / "labels.yml"
    lines = path.read_text("utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line and not line[0].isspace() and not line.startswith("#"))
    key = lines[first].split(":", 1)[0]
    lines[first] = f"{key}: {{kk: Тек қазақша}}"
    end = first + 1
    while end < len(lines) and lines[end].startswith((" ", "\t")):
        end += 1
    path.write_text("\n".join(lines[:first + 1] + lines[end:]) + "\n", "utf-8")
    with pytest.raises(DigestError) as caught:
        load_config(project)
    assert caught.value.path.endswith("labels.yml") and caught.value.line == first + 1
    assert f"label '{key}'" in caught.value.message and "'en'" in caught.value.message


def test_a_broken_setting_stops_the_build_and_keeps_the_live_site(tmp_path):
    root = make_project(tmp_path / "p")
    run = [sys.executable, "-m", "digest.cli", "build"]
    assert subprocess.run(run, cwd=root, capture_output=True).returncode == 0
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    _set(root, "home_articles: thirty\n")
    done = subprocess.run(run, cwd=root, capture_output=True, text=True)
    assert done.returncode == 1
    assert "digest.yml:1" in done.stderr and "home_articles" in done.stderr and "Traceback" not in done.stderr
    assert {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()} == before
