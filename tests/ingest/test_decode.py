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
