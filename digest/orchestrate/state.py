"""What a build remembers between runs: ``build/last-build.json``.

It holds the state the last completed build started from and its report.
When nothing differs and the site stamp still matches the site, ``digest
build`` prints that report and stops.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from digest.cache import FileDigests
from digest.config import SiteConfig
from digest.extract.slugs import REGISTRY_FILE
from digest.ingest.discover import Candidate
from digest.pipeline import Collection, FileReport
from digest.site.generate import BUILD_DIR
from digest.site.mkdocs_build import SiteStamp
from digest.site.reproducible import VARIABLE as SOURCE_DATE_EPOCH


def content_state(content_dir: Path, candidates: list[Candidate], inputs: str,
                  known: FileDigests | None = None) -> tuple[str, dict[str, str]]:
    """A hash of what a build's outcome depends on besides slugs.lock.yml: every
    content file's path and bytes (``candidates``: those under ``content_dir``),
    ``inputs`` (``site_inputs``: mkdocs.yml, theme/, site_config/ but the vocabulary, the digest,
    MkDocs and Material), SOURCE_DATE_EPOCH; and the ``content_digest`` of
    each file, by shown path (collect then reads only the files it extracts).
    ``known``: the digests recorded by the last build, which spare reading
    the files that did not change."""
    known = known or FileDigests(None)
    h = hashlib.sha256()
    for part in (str(content_dir.resolve()), inputs, os.environ.get(SOURCE_DATE_EPOCH, "")):
        h.update(part.encode() + b"\0")
    digests = known.of(candidates)
    for candidate in candidates:
        digest = "" if candidate.problem else digests.get(candidate.shown, "unreadable")
        h.update(f"{candidate.shown}\0{candidate.problem}\0{digest}\0".encode())
    return h.hexdigest(), digests


def build_state(config: SiteConfig, content: str) -> str:
    """``content_state``, the slug registry (which a build may extend) and all
    of site_config/ (``site_inputs`` leaves out the vocabulary, which the
    articles' tags depend on)."""
    try:
        registry = (config.root / REGISTRY_FILE).read_bytes()
    except OSError:
        registry = b""
    return hashlib.sha256(f"{content}\0{config.fingerprint}\0".encode() + registry).hexdigest()[:32]


@dataclass
class LastBuild:
    """``build/last-build.json``: the state the last completed build started from, and its report."""

    state: str = ""
    reports: list[dict] = field(default_factory=list)
    discovered: list[list] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pages: int = 0

    FILE = "last-build.json"

    @classmethod
    def load(cls, root: Path) -> "LastBuild":
        try:
            data = json.loads((root / BUILD_DIR / cls.FILE).read_text("utf-8"))
            return cls(data["state"], data["reports"], data["discovered"], data["warnings"], data["pages"])
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def save(self, root: Path) -> None:
        path = root / BUILD_DIR / self.FILE
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(json.dumps(vars(self), ensure_ascii=False), "utf-8")
        os.replace(tmp, path)

    @staticmethod
    def forget(root: Path) -> None:
        (root / BUILD_DIR / LastBuild.FILE).unlink(missing_ok=True)

    def collection(self) -> Collection:
        return Collection([], [FileReport(**r) for r in self.reports],
                          discovered=[(label, n) for label, n in self.discovered])


def up_to_date(config: SiteConfig, site_dir: Path, inputs: str, state: str) -> LastBuild | None:
    """The last build, if the site it made is still there and nothing it was made from changed."""
    last = LastBuild.load(config.root)
    if not last.state or last.state != state:
        return None
    stamp = SiteStamp.load(config.root / BUILD_DIR, site_dir)
    previous, _ = stamp.base_for(site_dir, inputs)
    return last if previous is not None else None
