"""Decoding: UTF-8 with and without BOM, UTF-16, legacy Cyrillic, binary files."""

from __future__ import annotations

import codecs

import pytest

from digest.ingest.decode import decode
from digest.model import DigestError

TEXT = "Қазақстан мен Беларусь арасындағы сауда айналымы өсті. Астана мен Минск келісті.\n" * 3


def test_utf8_and_bom():
    assert decode(TEXT.encode(), "a.txt")[0] == TEXT
    assert decode(codecs.BOM_UTF8 + TEXT.encode(), "a.txt")[0] == TEXT


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(encoding):
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    text, warnings = decode(bom + TEXT.encode(encoding), "a.txt")
    assert text == TEXT and warnings


def test_cp1251_russian_cyrillic_detected():
    russian = "Президент Казахстана встретился с премьер-министром Беларуси в Минске. " * 5
    text, warnings = decode(russian.encode("cp1251"), "legacy.txt")
    assert text == russian
    assert "cp1251" in warnings[0]


def test_binary_refused_with_what_it_is():
    with pytest.raises(DigestError, match="PNG image"):
        decode(b"\x89PNG\r\n\x1a\n....", "img.txt")
    with pytest.raises(DigestError, match="NUL") as info:
        decode(b"line one\nline two\x00", "nul.txt")
    assert info.value.line == 2


def test_invalid_utf8_not_cyrillic_refused():
    with pytest.raises(DigestError, match="not valid UTF-8") as info:
        decode(b"abc\n\xff\xfe\xfa\xfb" * 3, "bad.txt")
    assert info.value.path == "bad.txt"


LOST = "Облыс әкімі жаңа мектепті аралады. Мектеп үш жүз оқушыға арналған.\nҚұрылысқа бір миллиард теңге жұмсалды.\n"


def test_cp1251_file_whose_kazakh_letters_were_lost_is_refused(config):
    from digest.ingest.reader import parse_document

    data = LOST.encode("cp1251", errors="replace")  # ә, ң, ү, ұ, қ, ғ → "?"
    with pytest.raises(DigestError) as info:
        parse_document(data, config, "content/lost.txt")
    message = str(info.value)
    assert info.value.path == "content/lost.txt" and info.value.line == 1
    assert "letters" in message and "lost" in message and "UTF-8" in message
    assert "?кімі" in message or "жа?а" in message


def test_lost_letters_in_a_utf8_file_are_refused_too():
    from digest.ingest.decode import check_letters

    with pytest.raises(DigestError, match="lost"):
        check_letters("Жаңалық.\nОблыс ?кімі жа?а мектепті аралады.", "a.txt")


@pytest.mark.parametrize("text", [
    "Неге? Қайда? Қашан?", "Сіз келесіз бе?«Иә» деді ол.", "Баға 100?200 теңге аралығында.",
    "Облыс ?кімі келді.",  # one "?" in a word is a typo, not a lost alphabet
])
def test_question_marks_are_not_lost_letters(text):
    from digest.ingest.decode import check_letters

    check_letters(text, "a.txt")
