"""Readers' browsers call no other host: what the digest does for it, and what it leaves to Material.

mkdocs.yml turns off Google Fonts (``font: false``) and lists no analytics,
and the theme loads nothing from a CDN. Material's source maps are left out
of the site: they are for debugging Material itself, fetched only by
developer tools, and quote CDN addresses from its sources.

Material's JavaScript bundle still names two scripts on unpkg.com that it
loads only on demand: a ResizeObserver polyfill, for browsers without
ResizeObserver (before Chrome 64, Firefox 69, Safari 13.1), and Mermaid, for
pages with diagrams, which the digest never generates. Earlier digests
rewrote the bundle to remove the addresses; that edited a dependency's
shipped file, so it is gone (ARCHITECTURE.md, "Public APIs only").
"""

from __future__ import annotations

from mkdocs.structure.files import Files


def without_source_maps(files: Files) -> Files:
    """``files`` without the theme's ``.map`` files (MkDocs then never copies them)."""
    for f in [f for f in files if f.src_uri.endswith(".map")]:
        files.remove(f)
    return files
