"""The JavaScript stemmer and Kazakh query of the site search, run under Node.

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
from digest.site.search_index import language_data

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


def run_query(request: dict, tmp_path: Path) -> dict:
    data = tmp_path / "language.json"
    data.write_text(json.dumps(language_data(), ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        ["node", str(HERE / "query.js"), str(data)],
        input=json.dumps(request), capture_output=True, text=True, timeout=120, check=True,
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




def test_query_words_are_searched_by_their_stem(tmp_path):
    answer = run_query({"parse": ["Минскіде", "Қазақстанның және", "және", "Toqaev", "Qazaqstannyñ", "Belarus"]},
                       tmp_path)
    minsk, kazakhstan, stop, toqaev, qazaq, belarus = answer["parse"]
    assert minsk == [{"form": "минскіде", "keys": ["минск"], "search": ["минск"]}]
    assert [t["search"] for t in kazakhstan] == [["қазақстан"]]  # the stop word is not searched
    assert [t["form"] for t in stop] == ["және"]  # a query of stop words only is searched as typed
    assert "тоқаев" in toqaev[0]["search"] and "toqaev" in toqaev[0]["search"]
    assert "қазақстан" in qazaq[0]["keys"]
    assert "belarus" in belarus[0]["search"]  # an English tag label is searched as typed too


def test_a_title_match_ranks_above_a_body_match(tmp_path):
    results = [
        {"title": "Ауа райы", "tags": "", "text": "Ауа райы. Минскте жаңбыр жауды."},
        {"title": "Минскте кездесу өтті", "tags": "", "text": "Минскте кездесу өтті. Делегация келді."},
    ]
    assert run_query({"rank": {"query": "Минскіде", "results": results}}, tmp_path)["rank"] == [1, 0]


def test_a_tag_match_ranks_above_a_body_match(tmp_path):
    results = [
        {"title": "Жиын", "tags": "", "text": "Жиын. Беларусь туралы бір сөз."},
        {"title": "Кездесу", "tags": "Беларусь Belarus", "text": "Кездесу. Беларусь туралы бір сөз."},
    ]
    assert run_query({"rank": {"query": "Беларусь", "results": results}}, tmp_path)["rank"] == [1, 0]


def test_a_full_stem_ranks_above_a_bare_prefix(tmp_path):
    """"құрамында" is searched as the prefix "құрам", which "құрамасы" (stem "құрама") only starts."""
    results = [
        {"title": "Жаңалық", "tags": "", "text": "Жаңалық. Футбол құрамасы жеңді."},
        {"title": "Жаңалық", "tags": "", "text": "Жаңалық. Компания құрамы өзгерді."},
        {"title": "Жаңалық", "tags": "", "text": "Жаңалық. Компания құрамында өзгеріс."},
    ]
    assert run_query({"rank": {"query": "құрамында", "results": results}}, tmp_path)["rank"] == [2, 1, 0]


def test_articles_holding_every_word_rank_first(tmp_path):
    results = [
        {"title": "Доллар бағамы", "tags": "", "text": "Доллар бағамы. Доллар тағы да қымбаттады, доллар."},
        {"title": "Жаңалық", "tags": "", "text": "Жаңалық. Теңге нығайды, доллар арзандады."},
    ]
    assert run_query({"rank": {"query": "доллар теңгенің", "results": results}}, tmp_path)["rank"] == [1, 0]
