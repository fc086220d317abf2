"""The extraction cache: each article's extraction, keyed by what it depends on.

An article's extraction depends on its file's bytes and shown path, on what
it reads of ``site_config/`` (the vocabulary, the boilerplate patterns and the
extraction settings: ``config.extraction_fingerprint``; labels and page
settings are not among them) and on the code that
extracts (``digest.__version__`` and the bytes of the package's ingest,
language and extraction sources and data). The last two form the cache's
*generation*: one pickle file per generation under ``build/cache/``; a new
generation starts empty and the old files are deleted. But for the tags: a
generation that differs from the previous one by the vocabulary alone (an
editor adding tags to it) takes the previous one's articles and only finds
their tags again, a fraction of extracting them. Within a generation an
entry's key is the hash of the file's path and of the hash of its bytes. A build that adds a few
articles appends their entries to a small journal beside the generation's
file instead of writing the whole cache again; a build that changes many, or
once the journal or the entries no longer used pass a tenth of the cache,
writes the file anew with only the entries it used, so the cache never grows
far beyond the content.

The cache is only an accelerator: a missing, unreadable or foreign file is an
empty cache, and ``build/`` is safe to delete.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import time
from functools import lru_cache
from pathlib import Path
from typing import Union

import digest
from digest.config import SiteConfig
from digest.model import Article, DigestError
from digest.text import content_digest

CACHE_DIR = Path("build") / "cache"
FILE_PREFIX = "extract-"

# Stages after extraction: changing them cannot change an Article (data flows
# one way), so editing them must not throw the cache away.
NOT_EXTRACTION = ("render", "site", "commands", "orchestrate", "cli.py", "cache.py", "lock.py")

# A cached result: the Article, or the message of the error that refused the file.
Entry = Union[Article, str]


@lru_cache(maxsize=4)
def package_fingerprint(exclude: tuple[str, ...] = ()) -> str:
    """A hash of ``digest.__version__`` and of every source and data file of the
    digest package, but those under the top-level names in ``exclude``."""
    package = Path(digest.__file__).resolve().parent
    h = hashlib.sha256(digest.__version__.encode())
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(package)
        if (not path.is_file() or "__pycache__" in relative.parts or path.suffix in (".pyc", ".pyo")
                or relative.parts[0] in exclude):
            continue
        h.update(str(relative).encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def code_fingerprint() -> str:
    """The version and sources that ingest and extraction run: editing them
    (during development) invalidates the cache, editing the renderer does not."""
    return package_fingerprint(NOT_EXTRACTION)


def entry_key(shown_path: str, digest: str) -> str:
    """The key of one file's extraction within a generation, from its shown
    path and ``content_digest``: a build that hashed the files already (for
    its up-to-date check) finds its cached extractions without reading them again."""
    return hashlib.sha256(f"{shown_path}\0{digest}".encode()).hexdigest()


class ExtractionCache:
    """``get``/``put`` by key in memory; ``save`` writes the entries used."""

    def __init__(self, directory: Path, config: SiteConfig):
        self.directory = Path(directory)
        reading, _, tagging = config.extraction_fingerprint.partition("-")
        base = hashlib.sha256(f"{code_fingerprint()}|{reading}".encode()).hexdigest()[:16]
        self.generation = f"{base}-{hashlib.sha256(tagging.encode()).hexdigest()[:16]}"
        self.file = self.directory / f"{FILE_PREFIX}{self.generation}.pickle"
        self.journal = self.file.with_suffix(".journal")
        # The vocabulary's entries, so that the next vocabulary's build knows what changed.
        self.vocabulary_file = self.file.with_suffix(".vocabulary")
        self._config = config
        self._other_vocabulary_file: Path | None = None
        self._main: dict[str, Entry] = self._load(self.file)
        self._journalled: dict[str, Entry] = self._load(self.journal) if self._main else {}
        self._stored: dict[str, Entry] = {**self._main, **self._journalled}
        self._used: dict[str, Entry] = {}
        # Another vocabulary's generation of the same code and reading: its
        # articles are all right but for their tags (see ``retaggable``).
        self._other_tags: dict[str, Entry] = {} if self._stored else self._other_vocabulary(base)
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_project(cls, config: SiteConfig) -> "ExtractionCache":
        return cls(config.root / CACHE_DIR, config)

    @staticmethod
    def _load(path: Path) -> dict[str, Entry]:
        try:
            with open(path, "rb") as f:
                data = pickle.load(f)
        except Exception:  # absent, truncated, or pickled by other code: start empty
            return {}
        return data if isinstance(data, dict) else {}

    def _other_vocabulary(self, base: str) -> dict[str, Entry]:
        """The entries of the newest generation that differs from this one by the vocabulary alone."""
        others = [p for p in self.directory.glob(f"{FILE_PREFIX}{base}-*.pickle") if p != self.file]
        for path in sorted(others, key=_mtime, reverse=True):
            entries = self._load(path)
            if entries:
                self._other_vocabulary_file = path.with_suffix(".vocabulary")
                return {**entries, **self._load(path.with_suffix(".journal"))}
        return {}

    def previous_vocabulary(self) -> tuple | None:
        """The vocabulary entries of the generation ``retaggable`` draws on, if recorded."""
        if self._other_vocabulary_file is None:
            return None
        try:
            with open(self._other_vocabulary_file, "rb") as f:
                entries = pickle.load(f)
        except Exception:  # absent, truncated, or pickled by other code: not known
            return None
        return entries if isinstance(entries, tuple) else None

    def retaggable(self, key: str) -> Article | None:
        """The article filed under ``key`` by a cache of another vocabulary:
        everything in it but its tags is what extracting its file again would
        give (the vocabulary is read for the tags alone). Not for refused files."""
        entry = self._other_tags.get(key)
        return entry if isinstance(entry, Article) else None

    def get(self, key: str) -> Entry | None:
        entry = self._stored.get(key)
        if entry is None:
            self.misses += 1
            return None
        self.hits += 1
        self._used[key] = entry
        return entry

    def put(self, key: str, entry: Entry) -> None:
        self._used[key] = entry

    def save(self) -> None:
        """Write this build's new entries (atomically) and delete other generations."""
        new = {k: v for k, v in self._used.items() if k not in self._main}
        unused = len(self._stored.keys() - self._used.keys())
        if not self.file.exists() or max(len(new), unused) > len(self._used) // 10:
            self._write(self.file, self._used)
            self.journal.unlink(missing_ok=True)
            self._main, self._journalled = dict(self._used), {}
        elif new.keys() != self._journalled.keys():
            self._write(self.journal, new)
            self._journalled = new
        self._stored = {**self._main, **self._journalled}
        if not self.vocabulary_file.exists():
            try:
                self._write(self.vocabulary_file, self._config.vocabulary().entries)
            except DigestError:  # a broken vocabulary: the next change retags every article
                pass
        for old in self.directory.glob(f"{FILE_PREFIX}*"):
            if old not in (self.file, self.journal, self.vocabulary_file):
                old.unlink(missing_ok=True)

    def _write(self, path: Path, entries: dict[str, Entry] | tuple) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(entries, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


class FileDigests:
    """``build/file-digests.json``: each content file's ``content_digest``, with
    the size, times and inode it had when read, so that the next build hashes
    only the files that changed (as git's index does).

    A recorded digest is trusted only when the file's size, modification and
    change times and inode are as recorded, and the file was last changed at
    least ``RACY_NS`` before the record was saved: a file changed within the
    same clock tick as an earlier read could otherwise keep its times.
    ``--strict`` builds and a deleted build/ read every file.
    """

    FILE = "file-digests.json"
    RACY_NS = 2_000_000_000

    def __init__(self, root: Path | None):
        self.path = root / "build" / self.FILE if root is not None else None
        self._known: dict[str, list] = {}
        self._saved_ns = 0
        self.fresh: dict[str, list] = {}
        self.read = 0  # files read (not trusted from the record)
        if self.path is not None:
            try:
                data = json.loads(self.path.read_text("utf-8"))
                self._known, self._saved_ns = dict(data["files"]), int(data["saved_ns"])
            except (OSError, ValueError, KeyError, TypeError):
                pass

    def digest(self, path: Path, shown: str) -> str:
        """The file's ``content_digest``; raises OSError when it cannot be read."""
        st = os.stat(path)
        signature = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        known = self._known.get(shown)
        settled = max(st.st_mtime_ns, st.st_ctime_ns) < self._saved_ns - self.RACY_NS
        if known is not None and known[:4] == signature and settled:
            self.fresh[shown] = known
            return known[4]
        data = path.read_bytes()
        self.read += 1
        digest = content_digest(data)
        self.fresh[shown] = [*signature, digest]
        return digest

    def of(self, candidates) -> dict[str, str]:
        """The digest of each readable candidate file (``ingest.discover.Candidate``), by shown path."""
        digests: dict[str, str] = {}
        for candidate in candidates:
            if not candidate.problem:
                try:
                    digests[candidate.shown] = self.digest(candidate.path, candidate.shown)
                except OSError:
                    pass  # collect reads it again and reports why it cannot
        return digests

    def save(self) -> None:
        """Record the digests of this build's files (atomically)."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"saved_ns": time.time_ns(), "files": self.fresh}), "utf-8")
        os.replace(tmp, self.path)
