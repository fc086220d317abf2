"""Cleaning: from the lines of an article to reading-order blocks.

News sites wrap articles in boilerplate and transcripts come without
punctuation, so the line structure is all we have. The rules here are about
layout, not language: which line is a headline, a subheading, a speaker line
or a quote. No library does this for news text pasted from Kazakh sites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.ingest.datetext import date_line
from digest.ingest.source import (DEFAULT_OUTLETS, Dateline, Outlets, find_credit, is_issuer_line, source_line,
                                  split_dateline)
from digest.model import Block

TERMINAL = ".!?…:;»\"”)"
DASHES = "-–—"
_SPEAKER = re.compile(r"^(?P<name>[^\W\d_][^,:]{2,60}),\s*(?P<role>[^:]{3,120}):$")
_WORDS = re.compile(r"\w+(?:-\w+)*")


@dataclass(frozen=True)
class Cleaned:
    blocks: tuple[Block, ...]
    headline: str | None
    source_hint: str | None
    removed: tuple[str, ...]
    dateline: str | None = None


def _words(line: str) -> int:
    return len(_WORDS.findall(line))


def _ends_open(line: str) -> bool:
    """True when the line has no sentence-final punctuation."""
    return not line.endswith(tuple(TERMINAL))


def _starts_like_text(line: str) -> bool:
    first = line[:1]
    return bool(first) and first.isalpha() and first.isupper()


def is_heading_like(line: str, max_words: int = 16, max_chars: int = 120) -> bool:
    """A short line that starts with a capital and ends without punctuation."""
    if not _starts_like_text(line) or len(line) > max_chars:
        return False
    words = _words(line)
    if line.endswith("?"):
        return 1 <= words <= 6
    return 2 <= words <= max_words and _ends_open(line) and line[-1:] != ","


# Boilerplate is a short line of its own; a longer line is article text even
# when it mentions "Telegram" (and the patterns never scan a huge pasted line).
MAX_BOILERPLATE_CHARS = 300


MAX_LISTED = 10  # headlines a list heading ("Ұқсас жаңалықтар:") takes with it


def drop_boilerplate(lines: list[str], patterns) -> tuple[list[str], list[str]]:
    """Drop the lines a pattern matches; a list heading's pattern (``list: true``)
    also drops the run of headline-like lines under it: the linked titles of
    other articles, whose names are not this article's."""
    kept, removed = [], []
    listed = 0  # lines still to check as the list's titles
    for line in lines:
        if listed and _listed_title(line):
            removed.append(line)
            listed -= 1
            continue
        listed = 0
        matched = next((p for p in patterns if len(line) <= MAX_BOILERPLATE_CHARS and p.regex.fullmatch(line)),
                       None)
        if matched is not None:
            removed.append(line)
            listed = MAX_LISTED if matched.heads_list else 0
        else:
            kept.append(line)
    return kept, removed


def _listed_title(line: str) -> bool:
    """A linked headline: a short line that does not end a sentence."""
    return _words(line) <= 16 and len(line) <= 150 and not line.endswith((".", "!", "…", ";"))


def drop_repeats(lines: list[str]) -> tuple[list[str], list[str]]:
    """Keep the first copy of a paragraph that a site printed twice."""
    seen: set[str] = set()
    kept, removed = [], []
    for line in lines:
        key = " ".join(line.split()).casefold()
        # Speaker lines legitimately repeat: each introduces another quote.
        if _words(line) >= 5 and key in seen and not speaker_of(line):
            removed.append(line)
            continue
        seen.add(key)
        kept.append(line)
    return kept, removed


def find_headline(lines: list[str]) -> int | None:
    """Index of a headline among the first lines, if the article has one."""
    for index, line in enumerate(lines[:2]):
        if len(lines) > 1 and (is_heading_like(line, max_words=16) and not line.endswith("?")
                               or _title_line(line, lines[index + 1] if index + 1 < len(lines) else "")):
            return index
    return None


_TITLE_OPENERS = "«\"“„‹'("
MAX_TITLE_WORDS, MAX_TITLE_CHARS = 20, 160


def _title_line(line: str, next_line: str) -> bool:
    """A news site's title as copied above its text, in the shapes a subheading
    never has: opening with a number or a quotation ("15 жастағы оқушы…",
    «Өте абыройлы іс»), a question ("… қанша төлейді?"), a quotation then its
    speaker or a sentence («…». Пит Хегсет Иран туралы). No full stop ends it,
    and the text under it is longer."""
    core = line.lstrip(_TITLE_OPENERS).lstrip()
    if not core or not (core[:1].isupper() or core[:1].isdigit()):
        return False
    return (2 <= _words(line) <= MAX_TITLE_WORDS and len(line) <= MAX_TITLE_CHARS
            and not line.endswith((".", "…", ",", ":", ";")) and len(next_line) > len(line))


def find_source(lines: list[str], patterns, outlets: Outlets | None = None) -> str | None:
    """The article's own credit (``source.find_credit``), else the first of the
    configured ``source_patterns`` (boilerplate.yml) that matches a lead line
    outside a quotation's credit."""
    found = find_credit(lines, outlets if outlets is not None else DEFAULT_OUTLETS)
    if found:
        return found
    for line in lines[:4]:
        for pattern in patterns:
            match = pattern.search(line)
            if match and not _QUOTE_CREDIT.search(line[: match.start()]):
                name = match.group(1).strip().rstrip(".")
                if outlets is not None:
                    cut = outlets.credit_word.search(" " + name)
                    name = name[: max(0, cut.start() - 1)].strip() if cut else name
                return name or None
    return None


_QUOTE_CREDIT = re.compile(r"[»\"”][,.!?…]*\s*[-–—]?\s*$")


DATE_LINES = 4  # a site prints the date line under its title, before the text


def cut_dateline(lines: list[str], outlets: Outlets) -> Dateline | None:
    """Cut the dateline ("АСТАНА. 15 наурыз. ҚазАқпарат –") off the first lines, in place;
    or a line of its own that only dates the article ("15.03.2024, 10:30")."""
    for index, line in enumerate(lines[:DATE_LINES]):
        if date_line(line) is not None:
            del lines[index]
            # The text under it may open with the place and outlet ("ШЫМКЕНТ. Tengrinews.kz –").
            opening = _cut_opening(lines, index, outlets) if index < len(lines) else None
            if opening is not None:
                return Dateline(line, opening.place, outlet=opening.outlet)
            return Dateline(line, "")
        if index >= 2:
            continue
        dateline = _cut_opening(lines, index, outlets)
        if dateline is not None:
            return dateline
    return None


def cut_issuer(lines: list[str], outlets: Outlets) -> str | None:
    """Cut a press release's issuer ("Ақтөбе облысы әкімдігінің баспасөз
    қызметі") off its first two lines, in place: the source, not the title."""
    for index, line in enumerate(lines[:2]):
        if len(lines) > 1 and is_issuer_line(line, outlets):
            del lines[index]
            return line.rstrip(". ")
    return None


def cut_source_line(lines: list[str]) -> str | None:
    """Cut a "Дереккөз: Хабар 24" line off the last three lines, in place: it
    names the source, and is no sentence of the article (its name no tag)."""
    for index in reversed(range(max(1, len(lines) - 3), len(lines))):  # never the first line
        if (named := source_line(lines[index])) is not None:
            del lines[index]
            return named
    return None


def cut_outlet_line(lines: list[str], outlets: Outlets) -> str | None:
    """Cut a line that only names a known outlet («Egemen Qazaqstan» under a
    byline, "Хабар 24" closing the text) off the first four or the last line,
    in place: it is the source, not a sentence (and its words no tag)."""
    for index in (*range(1, min(OUTLET_LINES, len(lines))), len(lines) - 1):  # never the headline
        if index < 1:
            continue
        name = lines[index].strip(" «»\"“”,.")
        if name and len(name.split()) <= MAX_OUTLET_WORDS and outlets.known(name):
            del lines[index]
            return outlets.canonical(name)
    return None


OUTLET_LINES = 4
MAX_OUTLET_WORDS = 4


def _cut_opening(lines: list[str], index: int, outlets: Outlets) -> Dateline | None:
    """Cut the dateline opening ``lines[index]`` off it, in place."""
    dateline, rest = split_dateline(lines[index], outlets)
    if dateline is None:
        return None
    if rest:
        lines[index] = rest
    else:
        del lines[index]
    return dateline


def is_transcript(lines: list[str]) -> bool:
    """Most lines unpunctuated: a TV transcript, where short lines are not headings."""
    body = [line for line in lines if _words(line) >= 3]
    if len(body) < 4:
        return False
    return sum(_ends_open(line) for line in body) / len(body) >= 0.5


def speaker_of(line: str) -> str | None:
    """"Ирина Новикова, экономика ғылымдарының докторы:" → the whole attribution."""
    match = _SPEAKER.match(line)
    if not match or _words(line) > 14:
        return None
    # The name is one to four capitalised words (or initials): "А. Смағұлов".
    name = match.group("name").split()
    if not 1 <= len(name) <= 4 or not all(w[:1].isupper() for w in name):
        return None
    return line[:-1].strip()


def build_blocks(lines: list[str], headline_index: int | None) -> list[Block]:
    transcript = is_transcript(lines)
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if i == headline_index:
            blocks.append(Block("headline", line))
            i += 1
            continue
        speaker = speaker_of(line)
        if speaker and i + 1 < len(lines) and lines[i + 1][:1] in DASHES:
            blocks.append(Block("speaker", speaker))
            i += 1
            # The quote runs until a line that ends a sentence (transcribers put the
            # full stop at the end of a speech), at most a few lines.
            for count in range(10):
                if i >= len(lines) or (count and speaker_of(lines[i])):
                    break
                text = lines[i].lstrip(DASHES + " ") if count == 0 else lines[i]
                if text:
                    blocks.append(Block("quote", text, speaker=speaker))
                i += 1
                if not _ends_open(text):
                    break
            continue
        is_heading = (
            not transcript
            and blocks
            and i + 1 < len(lines)
            and is_heading_like(line, max_words=8, max_chars=80)
            and _words(lines[i + 1]) > _words(line)
        )
        blocks.append(Block("heading" if is_heading else "paragraph", line))
        i += 1
    return blocks


def clean(body: str, boilerplate, source_patterns, outlets: Outlets | None = None) -> Cleaned:
    """Turn a decoded, normalised article body into blocks."""
    lines = [" ".join(line.split()) for line in body.split("\n")]
    lines = [line for line in lines if line]
    lines, removed = drop_boilerplate(lines, boilerplate)
    lines, repeated = drop_repeats(lines)
    dateline = cut_dateline(lines, outlets) if outlets is not None and lines else None
    outlet = (dateline.outlet if dateline else None) or cut_issuer(lines, outlets or DEFAULT_OUTLETS)
    credited = cut_source_line(lines) or cut_outlet_line(lines, outlets or DEFAULT_OUTLETS)
    headline_index = find_headline(lines)
    blocks = build_blocks(lines, headline_index)
    headline = lines[headline_index] if headline_index is not None else None
    return Cleaned(
        blocks=tuple(blocks),
        headline=headline,
        source_hint=outlet or find_source(lines, source_patterns, outlets) or credited,
        removed=tuple(removed + repeated),
        dateline=dateline.text if dateline else None,
    )
