"""Score the timeline's date finder on KazNERD DATE spans, beside dateparser.

Each KazNERD sentence is one article (tokens joined by spaces). A found span
and a gold DATE span match when they overlap. Precision = found spans that
overlap a gold span / found spans; recall = gold spans overlapped by a found
span / gold spans. The F1 of exact boundaries is printed beside it (KazNERD's
tokens are joined by spaces, so "2 , 5 жыл" is what the finder sees).

The validation split is cut into a development part (the first 70% of
sentences, which the rules were studied on) and a held-out part (the last 30%,
not looked at while writing rules). KazNERD repeats many sentences with numbers
written in words and then in digits, next to each other, so a contiguous cut
keeps the two copies on the same side.

dateparser's ``search_dates(languages=["kk"])`` is scored the same way, on
every sentence by default; ``--dp-sample N`` runs it instead on N random
held-out sentences (seed 0) beside ours on the same sample, for slow machines.

    python bench/timeline_score.py [--data PATH] [--dp-sample N] [--errors N]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "kaznerd" / "IOB2_valid.txt"
DEV_FRACTION = 0.7

Span = tuple[int, int]


def read_iob2(path: Path) -> list[tuple[str, list[Span]]]:
    """Sentences as (text, gold DATE character spans)."""
    sentences = []
    tokens: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.strip():
            token, tag = line.rsplit(" ", 1)
            tokens.append((token, tag))
        elif tokens:
            sentences.append(_sentence(tokens))
            tokens = []
    return sentences


def _sentence(tokens: list[tuple[str, str]]) -> tuple[str, list[Span]]:
    parts, spans, pos = [], [], 0
    current: list[int] | None = None
    for token, tag in tokens:
        start, end = pos, pos + len(token)
        parts.append(token)
        pos = end + 1
        if tag == "B-DATE" or (tag == "I-DATE" and current is None):
            if current:
                spans.append((current[0], current[1]))
            current = [start, end]
        elif tag == "I-DATE":
            current[1] = end
        else:
            if current:
                spans.append((current[0], current[1]))
            current = None
    if current:
        spans.append((current[0], current[1]))
    return " ".join(parts), spans


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class Score:
    """Overlap-match counts, and exact-boundary matches as a stricter second figure."""

    def __init__(self) -> None:
        self.found = self.found_ok = self.gold = self.gold_ok = self.exact = 0

    def add(self, found: list[Span], gold: list[Span]) -> None:
        self.found += len(found)
        self.found_ok += sum(any(_overlaps(f, g) for g in gold) for f in found)
        self.gold += len(gold)
        self.gold_ok += sum(any(_overlaps(g, f) for f in found) for g in gold)
        self.exact += len(set(found) & set(gold))

    def prf(self) -> tuple[float, float, float]:
        p = self.found_ok / self.found if self.found else 0.0
        r = self.gold_ok / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def line(self, label: str, n: int) -> str:
        p, r, f = self.prf()
        ep = self.exact / self.found if self.found else 0.0
        er = self.exact / self.gold if self.gold else 0.0
        ef = 2 * ep * er / (ep + er) if ep + er else 0.0
        return (
            f"{label:<38} n={n:<6} gold={self.gold:<5} found={self.found:<5} "
            f"P={p:.3f} R={r:.3f} F1={f:.3f}   exact-span F1={ef:.3f}"
        )


def dateparser_spans(text: str) -> list[Span]:
    """Spans of what dateparser's search_dates finds, located in the text in order."""
    from dateparser.search import search_dates

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=["kk"]) or []
    spans, pos = [], 0
    for piece, _ in found:
        at = text.find(piece, pos)
        if at < 0:
            at = text.find(piece)
        if at >= 0:
            spans.append((at, at + len(piece)))
            pos = at + len(piece)
    return spans


def show_errors(sentences, find, limit: int) -> None:
    fp, fn = [], []
    for text, gold in sentences:
        found = find(text)
        fp += [(text, f) for f in found if not any(_overlaps(f, g) for g in gold)]
        fn += [(text, g) for g in gold if not any(_overlaps(g, f) for f in found)]
    for label, items in (("FALSE POSITIVES", fp), ("MISSED", fn)):
        print(f"\n== {label} ({len(items)})")
        for text, (s, e) in items[:limit]:
            print(f"  [{text[s:e]}]  …{text[max(0, s - 50):s]}⟦{text[s:e]}⟧{text[e:e + 40]}…")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument(
        "--dp-sample", type=int, default=-1,
        help="dateparser on N random held-out sentences (-1: every sentence, 0: skip)",
    )
    ap.add_argument("--errors", type=int, default=0, help="print N errors from the development part")
    args = ap.parse_args(argv)

    from digest.extract.timeline import find_date_spans

    sentences = read_iob2(args.data)
    cut = int(len(sentences) * DEV_FRACTION)
    parts = {"development (first 70%)": sentences[:cut], "held-out (last 30%)": sentences[cut:]}
    print(f"KazNERD {args.data.name}: {len(sentences)} sentences, DATE spans, overlap match")
    systems = {"ours": find_date_spans}
    if args.dp_sample < 0:
        systems["dateparser"] = dateparser_spans
    for name, find in systems.items():
        total = Score()
        started = time.perf_counter()
        for label, part in parts.items():
            score = Score()
            for text, gold in part:
                found = find(text)
                score.add(found, gold)
                total.add(found, gold)
            print(score.line(f"{name}, {label}", len(part)))
        elapsed = time.perf_counter() - started
        print(total.line(f"{name}, whole split", len(sentences)) + f"  ({elapsed:.1f}s)")

    if args.dp_sample > 0:
        held_out = parts["held-out (last 30%)"]
        sample = random.Random(0).sample(held_out, min(args.dp_sample, len(held_out)))
        ours, theirs = Score(), Score()
        started = time.perf_counter()
        for text, gold in sample:
            ours.add(find_date_spans(text), gold)
            theirs.add(dateparser_spans(text), gold)
        elapsed = time.perf_counter() - started
        print(f"\nSide by side on a random sample of the held-out part (seed 0, {elapsed:.0f}s):")
        print(ours.line("ours, same sample", len(sample)))
        print(theirs.line("dateparser search_dates(kk)", len(sample)))

    if args.errors:
        show_errors(parts["development (first 70%)"], find_date_spans, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
