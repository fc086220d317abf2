"""Titles and sources: front matter wins, then what the text itself offers.

A title derived from the lead never stops mid-clause: it is the lead sentence
(its credit "…, – деп хабарлайды X" cut off), or, when that is too long, the
sentence up to a clause boundary after a finite predicate ("Сапар аяқталды,
…"), never after a converb ("мәлімдеме жасап,") nor inside «…». Which word
endings are finite is ``data/clauses.yml``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from digest.yamlio import parse_yaml
from digest.ingest.source import Outlets
from digest.kazakh import split_sentences
from digest.model import Document
from digest.text import shorten

MAX_TITLE = 120  # a title longer than this is cut at a clause boundary if it has one
LONGEST_TITLE = 200  # … and kept whole up to this when it has none
MIN_CLAUSE = 40  # a clause shorter than this is no title
_ATTRIBUTION = re.compile(r"[,.]?\s*[-–—]?\s*деп (?:хабарлайды|хабарлады|жазады|жазды|мәлімдейді|хабар таратады|хабар таратты)\b.*$", re.S)
# "Kazinform-ның хабарлауынша, …", "ҚазАқпарат тілшісінің мәліметінше, …" opening the lead
_ACCORDING = re.compile(r"^[^,.«»]{2,60}?(?:хабарлауынша|мәліметінше|дерегінше|жазуынша),\s+(?=\w)")
_BREAK = re.compile(r"(?P<word>[^\W\d_]+)(?P<mark>[,;]|\s[–—-])\s+(?P<next>\S+)")
DATA = Path(__file__).resolve().parent / "data" / "clauses.yml"


@lru_cache(maxsize=1)
def _clauses() -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    data = parse_yaml(DATA.read_text(encoding="utf-8"))
    endings = tuple(sorted((e for e in data["finite_endings"] if " " not in e), key=len, reverse=True))
    return endings, frozenset(data["finite_words"]), frozenset(data["continues"])


def derive_title(doc: Document) -> str:
    """Front matter title; else the article's headline; else its lead, whole clauses only."""
    if doc.meta.title:
        return doc.meta.title
    if doc.headline:
        return shorten(doc.headline, MAX_TITLE)
    lead_block = next((b for b in doc.blocks if b.kind in ("paragraph", "quote")), doc.blocks[0])
    sentences = split_sentences(lead_block.text)
    lead = sentences[0].text if sentences else lead_block.text
    lead = _ATTRIBUTION.sub("", lead).rstrip(" .,;:–—-") or lead
    according = _ACCORDING.match(lead)
    if according and len(lead) - according.end() >= MIN_CLAUSE // 2:
        rest = lead[according.end():]
        lead = rest[:1].upper() + rest[1:]
    if len(lead) <= MAX_TITLE:
        return lead
    clause = clause_end(lead, MAX_TITLE)
    if clause is None and len(lead) > LONGEST_TITLE:
        clause = clause_end(lead, LONGEST_TITLE)
    if clause is not None:
        return lead[:clause].rstrip()
    return lead if len(lead) <= LONGEST_TITLE else shorten(lead, MAX_TITLE)


def clause_end(sentence: str, limit: int) -> int | None:
    """The last clause boundary before ``limit`` that follows a finite predicate, outside «…»."""
    endings, words, continues = _clauses()
    best = None
    for m in _BREAK.finditer(sentence, 0, limit + 3):
        end = m.start("mark")
        if end < MIN_CLAUSE or end > limit:
            continue
        word = m.group("word")
        if word[:1].isupper() or m.group("next").lower().strip("«\"") in continues:
            continue  # "Қытайды, Ресейді және …": a list of names, not a clause
        lower = word.lower()
        if lower not in words and not lower.endswith(endings):
            continue
        if sentence.count("«", 0, end) > sentence.count("»", 0, end):
            continue
        best = end
    return best


def derive_source(doc: Document, outlets: Outlets | None = None) -> str | None:
    """The editor's source, else the outlet the text credits; as outlets.yml names it."""
    source = doc.meta.source or doc.source_hint
    return outlets.canonical(source) if source and outlets is not None else source
