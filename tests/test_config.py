"""site_config/'s fingerprints: which changes each one notices."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import digest
from digest.config import load_config

from conftest import make_project


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def test_the_pages_fingerprint_leaves_out_the_vocabulary_alone(tmp_path):
    root = make_project(tmp_path / "p", seeds=False)
    folder = root / "site_config"
    first = load_config(root)

    _append(folder / "vocabulary" / "persons.yml", "\n- {id: new-person, kind: person, kk: Жаңа Адам, en: New Person}\n")
    vocabulary = load_config(root)
    assert vocabulary.pages_fingerprint == first.pages_fingerprint
    assert vocabulary.fingerprint != first.fingerprint
    assert vocabulary.extraction_fingerprint != first.extraction_fingerprint

    _append(folder / "labels.yml", "\n# changed\n")
    labels = load_config(root)
    assert labels.pages_fingerprint != vocabulary.pages_fingerprint

    (folder / "extra.yml").write_text("# a file of its own\n", "utf-8")
    assert load_config(root).pages_fingerprint != labels.pages_fingerprint


def test_without_a_vocabulary_folder_the_pages_fingerprint_is_all_of_site_config(tmp_path):
    """The vocabulary is then every YAML file of site_config/ (tags.load_vocabulary)."""
    root = make_project(tmp_path / "p", seeds=False)
    shutil.rmtree(root / "site_config" / "vocabulary")
    first = load_config(root)
    assert first.pages_fingerprint == first.fingerprint
    (root / "site_config" / "people.yml").write_text("- {id: new-person, kind: person, kk: Жаңа Адам, en: New Person}\n", "utf-8")
    assert load_config(root).pages_fingerprint != first.pages_fingerprint


def test_rendering_and_the_site_never_read_the_vocabulary():
    """What pages_fingerprint assumes: the vocabulary reaches the pages only
    through the articles' tags, so reading it here would leave stale pages."""
    package = Path(digest.__file__).parent
    sources = [p for part in ("render", "site") for p in (package / part).rglob("*.py")]
    assert sources
    reads = re.compile(r"\.vocabulary\(|load_vocabulary|\bVOCABULARY\b|[\"']vocabulary[\"']")
    assert [str(p) for p in sources if reads.search(p.read_text("utf-8"))] == []


def test_a_boilerplate_patterns_list_flag_must_be_true_or_false(tmp_path):
    import pytest

    from digest.model import DigestError

    root = make_project(tmp_path / "p", seeds=False)
    text = (root / "site_config" / "boilerplate.yml").read_text("utf-8")
    (root / "site_config" / "boilerplate.yml").write_text(text.replace("list: true", "list: yes please"), "utf-8")
    with pytest.raises(DigestError, match=r"boilerplate.yml.*related-heading.*'list' must be true or false"):
        load_config(root)
