"""The render stage: ``Article`` objects become the Markdown pages of the site."""

from __future__ import annotations

import hashlib
import itertools
import json
import pickle
from dataclasses import dataclass, field, fields
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

from digest.cache import CACHE_DIR
from digest.config import SiteConfig
from digest.model import Article, Tag
from digest.render.article_page import article_facts, article_page
from digest.render.article_page import image_path
from digest.render.indexes import (
    ArchivePart,
    TagPageParts,
    archive_in_parts,
    archive_page,
    archive_part_page,
    archive_parts,
    collect_tags,
    home_page,
    tag_older_parts,
    tag_page,
    tags_index,
    tags_with_page,
    timeline_in_years,
    timeline_page,
    timeline_year_page,
    timeline_years,
)
from digest.render.cards import STORE_DIR, drawing_version, write_cards
from digest.render.shares import make_pages
from digest.render.writer import remove_stale, write_if_changed


@dataclass
class RenderResult:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


# Facts about every page for the site stage (kind, date, tags: what the
# sitemap's lastmods need), in one file: an incremental build would otherwise
# read the front matter of every page MkDocs skips. A dotfile, which MkDocs
# leaves out of the site.
FACTS_FILE = ".digest-pages.json"
# What each article and tag page was made from (see _plan), so that the next
# render can skip the pages whose inputs are the same: most of a rebuild's
# rendering at a thousand articles and more.
RENDERED_FILE = ".digest-rendered.json"


def _inputs_key(article: Article, with_page: set[str], related: list[Article] = ()) -> str:
    """A hash of everything an article page shows besides the labels and code
    (``generation``): the article but its warnings (no page shows them, and
    they change without the article: "slug taken" is said only until the slug
    is in slugs.lock.yml), and which of its tags have a page.

    An article read from a file is a function of the file's path and bytes,
    of the code and of site_config/ but the vocabulary (which ``generation``
    covers), but for its slug, set once all are read, and its tags, which
    the vocabulary decides: those stand for it, which spares pickling every
    article of a large site on every build. Other articles are pickled (a
    pickle that differs for equal articles only costs a needless render).
    The related articles it lists are known by what it shows of them."""
    linked = sorted(t.id for t in article.tags if t.id in with_page)
    doc = article.document
    shown_related = [(r.path, r.slug, r.title, r.date, r.date_source, r.source, r.summary[:1]) for r in related]
    if doc.content_hash:
        shown_tags = "\x1f".join([f"{t.id}\x1e{t.kind}\x1e{t.kk}\x1e{t.en}\x1e{t.latin}\x1e{t.salience}"
                                   for t in article.tags])
        what: tuple = (doc.path, doc.content_hash, article.slug, linked, shown_tags, shown_related)
    else:
        what = (*(getattr(article, f.name) for f in fields(article) if f.name != "warnings"), linked,
                shown_related)
    return hashlib.blake2b(pickle.dumps(what, protocol=5), digest_size=16).hexdigest()


def _plan(articles: list[Article], config: SiteConfig
          ) -> Iterator[tuple[str, dict, Callable[[], str], Callable[[], str] | None]]:
    """(path in the docs folder, facts, function making its Markdown, function
    making its inputs key or None: made every time) for every page."""
    section = config.settings["section"]
    tags = collect_tags(articles)
    with_page = tags_with_page(tags, config)
    keys: dict[int, str] = {}  # by id(): the articles outlive the plan
    by_path = {a.path: a for a in articles}

    def related_of(article: Article) -> list[Article]:
        """The related articles that are in the site, most related first."""
        return [by_path[p] for p in article.related if p in by_path and p != article.path]

    def article_key(article: Article) -> str:
        key = keys.get(id(article))
        if key is None:
            key = keys[id(article)] = _inputs_key(article, with_page, related_of(article))
        return key

    def article_page_of(article: Article) -> str:
        return article_page(article, config, with_page, related_of(article))

    def tag_key(tag: Tag, tagged: list[Article]) -> str:
        # A tag page shows its articles (cards, titles, events): their keys cover it.
        data = pickle.dumps((tag, [article_key(a) for a in tagged]), protocol=5)
        return hashlib.blake2b(data, digest_size=16).hexdigest()

    for a in articles:
        yield (f"{section}/{a.slug}.md", article_facts(a), partial(article_page_of, a), partial(article_key, a))
    yield "index.md", {"kind": "home"}, partial(home_page, articles, config, with_page), None
    yield "archive.md", {"kind": "archive"}, partial(archive_page, articles, config), None

    def part_key(part: ArchivePart, parts: list[ArchivePart], tag: Tag | None = None) -> str:
        # A part shows its articles (titles, dates, links), its neighbours' names and its tag.
        data = pickle.dumps((part.name, [p.name for p in parts], tag, [article_key(a) for a in part.articles]),
                            protocol=5)
        return hashlib.blake2b(data, digest_size=16).hexdigest()

    archive = archive_parts(articles, config) if archive_in_parts(articles, config) else []
    for part in archive:
        yield (f"archive/{part.name}.md", {"kind": "archive"}, partial(archive_part_page, part, archive, config),
               partial(part_key, part, archive))
    yield "tags/index.md", {"kind": "tags"}, partial(tags_index, tags, config, with_page), None
    parts = TagPageParts(config)
    for tag_id, (tag, tagged) in tags.items():
        if tag_id in with_page:
            yield (f"tags/{tag_id}.md", {"kind": "tag"}, partial(tag_page, tag, tagged, config, parts),
                   partial(tag_key, tag, tagged))
            older = tag_older_parts(tagged, config)
            for part in older:  # a big tag's older articles, by year
                yield (f"tags/{tag_id}/{part.name}.md", {"kind": "tag-part"},
                       partial(archive_part_page, part, older, config, tag), partial(part_key, part, older, tag))
    by_year = timeline_years(articles)
    yield "timeline/index.md", {"kind": "timeline"}, partial(timeline_page, articles, config, by_year), None
    if timeline_in_years(by_year, config):
        years = sorted(by_year)

        def year_key(year: int) -> str:
            # A year page shows its events' articles (titles, links) and its neighbours.
            shown = list(dict.fromkeys(article_key(a) for _, a in by_year[year]))
            data = pickle.dumps((year, years, shown), protocol=5)
            return hashlib.blake2b(data, digest_size=16).hexdigest()

        for year in years:
            yield (f"timeline/{year}.md", {"kind": "timeline"},
                   partial(timeline_year_page, year, by_year[year], years, config), partial(year_key, year))


def iter_pages(articles: list[Article], config: SiteConfig) -> Iterator[tuple[str, str]]:
    """(relative path in the docs folder, Markdown text) for every page of the
    site, one page at a time: a caller writing them keeps only one in memory."""
    for relative, _, make, _ in _plan(articles, config):
        yield relative, make()


def generate_pages(articles: list[Article], config: SiteConfig) -> dict[str, str]:
    """Relative path in the docs folder → Markdown text, for the whole site (all in memory)."""
    return dict(iter_pages(articles, config))


ExtraPage = tuple[str, Callable[[], "str | bytes"], Callable[[], str] | None]


def render_site(articles: list[Article], config: SiteConfig, docs_dir: Path,
                extra_files: dict[str, str | bytes] | None = None, generation: str = "",
                extra_pages: Iterable[ExtraPage] = ()) -> RenderResult:
    """Write every page into ``docs_dir``; untouched pages keep their mtime.

    Pages are generated and written one at a time, so only one is in memory;
    ``written`` and ``unchanged`` list them in path order. With a
    ``generation`` (a hash of the labels, settings and code the pages are
    made with), an article or tag page whose inputs and file are as the
    previous render left them is not made again. ``extra_pages`` (path,
    function making its text, function making its inputs key) are other
    files made the same way (the tags' feeds). Articles' lead images are
    copied from the content folder.
    """
    result = RenderResult()
    if generation:  # article pages name their share card, which the fonts and Pillow draw too
        generation = f"{generation}-{drawing_version()}"
    extra = {**lead_images(articles, config), **(extra_files or {})}
    keep: set[Path] = set()
    previous = _read_rendered(docs_dir, generation)
    rendered: dict[str, list] = {}

    def write(relative: str, content: str | bytes) -> Path:
        path = docs_dir / relative
        keep.add(path)
        (result.written if write_if_changed(path, content) else result.unchanged).append(path)
        return path

    facts: dict[str, dict] = {}
    to_make: list[tuple[str, Callable[[], str], str | None]] = []
    planned = _plan(articles, config)
    others = ((relative, None, make, key) for relative, make, key in extra_pages)
    for relative, page_facts, make, inputs in itertools.chain(planned, others):
        if page_facts is not None:
            facts[relative] = page_facts
        if relative in extra:  # an extra file of the same path replaces the page
            write(relative, extra.pop(relative))
            continue
        key = inputs() if generation and inputs else None
        path = docs_dir / relative
        if key is not None and previous.get(relative) == [key, _mtime(path)]:
            keep.add(path)
            result.unchanged.append(path)
            rendered[relative] = previous[relative]
        else:
            to_make.append((relative, make, key))
    # made on every core when there are many (a first build): see digest.render.shares
    made = make_pages(docs_dir, [(relative, make) for relative, make, _ in to_make])
    for (relative, _, key), (written, mtime) in zip(to_make, made):
        path = docs_dir / relative
        keep.add(path)
        (result.written if written else result.unchanged).append(path)
        if key is not None:
            rendered[relative] = [key, mtime]
    for relative, content in extra.items():
        write(relative, content)
    write(FACTS_FILE, json.dumps(facts, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    if generation:
        write(RENDERED_FILE, json.dumps({"generation": generation, "pages": rendered}, sort_keys=True))
    # Share cards (og:image): only those not in docs_dir yet are drawn (digest.render.cards).
    cards, _ = write_cards(articles, config, docs_dir, config.root / CACHE_DIR / STORE_DIR)
    keep.update(cards)
    result.written.sort()
    result.unchanged.sort()
    result.removed = remove_stale(docs_dir, keep)
    return result


def lead_images(articles: list[Article], config: SiteConfig) -> dict[str, bytes]:
    """The articles' lead images (``images/<name>`` under the content folder),
    by their path in the docs folder (the same: the site serves /images/<name>)."""
    found: dict[str, bytes] = {}
    for article in articles:
        image = image_path(article)
        if not image or image in found:
            continue
        for folder in (config.root / article.path).parents:
            if not folder.is_relative_to(config.root):
                break
            try:
                found[image] = (folder / image).read_bytes()
                break
            except OSError:
                continue
    return found


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def _read_rendered(docs_dir: Path, generation: str) -> dict[str, list]:
    """The previous render's inputs keys, if it was of the same generation."""
    if not generation:
        return {}
    try:
        data = json.loads((docs_dir / RENDERED_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("generation") != generation:
        return {}
    pages = data.get("pages")
    return pages if isinstance(pages, dict) else {}
