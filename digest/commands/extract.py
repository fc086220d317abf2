"""`digest extract --json PATH...`: the extraction of each article as JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from digest.commands.common import err
from digest.config import find_project_root, load_config
from digest.extract import extract_article
from digest.extract.related import relate_articles
from digest.extract.slugs import assign_unique_slugs, load_registry
from digest.ingest.discover import discover
from digest.ingest.reader import read_document
from digest.model import Article, DigestError


def article_json(article: Article) -> dict:
    """The contract's JSON object for one article (see CONTRACT.md)."""
    return {
        "path": article.path,
        "slug": article.slug,
        "title": article.title,
        "source": article.source,
        "date": article.date.isoformat() if article.date else None,
        "date_source": article.date_source,
        "summary": list(article.summary),
        "tags": [
            {"id": t.id, "kind": t.kind, "kk": t.kk, "en": t.en, "latin": t.latin,
             "salience": round(t.salience, 2), "mentions": list(t.mentions),
             **({"discovered": True} if t.discovered else {})}
            for t in article.tags
        ],
        "related": list(article.related),
        "timeline": [
            {"text": e.text, "when": e.when, "relative": e.relative, "event": e.event,
             **({"decade": e.decade} if e.decade is not None else {})}
            for e in article.timeline
            if not e.recurring
        ],
        "warnings": list(article.warnings),
    }


def run(paths: list[str]) -> int:
    try:
        config = load_config(find_project_root())
    except DigestError as exc:
        err.print(f"error: {exc}", markup=False)
        return 1
    articles: list[Article] = []
    errors: list[dict] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            candidates = discover(path, shown_root=path.parent)
            for c in candidates:
                c_path = str(Path(given) / c.path.relative_to(path))
                if c.problem:
                    errors.append({"path": c_path, "error": c.problem})
                else:
                    _extract_one(c.path, c_path, config, articles, errors)
        elif path.is_file():
            _extract_one(path, given, config, articles, errors)
        else:
            errors.append({"path": given, "error": "no such file or folder"})
    articles = assign_unique_slugs(articles, load_registry(config.root))
    articles = relate_articles(articles)  # among all the articles extracted together
    json.dump({"articles": [article_json(a) for a in articles], "errors": errors},
              sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    for e in errors:
        err.print(f"{e['path']}: error: {e['error']}", markup=False)
    return 1 if errors else 0


def _extract_one(path: Path, shown: str, config, articles: list, errors: list) -> None:
    try:
        articles.append(extract_article(read_document(path, config, shown), config))
    except DigestError as exc:
        errors.append({"path": shown, "error": exc.message + (f" (line {exc.line})" if exc.line else "")})
    except Exception as exc:  # a bug in an extractor must not hide the other articles
        errors.append({"path": shown, "error": f"internal error ({type(exc).__name__}: {exc}); please report it"})
