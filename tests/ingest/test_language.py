"""A non-Kazakh article is built, with a warning naming its language."""

from __future__ import annotations

import pytest

from digest.ingest.language import language_of
from digest.ingest.reader import parse_document

RUSSIAN = ("В Астане открылась международная книжная выставка. В ней участвуют издательства из "
           "пятнадцати стран.\nВыставка продлится три дня, сообщили организаторы.")
KAZAKH = ("Астанада халықаралық кітап көрмесі ашылды. Оған он бес елдің баспалары қатысып отыр.\n"
          "Көрме үш күнге созылады, деп хабарлады ұйымдастырушылар.")


def test_russian_article_is_built_with_a_warning(config):
    doc = parse_document(RUSSIAN.encode(), config, "content/ru.txt")
    assert doc.text.startswith("В Астане")
    assert any("Russian" in w and "not Kazakh" in w for w in doc.warnings)


def test_kazakh_article_has_no_language_warning(config):
    doc = parse_document(KAZAKH.encode(), config, "content/kk.txt")
    assert not any("not Kazakh" in w for w in doc.warnings)


@pytest.mark.parametrize("text, language", [
    (RUSSIAN, "Russian"),
    (KAZAKH, None),
    ("The President of Kazakhstan met the Prime Minister of Belarus in Minsk and they signed a treaty.", "English"),
    ("Qazaqstan Prezidenti Belarus premer-ministrimen kezdesip, ekijaqty yntymaqtastyqty talqylady. Taraptar "
     "saýda men ónerkásipte birlesken jobalardy qarastyrdy.", None),
    ("Қысқа мәтін.", None),  # too short to tell
])
def test_language_of(text, language):
    assert language_of(text) == language
