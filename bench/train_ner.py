"""Train the CRF entity tagger shipped in digest/extract/models/ner.crfsuite.

    python bench/train_ner.py [--data PATH] [--part train|all] [--out PATH]

Trains on the KazNERD validation split's training part (the blocks that
bench/ner_score.py does not hold out), with the features of
digest.extract.ner_crf and the site vocabulary as a gazetteer.  KazNERD is
CC BY 4.0 (Yeshpanov, Khassanov, Varol, LREC 2022).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pycrfsuite  # noqa: E402
from ner_score import DATA, read_kaznerd, split  # noqa: E402

from digest import kazakh  # noqa: E402
from digest.extract import ner_crf  # noqa: E402
from digest.extract.tags import find_mentions, load_vocabulary  # noqa: E402

LABELS = {"person": "PER", "place": "LOC", "organization": "ORG"}


def examples(sentences, vocabulary):
    """(features, labels) per sentence, on the tokens of the language core."""
    for s in sentences:
        tokens = kazakh.tokenize(s.text)
        if not tokens:
            continue
        known = [(m.start, m.end, m.kind) for m in find_mentions(s.text, vocabulary, tokens, discover=False)]
        words, gaps, gazetteer = ner_crf.sentence_inputs(s.text, tokens, known)
        labels = ["O"] * len(tokens)
        for start, end, kind in s.gold:
            inside = [i for i, t in enumerate(tokens) if t.start < end and start < t.end]
            for n, i in enumerate(inside):
                labels[i] = ("B-" if n == 0 else "I-") + LABELS[kind]
        yield ner_crf.sentence_features(words, gaps, gazetteer), labels


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--part", choices=("train", "all"), default="train")
    ap.add_argument("--out", type=Path, default=ner_crf.MODEL_PATH)
    ap.add_argument("--fold", type=int, default=4, help="the fifth held out (see ner_score.split)")
    ap.add_argument("--c1", type=float, default=0.1)
    ap.add_argument("--c2", type=float, default=0.05)
    ap.add_argument("--iterations", type=int, default=300)
    args = ap.parse_args(argv)
    vocabulary = load_vocabulary(ROOT / "site_config")
    sentences = split(read_kaznerd(args.data), args.part, args.fold)
    trainer = pycrfsuite.Trainer(verbose=False)
    t0 = time.time()
    for xseq, yseq in examples(sentences, vocabulary):
        trainer.append(xseq, yseq)
    trainer.set_params({
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature.possible_transitions": True,
    })
    print(f"{len(sentences)} sentences, features in {time.time() - t0:.1f} s; training...")
    trainer.train(str(args.out))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB) in {time.time() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
