"""The content/ → Article part of every command: discover, read, extract.

Each input file gets a ``FileReport`` saying what became of it, so nothing is
ever dropped silently. Bad files are reported and the rest still build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Literal

from digest.config import SiteConfig
from digest.extract import extract_article
from digest.extract.slugs import assign_unique_slugs
from digest.ingest.discover import discover
from digest.ingest.reader import read_document
from digest.model import Article, DigestError

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

    @property
    def errors(self) -> list[FileReport]:
        return [r for r in self.reports if r.status == "refused"]

    @property
    def warning_count(self) -> int:
        return sum(len(r.warnings) for r in self.reports)


def collect(content_dir: Path, config: SiteConfig, advance: Callable[[], None] | None = None,
            include_drafts: bool = False) -> Collection:
    """Read and extract every article under ``content_dir``."""
    if not content_dir.is_dir():
        raise DigestError("content folder not found", path=str(content_dir))
    candidates = discover(content_dir, shown_root=config.root if content_dir.resolve().is_relative_to(
        config.root.resolve()) else content_dir.parent)
    reports: list[FileReport] = []
    articles: list[Article] = []
    by_hash: dict[str, str] = {}
    for candidate in candidates:
        report = FileReport(candidate.shown, "refused")
        reports.append(report)
        if advance:
            advance()
        if candidate.problem:
            report.detail = candidate.problem
            continue
        try:
            doc = read_document(candidate.path, config, candidate.shown)
            article = extract_article(doc, config)
        except DigestError as exc:
            report.detail = exc.message + (f" (line {exc.line})" if exc.line else "")
            continue
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
    articles = assign_unique_slugs(articles)
    slugs = {a.path: a for a in articles}
    for report in reports:
        if report.path in slugs:
            article = slugs[report.path]
            report.slug = article.slug
            report.warnings = list(dict.fromkeys(report.warnings + list(article.warnings)))
    return Collection(articles, reports)
