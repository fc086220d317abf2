"""Conflation and collision of the Kazakh stemmer on KazNERD's GPE and PERSON mentions.

Usage: python bench/stem_eval.py [IOB2_FILE] [--no-lexicon] [--show N]

KazNERD has no lemmas, so entity groups are derived, independently of the
stemmer's own table:

1. A mention is a maximal B-/I- run of GPE or PERSON tokens. Its head is the
   last token (Kazakh inflects only the last word of a name: "Қасым-Жомарт
   Тоқаевқа"); the words before the head are kept as written.
2. An entity is (words before the head, lower-cased) + a *lemma*: a head form
   that occurs in the split and from which other head forms differ only by a
   sequence of endings taken from a flat list in this file (plural? +
   possessive? + case?, with no sound or harmony conditions, the н-forms of
   the cases only after a possessive), allowing the
   written alternations к/г, қ/ғ, п/б and an epenthetic і/ы (Минск/Минскіге).
   A form joins the longest such lemma; a form with none is its own lemma.
3. Conflation = share of inflected mentions (head ≠ lemma) whose stem key
   (stems of all words) equals the key of the lemma itself.
   Collision = share of entities whose key equals that of another entity.

Bias, honestly: only entities whose bare form occurs in this split count
towards conflation (an entity seen only inflected is invisible); endings
outside the flat list (-ша, -дай, predicatives) are never grouped, so forms
the stemmer gets wrong for those reasons are not counted; a lemma that
happens to equal another name plus an ending (a rare accident) would be
grouped wrongly. The split is the one the default lexicon was built from:
the "without lexicon" line is the figure for unseen text (and for a JS
stemmer without the lexicon).

Two more lines put the figure in context. "other words": the same grouping
over every lower-case word outside the entities (common nouns, but also verbs
and adjectives, whose endings the flat list partly mistakes for noun endings,
so this figure is a rough, pessimistic proxy for common nouns; its
"collisions" are mostly forms the grouping failed to join: ел/елге, су/суы).
"blind baseline": strip the longest ending of the flat list, leaving ≥ 3
letters, without any sound or order rule.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from digest.kazakh._data import load_json  # noqa: E402
from digest.kazakh.stem import DEFAULT, Stemmer  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "kaznerd" / "IOB2_valid.txt"
KINDS = ("GPE", "PERSON")

PLURAL = ["", "лар", "лер", "дар", "дер", "тар", "тер"]
POSSESSIVE = ["", "ы", "і", "сы", "сі", "ымыз", "іміз", "мыз", "міз", "ыңыз", "іңіз", "ңыз", "ңіз"]
CASE = ["", "ның", "нің", "дың", "дің", "тың", "тің", "ны", "ні", "ды", "ді", "ты", "ті", "н",
        "ға", "ге", "қа", "ке", "на", "не", "да", "де", "та", "те", "нда", "нде",
        "дан", "ден", "тан", "тен", "нан", "нен", "мен", "бен", "пен",
        "дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі"]
AFTER_POSSESSIVE_ONLY = {"н", "на", "не", "нда", "нде", "ндағы", "ндегі"}
ENDINGS = frozenset(
    p + q + c
    for p, q, c in itertools.product(PLURAL, POSSESSIVE, CASE)
    if q or c not in AFTER_POSSESSIVE_ONLY
) - {""}
ALTERNATION = {"г": "к", "ғ": "қ", "б": "п"}


def read_mentions(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(kind, tokens) of every GPE/PERSON mention in an IOB2 file."""
    mentions, current, kind = [], [], None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        parts = line.split()
        tag = parts[1] if len(parts) == 2 else "O"
        if tag.startswith("I-") and kind == tag[2:]:
            current.append(parts[0])
            continue
        if current:
            mentions.append((kind, tuple(current)))
        current, kind = [], None
        if tag.startswith("B-") and tag[2:] in KINDS:
            current, kind = [parts[0]], tag[2:]
    return mentions


def read_words(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """Every lower-case Cyrillic token outside entity mentions, as a one-word "mention"."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1] == "O" and re.fullmatch(r"[а-яәғқңөұүһіё]{2,}", parts[0]):
            out.append(("WORD", (parts[0],)))
    return out


def bases(form: str) -> set[str]:
    """Every way to read ``form`` as base + endings from the flat list (base ≥ 3 letters)."""
    out = {form}
    for cut in range(3, len(form)):
        base, rest = form[:cut], form[cut:]
        if rest.startswith("-"):
            rest = rest[1:]
        for b in {base, base[:-1] + ALTERNATION.get(base[-1], base[-1])}:
            if rest in ENDINGS or (rest in AFTER_POSSESSIVE_ONLY and b[-1] in "ыі"):
                out.add(b)
            if b.endswith("ск") and rest[:1] in ("ы", "і") and rest[1:] in ENDINGS:
                out.add(b)  # epenthesis: Минск + і + ге
    return out


def group(mentions):
    """entity (kind, words before the head, lemma) -> [(mention tokens, is_inflected)].

    A head's lemma is its longest base attested as a head itself; failing that,
    unless the head is itself the base of another head, the longest base it
    shares with another head of the same words-before (Атырау облысына and
    облысында share облыс and облысы: the longer is taken).
    """
    heads: dict[tuple, set[str]] = defaultdict(set)
    for _, toks in mentions:
        heads[tuple(t.lower() for t in toks[:-1])].add(toks[-1].lower())
    lemma_of: dict[tuple, str] = {}
    for prefix, forms in heads.items():
        readings = {f: bases(f) for f in forms}
        seen: dict[str, int] = defaultdict(int)
        for f, bs in readings.items():
            for b in bs:
                seen[b] += 1
        for f, bs in readings.items():
            attested = [b for b in bs if b != f and b in forms]
            shared = [b for b in bs if b != f and seen[b] > 1]
            if attested:
                lemma_of[(prefix, f)] = max(attested, key=len)
            elif shared and not any(f in readings[g] for g in forms if g != f):
                lemma_of[(prefix, f)] = max(shared, key=len)
            else:
                lemma_of[(prefix, f)] = f
        # follow chains (облысына → облысы → облыс) to one lemma per entity
        for k in list(lemma_of):
            if k[0] != prefix:
                continue
            lemma, hops = lemma_of[k], 0
            while (prefix, lemma) in lemma_of and lemma_of[(prefix, lemma)] != lemma and hops < 5:
                lemma, hops = lemma_of[(prefix, lemma)], hops + 1
            lemma_of[k] = lemma
        # a lemma that is itself base + endings of another lemma joins it
        lemmas = {lemma_of[k] for k in lemma_of if k[0] == prefix}
        merge = {m: max((b for b in bases(m) if b != m and b in lemmas), key=len, default=m) for m in lemmas}
        for k in [k for k in lemma_of if k[0] == prefix]:
            lemma, hops = lemma_of[k], 0
            while merge.get(lemma, lemma) != lemma and hops < 5:
                lemma, hops = merge[lemma], hops + 1
            lemma_of[k] = lemma
    entities: dict[tuple, list] = defaultdict(list)
    for kind, toks in mentions:
        prefix = tuple(t.lower() for t in toks[:-1])
        head = toks[-1].lower()
        lemma = lemma_of[(prefix, head)]
        entities[(kind, prefix, lemma)].append((toks, head != lemma))
    return entities


def key(stemmer, tokens) -> str:
    return " ".join(stemmer.stem(t) for t in tokens)


def evaluate(stemmer, mentions, show: int = 0) -> dict[str, float]:
    entities = group(mentions)
    inflected = conflated = 0
    misses = []
    entity_keys = {}
    for (kind, prefix, lemma), items in entities.items():
        lemma_key = key(stemmer, prefix + (lemma,))
        entity_keys[(kind, prefix, lemma)] = lemma_key
        for toks, is_inflected in items:
            if is_inflected:
                inflected += 1
                if key(stemmer, toks) == lemma_key:
                    conflated += 1
                else:
                    misses.append((toks[-1], lemma, stemmer.stem(toks[-1]), stemmer.stem(lemma)))
    by_key = defaultdict(set)
    for ent, k in entity_keys.items():
        by_key[k].add(ent[1] + (ent[2],))
    colliding = [names for names in by_key.values() if len(names) > 1]
    head_keys = defaultdict(set)  # stricter: the head lemmas alone, words before ignored
    for ent in entity_keys:
        head_keys[stemmer.stem(ent[2])].add(ent[2])
    for k, names in head_keys.items():
        # the same lemma inflected under another words-before is not a collision
        head_keys[k] = {n for n in names if not any(m != n and m in bases(n) for m in names)}
    head_colliding = [names for names in head_keys.values() if len(names) > 1]
    n_colliding = sum(len(n) for n in colliding)
    n_entities = sum(len(n) for n in by_key.values())
    if show:
        print("-- conflation misses (form, lemma, stem(form), stem(lemma)):")
        for m in sorted(set(misses))[:show]:
            print("  ", *m)
        print("-- collisions:")
        for names in colliding[:show]:
            print("  ", sorted(" ".join(n) for n in names))
        print("-- head-lemma collisions:")
        for names in head_colliding[:show]:
            print("  ", sorted(names))
    return {
        "mentions": len(mentions),
        "entities": n_entities,
        "inflected_mentions": inflected,
        "conflation": conflated / inflected if inflected else 1.0,
        "collision": n_colliding / n_entities if n_entities else 0.0,
        "head_lemmas": len(head_keys and {n for names in head_keys.values() for n in names}),
        "head_collision": sum(len(n) for n in head_colliding) / max(1, sum(len(n) for n in head_keys.values())),
    }


class BlindStripper:
    """Baseline: strip the longest ending of the flat list, leaving ≥ 3 letters."""

    def stem(self, word: str) -> str:
        w = word.lower()
        for cut in range(3, len(w)):
            if w[cut:] in ENDINGS:
                return w[:cut]
        return w


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--no-lexicon", action="store_true", help="stem without data/lexicon.json")
    ap.add_argument("--show", type=int, default=0, help="print up to N misses and collisions")
    ap.add_argument("--words", action="store_true", help="also --show for the other-words figure")
    args = ap.parse_args(argv)
    mentions = read_mentions(args.path)
    runs = [("without lexicon", Stemmer(load_json("stemmer.json")))]
    if not args.no_lexicon:
        runs.insert(0, ("with lexicon", DEFAULT))
    runs.append(("blind baseline", BlindStripper()))
    word_mentions = read_words(args.path)
    for name, stemmer in runs:
        r = evaluate(stemmer, mentions, args.show)
        print(
            f"{name:16s} GPE+PERSON mentions={r['mentions']} entities={r['entities']} "
            f"inflected={r['inflected_mentions']} conflation={r['conflation']:.3f} "
            f"collision={r['collision']:.3%} head_lemmas={r['head_lemmas']} "
            f"head_collision={r['head_collision']:.3%}"
        )
        r = evaluate(stemmer, word_mentions, args.show if args.words else 0)
        print(
            f"{name:16s} other words     tokens={r['mentions']} groups={r['entities']} "
            f"inflected={r['inflected_mentions']} conflation={r['conflation']:.3f} "
            f"collision={r['collision']:.3%} head_lemmas={r['head_lemmas']} "
            f"head_collision={r['head_collision']:.3%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
