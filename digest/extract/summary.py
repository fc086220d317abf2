"""Placeholder summary: the first sentences of the body (replaced by issue 4)."""

from __future__ import annotations

from digest.kazakh import split_sentences
from digest.model import Document


def summarize(doc: Document, limit: int = 3) -> tuple[str, ...]:
    picked: list[str] = []
    for block in doc.blocks:
        if block.kind != "paragraph":
            continue
        for sentence in split_sentences(block.text):
            picked.append(sentence.text)
            if len(picked) >= limit:
                return tuple(picked)
    return tuple(picked)
