"""What a summary may take from a document: units of whole sentences.

A unit is one sentence, or several consecutive sentences that must be taken
together because a quotation runs across them: a «…» (or "…", “…”) quote left
open at a sentence end, a dialogue paragraph opened by a dash and closed by
", – деді X.", or a transcript speech (the ``quote`` blocks after a speaker
line). Units know the block they sit in, so headings, headlines and speaker
lines are never offered; lines that look like site furniture (links, handles,
emoji, counters) are marked so the summary passes them over.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from digest.ingest.source import Outlets, credits_in
from digest.kazakh import Sentence, split_sentences
from digest.model import Document

NOT_TEXT = frozenset({"heading", "headline", "speaker"})
MAX_QUOTE_LINES = 6  # a «…» longer than this many line breaks is a stray « and a stray »
DASHES = "-–—"
_OPEN, _CLOSE = "«„", "»"
_TOGGLES = "\"“”"
# ", – деді ол." / "?» – деп атап өтті": a dash after punctuation, then a lower-case word.
_ATTRIBUTION = re.compile(r"[,.!?…»\"”]\s*[" + DASHES + r"]\s*[^\W\d_A-ZА-ЯӘҒҚҢӨҰҮҺІЁ]")
_DIALOGUE = re.compile(r"[" + DASHES + r"]\s")
# Links, @handles, #hashtags, emoji and pictographs: never in a news sentence.
_FURNITURE = re.compile(r"https?://|www\.|[@#\U0001F000-\U0001FAFF\u2600-\u27BF]")


@dataclass(frozen=True)
class Unit:
    """Consecutive sentences of ``doc.text`` that a summary takes whole or not at all."""

    sentences: tuple[Sentence, ...]
    kind: str  # kind of the block the first sentence is in
    speech: bool  # a quotation runs across its sentences, or a transcript speech
    text_only: bool  # no sentence in a heading, headline or speaker line
    eligible: bool  # outside headings and speaker lines, no site furniture

    @property
    def start(self) -> int:
        return self.sentences[0].start

    @property
    def end(self) -> int:
        return self.sentences[-1].end

    def __len__(self) -> int:
        return len(self.sentences)


def block_spans(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every block in ``doc.text``, in reading order."""
    spans, cursor = [], 0
    for block in doc.blocks:
        at = doc.text.find(block.text, cursor) if block.text else -1
        if at < 0:
            continue  # a hand-built Document whose text differs from its blocks
        spans.append((at, at + len(block.text), block.kind))
        cursor = at + len(block.text)
    return spans


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def quote_spans(text: str, cuts: tuple[int, ...] = ()) -> list[tuple[int, int]]:
    """Character spans of quotations: «» pairs across lines, straight pairs within one.

    An opener never closed (or closed only ``MAX_QUOTE_LINES`` lines later)
    quotes to the end of its line; a closer never opened quotes from the start
    of its line (a quote cut by the cleaner).
    No quotation runs across a position in ``cuts`` (headings, speaker lines).
    """
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    marks = sorted([(m.start(), m.group()) for m in re.finditer("[" + _OPEN + _CLOSE + "]", text)]
                   + [(c, "") for c in cuts])
    for pos, mark in marks:
        if not mark:
            spans.extend((o, _line_bounds(text, o)[1]) for o in stack)
            stack = []
        elif mark in _OPEN:
            stack.append(pos)
        elif stack and text.count("\n", stack[-1], pos) <= MAX_QUOTE_LINES:
            spans.append((stack.pop(), pos + 1))
        else:
            # never opened, or opened by a stray « paragraphs away: from its line start
            if stack:
                o = stack.pop()
                spans.append((o, _line_bounds(text, o)[1]))
            spans.append((_line_bounds(text, pos)[0], pos + 1))
    spans.extend((o, _line_bounds(text, o)[1]) for o in stack)
    for line in re.finditer(r"[^\n]+", text):
        toggles = [m.start() for m in re.finditer("[" + _TOGGLES + "]", line.group())]
        for a, b in zip(toggles[::2], toggles[1::2]):
            spans.append((line.start() + a, line.start() + b + 1))
        if len(toggles) % 2:
            spans.append((line.start() + toggles[-1], line.end()))
    return spans


def _dialogue_spans(text: str, blocks: list[tuple[int, int, str]], sentences: list[Sentence]):
    """Dash-opened speech up to its ", – деді X." and transcript speeches (quote blocks)."""
    spans: list[tuple[int, int]] = []
    starts = [s.start for s in sentences]
    run: list[int] | None = None
    for start, end, kind in blocks:
        if kind == "quote":
            if run and run[1] + 1 >= start:
                run[1] = end
            else:
                run = [start, end]
                spans.append(run)  # type: ignore[arg-type]
            continue
        run = None
        if kind == "paragraph" and _DIALOGUE.match(text, start):
            stop = end
            for s in sentences[bisect_left(starts, start):]:
                if s.end > end:
                    break
                if _ATTRIBUTION.search(s.text):
                    stop = s.end
                    break
            spans.append((start, stop))
    return [(a, b) for a, b in spans]


def _per_sentence(pattern: re.Pattern[str], text: str, sentences: list[Sentence]) -> list[int]:
    """How many matches of ``pattern`` start in each sentence (one pass over the text)."""
    starts = [s.start for s in sentences]
    counts = [0] * len(sentences)
    for m in pattern.finditer(text):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < sentences[i].end:
            counts[i] += 1
    return counts


_ABOUT = ("Бұл ", "Ол ", "Осы ")


def without_credits(text: str, sentences: list[Sentence], outlets: Outlets) -> list[Sentence]:
    """Sentences with the article's credit cut out: "…жетті, – деп хабарлайды
    Tengrinews.kz тілшісі." becomes "…жетті"; a credit with more text after it
    (two unpunctuated lines run together) splits the sentence in two.
    A quotation's credit ("«…», – деп хабарлайды банктің баспасөз қызметі.") stays;
    a sentence that is only a credit ("Бұл туралы Zakon.kz хабарлады.") goes."""
    out: list[Sentence] = []
    for s in sentences:
        if "деп" not in s.text:
            if not (s.text.startswith(_ABOUT) and outlets.whole_credit.fullmatch(s.text)):
                out.append(s)
            continue
        at = 0
        for credit in credits_in(s.text, outlets):
            if credit.after_quote:
                continue
            out.extend(_piece(s, at, credit.start))
            at = credit.end
        out.extend(_piece(s, at, len(s.text)))
    return out


def _piece(s: Sentence, start: int, end: int) -> list[Sentence]:
    """``s.text[start:end]`` as a Sentence, without the spaces and punctuation left at a cut."""
    if start == 0 and end == len(s.text):
        return [s]
    text = s.text[start:end]
    if start > 0:
        stripped = text.lstrip(" .,;:–—-")
        start += len(text) - len(stripped)
        text = stripped
    if end < len(s.text):
        text = text.rstrip(" ,;:–—-")
    if not any(c.isalnum() for c in text):
        return []
    return [Sentence(text, s.start + start, s.start + start + len(text))]


def units_of(doc: Document, outlets: Outlets | None = None) -> list[Unit]:
    """The document's sentences grouped into units, in reading order; the
    article's credit clause left out (``outlets``: the spellings and credit
    words of site_config/outlets.yml; without them, the defaults and the
    document's own source)."""
    text = doc.text
    if outlets is None:
        outlets = Outlets({}, (doc.source_hint,) if doc.source_hint else ())
    sentences = without_credits(text, split_sentences(text), outlets)
    if not sentences:
        return []
    blocks = block_spans(doc)
    block_starts = [b[0] for b in blocks]
    starts = [s.start for s in sentences]

    # join[i]: sentence i+1 belongs to the same unit as sentence i
    join = [False] * len(sentences)
    speech = [False] * len(sentences)
    cuts = tuple(p for a, b, kind in blocks if kind in NOT_TEXT for p in (a, b))
    for a, b in quote_spans(text, cuts) + _dialogue_spans(text, blocks, sentences):
        first = max(0, bisect_right(starts, a) - 1)
        if sentences[first].end <= a:
            first += 1
        last = first
        while last + 1 < len(sentences) and sentences[last + 1].start < b:
            last += 1
        for i in range(first, last):
            join[i] = True
            speech[i] = speech[i + 1] = True

    furniture = _per_sentence(_FURNITURE, text, sentences)
    kinds = [blocks[max(0, bisect_right(block_starts, s.start) - 1)][2] if blocks else "paragraph"
             for s in sentences]
    for i in range(len(sentences) - 1):
        if kinds[i] in NOT_TEXT or kinds[i + 1] in NOT_TEXT:
            join[i] = False  # a quotation never runs across a heading or speaker line
    units: list[Unit] = []
    group: list[int] = []
    for i in range(len(sentences)):
        group.append(i)
        if join[i]:
            continue
        unit_kinds = {kinds[j] for j in group}
        text_only = not (unit_kinds & NOT_TEXT)
        units.append(Unit(
            sentences=tuple(sentences[j] for j in group),
            kind=kinds[group[0]],
            speech=speech[i] or "quote" in unit_kinds,
            text_only=text_only,
            eligible=text_only and not any(furniture[j] for j in group),
        ))
        group = []
    return units
