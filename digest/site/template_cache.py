"""Material's templates compiled once, not on every build.

MkDocs gives Jinja no bytecode cache, so every build (and every process of a
split build) compiles Material's forty-odd templates again: about a quarter
of a second of a rebuild that changes one article. Jinja's file cache keeps
the compiled code in a per-user folder of the system's temporary directory,
keyed by template name and source checksum, so an edited template is simply
compiled again.
"""

from __future__ import annotations

from jinja2 import FileSystemBytecodeCache


def on_env(env, config, files, **kwargs):
    if env.bytecode_cache is None:
        env.bytecode_cache = FileSystemBytecodeCache()
    return env
