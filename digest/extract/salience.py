"""How central a tag is to its article: a number from 0 to 1 (``Tag.salience``).

A tag named in the lead (the article's first lines: the headline and its
first sentence) is what the article is about; so is one named often, or
early. The three count for half, three tenths and a fifth of the score; an
editor's own tag without a mention in the text counts as named in the lead
(the editor said the article is about it).
"""

from __future__ import annotations

LEAD_LINES = 2  # the headline and the lead sentence (or the lead and the headline)
LEAD_CHARS = 400  # a lead without line breaks ends here
FULL_COUNT = 5  # mentions that count as "named often"
_WEIGHTS = (0.5, 0.3, 0.2)  # in the lead, how often, how early


def lead_end(text: str) -> int:
    """Where the lead ends: after ``LEAD_LINES`` non-empty lines, at most ``LEAD_CHARS`` in."""
    end, lines = 0, 0
    while lines < LEAD_LINES and end < len(text):
        newline = text.find("\n", end)
        line_end = len(text) if newline < 0 else newline
        if text[end:line_end].strip():
            lines += 1
        end = line_end + 1
    return min(end, LEAD_CHARS, len(text))


def salience(positions: list[int], text_length: int, lead: int) -> float:
    """The score of a tag whose mentions start at ``positions`` (offsets; empty: an editor's tag)."""
    if not positions:
        return _WEIGHTS[0]
    first = min(positions)
    in_lead = 1.0 if first < lead else 0.0
    often = min(1.0, len(positions) / FULL_COUNT)
    early = 1.0 - first / max(1, text_length)
    lead_w, often_w, early_w = _WEIGHTS
    return round(lead_w * in_lead + often_w * often + early_w * early, 3)
