"""The words around a temporal expression: comparison bases and the tense of its clause."""

from __future__ import annotations

import pytest

from digest.extract.dates_context import DATA_FILE, FUTURE, PAST, clause_tense, is_comparison_base, load_context, word_tense


@pytest.mark.parametrize("word,tense", [
    ("өтті", PAST), ("басталды", PAST), ("салынған", PAST), ("келіпті", PAST), ("жасады", PAST),
    ("басталады", FUTURE), ("жасайды", FUTURE), ("өтеді", FUTURE), ("ашылмақ", FUTURE), ("тиіс", FUTURE),
    ("жүргізілуде", FUTURE), ("зауыт", None), ("жылы", None),
    ("шешеміз", FUTURE), ("отыр", FUTURE), ("бардық", PAST), ("келдім", PAST),
    ("орнатуды", None), ("жылдағы", None),                 # a verbal noun, an adjective
])
def test_word_tense(word, tense):
    assert word_tense(word) == tense


@pytest.mark.parametrize("sentence,tense", [
    ("Қыркүйекте оқу жылы басталады.", FUTURE),
    ("Қыркүйекте жұмысты бастайды.", FUTURE),              # an accusative before the verb is not the verb
    ("Қыркүйекте жиын өтті, ал келесісі наурызда өтеді.", PAST),   # its own clause
    ("Қыркүйекте оқу жылы басталады, деді министр.", FUTURE),      # the reported verb
    ("Қыркүйекте зауыт", None),
    ("Келесі жылы аяқтаған жағдайда біз мәселені шешеміз.", FUTURE),   # a participle is not the verb
    ("Алдағы жылы әуеқатынасын орнатуды көздеп отыр.", FUTURE),
])
def test_clause_tense_reads_the_verb_of_the_clause(sentence, tense):
    assert clause_tense(sentence, sentence.index(" ")) == tense


def test_clause_tense_stays_in_its_sentence_and_line():
    assert clause_tense("Қыркүйекте. Жиын өтті.", 10) is None
    assert clause_tense("Қыркүйекте\nжиын өтті", 10) is None


@pytest.mark.parametrize("text,expression,base", [
    ("Көрсеткіш 2017 жылмен салыстырғанда өсті.", "2017 жылмен", True),
    ("Өнім өткен жылдың сәйкес кезеңімен салыстырғанда өсті.", "өткен жылдың", True),
    ("Экспорт 2021 жылғы деңгейге қарағанда көп.", "2021 жылғы", True),
    ("2017 жылы салынған зауытпен салыстырғанда аз.", "2017 жылы", False),   # located: the event's date
    ("Баға 2017 жылмен, яғни өткен кезеңмен салыстырғанда өсті.", "2017 жылмен", False),  # not its clause
    ("Экспорт 2025 жылға қарай өседі.", "2025 жылға", False),               # "by 2025": a date
])
def test_comparison_base(text, expression, base):
    at = text.index(expression)
    assert is_comparison_base(text, at, at + len(expression)) is base


def test_a_wrong_entry_names_the_file_and_key(tmp_path):
    path = tmp_path / "timeline.yml"
    path.write_text(DATA_FILE.read_text(encoding="utf-8").replace("reporting: [", "reporting: [12, "),
                    encoding="utf-8")
    with pytest.raises(ValueError, match=r"timeline\.yml: reporting"):
        load_context(path)
