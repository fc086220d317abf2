"""The generated Markdown pages (and feed) that MkDocs renders: build/docs/.

Used by `digest build` (digest.build) and by `digest serve`'s rebuilds
(digest.site.serve_hooks) alike.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from digest.cache import package_fingerprint
from digest.config import SiteConfig
from digest.pipeline import Collection
from digest.render import RenderResult, render_site
from digest.site.feed import build_feed, tag_feeds

BUILD_DIR = "build"


def docs_dir_of(config: SiteConfig) -> Path:
    """Where the generated pages go (never content/)."""
    return config.root / BUILD_DIR / "docs"


def generate(collection: Collection, config: SiteConfig, site_url: str) -> RenderResult:
    """Write the Markdown pages (and feed) of the collected articles into build/docs."""
    feed = build_feed(collection.articles, config, site_url)
    return render_site(collection.articles, config, docs_dir_of(config), extra_files={"feed.xml": feed},
                       generation=render_generation(config),
                       extra_pages=tag_feeds(collection.articles, config, site_url))


def render_generation(config: SiteConfig) -> str:
    """What every page is made with besides its articles: the digest's code and
    site_config/ but the vocabulary (labels, settings). A page made with another
    is made again."""
    parts = (package_fingerprint(), config.pages_fingerprint)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]
