"""Pseudo-articles made of real Kazakh sentences (KazNERD), for benchmarks and tests.

KazNERD's validation split is one token per line ("TOKEN TAG") with a blank
line between sentences. Sentences are detokenised (no space before closing
punctuation or after opening quotes and brackets) and drawn, with a seeded
random generator, into articles of 20–40 sentences: a short sentence as the
headline line, then paragraphs of 2–5 sentences. Every third article carries a
publication date in front matter, so relative dates resolve. The same
``(n, seed)`` always gives the same files.

    python bench/corpus.py OUT_DIR [--n 1000] [--seed 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
from functools import lru_cache
from pathlib import Path

# ../shared/data next to the repository, or wherever KAZNERD_IOB2 says.
DEFAULT_DATA = Path(os.environ.get("KAZNERD_IOB2") or
                    Path(__file__).resolve().parents[2] / "shared" / "data" / "kaznerd" / "IOB2_valid.txt")

NO_SPACE_BEFORE = {".", ",", "!", "?", ":", ";", ")", "»", "%", "…"}
NO_SPACE_AFTER = {"(", "«"}


def detokenize(tokens: list[str]) -> str:
    """Join tokens as a writer would: "« Әміре » , ( 1992 )" → "«Әміре», (1992)"."""
    out: list[str] = []
    glue = True  # no space before the first token
    for token in tokens:
        if out and not glue and token not in NO_SPACE_BEFORE and not token.startswith("%"):
            out.append(" ")
        out.append(token)
        glue = token in NO_SPACE_AFTER
    return "".join(out)


@lru_cache(maxsize=4)
def load_sentences(path: Path = DEFAULT_DATA) -> tuple[str, ...]:
    """Every sentence of a KazNERD IOB2 file, detokenised, in file order."""
    sentences: list[str] = []
    tokens: list[str] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        if line.strip():
            tokens.append(line.split(" ", 1)[0])
        elif tokens:
            text = detokenize(tokens)
            if re.search(r"\w", text):
                sentences.append(text[0].upper() + text[1:])
            tokens = []
    return tuple(sentences)


def make_article(rng: random.Random, sentences: tuple[str, ...], index: int) -> str:
    """One article file's text: optional front matter, a headline, paragraphs."""
    count = rng.randint(20, 40)
    body = [rng.choice(sentences) for _ in range(count)]
    short = [s for s in (rng.choice(sentences) for _ in range(20)) if 20 <= len(s) <= 90]
    headline = (short[0] if short else body[0][:80]).rstrip(".!?")
    paragraphs: list[str] = []
    i = 0
    while i < len(body):
        size = rng.randint(2, 5)
        paragraphs.append(" ".join(body[i:i + size]))
        i += size
    front = ""
    if index % 3 == 0:
        day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(5 * 365))
        front = f"---\ndate: {day.isoformat()}\n---\n"
    return front + headline + "\n\n" + "\n\n".join(paragraphs) + "\n"


def generate(n: int, seed: int = 0, data: Path = DEFAULT_DATA) -> dict[str, str]:
    """``n`` articles as file name → text ("bench_00042.txt"), deterministic."""
    sentences = load_sentences(Path(data))
    rng = random.Random(seed)
    return {f"bench_{i:05d}.txt": make_article(rng, sentences, i) for i in range(n)}


def write_corpus(out_dir: Path, n: int, seed: int = 0, data: Path = DEFAULT_DATA) -> list[Path]:
    """Write ``generate(n, seed)`` into ``out_dir``; returns the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in generate(n, seed, data).items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    paths = write_corpus(args.out_dir, args.n, args.seed, args.data)
    print(f"{len(paths)} articles written to {args.out_dir}")


if __name__ == "__main__":
    main()
