"""URL slugs from Kazakh titles: stable, readable Latin, never colliding.

python-slugify's default drops ә and merges қ/к; its backend also changes when
Unidecode happens to be installed. An explicit Kazakh Cyrillic → Latin mapping
passed as ``replacements`` makes the slug the same on every machine.
"""

from __future__ import annotations

import re
from dataclasses import replace

from slugify import slugify

from digest.kazakh import to_ascii_latin
from digest.model import Article

MAX_SLUG = 80
_UNSAFE = re.compile(r"[^a-z0-9-]+")


def slug_for(text: str) -> str:
    """A lower-case ASCII slug; Kazakh letters transliterated, not dropped."""
    latin = to_ascii_latin(text)
    slug = slugify(latin, max_length=MAX_SLUG, word_boundary=True, lowercase=True)
    return _UNSAFE.sub("-", slug).strip("-") or "article"


def sanitize_slug(slug: str) -> str:
    """An editor's slug made safe as one path segment (no '/', '..', spaces)."""
    return slug_for(slug.replace("/", "-").replace("\\", "-"))


def assign_unique_slugs(articles: list[Article]) -> list[Article]:
    """Give articles that would share a slug their own, deterministically.

    Articles are considered in path order, so the first keeps the plain slug
    and the others get -2, -3, … whatever order the files were read in.
    """
    taken: set[str] = set()
    by_path = sorted(range(len(articles)), key=lambda i: articles[i].path)
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
