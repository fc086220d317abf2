"""The extraction cache (digest/cache.py) and parallel extraction (digest/pipeline.py).

What each change must invalidate: an article's bytes → that article only;
what extraction reads of site_config/ (a vocabulary file, the boilerplate
patterns, the extraction settings) → every article, but a vocabulary change
only sends the cached articles it may change to have their tags found again; labels and page
settings keep the cache; the digest's version or extraction code → every
article. Correctness only, no timings.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import digest
from digest import cache as cache_module
from digest import pipeline
from digest.cache import CACHE_DIR, ExtractionCache
from digest.config import load_config
from digest.pipeline import collect

from conftest import make_project

EXTRA = {
    "extra_1.txt": "Алматыда жаңа мектеп ашылды\n\nАлматы қаласында 2023 жылы жаңа мектеп ашылды. "
                   "Мектепте мың оқушы білім алады. Мұғалімдер жаңа бағдарламамен оқытады.\n",
    "extra_2.txt": "---\ndate: 2024-03-15\n---\nАстанада көрме өтті\n\nӨткен жылы Астанада халықаралық "
                   "көрме өтті. Көрмеге елу елден компаниялар қатысты. Биыл да көрме өтеді.\n",
}


def _collect(root: Path, **kwargs):
    config = load_config(root)
    return collect(root / "content", config, cache=ExtractionCache.for_project(config), **kwargs)


def _extractions(collection) -> dict:
    return {a.path: a for a in collection.articles}


@pytest.fixture
def small(tmp_path) -> Path:
    return make_project(tmp_path / "project", EXTRA)


def test_second_run_takes_every_article_from_the_cache(small):
    first = _collect(small)
    assert (first.extracted, first.cached) == (5, 0)
    second = _collect(small)
    assert (second.extracted, second.cached) == (0, 5)
    assert _extractions(second) == _extractions(first)
    assert [r.__dict__ for r in second.reports] == [r.__dict__ for r in first.reports]


def test_a_changed_article_is_extracted_again_and_only_it(small):
    _collect(small)
    path = small / "content" / "extra_1.txt"
    path.write_text(path.read_text("utf-8").replace("Алматыда жаңа мектеп", "Шымкентте жаңа мектеп"), "utf-8")
    again = _collect(small)
    assert (again.extracted, again.cached) == (1, 4)
    assert _extractions(again)["content/extra_1.txt"].title.startswith("Шымкентте")


def _add_school_topic(root: Path) -> None:
    topics = root / "site_config" / "vocabulary" / "topics.yml"
    topics.write_text(topics.read_text("utf-8") + "\n- {id: cache-test, kind: topic, kk: Мектеп, en: School, "
                      "keywords: [мектеп, халықаралық], threshold: 1}\n", "utf-8")


def _holding(collection) -> int:
    """How many of the articles hold a keyword of _add_school_topic (lower-cased)."""
    return sum("мектеп" in a.document.text.lower() or "халықаралық" in a.document.text.lower()
               for a in collection.articles)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_changed_vocabulary_file_retags_the_articles_it_may_change(small, monkeypatch, workers):
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 2)
    first = _collect(small)
    before = _extractions(first)
    assert not any(t.id == "cache-test" for a in before.values() for t in a.tags)
    holding = _holding(first)
    assert 2 <= holding < 5
    _add_school_topic(small)
    after = _collect(small, workers=workers)
    assert (after.extracted, after.retagged, after.cached) == (holding, holding, 5 - holding)
    assert after.extraction == (f"{holding} extracted, {5 - holding} from the cache ({holding} of them only "
                                "re-tagged: the vocabulary changed)")
    tagged = [a.path for a in after.articles if any(t.id == "cache-test" for t in a.tags)]
    assert "content/extra_1.txt" in tagged
    # exactly what extracting the files again gives, and filed under the new vocabulary
    config = load_config(small)
    fresh = collect(small / "content", config)
    assert _extractions(after) == _extractions(fresh)
    again = _collect(small)
    assert (again.extracted, again.retagged, again.cached) == (0, 0, 5)
    assert len(list((small / CACHE_DIR).glob("extract-*.pickle"))) == 1


def test_a_vocabulary_change_with_other_changes_extracts_what_it_must(small):
    holding = _holding(_collect(small))
    edited = small / "content" / "extra_1.txt"
    edited.write_text(edited.read_text("utf-8").replace("Алматыда жаңа мектеп", "Шымкентте жаңа мектеп"), "utf-8")
    _add_school_topic(small)
    both = _collect(small)
    assert (both.extracted, both.retagged, both.cached) == (holding, holding - 1, 5 - holding)
    assert _extractions(both)["content/extra_1.txt"].title.startswith("Шымкентте")
    assert _extractions(both) == _extractions(collect(small / "content", load_config(small)))
    # the boilerplate is read by every stage: with it changed, nothing is re-tagged, all is extracted
    folder = small / "site_config"
    (folder / "boilerplate.yml").write_text((folder / "boilerplate.yml").read_text("utf-8") + "\n# x\n", "utf-8")
    topics = folder / "vocabulary" / "topics.yml"
    topics.write_text(topics.read_text("utf-8") + "\n", "utf-8")
    changed = _collect(small)
    assert (changed.extracted, changed.retagged, changed.cached) == (5, 0, 0)


def _vocabulary_edits(root: Path, articles) -> list[tuple[str, str, str]]:
    """Edits an editor makes, each (file, text to replace, replacement), built
    from what was extracted: each concerns some of the articles, not all."""
    folder = root / "site_config" / "vocabulary"
    found = sorted({t.id: t for a in articles for t in a.tags if t.discovered and t.kind == "person"}.values(),
                   key=lambda t: t.id)
    carriers: dict[str, int] = {}
    for a in articles:
        for t in a.tags:
            if not t.discovered:
                carriers[t.id] = carriers.get(t.id, 0) + 1
    some = sorted(i for i, n in carriers.items() if n < len(articles) // 2)

    def line_of(name: str, kind: str) -> str:
        text = (folder / name).read_text("utf-8")
        return next(m.group() for i in some if (m := re.search(rf"(?m)^- {{id: {i}, kind: {kind},.*$", text)))

    words: dict[str, int] = {}
    for a in articles:
        for word in set(re.findall(r"\b[а-яәғқңөұүһі]{7,}\b", a.document.text)):
            words[word] = words.get(word, 0) + 1
    keyword = min((w for w, n in words.items() if 1 < n < len(articles) // 3), key=lambda w: (-words[w], w))
    persons = (folder / "persons.yml").read_text("utf-8")
    place, person = line_of("places.yml", "place"), line_of("persons.yml", "person")
    end = "\n"
    return [
        # add the names `digest tags` suggests, their English labels fixed
        ("persons.yml", persons, persons + "".join(
            f"- {{id: {t.id}, kind: person, kk: {t.kk}, en: {t.en} (checked)}}{end}" for t in found[:3])),
        ("places.yml", place, ""),  # remove a place some articles carry
        ("persons.yml", person, person.replace("en: ", "en: Dr ")),  # relabel a person some carry
        ("topics.yml", "", f"- {{id: bench-topic, kind: topic, kk: Сынақ, en: Test, keywords: [{keyword}], "
                           "threshold: 1}\n"),  # a topic some articles hold the keyword of
    ]


def test_only_the_articles_a_vocabulary_change_may_change_are_retagged_and_all_are_right(larger):
    """Each edit, applied in turn: the cached articles, some re-tagged, equal a
    fresh extraction; and some of them were not re-tagged."""
    first = _collect(larger)
    folder = larger / "site_config" / "vocabulary"
    kept = []
    for name, old, new in _vocabulary_edits(larger, first.articles):
        path = folder / name
        text = path.read_text("utf-8")
        path.write_text(text.replace(old, new, 1) if old else text + new, "utf-8")
        after = _collect(larger)
        fresh = collect(larger / "content", load_config(larger))
        assert _extractions(after) == _extractions(fresh), name
        assert after.extracted == after.retagged
        kept.append(after.cached)
    assert all(0 < n < len(first.articles) for n in kept), kept


def test_without_a_record_of_the_vocabulary_every_article_is_retagged(small):
    """A cache from before the record (or a damaged record): nothing is known of what changed."""
    _collect(small)
    for record in (small / CACHE_DIR).glob("*.vocabulary"):
        record.write_bytes(b"damaged")
    _add_school_topic(small)
    after = _collect(small)
    assert (after.extracted, after.retagged, after.cached) == (5, 5, 0)
    assert _extractions(after) == _extractions(collect(small / "content", load_config(small)))


def test_a_broken_vocabulary_stops_the_build_and_names_the_file(small):
    """Not every article refused (and an empty site): the build stops, the live site stays."""
    from conftest import run_digest

    assert run_digest(small, "build").returncode == 0
    home = (small / "site" / "index.html").read_bytes()
    people = small / "site_config" / "vocabulary" / "persons.yml"
    people.write_text(people.read_text("utf-8") + "\n- {id: broken, kind: person, kk: Жаңа Адам}\n", "utf-8")
    (small / "content" / "new.txt").write_text("Астанада жаңа саябақ ашылды. Тұрғындар қуанды.\n", "utf-8")
    result = run_digest(small, "build")
    assert result.returncode == 1
    assert "persons.yml" in result.stderr and "broken: missing en label" in result.stderr
    assert (small / "site" / "index.html").read_bytes() == home


def test_a_refused_file_is_read_again_not_retagged(small):
    (small / "content" / "broken.txt").write_text("---\ntitle: x\n", "utf-8")  # never closed
    first = _collect(small)
    assert [r.path for r in first.errors] == ["content/broken.txt"]
    holding = _holding(first)
    _add_school_topic(small)
    after = _collect(small)
    assert (after.extracted, after.retagged) == (1 + holding, holding)
    assert [r.path for r in after.errors] == ["content/broken.txt"]


@pytest.mark.parametrize("change, extracted", [
    ("labels.yml", 0), ("page settings", 0), ("boilerplate.yml", 5), ("summary_sentences", 5)])
def test_only_what_extraction_reads_of_site_config_invalidates_it(small, change, extracted):
    _collect(small)
    folder = small / "site_config"
    if change == "labels.yml":
        labels = folder / "labels.yml"
        labels.write_text(labels.read_text("utf-8").replace("en: Timeline", "en: Chronology"), "utf-8")
    elif change == "boilerplate.yml":
        (folder / "boilerplate.yml").write_text((folder / "boilerplate.yml").read_text("utf-8") + "\n# x\n", "utf-8")
    else:
        setting = "tag_page_cards: 7" if change == "page settings" else "summary_sentences: 1"
        (folder / "digest.yml").write_text((folder / "digest.yml").read_text("utf-8") + f"\n{setting}\n", "utf-8")
    again = _collect(small)
    assert (again.extracted, again.cached) == (extracted, 5 - extracted)
    if change == "labels.yml":
        assert load_config(small).label("timeline").en == "Chronology"


def test_extraction_reads_no_setting_its_fingerprint_leaves_out():
    """A setting read by ingest or extraction must be in EXTRACTION_SETTINGS,
    or changing it would keep stale extractions in the cache."""
    import re

    from digest.config import EXTRACTION_SETTINGS

    package = Path(digest.__file__).parent
    sources = [package / "pipeline.py", *[p for part in ("ingest", "extract", "kazakh")
                                          for p in (package / part).rglob("*.py")]]
    read = set()
    for path in sources:
        read |= set(re.findall(r"settings(?:\[|\.get\()[\"'](\w+)[\"']", path.read_text("utf-8")))
    assert read and read <= set(EXTRACTION_SETTINGS), read - set(EXTRACTION_SETTINGS)


def test_a_new_digest_version_invalidates_every_article(small, monkeypatch):
    _collect(small)
    monkeypatch.setattr(digest, "__version__", digest.__version__ + "+test")
    cache_module.package_fingerprint.cache_clear()
    try:
        again = _collect(small)
    finally:
        monkeypatch.undo()
        cache_module.package_fingerprint.cache_clear()
    assert (again.extracted, again.cached) == (5, 0)
    # Only the current generation's file is kept.
    assert len(list((small / CACHE_DIR).glob("extract-*.pickle"))) == 1


def test_the_code_fingerprint_covers_extraction_but_not_rendering():
    package = Path(digest.__file__).parent
    assert (package / "extract").is_dir() and "extract" not in cache_module.NOT_EXTRACTION
    assert {"render", "site", "commands"} <= set(cache_module.NOT_EXTRACTION)
    assert cache_module.code_fingerprint() != cache_module.package_fingerprint()


def test_a_damaged_or_deleted_cache_is_an_empty_cache(small):
    first = _collect(small)
    for path in (small / CACHE_DIR).glob("extract-*.pickle"):
        path.write_bytes(b"not a pickle")
    damaged = _collect(small)
    assert (damaged.extracted, damaged.cached) == (5, 0)
    assert _extractions(damaged) == _extractions(first)
    import shutil
    shutil.rmtree(small / "build")
    assert _collect(small).extracted == 5


def test_refused_files_are_reported_from_the_cache_too(small):
    (small / "content" / "empty.txt").write_text("   \n", "utf-8")
    first = _collect(small)
    second = _collect(small)
    refused = [r for r in second.reports if r.status == "refused"]
    assert [r.path for r in refused] == ["content/empty.txt"]
    assert refused[0].detail == [r for r in first.reports if r.status == "refused"][0].detail


def test_parallel_extraction_gives_the_serial_result(small, monkeypatch):
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 2)
    monkeypatch.setattr(pipeline, "CHUNK", 1)
    config = load_config(small)
    serial = collect(small / "content", config, workers=1)
    parallel = collect(small / "content", load_config(small), workers=2)
    assert list(_extractions(parallel)) == list(_extractions(serial))
    assert _extractions(parallel) == _extractions(serial)
    assert [r.__dict__ for r in parallel.reports] == [r.__dict__ for r in serial.reports]


@pytest.fixture
def larger(tmp_path) -> Path:
    from test_incremental import generate

    return make_project(tmp_path / "project", generate(27, seed=4))


def _files(root: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (root / CACHE_DIR).iterdir()}


def test_a_few_new_articles_go_to_the_journal_and_are_read_back(larger):
    _collect(larger)
    before = _files(larger)
    main, vocabulary = sorted(before)  # the cache, and the vocabulary it was tagged with
    assert vocabulary == main.replace(".pickle", ".vocabulary")
    (larger / "content" / "new.txt").write_text("Астанада жаңа саябақ ашылды. Тұрғындар қуанды.\n", "utf-8")
    added = _collect(larger)
    assert (added.extracted, added.cached) == (1, 30)
    after = _files(larger)
    assert after[main] == before[main]  # the cache itself was not written again
    assert set(after) == {main, vocabulary, main.replace(".pickle", ".journal")}
    again = _collect(larger)
    assert (again.extracted, again.cached) == (0, 31)
    assert _extractions(again) == _extractions(added)


def test_many_changes_write_the_cache_anew_without_the_journal(larger):
    _collect(larger)
    (larger / "content" / "new.txt").write_text("Астанада жаңа саябақ ашылды. Тұрғындар қуанды.\n", "utf-8")
    _collect(larger)
    for path in sorted((larger / "content").glob("bench_*.txt"))[:10]:
        path.write_text(path.read_text("utf-8") + "\nСоңғы сөйлем.\n", "utf-8")
    changed = _collect(larger)
    assert changed.extracted == 10
    assert sorted(p.suffix for p in (larger / CACHE_DIR).iterdir()) == [".pickle", ".vocabulary"]
    assert (_collect(larger).extracted, len(ExtractionCache.for_project(load_config(larger))._stored)) == (0, 31)


def test_files_hashed_by_the_caller_are_read_only_when_extracted(small, monkeypatch):
    """digest build hashes every file for its up-to-date check and hands the
    hashes to collect: cached articles are not read again (the build is of
    the files as hashed), and a new file edited in between is extracted from
    what is read, under that text's key."""
    from digest.text import content_digest

    _collect(small)
    config = load_config(small)
    new = small / "content" / "extra_3.txt"
    new.write_text("Алматыда жаңа саябақ ашылды\n\nАлматы қаласында жаңа саябақ ашылды.\n", "utf-8")
    digests = {f"content/{p.name}": content_digest(p.read_bytes()) for p in (small / "content").glob("*.txt")}
    new.write_text(new.read_text("utf-8").replace("саябақ", "стадион"), "utf-8")  # after it was hashed
    read: list[str] = []
    real = pipeline._read_bytes
    monkeypatch.setattr(pipeline, "_read_bytes", lambda path: read.append(path.name) or real(path))
    again = collect(small / "content", config, cache=ExtractionCache.for_project(config), digests=digests)
    assert (again.extracted, again.cached) == (1, 5) and read == [new.name]
    assert "стадион" in _extractions(again)["content/extra_3.txt"].title
    monkeypatch.undo()
    fresh = _collect(small)
    assert (fresh.extracted, fresh.cached) == (0, 6)  # the edit was filed under the text read
    assert _extractions(fresh) == _extractions(again)


def test_file_digests_trust_a_record_only_for_a_file_settled_and_unchanged(tmp_path, monkeypatch):
    from digest.cache import FileDigests
    from digest.text import content_digest

    article = tmp_path / "content" / "a.txt"
    article.parent.mkdir()
    article.write_bytes(b"first text")
    first = FileDigests(tmp_path)
    assert first.digest(article, "content/a.txt") == content_digest(b"first text") and first.read == 1
    first.save()
    # Just written: too close to the record to trust its times (same clock tick).
    racy = FileDigests(tmp_path)
    racy.digest(article, "content/a.txt")
    assert racy.read == 1
    # Settled: the record was saved well after the file's last change.
    monkeypatch.setattr(FileDigests, "RACY_NS", -10**12)
    settled = FileDigests(tmp_path)
    assert settled.digest(article, "content/a.txt") == content_digest(b"first text") and settled.read == 0
    # Any change of size, times or inode is read again, even to bytes of the same size.
    article.write_bytes(b"other text")
    changed = FileDigests(tmp_path)
    assert changed.digest(article, "content/a.txt") == content_digest(b"other text") and changed.read == 1
    # A damaged record is no record.
    (tmp_path / "build" / FileDigests.FILE).write_text("{", "utf-8")
    assert FileDigests(tmp_path).digest(article, "content/a.txt") == content_digest(b"other text")


def test_a_build_leaves_the_collector_as_it_found_it(small, monkeypatch):
    import gc

    from digest.commands import build as build_command

    monkeypatch.chdir(small)
    threshold = gc.get_threshold()
    assert build_command.run(None, None, False) == 0
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert gc.get_threshold() == threshold


def test_an_article_committed_after_its_extraction_takes_git_s_date(small):
    import subprocess

    def git(*args):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=small,
                       check=True, capture_output=True, env={"GIT_COMMITTER_DATE": "2024-05-06T10:00:00",
                                                             "GIT_AUTHOR_DATE": "2024-05-06T10:00:00",
                                                             "PATH": "/usr/bin:/bin"})

    git("init", "-q")
    before = _extractions(_collect(small))["content/extra_1.txt"]
    assert (before.date, before.date_source) == (None, None)  # not committed yet: no date
    git("add", "content")
    git("commit", "-qm", "articles")
    after = _collect(small)
    article = _extractions(after)["content/extra_1.txt"]
    assert (str(article.date), article.date_source) == ("2024-05-06", "git")
