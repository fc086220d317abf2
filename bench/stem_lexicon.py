"""Build ``digest/kazakh/data/lexicon.json``: how well the corpus attests each stem key.

Usage: python bench/stem_lexicon.py [--min-support N] [CORPUS_FILES...]

Default corpus: the KazNERD validation split (its tokens) and the seed articles.
For every distinct word form, every reading the suffix table allows adds one
to its key's support; the stemmer then prefers, among a word's readings, the
key with the most support (a real stem is attested with many endings, a
wrongly cut one with few: теңге/теңгеден/теңгеге... outvote тең + -ге).
Only keys with support ≥ --min-support (default 3) are kept, which keeps the
file small enough to ship to the browser. It also lists "attested lemmas":
forms the grammar would cut that the corpus shows to be stems (see
``attested_lemmas``); the stemmer treats them like the table's own lemmas.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from digest.kazakh._data import DATA_DIR, load_json  # noqa: E402
from digest.kazakh.stem import Stemmer  # noqa: E402
from digest.kazakh.tokens import words  # noqa: E402

SHARED = ROOT.parent / "shared"
DEFAULT_CORPUS = [SHARED / "data" / "kaznerd" / "IOB2_valid.txt", *sorted((SHARED / "seeds").glob("*.txt"))]
CYRILLIC_WORD = re.compile(r"^[\u0400-\u04FF]+$")


def corpus_forms(paths: list[Path]) -> set[str]:
    forms: set[str] = set()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if path.name.startswith("IOB2"):
            tokens = (line.split(" ", 1)[0] for line in text.splitlines() if line.strip())
        else:
            tokens = words(text)
        forms.update(t.lower() for t in tokens if CYRILLIC_WORD.match(t))
    return forms


def build(forms: set[str], min_support: int) -> dict[str, int]:
    stemmer = Stemmer(load_json("stemmer.json"))
    support: Counter[str] = Counter()
    for form in forms:
        for key in {r.key for r in stemmer.readings(form)}:
            support[key] += 1
    return {k: n for k, n in sorted(support.items()) if n >= min_support}


def attested_lemmas(forms: set[str], min_evidence: int = 2) -> list[str]:
    """Forms the grammar would cut but the corpus shows to be stems.

    A form w that the table reads as stem + ending is a dictionary form when at
    least ``min_evidence`` other forms are w + an ending that could not follow
    that ending: anything after a case (теңге → теңгеден, теңгені: not тең+ге;
    алтын → алтынның: not алт+ы+н), or after a 3rd-person possessive an
    allomorph that never follows one (желі → желіде, желілер: not жел+і).
    """
    stemmer = Stemmer(load_json("stemmer.json"))
    after = {}
    for group in load_json("stemmer.json")["suffixes"]:
        for form, _ in group["forms"]:
            after.setdefault(form, set()).update(group["after"])
    evidence: Counter[str] = Counter()
    cut = {}
    for w in forms:
        best = stemmer.readings(w)[0]
        if best.endings and best.endings[-1][1] != "plural":
            cut[w] = best.endings[-1][1]
    for f in forms:
        # only the grammar's own reading of the other form counts (саласында is
        # сала+сы+нда, not evidence for a stem саласын)
        r = stemmer.readings(f)[0]
        if r.stem in cut and r.endings:
            first_form = r.endings[0][0]
            if cut[r.stem] != "poss3" or "P3" not in after.get(first_form, ()):
                evidence[r.stem] += 1
    listed = set(load_json("stemmer.json")["lemmas"]["words"])
    # a word the table already lists by its key (отбасы as отбас) stays the table's
    return sorted(w for w, n in evidence.items() if n >= min_evidence and w[:-1] not in listed)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="*", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--min-support", type=int, default=3)
    ap.add_argument("--out", type=Path, default=DATA_DIR / "lexicon.json")
    args = ap.parse_args(argv)
    forms = corpus_forms(args.corpus)
    support = build(forms, args.min_support)
    lemmas = attested_lemmas(forms)
    doc = {
        "about": "Corpus support of stem keys (KazNERD validation split + seed articles), made by "
        "bench/stem_lexicon.py: number of distinct word forms with a reading that yields the key. "
        "Optional: the stemmer works without it (then ties go to the longest cut).",
        "min_support": args.min_support,
        "support": support,
        "lemmas": lemmas,
    }
    args.out.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(forms)} forms -> {len(support)} keys, {len(lemmas)} attested lemmas, "
          f"{args.out.stat().st_size / 1024:.0f} KB -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
