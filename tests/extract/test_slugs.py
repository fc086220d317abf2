"""Slugs: readable Kazakh Latin, stable, unique, and kept once published."""

from __future__ import annotations

from dataclasses import replace

from digest.extract.slugs import (assign_unique_slugs, load_registry, sanitize_slug, save_registry,
                                  slug_for)
from digest.model import Article, Document, Meta


def art(path: str, slug: str, meta_slug: str | None = None) -> Article:
    doc = Document(path=path, meta=Meta(slug=meta_slug), blocks=(), text="")
    return Article(document=doc, slug=slug, title=slug, source=None, date=None, summary=(), tags=(), timeline=())


def test_kazakh_letters_are_transliterated_not_dropped():
    assert slug_for("Әлем жаңалықтары") == "alem-janalyqtary"
    assert slug_for("Қазақстан") != slug_for("Казахстан")
    assert slug_for("Өскемен һәм Ұлытау") == "oskemen-ham-ulytau"
    assert slug_for("!!!") == "article"


def test_long_titles_cut_at_a_word():
    slug = slug_for("Қазақстан " * 30)
    assert len(slug) <= 80 and not slug.endswith("-") and slug.endswith("qazaqstan")


def test_editor_slug_sanitised():
    assert sanitize_slug("../../etc/passwd") == "etc-passwd"
    assert sanitize_slug("Менің мақалам") == "menin-maqalam"


def test_collisions_are_deterministic_whatever_the_order():
    a, b, c = art("content/a.txt", "x"), art("content/b.txt", "x"), art("content/c.txt", "x")
    first = assign_unique_slugs([c, a, b])
    second = assign_unique_slugs([a, b, c])
    assert sorted((x.path, x.slug) for x in first) == sorted((x.path, x.slug) for x in second)
    assert {x.path: x.slug for x in first} == {"content/a.txt": "x", "content/b.txt": "x-2", "content/c.txt": "x-3"}
    assert any("taken" in w for w in next(x for x in first if x.path == "content/b.txt").warnings)


def test_published_slug_survives_a_title_change(tmp_path):
    original = art("content/a.txt", "old-title")
    registry = load_registry(tmp_path)
    assert registry == {}
    assert save_registry(tmp_path, {a.path: a.slug for a in assign_unique_slugs([original], registry)}, registry)
    registry = load_registry(tmp_path)
    retitled = replace(original, slug="new-title")
    assert assign_unique_slugs([retitled], registry)[0].slug == "old-title"
    # An editor's explicit slug wins over the registry.
    chosen = art("content/a.txt", "chosen", meta_slug="chosen")
    assert assign_unique_slugs([chosen], registry)[0].slug == "chosen"


def test_published_slug_keeps_priority_over_a_new_article(tmp_path):
    registry = {"content/z.txt": "same"}
    newcomer, published = art("content/a.txt", "same"), art("content/z.txt", "other")
    result = {x.path: x.slug for x in assign_unique_slugs([newcomer, published], registry)}
    assert result == {"content/z.txt": "same", "content/a.txt": "same-2"}


def test_cut_keeps_the_titles_words_in_order():
    title = "Мәжіліс төрағасы Ерлан Қошановты қабылдаған Беларүс президенті маңызды мәлімдеме жасап"
    slug = slug_for(title)
    full = "majilis-toragasy-erlan-qoshanovty-qabyldagan-belarus-prezidenti-manyzdy-malimdeme-jasap"
    assert full.startswith(slug) and len(slug) <= 80 and not slug.endswith("-")
