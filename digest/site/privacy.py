"""Readers' browsers call no other host: no fonts, scripts or polyfills from a CDN.

mkdocs.yml already turns off Google Fonts (``font: false``) and lists no
analytics. What remains is Material's JavaScript bundle, which can load two
scripts from unpkg.com on demand: a ResizeObserver polyfill (very old browsers)
and Mermaid (pages with diagrams, which the digest never generates). We swap
each such URL for an empty ``data:`` script of exactly the same length, so the
bundle still works, loads nothing from outside, and its source map stays aligned.
"""

from __future__ import annotations

import re
from pathlib import Path

from digest.site.reproducible import replace_file

# A call whose only argument is an absolute URL literal: Material's script loader.
_LOADED_URL = re.compile(r"""(?<=\()(\s*)(["'`])(https?://[^"'`\s]+)\2(?=\s*\))""")
_EMPTY_SCRIPT = "data:text/javascript,"


def empty_script_url(length: int) -> str:
    """An empty script as a data: URL padded (inside a // comment) to ``length`` characters."""
    return _EMPTY_SCRIPT + "/" * max(2, length - len(_EMPTY_SCRIPT))


def neutralize_script_loads(js: str) -> tuple[str, list[str]]:
    """Replace URL literals given to a loader call; returns the new text and the URLs removed."""
    removed: list[str] = []

    def swap(match: re.Match) -> str:
        space, quote, url = match.groups()
        removed.append(url)
        return f"{space}{quote}{empty_script_url(len(url))}{quote}"

    return _LOADED_URL.sub(swap, js), removed


def keep_assets_local(site_dir: Path) -> list[str]:
    """Rewrite the theme's JavaScript bundles in ``site_dir``; returns the URLs removed."""
    removed: list[str] = []
    # Source maps are for debugging Material itself, fetched only by developer
    # tools; they quote the original source, CDN addresses included. Readers
    # never need them, so they are not published.
    for path in sorted((site_dir / "assets").rglob("*.map")):
        path.unlink()
    for path in sorted((site_dir / "assets" / "javascripts").glob("bundle.*.js")):
        text = path.read_text(encoding="utf-8")
        new_text, urls = neutralize_script_loads(text)
        if urls:
            replace_file(path, new_text.encode("utf-8"))
            removed.extend(urls)
    return removed
