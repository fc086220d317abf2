"""The content/ → Article part of every command: discover, read, extract.

Each input file gets a ``FileReport`` saying what became of it, so nothing is
ever dropped silently. Bad files are reported and the rest still build.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Literal, Union

from digest.cache import Entry, ExtractionCache, entry_key
from digest.config import SiteConfig
from digest.cores import fork_unsafe, usable_cores
from digest.extract import article_tags, extract_article
from digest.extract.related import relate_articles
from digest.extract.slugs import assign_unique_slugs, load_registry
from digest.extract.tags import tag_candidates
from digest.extract.pubdate import git_date_changed
from digest.extract.vocabulary_change import VocabularyChange
from digest.ingest.discover import Candidate, discover
from digest.ingest.reader import parse_document, read_document
from digest.model import Article, DigestError, Tag
from digest.text import content_digest

# Below this many articles to extract, starting worker processes costs more
# than it saves; above it, CHUNK articles travel to a worker at a time.
PARALLEL_MIN = 64
CHUNK = 16

Status = Literal["published", "draft", "refused", "skipped"]


@dataclass
class FileReport:
    path: str
    status: Status
    detail: str = ""
    slug: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Collection:
    """Every article that will be published, and a report line per input file."""

    articles: list[Article]
    reports: list[FileReport]
    extracted: int = 0  # files extracted by this run (``retagged`` included)
    cached: int = 0  # files whose extraction came from the cache
    retagged: int = 0  # of those extracted: only their tags, the rest from a cache of another vocabulary
    # Tags found by entity discovery, not in the vocabulary: (label, articles), most used first.
    discovered: list[tuple[str, int]] = field(default_factory=list)
    registry: dict[str, str] = field(default_factory=dict)  # slugs.lock.yml as the slugs were assigned

    @property
    def extraction(self) -> str:
        """Where the articles' extractions came from, for the build report."""
        retagged = f" ({self.retagged} of them only re-tagged: the vocabulary changed)" if self.retagged else ""
        return f"{self.extracted} extracted, {self.cached} from the cache{retagged}"

    @property
    def errors(self) -> list[FileReport]:
        return [r for r in self.reports if r.status == "refused"]

    @property
    def warning_count(self) -> int:
        return sum(len(r.warnings) for r in self.reports)


def content_candidates(content_dir: Path, config: SiteConfig) -> list[Candidate]:
    """Every file under ``content_dir``, named as reports show it (from the project's root)."""
    if not content_dir.is_dir():
        raise DigestError("content folder not found", path=str(content_dir))
    return discover(content_dir, shown_root=config.root if content_dir.resolve().is_relative_to(
        config.root.resolve()) else content_dir.parent)


def collect(content_dir: Path, config: SiteConfig, advance: Callable[[], None] | None = None,
            include_drafts: bool = False, cache: ExtractionCache | None = None,
            workers: int | None = None, candidates: list[Candidate] | None = None,
            digests: dict[str, str] | None = None) -> Collection:
    """Read and extract every article under ``content_dir``.

    With a ``cache``, files whose extraction is cached are not extracted again
    (and the cache is saved). ``workers``: processes for the extraction (default:
    the machine's cores, serial for small inputs); the result never depends on it.
    ``candidates``: ``content_candidates(content_dir, config)`` if the caller has them;
    ``digests``: the ``content_digest`` of their files by shown path, if the
    caller read them already (a file whose extraction is cached is then not read).
    """
    if candidates is None:
        candidates = content_candidates(content_dir, config)
    results, counts = _extract_all(candidates, config, cache, workers, advance, digests or {})
    reports: list[FileReport] = []
    articles: list[Article] = []
    by_hash: dict[str, str] = {}
    for candidate, result in zip(candidates, results):
        report = FileReport(candidate.shown, "refused")
        reports.append(report)
        if isinstance(result, str):
            report.detail = result
            continue
        article = result
        doc = article.document
        report.warnings.extend(article.warnings)
        twin = by_hash.get(doc.text)
        if twin:
            report.warnings.append(f"same text as {twin}: duplicate article (both are published)")
        by_hash.setdefault(doc.text, candidate.shown)
        if doc.meta.draft and not include_drafts:
            report.status, report.detail = "draft", "draft: not published"
            continue
        report.status = "published"
        articles.append(article)
    # Slugs already published (slugs.lock.yml) are kept whatever the title says now.
    registry = load_registry(config.root)
    articles = assign_unique_slugs(articles, registry)
    # Related articles depend on the whole set: found on every build, after the cache.
    articles = relate_articles(articles)
    slugs = {a.path: a for a in articles}
    for report in reports:
        if report.path in slugs:
            article = slugs[report.path]
            report.slug = article.slug
            report.warnings = list(dict.fromkeys(report.warnings + list(article.warnings)))
    discovered = [(tag.kk, n) for tag, n in tag_candidates(a.tags for a in articles)]
    return Collection(articles, reports, **counts, discovered=discovered, registry=registry)


@dataclass(frozen=True)
class TagJob:
    """What finding a cached article's tags again takes: its text and the
    editor's tags. The workers get only these and send back only the tags:
    whole articles, pickled to them and back, cost half as much as tagging."""

    text: str
    extra: tuple[str, ...]


Job = Union[tuple[Path, str, Union[bytes, None]], TagJob]  # a file to extract (path, shown, bytes), or to tag


def _extract_all(candidates: list[Candidate], config: SiteConfig, cache: ExtractionCache | None,
                 workers: int | None, advance: Callable[[], None] | None,
                 digests: dict[str, str]) -> tuple[list[Entry], dict[str, int]]:
    """Each candidate's Article or error message, in candidate order; how many
    files were extracted (of them, how many only re-tagged) and how many were
    taken from the cache as they were."""
    results: list[Entry | None] = [None] * len(candidates)
    jobs: list[tuple[int, str | None, Job]] = []
    retagging: dict[int, Article] = {}  # by candidate: the cached article whose tags are found again
    change: VocabularyChange | None = None  # since the generation those come from
    for i, candidate in enumerate(candidates):
        if candidate.problem:
            results[i] = candidate.problem
            if advance:
                advance()
            continue
        key = data = None
        if cache is not None:
            digest = digests.get(candidate.shown)
            if digest is None:  # not hashed by the caller: read it now
                data = _read_bytes(candidate.path)
                digest = content_digest(data) if data is not None else None
            key = entry_key(candidate.shown, digest) if digest is not None else None
            cached = cache.get(key) if key is not None else None
            if isinstance(cached, Article) and git_date_changed(cached, candidate.path):
                cached = None  # committed since it was extracted: its date is git's now
            if cached is not None:
                results[i] = cached
                if advance:
                    advance()
                continue
            earlier = cache.retaggable(key) if key is not None else None
            if earlier is not None:
                if change is None:
                    change = _vocabulary_change(cache, config)
                meta = earlier.document.meta
                if not change.may_retag(earlier.document.text, meta.tags, (t.id for t in earlier.tags)):
                    results[i] = earlier  # no changed entry can be in it: its tags stay
                    cache.put(key, earlier)
                    if advance:
                        advance()
                    continue
                jobs.append((i, key, TagJob(earlier.document.text, meta.tags)))
                retagging[i] = earlier
                continue
        if data is None:
            data = _read_bytes(candidate.path)
            if key is not None and data is not None:  # filed under what is read: the caller's hash may be older
                key = entry_key(candidate.shown, content_digest(data))
        jobs.append((i, key, (candidate.path, candidate.shown, data)))
    cached = sum(1 for c in candidates if not c.problem) - len(jobs)
    if jobs:
        # Read here, a broken vocabulary stops the build with its file and line
        # (and the live site untouched), instead of refusing every article.
        config.vocabulary()
    retagged = len(retagging)
    for (i, key, _), entry in zip(jobs, _run_jobs([job for _, _, job in jobs], config, workers)):
        if i in retagging and not isinstance(entry, str):
            entry = dataclasses.replace(retagging.pop(i), tags=entry)
        results[i] = entry
        if key is not None:
            cache.put(key, entry)
        if advance:
            advance()
    if cache is not None:
        cache.save()
    return results, {"extracted": len(jobs), "retagged": retagged, "cached": cached}  # type: ignore[return-value]


def _vocabulary_change(cache: ExtractionCache, config: SiteConfig) -> VocabularyChange:
    """What changed in the vocabulary since the cache's articles were tagged."""
    previous = cache.previous_vocabulary()
    if previous is None:
        return VocabularyChange(everything=True)
    return VocabularyChange.between(previous, config.vocabulary().entries)


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None  # read_document reports it, with the ingest's own wording


def _run_jobs(jobs: list[Job], config: SiteConfig,
              workers: int | None) -> Iterator[Entry | tuple[Tag, ...]]:
    workers = workers if workers is not None else usable_cores()
    if workers <= 1 or len(jobs) < PARALLEL_MIN:
        for job in jobs:
            yield extract_one(job, config)
        return
    method = _start_method()
    # Forked workers share the vocabulary the parent loaded (_extract_all did);
    # others would be sent it pickled, and load it themselves faster.
    shared = config if method == "fork" else dataclasses.replace(config, _cache={})
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs) // CHUNK + 1),
                             mp_context=multiprocessing.get_context(method),
                             initializer=_init_worker, initargs=(shared,)) as pool:
        yield from pool.map(_extract_in_worker, jobs, chunksize=CHUNK)


def _start_method() -> str:
    """fork where it is safe (no other thread may hold a lock the child needs),
    else forkserver (workers forked from a clean server process), else spawn."""
    if fork_unsafe() is None:
        return "fork"
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def extract_one(job: Job, config: SiteConfig) -> Entry | tuple[Tag, ...]:
    """One file's Article, or the message of the error that refuses it; for
    a TagJob, the tags (or that message)."""
    try:
        if isinstance(job, TagJob):
            return article_tags(job.text, job.extra, config)
        path, shown, data = job
        if data is None or len(data) > int(config.settings["max_article_bytes"]):
            doc = read_document(path, config, shown)
        else:
            doc = parse_document(data, config, shown, path)
        return extract_article(doc, config)
    except DigestError as exc:
        return exc.message + (f" (line {exc.line})" if exc.line else "")
    except Exception as exc:  # a bug must cost one article, not the whole build
        if os.environ.get("DIGEST_DEBUG"):
            raise
        return f"internal error ({type(exc).__name__}: {exc}); please report it (DIGEST_DEBUG=1 shows where)"


_worker_config: SiteConfig | None = None


def _init_worker(config: SiteConfig) -> None:
    global _worker_config
    _worker_config = config


def _extract_in_worker(job: Job) -> Entry | tuple[Tag, ...]:
    assert _worker_config is not None
    return extract_one(job, _worker_config)
