"""Stemming speed on one core: tokens per second, memoised and cold.

Usage: python bench/stem_speed.py [--tokens N]

The token stream is the KazNERD validation split (about 130,000 tokens) repeated
up to N tokens, i.e. real news vocabulary with a realistic Zipf distribution;
"memoised" is the steady state of a build (the cache warm from earlier
articles), "cold" clears the cache first, so each distinct form is analysed once.
Target: ≥ 200,000 tokens/s memoised.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from digest.kazakh.stem import DEFAULT  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "kaznerd" / "IOB2_valid.txt"


def tokens(limit: int) -> list[str]:
    base = [line.split(" ", 1)[0] for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    out: list[str] = []
    while len(out) < limit:
        out.extend(base[: limit - len(out)])
    return out


def rate(words: list[str]) -> float:
    stem = DEFAULT.stem
    t0 = time.perf_counter()
    for w in words:
        stem(w)
    return len(words) / (time.perf_counter() - t0)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tokens", type=int, default=1_000_000)
    args = ap.parse_args(argv)
    words = tokens(args.tokens)
    DEFAULT.stem.cache_clear()
    cold = rate(words)
    warm = rate(words)
    distinct = sorted(set(words))
    DEFAULT.stem.cache_clear()
    t0 = time.perf_counter()
    for w in distinct:
        DEFAULT.stem(w)
    analyses = len(distinct) / (time.perf_counter() - t0)
    print(f"{len(words)} tokens, {len(distinct)} distinct forms")
    print(f"analyses of new forms:      {analyses:,.0f} forms/s")
    print(f"cold (cache cleared first): {cold:,.0f} tokens/s")
    print(f"memoised:                   {warm:,.0f} tokens/s  (target 200,000)")
    return 0 if warm >= 200_000 else 1


if __name__ == "__main__":
    sys.exit(main())
