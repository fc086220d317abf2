"""Incremental builds: a dirty build's site equals a full build's, byte for byte.

The comparison covers every file of site/, the search index, sitemap and 404
page included; no file is known to differ (SOURCE_DATE_EPOCH pins the one
date MkDocs writes, the sitemap's lastmod, which a full and a dirty build on
the same day would share anyway). Fallbacks to a full build are checked by the
reason the build gives.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from digest.orchestrate.build import build_site
from digest.commands.common import collect_with_progress
from digest.config import load_config

from conftest import SEEDS, make_project, run_digest

pytestmark = pytest.mark.slow


def generate(n: int, seed: int = 0) -> dict[str, str]:
    """``n`` small articles made of the seed articles' sentences (no data set needed)."""
    import random
    import re

    text = " ".join(p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt")))
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if 30 < len(s) < 300 and "\n" not in s]
    rng = random.Random(seed)
    articles = {}
    for i in range(n):
        body = rng.sample(sentences, 6)
        front = f"---\ndate: 2024-0{1 + i % 9}-1{i % 10}\n---\n" if i % 2 else ""
        articles[f"bench_{seed}_{i}.txt"] = f"{front}Мақала {seed}-{i}: {body[0][:60]}\n\n" + " ".join(body) + "\n"
    return articles


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def build(root: Path, site: str = "site"):
    config = load_config(root)
    collection = collect_with_progress(root / "content", config)
    return build_site(config, collection, root / site, strict=False)


def tree(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def assert_same_site(dirty: Path, full: Path) -> None:
    a, b = tree(dirty), tree(full)
    assert sorted(a) == sorted(b), set(a) ^ set(b)
    differing = [name for name in a if a[name] != b[name]]
    assert differing == []


def _inodes(site: Path) -> dict[int, str]:
    """Each file's inode and hash; not Pagefind's index, written anew by every
    build (the files it deletes free inodes that its new files may reuse)."""
    return {p.stat().st_ino: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in site.rglob("*") if p.is_file() and p.relative_to(site).parts[0] != "pagefind"}


@pytest.mark.parametrize("year_pages", [False, True], ids=["one-page", "by-year"])
def test_dirty_builds_equal_full_builds(tmp_path, year_pages):
    corpus = generate(4, seed=3)
    if year_pages:
        # A dated event in each article, a year apart: the seeds alone hold too
        # few for a timeline split by year, and the removed article's year page
        # must go with it.
        corpus = {name: text + f"Жаңа көпір {2019 + i} жылғы {3 + i} наурызда ашылды.\n"
                  for i, (name, text) in enumerate(corpus.items())}
    first = dict(list(corpus.items())[:3])
    root = make_project(tmp_path / "p", first)
    if year_pages:
        settings = root / "site_config" / "digest.yml"
        settings.write_text(settings.read_text("utf-8").replace("tag_page_cards: 50", "tag_page_cards: 1")
                            + "\ntimeline_page_events: 1\narchive_page_articles: 1\n", "utf-8")
    assert not build(root).incremental

    again = build(root)
    assert again.incremental and again.rendered == 0

    # Add one article: it and the pages listing it are rendered, nothing else.
    before = _inodes(root / "site")
    name, text = list(corpus.items())[3]
    (root / "content" / name).write_text(text, "utf-8")
    added = build(root)
    assert added.incremental and 0 < added.rendered < added.pages
    # Unchanged files are hard links to the previous site's; none was written through.
    after = _inodes(root / "site")
    shared = set(before) & set(after)
    assert shared and [ino for ino in shared if before[ino] != after[ino]] == []
    assert all(year_pages == (root / "site" / "timeline" / year / "index.html").is_file()
               for year in ("2019", "2022"))  # the first article's year and the added one's
    assert build(root, "site_full").reason  # a full build elsewhere
    assert_same_site(root / "site", root / "site_full")

    # Remove one article and edit another: removed pages disappear too.
    removed = sorted((root / "content").glob("bench_*.txt"))[0]
    removed.unlink()
    edited = root / "content" / name
    edited.write_text(edited.read_text("utf-8").replace(".", "!", 1), "utf-8")
    changed = build(root)
    assert changed.incremental
    assert year_pages == any((p / "index.html").is_file() for p in (root / "site" / "timeline").iterdir())
    assert year_pages == (root / "site" / "timeline" / "2022" / "index.html").is_file()
    assert not (root / "site" / "timeline" / "2019").exists()  # the removed article's year
    assert year_pages == (root / "site" / "archive" / "undated-1" / "index.html").is_file()
    assert year_pages == any(p.is_dir() and any(p.glob("*/index.html")) for p in (root / "site" / "tags").iterdir()
                             if p.name != "index.html")
    shutil.rmtree(root / "site_full")
    build(root, "site_full")
    assert_same_site(root / "site", root / "site_full")


def test_a_publish_with_an_older_commits_build_folders_restored_equals_one_from_scratch(tmp_path, monkeypatch):
    """CI restores build/cache and build/docs from an earlier commit's publish
    (.github/workflows/pages.yml): only what changed since is made again, and
    the site is the one a build from nothing makes. Another SOURCE_DATE_EPOCH
    (each commit's time): the undated seeds' feed entries carry it."""
    corpus = generate(4, seed=5)
    names = list(corpus)
    earlier = make_project(tmp_path / "earlier", dict(list(corpus.items())[:3]))
    build(earlier)

    later_articles = {name: corpus[name] for name in names[1:]}  # one removed, one added
    later_articles[names[1]] = later_articles[names[1]].replace(".", "!", 1)  # one edited
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    restored = make_project(tmp_path / "restored", later_articles)
    for folder in ("cache", "docs"):
        shutil.copytree(earlier / "build" / folder, restored / "build" / folder, symlinks=True)
    before = {p.relative_to(restored): p.stat().st_mtime_ns for p in (restored / "build" / "docs").rglob("*.md")}
    build(restored)
    after = {p.relative_to(restored): p.stat().st_mtime_ns for p in (restored / "build" / "docs").rglob("*.md")}
    kept = [page for page in after if before.get(page) == after[page]]
    assert kept and len(kept) < len(after)  # pages whose inputs did not change were not written again
    scratch = make_project(tmp_path / "scratch", later_articles)
    build(scratch)
    assert_same_site(restored / "site", scratch / "site")


def test_a_page_rendered_without_the_home_page_keeps_its_footer(tmp_path):
    """The footer's labels reach every page through the home page's front
    matter: an edit the home page does not show re-renders the article without
    it, and the page must still equal a full build's."""
    root = make_project(tmp_path / "p", generate(4, seed=5))
    settings = root / "site_config" / "digest.yml"
    settings.write_text(settings.read_text("utf-8").replace("home_articles: 30", "home_articles: 1"), "utf-8")
    build(root)
    home = (root / "site" / "index.html").stat().st_ino
    oldest = root / "content" / "bench_5_0.txt"  # undated: last on the home page's order
    oldest.write_text(oldest.read_text("utf-8") + "\nҚосымша сөйлем осында.\n", "utf-8")
    changed = build(root)
    assert changed.incremental and 0 < changed.rendered < changed.pages
    assert (root / "site" / "index.html").stat().st_ino == home  # the home page was not rendered
    build(root, "site_full")
    assert_same_site(root / "site", root / "site_full")


def test_an_incremental_build_changes_only_the_files_it_wrote(tmp_path):
    """MkDocs writes into an empty overlay; only its files (and the removed
    pages) change in the live site: every other file keeps its inode and mtime."""
    corpus = generate(5, seed=9)
    root = make_project(tmp_path / "p", dict(list(corpus.items())[:3]))
    build(root)
    site = root / "site"
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.rglob("*") if p.is_file()}
    name, text = list(corpus.items())[3]
    (root / "content" / name).write_text(text, "utf-8")
    added = build(root)
    assert added.incremental and 0 < added.rendered < added.pages
    after = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.rglob("*") if p.is_file()}
    changed = {p.relative_to(site).as_posix() for p in before if after.get(p) != before[p]}
    new = {p.relative_to(site).as_posix() for p in set(after) - set(before)}
    assert "index.html" in changed
    assert any(n.startswith("articles/") for n in new)
    # Unchanged: the other articles' pages and the theme's files.
    untouched = [p for p in before if p.relative_to(site).as_posix() not in changed]
    assert any("articles" in p.parts for p in untouched) and any("assets" in p.parts for p in untouched)
    pages = {n for n in changed | new if n.endswith(".html") and not n.startswith("pagefind/")}
    assert len(pages - {"404.html"}) == added.rendered
    build(root, "site_full")
    assert_same_site(site, root / "site_full")


def test_commit_overlay_moves_files_in_and_deletes_removed_ones(tmp_path):
    from digest.site.mkdocs_build import commit_overlay

    site, overlay = tmp_path / "site", tmp_path / "overlay"
    for relative, text in {"index.html": "old home", "a/index.html": "a", "gone/index.html": "gone",
                           "tags/index.html": "tags", "keep.css": "css", "clash": "a file"}.items():
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_text(text)
    kept = (site / "keep.css").stat().st_ino
    for relative, text in {"index.html": "new home", "b/index.html": "b", "clash/index.html": "now a page"}.items():
        (overlay / relative).parent.mkdir(parents=True, exist_ok=True)
        (overlay / relative).write_text(text)
    commit_overlay(overlay, site, {"gone/index.html", "never/was.html"})
    assert tree(site) == {"index.html": b"new home", "a/index.html": b"a", "b/index.html": b"b",
                          "tags/index.html": b"tags", "keep.css": b"css", "clash/index.html": b"now a page"}
    assert not (site / "gone").exists() and not overlay.exists()
    assert (site / "keep.css").stat().st_ino == kept


def _change(root: Path, change: str) -> None:
    if change == "theme":
        css = next((root / "theme").rglob("*.css"))
        css.write_text(css.read_text("utf-8") + "\n/* changed */\n", "utf-8")
    elif change == "site_config":
        labels = root / "site_config" / "labels.yml"
        labels.write_text(labels.read_text("utf-8") + "\n# changed\n", "utf-8")
    elif change == "mkdocs.yml":
        mk = root / "mkdocs.yml"
        mk.write_text(mk.read_text("utf-8") + "\n# changed\n", "utf-8")
    else:  # something else rebuilt site/
        (root / "site" / "404.html").unlink()
        (root / "site" / "extra.html").write_text("x", "utf-8")


def test_changes_outside_the_pages_force_a_full_build(tmp_path):
    root = make_project(tmp_path / "p")
    build(root)
    for change in ("theme", "site_config", "mkdocs.yml", "site"):
        _change(root, change)
        result = build(root)
        assert not result.incremental and result.rendered == result.pages, change
    assert not (root / "site" / "extra.html").exists()
    assert build(root).incremental


def test_a_vocabulary_change_renders_only_the_pages_it_changes(tmp_path):
    """site_config/vocabulary/ reaches the pages through the articles' tags
    alone: adding a name, or relabelling one, is a dirty build equal to a full one."""
    root = make_project(tmp_path / "p", generate(4, seed=3))
    build(root)
    articles = collect_with_progress(root / "content", load_config(root)).articles
    found = sorted({t for a in articles for t in a.tags if t.discovered}, key=lambda t: t.id)
    tag = next(t for t in found if sum(t in a.tags for a in articles) < len(articles))
    tagged = [a.slug for a in articles if tag in a.tags]
    people = root / "site_config" / "vocabulary" / "persons.yml"
    original = people.read_text("utf-8")
    for english in ("First English Label", "Second English Label"):
        people.write_text(original + f"\n- {{id: {tag.id}, kind: {tag.kind}, kk: {tag.kk}, en: {english}}}\n",
                          "utf-8")
        result = build(root)
        assert result.incremental and 0 < result.rendered < result.pages, result
        for slug in tagged:  # the article pages show the new label
            assert english in (root / "site" / "articles" / slug / "index.html").read_text("utf-8")
        assert_same_site(root / "site", _full_build_elsewhere(root, tmp_path / english))


def _full_build_elsewhere(root: Path, target: Path) -> Path:
    """A full build of a copy of the project, from scratch; its site."""
    shutil.copytree(root, target, ignore=shutil.ignore_patterns("build", "site"))
    assert not build(target).incremental
    return target / "site"


def test_the_report_says_what_came_from_the_cache(tmp_path):
    root = make_project(tmp_path / "p")
    first = run_digest(root, "build")
    assert first.returncode == 0, first.stderr
    assert "extraction: 3 extracted, 0 from the cache" in first.stdout
    (root / "content" / "extra.txt").write_text("Астанада жаңа мектеп ашылды. Оқушылар қуанды.\n", "utf-8")
    second = run_digest(root, "build")
    assert second.returncode == 0, second.stderr
    assert "extraction: 1 extracted, 3 from the cache" in second.stdout
    assert "(incremental)" in second.stdout
    assert not (root / "build" / ".lock").read_text().strip()  # released
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []  # no staging left
    people = root / "site_config" / "vocabulary" / "persons.yml"
    people.write_text(people.read_text("utf-8") + "\n", "utf-8")
    third = run_digest(root, "build")
    assert third.returncode == 0, third.stderr
    assert "extraction: 0 extracted, 4 from the cache\n" in third.stdout  # no entry changed
    topics = root / "site_config" / "vocabulary" / "topics.yml"
    topics.write_text(topics.read_text("utf-8") + "\n- {id: schools, kind: topic, kk: Мектеп, en: Schools, "
                      "keywords: [мектеп], threshold: 1}\n", "utf-8")
    fourth = run_digest(root, "build")
    assert fourth.returncode == 0, fourth.stderr
    assert ("extraction: 1 extracted, 3 from the cache (1 of them only re-tagged: the vocabulary changed)"
            in fourth.stdout)  # the seeds never write "мектеп"


def test_nav_pages_without_a_title_are_always_rendered_and_no_nav_means_full_builds():
    from digest.site.mkdocs_build import dirty_unsafe, untitled_nav_paths

    nav = [{"Home": "index.md"}, "archive.md", {"Tags": ["tags/index.md", {"All": "tags/all.md"}]}]
    assert untitled_nav_paths(nav) == {"archive.md", "tags/index.md"}

    class Config:
        pass

    config = Config()
    config.nav, config.plugins = None, {}
    assert "no nav" in dirty_unsafe(config)
    config.nav = nav
    assert dirty_unsafe(config) is None
    config.plugins = {"search": object()}  # its index would hold the rendered pages alone
    assert "search" in dirty_unsafe(config)


def test_serve_rebuilds_are_incremental_and_equal_a_full_rebuild(tmp_path, monkeypatch, caplog):
    """`digest serve`'s rebuilds (MkDocs dirty mode + our hooks) give a full build's preview."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config as load_mkdocs

    from digest.site import mkdocs_build as glue
    from digest.site.pagefind_index import PREVIEW

    from digest.orchestrate.serve import preview_plugins

    root = make_project(tmp_path / "p")
    plugins = preview_plugins(root / "mkdocs.yml", root / "content")  # as `digest serve` sets them
    (root / "build" / "docs").mkdir(parents=True)  # as `digest serve` does

    def rebuild(preview: Path) -> glue.IncrementalSite:
        config = load_mkdocs(config_file=str(root / "mkdocs.yml"), site_dir=str(preview), plugins=plugins)
        try:
            mkdocs_build(config, dirty=True, serve_url="http://127.0.0.1:8000/")
        finally:
            PREVIEW.wait()  # the search index, made in the background: compared too
        return config.plugins[glue.PLUGIN_NAME]

    first = rebuild(tmp_path / "preview")
    assert first.rendered and len(first.rendered) == first.pages
    name, text = next(iter(generate(1, seed=9).items()))
    text += "Кездесуге Бельгия елшісі де қатысты.\n"  # a tag (and feed) no seed has: removed below
    (root / "content" / name).write_text(text, "utf-8")
    second = rebuild(tmp_path / "preview")
    assert 0 < len(second.rendered) < second.pages
    rebuild(tmp_path / "fresh")
    assert (tmp_path / "preview" / "pagefind" / "pagefind-entry.json").is_file()
    assert_same_site(tmp_path / "preview", tmp_path / "fresh")

    # A name added to the vocabulary: the pages it changes, not a full rebuild.
    articles = collect_with_progress(root / "content", load_config(root)).articles
    tag = min((t for a in articles for t in a.tags if t.discovered), key=lambda t: t.id)
    people = root / "site_config" / "vocabulary" / "persons.yml"
    people.write_text(people.read_text("utf-8") + f"\n- {{id: {tag.id}, kind: {tag.kind}, kk: {tag.kk}, "
                      "en: Served Label}\n", "utf-8")
    third = rebuild(tmp_path / "preview")
    assert 0 < len(third.rendered) < third.pages
    rebuild(tmp_path / "fresh-vocabulary")
    assert_same_site(tmp_path / "preview", tmp_path / "fresh-vocabulary")
    assert "Served Label" in (tmp_path / "preview" / "tags" / tag.id / "index.html").read_text("utf-8")

    # A broken vocabulary: MkDocs reports the file and line and stops the rebuild; the preview stays.
    from mkdocs.exceptions import Abort

    home = (tmp_path / "preview" / "index.html").read_bytes()
    good = people.read_text("utf-8")
    people.write_text(good + "\n- {id: broken, kind: person, kk: Жаңа Адам}\n", "utf-8")
    with caplog.at_level("ERROR"), pytest.raises(Abort):
        rebuild(tmp_path / "preview")
    assert "persons.yml" in caplog.text and "broken: missing en label" in caplog.text
    assert (tmp_path / "preview" / "index.html").read_bytes() == home
    people.write_text(good, "utf-8")

    # Like `digest build`, a rebuild reads only the files that changed.
    import digest.cache as cache_module

    monkeypatch.setattr(cache_module.FileDigests, "RACY_NS", -10**12)  # every file settled
    rebuild(tmp_path / "preview")
    hashed: list[int] = []
    real = cache_module.content_digest
    monkeypatch.setattr(cache_module, "content_digest", lambda data: hashed.append(1) or real(data))
    edited = root / "content" / name
    edited.write_text(text + "\nҚосымша сөйлем.\n", "utf-8")
    rebuild(tmp_path / "preview")
    assert len(hashed) == 1

    # The article removed: the tags it alone gave a page lose it, their feeds too.
    gone = {p for p in second.outputs - first.outputs if p.startswith("tags/") and f"/{tag.id}/" not in p}
    assert any(p.endswith("/feed.xml") for p in gone)
    edited.unlink()
    rebuild(tmp_path / "preview")
    assert [p for p in gone if (tmp_path / "preview" / p).exists()] == []
    rebuild(tmp_path / "fresh-removed")
    assert_same_site(tmp_path / "preview", tmp_path / "fresh-removed")


def _site_marker(root: Path) -> tuple[int, int]:
    st = (root / "site").stat()
    return st.st_ino, st.st_mtime_ns


def test_a_build_with_nothing_changed_does_nothing_and_reports_every_file(tmp_path):
    root = make_project(tmp_path / "p", {"notes.pdf": b"%PDF-1.4 binary"})
    first = run_digest(root, "build")
    assert first.returncode == 1, first.stderr  # the PDF is refused
    marker = _site_marker(root)
    again = run_digest(root, "build")
    assert again.returncode == 1
    assert "nothing changed since the last build" in again.stdout
    assert _site_marker(root) == marker  # site/ untouched
    for line in first.stdout.splitlines():
        if line.startswith(("published", "refused")):
            assert line in again.stdout
    assert "notes.pdf: error:" in again.stderr


@pytest.mark.parametrize("change", ["content", "same-size edit", "new file", "site_config", "vocabulary",
                                    "slugs.lock.yml", "site deleted", "site rebuilt", "strict"])
def test_any_change_makes_the_next_build_build(tmp_path, change):
    root = make_project(tmp_path / "p")
    assert run_digest(root, "build").returncode == 0
    args = ["build"]
    if change == "content":
        path = sorted((root / "content").iterdir())[0]
        path.write_text(path.read_text("utf-8") + "\nСоңғы сөйлем.\n", "utf-8")
    elif change == "same-size edit":  # at once: within the clock tick of the recorded digests
        path = sorted((root / "content").iterdir())[0]
        text = path.read_text("utf-8")
        path.write_text(text.replace("а", "ә", 1) if "а" in text else text.replace("е", "ә", 1), "utf-8")
        assert len(path.read_bytes()) == len(text.encode())
    elif change == "new file":
        (root / "content" / "new.txt").write_text("Жаңа мақала мәтіні. Тағы бір сөйлем.\n", "utf-8")
    elif change == "site_config":
        _change(root, "site_config")
    elif change == "vocabulary":  # not one of the site's inputs, but the tags' (see site_inputs)
        people = root / "site_config" / "vocabulary" / "persons.yml"
        people.write_text(people.read_text("utf-8") + "\n- {id: new-person, kind: person, kk: Жаңа Адам, "
                          "en: New Person}\n", "utf-8")
    elif change == "slugs.lock.yml":
        registry = root / "slugs.lock.yml"
        registry.write_text(registry.read_text("utf-8") + "\n# edited\n", "utf-8")
    elif change == "site deleted":
        shutil.rmtree(root / "site")
    elif change == "site rebuilt":
        _change(root, "site")
    else:
        args.append("--strict")
    result = run_digest(root, *args)
    assert "nothing changed" not in result.stdout, change
    assert "rendered (" in result.stdout and (root / "site" / "index.html").is_file()


def test_the_build_after_a_sites_first_makes_no_page_of_a_renamed_twin_again(tmp_path, monkeypatch):
    """Articles sharing a title get -2, -3 slugs and a "slug taken" warning in
    the first build; from the next build on their slugs come from
    slugs.lock.yml, without the warning. That must not make their pages again."""
    import digest.render as render
    from digest.commands import build as build_command

    text = "Бірдей тақырып\n\nАлматыда жаңа мектеп ашылды. Мектепте мың оқушы оқиды.\n"
    root = make_project(tmp_path / "p", {f"twin_{i}.txt": text.replace("мың", f"{i + 1} мың") for i in range(3)})
    monkeypatch.chdir(root)
    assert build_command.run(None, None, False) == 0
    assert "birdei-taqyryp-3" in (root / "slugs.lock.yml").read_text("utf-8")
    made: list[str] = []
    real = render.article_page
    monkeypatch.setattr(render, "article_page", lambda article, *a, **k: made.append(article.slug) or real(
        article, *a, **k))
    name, extra = next(iter(generate(1, seed=21).items()))
    (root / "content" / name).write_text(extra, "utf-8")
    assert build_command.run(None, None, False) == 0
    assert made and not [slug for slug in made if slug.startswith("birdei-taqyryp")], made
