"""MkDocs event handlers for what search engines and feed readers see.

Called by the `digest` plugin's event methods (digest/site/plugin.py);
active in every build, full or
incremental. The social meta of each page is in theme/main.html.

* The sitemap's ``<lastmod>`` is each article's own publication date, not the
  day of the build. Undated articles get no lastmod (an invented one would
  mislead crawlers). A tag page's lastmod is its newest article's date; the
  home, archive, timeline and tags pages take the newest date of the site.
* sitemap.xml.gz is rewritten to match, with no build time in its header.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath

from mkdocs.utils.meta import get_data

from digest.render import FACTS_FILE
from digest.site.reproducible import replace_file, write_gzip_copy

log = logging.getLogger("mkdocs.digest.seo")

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITE_WIDE_KINDS = frozenset({"home", "archive", "timeline", "tags"})

# Page address (as the sitemap writes it) → lastmod, filled in on_env for on_post_build.
_lastmod: dict[str, str | None] = {}


def _iso_date(value) -> str | None:
    """An ISO date from front matter (a string or a YAML date), else None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            return None
    return None


def _address(page) -> str:
    """The page's address exactly as MkDocs's sitemap template writes it."""
    return page.canonical_url or page.abs_url


def front_matter(page) -> dict:
    """The page's front matter, read from its file when MkDocs skipped it (a dirty build)."""
    if page.markdown is not None:
        return page.meta or {}
    try:
        return get_data(Path(page.file.abs_src_path).read_text(encoding="utf-8-sig"))[1]
    except (OSError, TypeError, ValueError):
        return {}


def page_lastmods(pages, facts: dict[str, dict] | None = None) -> dict[str, str | None]:
    """Sitemap address → lastmod (ISO date) or None of ``pages``, from the
    generated front matter: a page's own (when MkDocs read it), else the
    render stage's facts file, else the page's file. A tag page's date (its
    newest article's) and the site-wide pages' (the newest article's) are
    found among every page of the facts file, so that a build of some of the
    pages (digest.site.split_build) dates them as a build of all."""
    facts = facts or {}
    digests = {src: digest for src, digest in facts.items() if isinstance(digest, dict)}
    for page in pages:
        if page.markdown is not None or page.file.src_uri not in facts:
            digests[page.file.src_uri] = front_matter(page).get("digest") or {}
    newest_by_tag: dict[str, str] = {}
    newest = None
    for digest in digests.values():
        date = _iso_date(digest.get("date"))
        if digest.get("kind") != "article" or not date:
            continue
        newest = max(newest or date, date)
        for tag_id in digest.get("tags") or ():
            if date > newest_by_tag.get(tag_id, ""):
                newest_by_tag[tag_id] = date
    lastmods: dict[str, str | None] = {}
    for page in pages:
        digest = digests[page.file.src_uri]
        kind = digest.get("kind")
        if kind == "article":
            lastmods[_address(page)] = _iso_date(digest.get("date"))
        elif kind == "tag":
            lastmods[_address(page)] = newest_by_tag.get(PurePosixPath(page.file.src_uri).stem)
        elif kind in SITE_WIDE_KINDS:
            lastmods[_address(page)] = newest
        else:
            lastmods[_address(page)] = None
    return lastmods


def read_facts(docs_dir: str) -> dict[str, dict]:
    """The render stage's facts about every page ({} without the file)."""
    try:
        data = json.loads((Path(docs_dir) / FACTS_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def sitemap_xml(addresses, lastmods: dict[str, str | None]) -> str:
    """The sitemap of ``addresses`` (sorted) with their known lastmods."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NS}">']
    for address in sorted(set(addresses)):
        lines.append("  <url>")
        lines.append(f"    <loc>{_xml_escape(address)}</loc>")
        if lastmods.get(address):
            lines.append(f"    <lastmod>{lastmods[address]}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def read_sitemap(path: Path) -> dict[str, str | None]:
    """A sitemap's addresses and lastmods."""
    entries: dict[str, str | None] = {}
    for url in ET.fromstring(path.read_bytes()).iter(f"{{{SITEMAP_NS}}}url"):
        lastmod = url.find(f"{{{SITEMAP_NS}}}lastmod")
        entries[(url.findtext(f"{{{SITEMAP_NS}}}loc") or "").strip()] = \
            None if lastmod is None else (lastmod.text or "").strip() or None
    return entries


def rewrite_sitemap(site_dir: Path, lastmods: dict[str, str | None]) -> None:
    """Replace MkDocs's sitemap.xml (and .gz) lastmods by the articles' dates,
    its pages in the order of their addresses."""
    path = site_dir / "sitemap.xml"
    if not path.is_file():
        return
    replace_file(path, sitemap_xml(read_sitemap(path), lastmods).encode("utf-8"))
    write_gzip_copy(path)


def merge_sitemaps(site_dir: Path, other_dir: Path) -> None:
    """Add to ``site_dir``'s sitemap the pages of ``other_dir``'s (both
    rewritten by ``rewrite_sitemap``): a site built in two (digest.site.split_build)."""
    path = site_dir / "sitemap.xml"
    entries = {**read_sitemap(other_dir / "sitemap.xml"), **read_sitemap(path)}
    replace_file(path, sitemap_xml(entries, entries).encode("utf-8"))
    write_gzip_copy(path)


def on_env(env, config, files, **kwargs):
    """Every page's front matter is read by now: work out the lastmods."""
    pages = [f.page for f in files.documentation_pages() if f.page is not None]
    _lastmod.clear()
    _lastmod.update(page_lastmods(pages, read_facts(config.docs_dir)))
    return env


def on_post_build(config, **kwargs) -> None:
    """Rewrite the sitemap."""
    rewrite_sitemap(Path(config.site_dir), _lastmod)
