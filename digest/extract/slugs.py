"""URL slugs from Kazakh titles: stable, readable Latin, never colliding.

python-slugify's default drops ә and merges қ/к; its backend also changes when
Unidecode happens to be installed. We transliterate with the language core's
explicit Kazakh Cyrillic → ASCII Latin table first (ә→a, ғ→g, қ→q, ң→n, ө→o,
ұ/ү→u, һ→h, і→i, ш→sh …), so slugify only ever sees ASCII and the slug is the
same on every machine, whichever backend slugify has.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import yaml

from slugify import slugify

from digest.yamlio import parse_yaml
from digest.kazakh import to_ascii_latin
from digest.model import Article

MAX_SLUG = 80
_UNSAFE = re.compile(r"[^a-z0-9-]+")
_SAFE_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
# libyaml's emitter when PyYAML has it (the same text).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def slug_for(text: str) -> str:
    """A lower-case ASCII slug; Kazakh letters transliterated, not dropped."""
    latin = to_ascii_latin(text)
    slug = _UNSAFE.sub("-", slugify(latin, lowercase=True)).strip("-")
    if len(slug) > MAX_SLUG:
        # Cut at the last whole word (slugify's own word_boundary skips a long
        # word and keeps later short ones, so the slug would misquote the title).
        slug = slug[: MAX_SLUG + 1].rsplit("-", 1)[0] if "-" in slug[:MAX_SLUG] else slug[:MAX_SLUG]
    return slug or "article"


def sanitize_slug(slug: str) -> str:
    """An editor's slug made safe as one path segment (no '/', '..', spaces)."""
    if len(slug) <= MAX_SLUG and _SAFE_SLUG.match(slug):
        return slug  # what slug_for would return, without its work (the registry holds thousands)
    return slug_for(slug.replace("/", "-").replace("\\", "-"))


REGISTRY_FILE = "slugs.lock.yml"
_REGISTRY_HEADER = (
    "# Published addresses: article file -> slug. Written by `digest build`; commit it.\n"
    "# A slug, once published, stays even when the title changes; set `slug:` in an\n"
    "# article's front matter to change it on purpose.\n"
)


def load_registry(root: Path) -> dict[str, str]:
    """The slugs already published, by article path ({} when there is none)."""
    path = root / REGISTRY_FILE
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): sanitize_slug(str(v)) for k, v in data.items() if v}


def save_registry(root: Path, published: dict[str, str], registry: dict[str, str]) -> bool:
    """Record the slugs of published articles, path → slug (keeping older entries); True if it changed."""
    merged = dict(registry)
    merged.update(published)
    if merged == registry and (root / REGISTRY_FILE).exists():
        return False
    body = yaml.dump(dict(sorted(merged.items())), Dumper=_DUMPER, allow_unicode=True, width=10_000)
    (root / REGISTRY_FILE).write_text(_REGISTRY_HEADER + body, encoding="utf-8")
    return True


def assign_unique_slugs(articles: list[Article], registry: dict[str, str] | None = None) -> list[Article]:
    """Keep published slugs and give articles that would share one their own.

    An article's slug comes from its front matter, else from the registry of
    published slugs, else from its title. Pinned slugs are placed first; the
    rest in path order, so the first keeps the plain slug and the others get
    -2, -3, … whatever order the files were read in.
    """
    registry = registry or {}
    articles = [
        replace(a, slug=registry[a.path])
        if not a.document.meta.slug and registry.get(a.path, a.slug) != a.slug else a
        for a in articles
    ]
    taken: set[str] = set()
    pinned = {a.path for a in articles if a.document.meta.slug or a.path in registry}
    by_path = sorted(range(len(articles)), key=lambda i: (articles[i].path not in pinned, articles[i].path))
    result = list(articles)
    for index in by_path:
        article = articles[index]
        slug, n = article.slug, 2
        while slug in taken:
            slug = f"{article.slug}-{n}"
            n += 1
        taken.add(slug)
        if slug != article.slug:
            result[index] = replace(article, slug=slug, warnings=article.warnings + (
                f"slug {article.slug!r} is taken by another article; this one is {slug!r}",))
    return result
