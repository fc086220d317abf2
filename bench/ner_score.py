"""Score person / place / organization mentions against KazNERD (validation split).

    python bench/ner_score.py [--data PATH] [--part heldout|train|all] [--show KIND]

Each sentence is one article (tokens joined by spaces).  A predicted mention is
right when it overlaps an annotated span of the same kind; an annotated span is
found when a predicted mention of its kind overlaps it.  Kinds: PERSON → person,
GPE and LOCATION → place, ORGANISATION → organization.

Systems: (a) capitalised-word baseline (every run of capitalised words that is
not a lone sentence-initial word, counted as a mention of every kind);
(b) vocabulary only; (c) vocabulary + discovery (rules + CRF model).

The split is fixed: blocks of 50 consecutive sentences, every fifth block held
out (20 %); bench/train_ner.py trains on the other blocks only.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from digest import kazakh  # noqa: E402
from digest.extract.tags import find_mentions, load_vocabulary  # noqa: E402

DATA = Path("/work/shared/data/kaznerd/IOB2_valid.txt")
KINDS = {"PERSON": "person", "GPE": "place", "LOCATION": "place", "ORGANISATION": "organization"}
SCORED = ("person", "place", "organization")
BLOCK, FOLDS = 50, 5


@dataclass
class Sentence:
    words: list[str]
    labels: list[str]  # IOB2 labels as annotated
    text: str
    offsets: list[tuple[int, int]]
    gold: list[tuple[int, int, str]]  # character spans of scored kinds


def read_kaznerd(path: Path = DATA) -> list[Sentence]:
    """Sentences of a KazNERD IOB2 file, text rebuilt with single spaces."""
    out, words, labels = [], [], []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if len(parts) >= 2:
            words.append(parts[0])
            labels.append(parts[-1])
        elif words:
            out.append(_sentence(words, labels))
            words, labels = [], []
    return out


def _sentence(words: list[str], labels: list[str]) -> Sentence:
    offsets, pos = [], 0
    for w in words:
        offsets.append((pos, pos + len(w)))
        pos += len(w) + 1
    gold, i = [], 0
    while i < len(words):
        if labels[i].startswith("B-"):
            cls, j = labels[i][2:], i + 1
            while j < len(words) and labels[j] == "I-" + cls:
                j += 1
            if cls in KINDS:
                gold.append((offsets[i][0], offsets[j - 1][1], KINDS[cls]))
            i = j
        else:
            i += 1
    return Sentence(words, labels, " ".join(words), offsets, gold)


def split(sentences: list[Sentence], part: str, fold: int = FOLDS - 1) -> list[Sentence]:
    """The fixed train / held-out split (by blocks of consecutive sentences).

    ``fold`` picks which fifth is held out; the shipped model uses the last.
    """
    if part == "all":
        return sentences
    held = [(i // BLOCK) % FOLDS == fold for i in range(len(sentences))]
    return [s for s, h in zip(sentences, held) if h == (part == "heldout")]


def baseline(sentence: Sentence) -> list[tuple[int, int, str]]:
    spans, run = [], []
    tokens = kazakh.tokenize(sentence.text)
    for k, tok in enumerate(tokens + [None]):
        if tok is not None and tok.text[:1].isupper():
            run.append(tok)
            continue
        if run and not (len(run) == 1 and run[0] is tokens[0]):
            spans.extend((run[0].start, run[-1].end, kind) for kind in SCORED)
        run = []
    return spans


def score(sentences, predict, show: str | None = None) -> dict[str, tuple[float, float, int, int]]:
    tp_p = {k: 0 for k in SCORED}
    n_p = dict(tp_p)
    tp_g = dict(tp_p)
    n_g = dict(tp_p)
    for s in sentences:
        pred = [p for p in predict(s) if p[2] in SCORED]
        for a, b, kind in pred:
            n_p[kind] += 1
            ok = any(a < d and c < b and k == kind for c, d, k in s.gold)
            tp_p[kind] += ok
            if show == kind and not ok:
                print(f"  FP {kind}: {s.text[a:b]!r}  | {s.text}")
        for c, d, kind in s.gold:
            n_g[kind] += 1
            ok = any(a < d and c < b and k == kind for a, b, k in pred)
            tp_g[kind] += ok
            if show == kind and not ok:
                print(f"  FN {kind}: {s.text[c:d]!r}  | {s.text}")
    return {
        k: (tp_p[k] / n_p[k] if n_p[k] else 0.0, tp_g[k] / n_g[k] if n_g[k] else 0.0, n_p[k], n_g[k])
        for k in SCORED
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--part", choices=("heldout", "train", "all"), default="heldout")
    ap.add_argument("--show", choices=SCORED, help="print the errors of one kind (full system)")
    ap.add_argument("--systems", default="baseline,vocabulary,full")
    ap.add_argument("--fold", type=int, default=FOLDS - 1, help="held-out fifth (cross-validation)")
    ap.add_argument("--model", type=Path, help="score another CRF model file")
    ap.add_argument("--detectors", help="discovery detectors to use, e.g. model or rules (default: all)")
    args = ap.parse_args(argv)
    if args.model:
        from digest.extract import ner_crf

        ner_crf.MODEL_PATH = args.model
    if args.detectors:
        from digest.extract import entities

        chosen = args.detectors.split(",")
        for name in list(entities.DETECTORS):
            if name not in chosen:
                del entities.DETECTORS[name]
    vocabulary = load_vocabulary(ROOT / "site_config")
    sentences = split(read_kaznerd(args.data), args.part, args.fold)
    print(f"KazNERD {args.data.name}, part={args.part}: {len(sentences)} sentences")
    print(f"stemmer: {kazakh.stem('Қазақстанның')!r} for Қазақстанның")

    def vocab_only(s):
        return [(m.start, m.end, m.kind) for m in find_mentions(s.text, vocabulary, discover=False)]

    def full(s):
        return [(m.start, m.end, m.kind) for m in find_mentions(s.text, vocabulary)]

    systems = {"baseline": baseline, "vocabulary": vocab_only, "full": full}
    print(f"{'system':<12}" + "".join(f"{k:>26}" for k in SCORED))
    print(f"{'':<12}" + "".join(f"{'P':>8}{'R':>7}{'pred/gold':>11}" for _ in SCORED))
    for name in args.systems.split(","):
        t0 = time.perf_counter()
        result = score(sentences, systems[name], args.show if name == "full" else None)
        ms = (time.perf_counter() - t0) * 1000 / max(1, len(sentences))
        row = "".join(f"{p:>8.2f}{r:>7.2f}{f'{n}/{g}':>11}" for p, r, n, g in result.values())
        print(f"{name:<12}{row}   {ms:.2f} ms/sentence")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
