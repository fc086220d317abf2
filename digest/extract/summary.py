"""Extractive summary: the one to three sentences that carry the news.

News is written lead-first, so the lead sentence starts ahead; sentences then
earn their place by carrying the article's principals (the names it keeps
mentioning, in any inflected form, through the core's stems) and its topic
words (stems that recur, headline words). Sentences are picked greedily, a
near-duplicate of a picked one is never taken (sites repeat their lead at the
end), and the pick is returned in the article's order.

What may be picked at all is decided in ``summary_units``: whole sentences
of the cleaned text, never a heading or a speaker line, a quotation that runs
over several sentences whole or not at all.

Why not sumy's TextRank/LexRank/LSA: on these articles they skip the lead and
lose who met whom, and centrality rewards the repeated lead twice
(``bench/summaries.py`` prints them side by side).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass

from digest.extract.summary_terms import ArticleTerms, Profile
from digest.extract.summary_units import Unit, units_of
from digest.ingest.source import Outlets
from digest.kazakh import STOPWORDS, tokenize
from digest.model import Document

# How much each signal counts (they are each scaled to 0..1).
W_LEAD, W_TOPIC, W_PRINCIPALS = 0.40, 0.35, 0.25
LEAD_DECAY = 0.5  # position prior 1 / (1 + LEAD_DECAY * rank)
DUPLICATE = 0.5  # cosine of stem sets at which a sentence repeats a picked one
REDUNDANCY = 0.5  # score lost per unit of cosine with the picked sentences
COVERED = 0.3  # what a principal already named in the summary still counts
# Penalties (multipliers) for sentences that read badly out of context.
SPEECH, DEPENDENT, QUESTION, SHORT, LONG = 0.6, 0.85, 0.5, 0.7, 0.8
SHORT_WORDS, LONG_WORDS = 6, 60
_WORD = re.compile(r"\w+")
_UNPUNCTUATED_BREAK = re.compile(r"(?<![.!?…:;»\"”)])[ \t]*\n")
REPEAT_EXTRA = 2  # words a sentence may add to the title and still repeat it
MIN_WORDS = 4  # shorter units ("Тоқаев?", "Иә.") are never a summary sentence


@dataclass
class _Candidate:
    unit: Unit
    rank: int  # position among the units a summary may take
    profile: Profile
    lead: float  # the position prior, 1 for the first candidate
    penalty: float  # how well it reads out of context (multiplier, at most 1)


def _sentence_count(eligible: int, limit: int) -> int:
    """Fewer sentences for short articles: 1 up to 3 candidates, 2 up to 6."""
    if eligible <= 3:
        return min(limit, 1)
    if eligible <= 6:
        return min(limit, 2)
    return limit


def _cosine(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def _penalty(unit: Unit, text: str, profile: Profile) -> float:
    factor = 1.0
    if unit.speech:
        factor *= SPEECH ** min(len(unit), 2)
    if profile.first_word.lower() in STOPWORDS:
        factor *= DEPENDENT  # "Ол…", "Бұл…", "Сондықтан…": leans on what came before
    if text.rstrip("»\"”)").endswith("?"):
        factor *= QUESTION
    if profile.words < SHORT_WORDS:
        factor *= SHORT
    elif profile.words > LONG_WORDS * len(unit):
        factor *= LONG
    return factor


def repeats_title(text: str, title: str) -> bool:
    """The sentence says what the title says: every word of the title and at most
    ``REPEAT_EXTRA`` more ("Боксшы жеңді" and "Алматылық боксшы Серікбаев жеңді")."""
    titled = _WORD.findall(title.rstrip("…").casefold())
    return _repeats(text, frozenset(titled), len(titled), len(title))


def _repeats(text: str, titled: frozenset[str], words: int, length: int) -> bool:
    if not titled or len(text) > 2 * length + 40:  # far longer: more than a few words more
        return False
    said = _WORD.findall(text.casefold())
    return len(said) - words <= REPEAT_EXTRA and titled <= set(said)


def _candidates(
    doc: Document, units: list[Unit], title: str | None = None
) -> tuple[list[_Candidate], ArticleTerms, dict[str, float]]:
    """The units a summary may take, the article's stem weights and its principals."""
    tokens = tokenize(doc.text)
    starts = [t.start for t in tokens]
    pieces = [
        [tokens[bisect_left(starts, s.start):bisect_left(starts, s.end)] for s in u.sentences]
        for u in units
    ]
    headings = {i for i, u in enumerate(units) if u.kind in ("headline", "heading")}
    terms = ArticleTerms(doc.text, pieces, headings)
    out: list[_Candidate] = []
    lead = None
    titled = _WORD.findall(title.rstrip("…").casefold()) if title else []
    title_words, title_length = frozenset(titled), len(title or "")
    for index, (unit, profile) in enumerate(zip(units, terms.profiles)):
        text = doc.text[unit.start:unit.end]
        if (unit.eligible and profile.words >= MIN_WORDS
                and not _repeats(text, title_words, len(titled), title_length)):
            rank = len(out)
            if lead is None:
                lead = index
            out.append(_Candidate(unit, rank, profile, lead=1.0 / (1.0 + LEAD_DECAY * rank),
                                  penalty=_penalty(unit, text, profile)))
    return out, terms, terms.principals(lead)


def _topic(c: _Candidate, weight: dict[str, float]) -> float:
    keys = c.profile.keys
    if not keys:
        return 0.0
    return sum(weight[k] for k in keys) / math.sqrt(len(keys) * len(c.unit))


def _pick(
    cands: list[_Candidate], terms: ArticleTerms, shares: dict[str, float], budget: int
) -> list[_Candidate]:
    """Greedy choice: merit, less what repeats the sentences already picked."""
    topic = [_topic(c, terms.weight) for c in cands]
    scale = max(topic, default=0.0) or 1.0
    merit = [W_LEAD * c.lead + W_TOPIC * t / scale for c, t in zip(cands, topic)]
    similarity = [0.0] * len(cands)
    size = [len(c.unit) for c in cands]  # sentences in each candidate
    open_ = [i for i in range(len(cands)) if size[i] <= budget]
    picked: list[_Candidate] = []
    covered: set[str] = set()
    # each candidate's principals with their shares, in the order of ``shares``
    named = [[(name, share) for name, share in shares.items() if name in c.profile.names] for c in cands]
    while budget > 0 and open_:
        best, best_score = -1, -math.inf
        for i in open_:
            c = cands[i]
            principals = sum(share * (COVERED if name in covered else 1.0) for name, share in named[i])
            score = (merit[i] + W_PRINCIPALS * principals) * c.penalty - REDUNDANCY * similarity[i]
            if score > best_score:
                best, best_score = i, score
        chosen = cands[best]
        picked.append(chosen)
        covered |= chosen.profile.names
        budget -= size[best]
        still = []
        for i in open_:
            if i == best or size[i] > budget:
                continue
            similarity[i] = max(similarity[i], _cosine(cands[i].profile.keys, chosen.profile.keys))
            if similarity[i] < DUPLICATE:
                still.append(i)
        open_ = still
    return picked


def summarize(doc: Document, limit: int = 3, title: str | None = None,
              outlets: Outlets | None = None) -> tuple[str, ...]:
    """Up to ``limit`` sentences of ``doc.text`` (exact substrings), in reading order.

    The article's credit ("…, – деп хабарлайды X") is cut from them; a
    sentence that repeats the ``title`` is not taken. ``outlets``: the
    spellings of site_config/outlets.yml (the credit's name).
    """
    limit = max(1, limit)
    units = units_of(doc, outlets)
    cands, terms, shares = _candidates(doc, units, title)
    budget = _sentence_count(sum(len(c.unit) for c in cands), limit)
    # a short article whose news is in one long quotation: the quotation, whole
    picked = _pick(cands, terms, shares, budget) or _pick(cands, terms, shares, limit)
    if picked:
        ordered = sorted((c.unit for c in picked), key=lambda u: u.start)
        return tuple(s.text for u in ordered for s in u.sentences)
    return _fallback(doc, units, limit)


def _fallback(doc: Document, units: list[Unit], limit: int) -> tuple[str, ...]:
    """Nothing qualified: the first unit free of furniture, whole (a long quotation as one piece)."""
    text_units = [u for u in units if u.text_only]
    if not text_units:
        return ()
    unit = min(text_units, key=lambda u: (not u.eligible, len(u) > limit))
    if len(unit) <= limit:
        return tuple(s.text for s in unit.sentences)
    # one piece, but lines with no punctuation between them are never run together
    # (a transcript's lines, even inside «…»); punctuated lines of a quotation stay whole
    piece = doc.text[unit.start:unit.end]
    return tuple(p.strip() for p in _UNPUNCTUATED_BREAK.split(piece) if p.strip())[:limit]
