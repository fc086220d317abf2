"""Titles and sources: front matter wins, then what the text itself offers."""

from __future__ import annotations

import re

from digest.kazakh import split_sentences
from digest.model import Document
from digest.text import shorten

MAX_TITLE = 120
_ATTRIBUTION = re.compile(r",?\s*деп (?:хабарлайды|хабарлады|жазады|жазды|мәлімдейді)\b.*$", re.S)


def derive_title(doc: Document) -> str:
    """Front matter title; else the article's headline; else a cut of its lead."""
    if doc.meta.title:
        return doc.meta.title
    if doc.headline:
        return shorten(doc.headline, MAX_TITLE)
    lead_block = next((b for b in doc.blocks if b.kind in ("paragraph", "quote")), doc.blocks[0])
    sentences = split_sentences(lead_block.text)
    lead = sentences[0].text if sentences else lead_block.text
    lead = _ATTRIBUTION.sub("", lead).rstrip(" .,")
    if len(lead) > MAX_TITLE:
        # Prefer a clause boundary over a cut mid-clause when one is close enough.
        clause = max(lead.rfind(",", 0, MAX_TITLE), lead.rfind(" – ", 0, MAX_TITLE))
        if clause >= 50:
            return lead[:clause].rstrip()
    return shorten(lead, MAX_TITLE)


def derive_source(doc: Document) -> str | None:
    return doc.meta.source or doc.source_hint
