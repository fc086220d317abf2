"""What the build ships for the Kazakh search: the lunr language script and Material's index."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import material
import pytest

from digest.site.search_index import TARGET, language_data

WORKERS = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"


@pytest.fixture(scope="module")
def index(built_site) -> dict:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_material_worker_loads_languages_where_the_build_puts_kk():
    """Material's worker imports lunr/min/lunr.<lang>.min.js; our file must sit there."""
    (worker,) = WORKERS.glob("search.*.min.js")
    assert "/min/lunr." in worker.read_text(encoding="utf-8")
    assert TARGET == "assets/javascripts/lunr/min/lunr.kk.min.js"


def test_the_index_is_written_as_utf8_not_escapes(built_site, index):
    """Kazakh letters as \\u escapes took three times the bytes; the data is the same."""
    raw = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u04" not in raw
    assert re.search("[а-яәғқңөұүһі]{4}", raw)
    assert json.loads(raw) == index


def test_search_config_names_the_kazakh_language(index):
    config = index["config"]
    assert config["lang"] == ["kk"]
    assert set(config["pipeline"]) == {"trimmer", "stopWordFilter", "stemmer"}
    separator = re.compile(config["separator"])
    words = [w for w in separator.split("Қазақстан, Минск — «Ertenmedia-ның» (Тоқаев) AT&amp;T") if w]
    assert words == ["Қазақстан", "Минск", "Ertenmedia", "ның", "Тоқаев", "AT", "T"]


def test_the_script_embeds_the_stemmer_table_of_this_build(built_site):
    script = (built_site / TARGET).read_text(encoding="utf-8")
    data = json.dumps(language_data(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    assert data in script
    assert "Stemmer.prototype.readings" in script and "lunr.kk = function" in script


def test_the_javascript_sources_are_not_shipped_separately(built_site):
    assert not (built_site / "assets" / "javascripts" / "kazakh").exists()


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_separator_is_a_javascript_regexp(index):
    """The worker does `new RegExp(config.separator)`; a Python-only pattern would break search."""
    code = f"new RegExp({json.dumps(index['config']['separator'])}); console.log('ok')"
    assert subprocess.run(["node", "-e", code], capture_output=True, text=True).stdout.strip() == "ok"


def test_english_tag_labels_are_indexed(built_site, index):
    """Article pages show tag chips with English labels (span lang=en); Material indexes that text."""
    labels = set()
    for page in (built_site / "articles").glob("*/index.html"):
        html = page.read_text(encoding="utf-8")
        for chips in re.findall(r'<nav[^>]*class="digest-chips"[^>]*>.*?</nav>', html, flags=re.S):
            labels.update(label.strip() for label in re.findall(r'class="digest-chip__en" lang="en">([^<]+)<', chips))
    assert {"Belarus", "Kazakhstan"} <= labels
    text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("articles/"))
    assert all(label in text for label in labels)


def test_the_index_is_materials_own(index):
    """Stems and Latin keys are made in the browser: the index carries no extra fields or text."""
    for doc in index["docs"]:
        assert set(doc) <= {"location", "title", "text", "tags", "boost"}
