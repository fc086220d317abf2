"""Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, legacy Cyrillic.

Legacy single-byte encodings are guessed with charset-normalizer and accepted
only when the result reads as Cyrillic text; anything else is refused with a
message that says what the file looks like.
"""

from __future__ import annotations

import codecs
import re

from digest.model import DigestError

# Signatures of files that are sometimes renamed to .txt by mistake.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx document)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "a program"),
)

LEGACY_CYRILLIC = {"cp1251", "kz1048", "koi8_r", "koi8_u", "cp866", "iso8859_5", "mac_cyrillic", "ptcp154"}


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _cyrillic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0400" <= c <= "\u04ff") / len(letters)


def decode(data: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    """Return the text and any warnings; raise DigestError when it cannot be read."""
    for signature, what in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise DigestError(f"this is {what}, not a text article", path=path)
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path), ()
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _strict(data[2:], encoding, path), (f"decoded from {encoding.upper()}",)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DigestError("binary data (NUL byte) in a text article", path=path, line=_line_of(data, nul))
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        return _legacy(data, exc, path)


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DigestError(
            f"invalid {encoding.upper()} byte sequence at byte {exc.start}", path=path, line=_line_of(data, exc.start)
        ) from None


def _legacy(data: bytes, error: UnicodeDecodeError, path: str) -> tuple[str, tuple[str, ...]]:
    # Imported here: most content is UTF-8, and importing it took 25 ms of every command's start.
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=sorted(LEGACY_CYRILLIC)).best()
    if best is not None and best.encoding in LEGACY_CYRILLIC:
        text = str(best)
        if _cyrillic_share(text) >= 0.6:
            return text, (f"not UTF-8: decoded as {best.encoding}; please save the file as UTF-8",)
    raise DigestError(
        f"not valid UTF-8 (bad byte 0x{data[error.start]:02x}) and not a recognisable Cyrillic encoding; "
        "save the file as UTF-8",
        path=path,
        line=_line_of(data, error.start),
    )


# A "?" where a letter should be: inside a Cyrillic word ("жа?а") or opening
# one ("?кімі"). What a file saved in an encoding without Kazakh letters
# (Windows-1251, KOI8-R) holds: the letters are gone, and no decoding brings
# them back.
_LOST_LETTER = re.compile(r"[?\ufffd](?:(?<=[\u0400-\u04ff].)|(?<![^\W_].))(?=[\u0400-\u04ff])|\ufffd(?<=[\u0400-\u04ff].)")
_WORD_END = frozenset(" \t\n«»\"“”(),.;:!")
LOST_LETTERS_MIN = 2  # words: one "?" glued to a word can be a typo


def check_letters(text: str, path: str) -> None:
    """Refuse text whose Kazakh letters were already replaced by "?" before it reached us."""
    if "?" not in text and "\ufffd" not in text:
        return
    hits = list(_LOST_LETTER.finditer(text))
    if len(hits) < LOST_LETTERS_MIN:
        return
    examples: list[str] = []
    for m in hits:
        start, end = m.start(), m.end()
        while start > 0 and text[start - 1] not in _WORD_END:
            start -= 1
        while end < len(text) and text[end] not in _WORD_END and text[end] != "?":
            end += 1
        if text[start:end] not in examples:
            examples.append(text[start:end])
        if len(examples) == 3:
            break
    raise DigestError(
        f"the Kazakh letters of this file were lost: {len(hits)} letters have become '?' "
        f"(as in {', '.join(repr(w) for w in examples)}). It was saved in an encoding without them "
        "(such as Windows-1251); save the original text again as UTF-8",
        path=path,
        line=text.count("\n", 0, hits[0].start()) + 1,
    )
