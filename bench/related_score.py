"""How many same-subject articles `related` links: ours against plain TF-IDF cosine.

A labelled set is assembled from KazNERD sentences (Yeshpanov, Khassanov,
Varol, "KazNERD: Kazakh Named Entity Recognition Dataset", LREC 2022; CC BY
4.0; IS2AI/KazNERD, the validation split in ../shared/data/kaznerd): a subject
is a named entity (a person, organisation, place, project, event...) that
KazNERD marks in enough distinct sentences; its sentences are dealt out to
ARTICLES_PER_SUBJECT articles, each padded with sentences from the rest of the
corpus that mention none of the chosen subjects (news articles carry much
besides their subject). Articles made from one subject are "same subject";
the rest are not. Nothing derived from KazNERD is written to the repository.

Every article goes through the digest's real extraction (tags, summary). For
each method the script prints the share of an article's same-subject articles
that its (up to 5) related links include, averaged over articles (recall),
and the share of links that go to a same-subject article (precision).

    python bench/related_score.py [--subjects 100] [--seed 0]
"""

from __future__ import annotations

import argparse
import contextlib
import math
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import DEFAULT_DATA, detokenize  # noqa: E402

from digest.config import load_config  # noqa: E402
from digest.extract import extract_article, related  # noqa: E402
from digest.extract.related import LIMIT, relate_articles  # noqa: E402
from digest.ingest.reader import parse_document  # noqa: E402
from digest.kazakh import STOPWORDS, stem  # noqa: E402
from digest.kazakh.tokens import words  # noqa: E402

SUBJECT_KINDS = {"PERSON", "ORGANISATION", "GPE", "LOCATION", "EVENT", "PROJECT", "FACILITY"}
ARTICLES_PER_SUBJECT = 3
SENTENCES_PER_ARTICLE = 2  # about the subject
FILLER = 10  # other sentences per article
MIN_TOKENS = 8  # shorter sentences are sign-offs and captions, not about anything
MAX_SUBJECT_SENTENCES = 40  # an entity in more is too broad to be a subject ("Қазақстан")


def read_kaznerd(path: Path) -> list[tuple[str, set[str]]]:
    """Each sentence's text and the keys of the named entities in it."""
    out = []
    for block in Path(path).read_text(encoding="utf-8").split("\n\n"):
        rows = [line.split(" ", 1) for line in block.splitlines() if line.strip()]
        if not rows:
            continue
        tokens = [r[0] for r in rows]
        entities: set[str] = set()
        span: list[str] = []
        kind = ""
        for token, tag in rows + [["", "O"]]:
            if tag.startswith("I-") and span:
                span.append(token)
                continue
            if span and kind in SUBJECT_KINDS:
                entities.add(kind + ":" + " ".join(stem(t.lower()) for t in span))
            span, kind = ([token], tag[2:]) if tag.startswith("B-") else ([], "")
        text = detokenize(tokens)
        out.append((text[0].upper() + text[1:], entities))
    return out


def _variant_key(text: str) -> str:
    """KazNERD repeats sentences with numbers spelled out or not: keep one of each."""
    return " ".join(w.lower() for w in words(text)[:5])


def labelled_articles(path: Path, subjects: int, seed: int) -> tuple[dict[str, str], dict[str, str]]:
    """(file name → article text, file name → subject)."""
    sentences = read_kaznerd(path)
    by_entity: dict[str, list[int]] = defaultdict(list)
    seen: dict[str, set[str]] = defaultdict(set)
    for i, (text, entities) in enumerate(sentences):
        if len(words(text)) < MIN_TOKENS:
            continue
        for entity in entities:
            key = _variant_key(text)
            if key not in seen[entity]:
                seen[entity].add(key)
                by_entity[entity].append(i)
    need = ARTICLES_PER_SUBJECT * SENTENCES_PER_ARTICLE
    eligible = sorted(e for e, ids in by_entity.items() if need <= len(ids) <= MAX_SUBJECT_SENTENCES)
    rng = random.Random(seed)
    rng.shuffle(eligible)
    chosen: list[str] = []
    used: set[int] = set()
    for entity in eligible:
        ids = [i for i in by_entity[entity] if i not in used]
        if len(ids) >= need and len(chosen) < subjects:
            chosen.append(entity)
            used.update(ids)
    chosen_set = set(chosen)
    filler = [i for i, (text, ents) in enumerate(sentences)
              if not ents & chosen_set and i not in used and len(words(text)) >= 4]
    texts: dict[str, str] = {}
    labels: dict[str, str] = {}
    for s, entity in enumerate(chosen):
        ids = [i for i in by_entity[entity]]
        rng.shuffle(ids)
        for a in range(ARTICLES_PER_SUBJECT):
            own = [sentences[i][0] for i in ids[a * SENTENCES_PER_ARTICLE:(a + 1) * SENTENCES_PER_ARTICLE]]
            body = [sentences[i][0] for i in rng.sample(filler, FILLER)]
            for sentence in own[1:]:
                body.insert(rng.randrange(len(body) + 1), sentence)
            name = f"s{s:03d}_{a}.txt"
            paragraphs = [" ".join(body[k:k + 3]) for k in range(0, len(body), 3)]
            texts[name] = own[0] + "\n\n" + "\n\n".join(paragraphs) + "\n"
            labels[name] = entity
    return texts, labels


def tfidf_baseline(articles, limit: int = LIMIT) -> dict[str, list[str]]:
    """Plain TF-IDF cosine over the stems of title and text, every pair scored."""
    counts = []
    for a in articles:
        c: Counter[str] = Counter()
        for word in words(a.title + "\n" + a.document.text):
            lower = word.lower()
            if lower not in STOPWORDS and not word[0].isdigit():
                c[stem(lower)] += 1
        counts.append(c)
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(articles)
    vectors = []
    for c in counts:
        v = {t: k * math.log(n / df[t]) for t, k in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({t: x / norm for t, x in v.items()})
    out = {}
    for i, v in enumerate(vectors):
        scores = []
        for j, w in enumerate(vectors):
            if i != j:
                scores.append((sum(x * w.get(t, 0.0) for t, x in v.items()), -j))
        scores.sort(reverse=True)
        out[articles[i].path] = [articles[-j].path for _, j in scores[:limit]]
    return out


def score(links: dict[str, list[str]], labels: dict[str, str]) -> tuple[float, float]:
    """(mean share of same-subject articles linked, share of links that are same-subject)."""
    by_subject: dict[str, set[str]] = defaultdict(set)
    for path, subject in labels.items():
        by_subject[subject].add(path)
    recalls, good, total = [], 0, 0
    for path, linked in links.items():
        siblings = by_subject[labels[path]] - {path}
        hits = sum(1 for p in linked if p in siblings)
        recalls.append(hits / len(siblings))
        good += hits
        total += len(linked)
    return sum(recalls) / len(recalls), good / total if total else 0.0


@contextlib.contextmanager
def _tag_share(share: float):
    saved = related.TAG_SHARE
    related.TAG_SHARE = share
    try:
        yield
    finally:
        related.TAG_SHARE = saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subjects", type=int, default=100)  # more than KazNERD has: all of them
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    config = load_config(Path(__file__).resolve().parents[1])
    texts, labels = labelled_articles(args.data, args.subjects, args.seed)
    articles = [extract_article(parse_document(text.encode(), config, name), config)
                for name, text in texts.items()]
    print(f"{len(articles)} articles on {len(set(labels.values()))} subjects, "
          f"{ARTICLES_PER_SUBJECT} articles each")
    start = time.perf_counter()
    ours = {a.path: list(a.related) for a in relate_articles(articles)}
    took = time.perf_counter() - start
    base = tfidf_baseline(articles)
    print(f"{'method':<34}{'same-subject linked':>20}{'links same-subject':>20}")
    rows = [("plain TF-IDF cosine (stems)", base), ("digest related (tags + terms)", ours)]
    for name, share in (("  its tags alone", 1.0), ("  its terms alone", 0.0)):  # what each half brings
        with _tag_share(share):
            rows.append((name, {a.path: list(a.related) for a in relate_articles(articles)}))
    for name, links in rows:
        recall, precision = score(links, labels)
        print(f"{name:<34}{recall:>20.1%}{precision:>20.1%}")
    print(f"(digest related took {took:.2f} s)")


if __name__ == "__main__":
    main()
