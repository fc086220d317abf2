"""How long drawing N share cards takes (a first build), and reusing them (every build after).

The articles are bench/corpus.py's pseudo-articles (KazNERD sentences), read
and extracted as a build does; the cards are written as a build writes them
(digest.render.cards.write_cards: on every core past a few hundred). Compare
the first figure with a full `digest build` of the same N (bench/run.py):
the issue allows cards 15% of it.

    python bench/share_cards.py [--n 1000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402

from digest.config import load_config  # noqa: E402
from digest.extract import extract_article  # noqa: E402
from digest.ingest.reader import parse_document  # noqa: E402
from digest.render.cards import write_cards  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    config = load_config(Path(__file__).resolve().parents[1])
    articles = [extract_article(parse_document(text.encode(), config, f"content/{name}"), config)
                for name, text in generate(args.n).items()]
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp)
        start = time.perf_counter()
        paths, drawn = write_cards(articles, config, docs)
        first = time.perf_counter() - start
        start = time.perf_counter()
        _, again = write_cards(articles, config, docs)
        second = time.perf_counter() - start
        size = sum(p.stat().st_size for p in paths)
    print(f"{args.n} articles, {len(paths)} distinct cards (load average {os.getloadavg()[0]:.1f})")
    print(f"first build: {drawn} drawn in {first:.2f} s ({first / max(drawn, 1) * 1000:.1f} ms a card, "
          f"all cores), {size / max(len(paths), 1) / 1024:.0f} KiB a card")
    print(f"next build:  {again} drawn, {second:.3f} s")


if __name__ == "__main__":
    main()
