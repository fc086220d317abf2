"""The JavaScript stemmer and lunr language of the site search, run under Node.

Both stemmers are tested against the same table of cases
(digest/kazakh/data/stem_cases.json), and the JavaScript one against the
Python one word for word over real text, so a change to either shows here.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from digest.kazakh import stem, tokenize
from digest.kazakh._data import DATA_DIR
from digest.site.search_index import language_script

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
KAZAKH_JS = REPO / "theme" / "assets" / "javascripts" / "kazakh"
KAZNERD = REPO.parent / "shared" / "data" / "kaznerd" / "IOB2_valid.txt"
CASES = json.loads((DATA_DIR / "stem_cases.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


def js_stems(words: list[str], lexicon: bool = True) -> list[str]:
    lexicon_path = str(DATA_DIR / "lexicon.json") if lexicon and (DATA_DIR / "lexicon.json").exists() else "-"
    result = subprocess.run(
        ["node", str(HERE / "stem.js"), str(DATA_DIR / "stemmer.json"), lexicon_path],
        input=json.dumps(words), capture_output=True, text=True, timeout=120, check=True,
    )
    return json.loads(result.stdout)


def worker_source_map() -> Path:
    import material

    workers = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    return next(workers.glob("search.*.min.js.map"))


def run_language(request: dict, tmp_path: Path) -> dict:
    script = tmp_path / "lunr.kk.min.js"
    sources = [(KAZAKH_JS / name).read_text(encoding="utf-8") for name in ("stemmer.js", "lunr.kk.js")]
    script.write_text(language_script(*sources), encoding="utf-8")
    result = subprocess.run(
        ["node", str(HERE / "lunr_kk.js"), str(worker_source_map()), str(script)],
        input=json.dumps(request), capture_output=True, text=True, timeout=300, check=True,
    )
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def case_stems() -> dict[str, str]:
    words = [c["word"] for c in CASES]
    return dict(zip(words, js_stems(words)))


@pytest.mark.parametrize("case", CASES, ids=[c["word"] for c in CASES])
def test_shared_cases(case, case_stems):
    assert case_stems[case["word"]] == case["stem"]


def test_shared_cases_without_lexicon():
    words = [c["word"] for c in CASES]
    got = js_stems(words, lexicon=False)
    wrong = [(c["word"], c["stem"], g) for c, g in zip(CASES, got) if g != c["stem"]]
    assert not wrong


def corpus_words(seed_paths: list[Path]) -> list[str]:
    words = {t.text for path in seed_paths for t in tokenize(path.read_text(encoding="utf-8"))}
    if KAZNERD.exists():
        with KAZNERD.open(encoding="utf-8") as fh:
            words.update(line.split()[0] for line in fh if line.strip())
    return sorted(words)


def test_javascript_and_python_agree_on_real_text(seed_paths):
    """Word for word over the seeds (and KazNERD's validation text when present)."""
    words = corpus_words(seed_paths)
    got = js_stems(words)
    differ = [(w, stem(w), g) for w, g in zip(words, got) if g != stem(w)]
    assert len(words) > 500
    assert not differ[:20], f"{len(differ)} of {len(words)} words differ"


def test_index_and_query_keys(tmp_path):
    answer = run_language(
        {
            "index_keys": ["Қазақстанның", "Минскіде", "Belarus", "unknownДереккөз", "және", "Шымкентте"],
            "keys": ["Қазақстанға", "Qazaqstan", "Qazaqstannyñ", "Toqaev", "Minskide", "Shymkent", "Trade"],
        },
        tmp_path,
    )
    assert answer["index_keys"] == [["қазақстан"], ["минск"], ["belarus"], ["unknown", "дереккөз"], [], ["шымкент"]]
    assert answer["keys"] == ["қазақстан", "qazaqstan", "qazaqstan", "toqaev", "minsk", "shymkent", "trade"]


def test_query_finds_every_form_in_a_lunr_index(tmp_path):
    docs = [
        {"location": "a/", "title": "Қазақстанның экспорты", "text": "Минскте кездесу өтті."},
        {"location": "b/", "title": "Лукашенко", "text": "Тоқаевқа хат жолдады. Trade"},
        {"location": "c/", "title": "Ауа райы", "text": "Жаңбыр жауады."},
        {"location": "d/", "title": "Түркістанда", "text": "Шымкенттің әкімі."},
        {"location": "e/", "title": "Жиһаз", "text": "Өңірдегі жиһаз фабрикасы."},
    ]
    index = tmp_path / "search_index.json"
    config = {
        "lang": ["kk"], "pipeline": ["trimmer", "stopWordFilter", "stemmer"],
        "separator": r"[\s\-,.:;!?«»()]+",
        "fields": {"title": {"boost": 1000}, "text": {"boost": 1}},
    }
    index.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False), encoding="utf-8")
    queries = [
        "Қазақстанмен", "Қазақ", "Минскіде", "Лукашенконың", "Тоқаевтың", "Qazaqstan", "Toqaev", "trade", "және",
        "Qazaq", "Qazaqstannyñ", "Türkıstan", "Turkistan", "Shymkent", "Şymkent", "Minskide",
        "жиһаздар", "өңірлерде",
    ]
    answer = run_language({"search": {"index": str(index), "queries": queries}}, tmp_path)
    found = dict(zip(queries, (sorted(r) for r in answer["search"]["results"])))
    assert found == {
        "Қазақстанмен": ["a/"], "Қазақ": ["a/"], "Минскіде": ["a/"], "Лукашенконың": ["b/"],
        "Тоқаевтың": ["b/"], "Qazaqstan": ["a/"], "Toqaev": ["b/"], "trade": ["b/"], "және": [],
        "Qazaq": ["a/"], "Qazaqstannyñ": ["a/"], "Türkıstan": ["d/"], "Turkistan": ["d/"], "Shymkent": ["d/"],
        "Şymkent": ["d/"], "Minskide": ["a/"], "жиһаздар": ["e/"], "өңірлерде": ["e/"],
    }

