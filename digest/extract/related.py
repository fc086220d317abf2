"""Related articles: for each article, up to five others on the same subject.

The score of a pair is ``TAG_SHARE`` × the cosine of their tag vectors plus
the rest × the cosine of their term vectors:

* tag vector: each principal tag weighted by how central it is to the article
  (``Tag.salience``; for articles extracted before salience existed, its
  mention count and whether the title or lead names it) × its rarity among
  the articles (IDF). Two articles about Tokayev's visit to Astana share
  "tokayev" heavily; sharing "Kazakhstan", which most articles carry, weighs
  almost nothing.
* term vector: log term frequency × IDF over the stems of the title (counted
  ``TITLE_WEIGHT`` times) and the summary, stopwords and numbers left out:
  what the tags miss (a subject named by common words, "су тасқыны").

A small bonus for articles published close together breaks near ties (the
same story's follow-ups). The same story told by two outlets scores highest
and is kept: a reader who missed one wants the other. Pairs scoring under
``MIN_SCORE`` are not linked: no related article beats an unrelated one.

To scale to tens of thousands of articles without scoring every pair, each
vector keeps only its ``TOP_TAGS`` heaviest tags and ``TOP_STEMS`` heaviest
stems (scaled so that the combined score is one sparse dot product), an inverted index maps each
feature to the articles keeping it, and only articles met through the index
are scored; a feature kept by more than ``MAX_POSTING`` articles pairs only
the articles it weighs most in (a feature that common scores little anyway).
Scored pairs are then at most ``MAX_POSTING``² per feature, not N².
bench/related_score.py measures what this links against plain TF-IDF cosine
(same-subject articles linked: 92–94% against 85%, on two draws of 183
articles from KazNERD on 61 subjects). At 10,000 articles it takes seconds
on every build (the cache holds articles, not their relations).
"""

from __future__ import annotations

import dataclasses
import heapq
import math
import re
from collections import Counter, defaultdict
from typing import Iterable, Sequence

from digest.kazakh import STOPWORDS, stem
from digest.model import Article, Tag

LIMIT = 5
TAG_SHARE = 0.4  # of the score; the terms have the rest
TITLE_WEIGHT = 3  # the title's stems count this many times
MIN_SCORE = 0.06
DATE_BONUS = 0.02  # at most: two articles of the same day
DATE_SCALE_DAYS = 30.0
TOP_TAGS = 6  # features kept per article (see the docstring): the principal tags
TOP_STEMS = 10
MAX_POSTING = 30
# Words of three letters or more (shorter ones are particles and pieces of
# abbreviations); a hyphenated compound counts as its parts.
_WORD = re.compile(r"[^\W\d_]{3,}")

Feature = tuple[str, str]  # ("tag", id) or ("stem", key)


def relate_articles(articles: Sequence[Article], limit: int = LIMIT) -> list[Article]:
    """``articles`` in the same order, each with ``related`` filled: the paths
    of up to ``limit`` others, most related first."""
    if len(articles) < 2:
        return [dataclasses.replace(a, related=()) if a.related else a for a in articles]
    vectors = article_vectors(articles)
    ranked = rank_related(vectors, [a.date for a in articles], limit)
    out = []
    for article, others in zip(articles, ranked):
        related = tuple(articles[j].path for j in others)
        out.append(article if related == article.related else dataclasses.replace(article, related=related))
    return out


def article_vectors(articles: Sequence[Article]) -> list[dict[Feature, float]]:
    """Each article's pruned, weighted feature vector (see the module's docstring)."""
    tag_weights = [tag_prominence(a) for a in articles]
    term_counts = [term_frequencies(a) for a in articles]
    tag_idf = _idf(tag_weights)
    term_idf = _idf(term_counts)
    vectors = []
    tag_scale, term_scale = math.sqrt(TAG_SHARE), math.sqrt(1 - TAG_SHARE)
    for tags, terms in zip(tag_weights, term_counts):
        vector: dict[Feature, float] = {}
        _add_normalised(vector, "tag", {t: w * tag_idf[t] for t, w in tags.items()}, tag_scale, TOP_TAGS)
        _add_normalised(vector, "stem", {s: (1 + math.log(n)) * term_idf[s] for s, n in terms.items()},
                        term_scale, TOP_STEMS)
        vectors.append(vector)
    return vectors


def tag_prominence(article: Article) -> dict[str, float]:
    """Tag id → how central the tag is to the article (0–1)."""
    tags = article.tags
    if any(t.salience > 0 for t in tags):
        return {t.id: t.salience for t in tags if t.salience > 0}
    return {t.id: _mention_prominence(t, article) for t in tags}


def _mention_prominence(tag: Tag, article: Article) -> float:
    """Salience's stand-in: mentions (log-scaled) and a bonus for the title or lead."""
    text = article.document.text
    count = sum(text.count(m) for m in tag.mentions if m) or 1
    lead = article.title + " " + " ".join(article.summary[:1])
    in_lead = any(m and m in lead for m in tag.mentions)
    return min(1.0, (0.4 + 0.2 * math.log(count)) * (1.5 if in_lead else 1.0))


def term_frequencies(article: Article) -> Counter[str]:
    """Stem → count over the title (weighted) and the summary.

    Not the whole text: the summary holds its most central sentences and the
    tags cover all of it. The text's other words mostly add noise (scored on
    bench/related_score.py: 93% of same-subject articles linked from title
    and summary, 91% with the first 2,000 characters too), and stemming every
    word of every article on each build (the cache holds articles, not their
    words) took seconds at 10,000 articles."""
    counts: Counter[str] = Counter()
    for part, weight in ((article.title, TITLE_WEIGHT), (" ".join(article.summary), 1)):
        for form, n in Counter(_WORD.findall(part.lower())).items():
            if form in STOPWORDS:
                continue
            key = stem(form)
            if key and key not in STOPWORDS:
                counts[key] += n * weight
    return counts


def _idf(docs: Iterable[dict[str, float]]) -> dict[str, float]:
    """Inverse document frequency, log(1 + N/df): a feature every article has
    still counts a little, which a site of a few articles needs."""
    docs = list(docs)
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(doc.keys())
    n = len(docs)
    return {f: math.log(1 + n / k) for f, k in df.items()}


def _add_normalised(vector: dict[Feature, float], kind: str, weights: dict[str, float], scale: float,
                    keep: int) -> None:
    """The ``keep`` heaviest of ``weights``, divided by the norm of them all, into ``vector``."""
    norm = math.sqrt(sum(w * w for w in weights.values()))
    if norm == 0:
        return
    for key, w in heapq.nlargest(keep, weights.items(), key=lambda kv: (kv[1], kv[0])):
        if w > 0:
            vector[(kind, key)] = scale * w / norm


def rank_related(vectors: Sequence[dict[Feature, float]], dates: Sequence, limit: int = LIMIT) -> list[list[int]]:
    """For each vector, the indexes of up to ``limit`` others scoring at least
    ``MIN_SCORE``, best first (ties: nearer in date, then input order)."""
    # Each article walks the postings it is in; scores add up in one list
    # indexed by article (a third faster than a dict per article).
    walks: list[list[tuple[float, list[int], list[float]]]] = [[] for _ in vectors]
    for posting in _inverted_index(vectors).values():
        ids, weights = [j for j, _ in posting], [w for _, w in posting]
        for i, weight in posting:
            walks[i].append((weight, ids, weights))
    total = [0.0] * len(vectors)
    ranked = []
    for i, walk in enumerate(walks):
        met: list[int] = []
        for weight, ids, weights in walk:
            met += ids
            for j, other in zip(ids, weights):
                total[j] += weight * other
        total[i] = 0.0
        scores = {j: total[j] for j in set(met) if j != i}
        for j in met:
            total[j] = 0.0
        ranked.append(_best(scores, i, dates, limit))
    return ranked


def _best(scores: dict[int, float], i: int, dates: Sequence, limit: int) -> list[int]:
    """The ``limit`` best of ``scores`` at ``MIN_SCORE`` or more, the date bonus added."""
    top = heapq.nlargest(limit, scores.values())
    if not top or top[0] < MIN_SCORE:
        return []
    floor = max(MIN_SCORE, top[-1] - DATE_BONUS)  # only those the bonus can lift into the first ``limit``
    best = [(score + DATE_BONUS * _closeness(dates[i], dates[j]), -j) for j, score in scores.items() if score >= floor]
    return [-neg for _, neg in heapq.nlargest(limit, best)]


def _inverted_index(vectors: Sequence[dict[Feature, float]]) -> dict[Feature, list[tuple[int, float]]]:
    """Feature → (article, weight), capped at ``MAX_POSTING`` heaviest."""
    index: dict[Feature, list[tuple[int, float]]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for feature, weight in vector.items():
            index[feature].append((i, weight))
    for feature, posting in index.items():
        if len(posting) > MAX_POSTING:
            index[feature] = heapq.nlargest(MAX_POSTING, posting, key=lambda p: (p[1], -p[0]))
    return index


def _closeness(a, b) -> float:
    """1 for the same day, falling towards 0 months apart; 0 when either is undated."""
    if a is None or b is None:
        return 0.0
    return 1.0 / (1.0 + abs((a - b).days) / DATE_SCALE_DAYS)
