"""`digest tags`: tags found in the articles but not in the vocabulary, most used first.

Prints each candidate as a ready-to-paste vocabulary entry, so an editor can
promote it into site_config/vocabulary/ with a proper English label.
"""

from __future__ import annotations

import yaml

from digest.commands.common import collect_project, out
from digest.extract.tags import tag_candidates


def run(content: str | None, minimum: int = 1) -> int:
    collected = collect_project(content)
    if collected is None:
        return 1
    _, collection = collected
    candidates = [(tag, n) for tag, n in tag_candidates(a.tags for a in collection.articles) if n >= minimum]
    if not candidates:
        out.print("no tags outside the vocabulary", markup=False)
        return 0
    out.print(f"# {len(candidates)} tags found in the articles but not in site_config/vocabulary/;", markup=False)
    out.print("# paste the ones worth keeping into a vocabulary file; each 'en' is the name's Latin", markup=False)
    out.print("# transliteration (2021 alphabet): replace it with the English name before you paste.", markup=False)
    for tag, count in candidates:
        entry = {"id": tag.id, "kind": tag.kind, "kk": tag.kk, "en": tag.en or tag.latin,
                 "aliases": sorted(set(tag.mentions) - {tag.kk})}
        out.print(f"\n# in {count} article(s)", markup=False)
        out.print(yaml.safe_dump([entry], allow_unicode=True, sort_keys=False).rstrip(), markup=False)
    return 0
