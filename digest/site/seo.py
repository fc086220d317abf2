"""MkDocs event handlers for what search engines and feed readers see.

Called by the `digest` plugin's event methods (digest/site/plugin.py);
active in every build, full or
incremental. The social meta of each page is in theme/main.html.

* The sitemap's ``<lastmod>`` is each article's own publication date, not the
  day of the build. Undated articles get no lastmod (an invented one would
  mislead crawlers). A tag page's lastmod is its newest article's date; the
  home, archive, timeline and tags pages take the newest date of the site.
* sitemap.xml.gz is rewritten to match, with no build time in its header.
* Material's script downloads sitemap.xml on every page a reader opens (for
  instant navigation, which the digest does not use): 196 KB on a phone's
  first page at 10,000 articles. A site of more than
  ``SITEMAP_INDEX_ABOVE`` addresses therefore gets a sitemap index there
  (the sitemaps protocol's own way to split a sitemap), listing
  ``sitemap-1.xml``, … of at most ``SITEMAP_PART_PAGES`` addresses each.
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
SITEMAP_INDEX_ABOVE = 1000
SITEMAP_PART_PAGES = 40_000  # the protocol allows 50,000 a file
PART_NAME = "sitemap-{}.xml"

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


def sitemap_index(parts: list[tuple[str, str | None]]) -> str:
    """A sitemap index of ``parts`` (address, newest lastmod or None)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{SITEMAP_NS}">']
    for loc, lastmod in parts:
        stamp = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"  <sitemap><loc>{_xml_escape(loc)}</loc>{stamp}</sitemap>")
    lines.append("</sitemapindex>")
    return "\n".join(lines) + "\n"


def read_sitemap(path: Path) -> dict[str, str | None]:
    """A sitemap's addresses and lastmods (an index's: those of the sitemaps
    it lists, read from the same folder)."""
    root = ET.fromstring(path.read_bytes())
    if root.tag == f"{{{SITEMAP_NS}}}sitemapindex":
        entries: dict[str, str | None] = {}
        for loc in root.iter(f"{{{SITEMAP_NS}}}loc"):
            entries.update(read_sitemap(path.with_name(PurePosixPath((loc.text or "").strip()).name)))
        return entries
    entries = {}
    for url in root.iter(f"{{{SITEMAP_NS}}}url"):
        lastmod = url.find(f"{{{SITEMAP_NS}}}lastmod")
        entries[(url.findtext(f"{{{SITEMAP_NS}}}loc") or "").strip()] = \
            None if lastmod is None else (lastmod.text or "").strip() or None
    return entries


def write_sitemap(site_dir: Path, lastmods: dict[str, str | None]) -> None:
    """sitemap.xml (and .gz) of the addresses in ``lastmods``: the sitemap
    itself, or above ``SITEMAP_INDEX_ABOVE`` addresses an index of parts."""
    addresses = sorted(lastmods)
    parts = [] if len(addresses) <= SITEMAP_INDEX_ABOVE else [
        addresses[i:i + SITEMAP_PART_PAGES] for i in range(0, len(addresses), SITEMAP_PART_PAGES)]
    names = [PART_NAME.format(n) for n in range(1, len(parts) + 1)]
    prune_sitemap_parts(site_dir, keep=names)
    for name, part in zip(names, parts):
        replace_file(site_dir / name, sitemap_xml(part, lastmods).encode("utf-8"))
    root = min(addresses, key=len, default="")
    if not all(a.startswith(root) for a in addresses):
        root = ""
    newest = [max((lastmods[a] for a in part if lastmods[a]), default=None) for part in parts]
    text = sitemap_index([(root + name, date) for name, date in zip(names, newest)]) if parts \
        else sitemap_xml(addresses, lastmods)
    replace_file(site_dir / "sitemap.xml", text.encode("utf-8"))
    write_gzip_copy(site_dir / "sitemap.xml")


def prune_sitemap_parts(site_dir: Path, keep: list[str] | None = None) -> None:
    """Delete the sitemap parts the site's sitemap.xml does not list (``keep``:
    those to keep, when it is about to be written): a site that shrank, or a
    dirty build's overlay moved in."""
    if keep is None:
        try:
            root = ET.fromstring((site_dir / "sitemap.xml").read_bytes())
            keep = [PurePosixPath((loc.text or "").strip()).name
                    for loc in root.iter(f"{{{SITEMAP_NS}}}loc")] if root.tag.endswith("sitemapindex") else []
        except (OSError, ET.ParseError):
            return
    for old in site_dir.glob(PART_NAME.format("*")):
        if old.name not in keep:
            old.unlink()


def rewrite_sitemap(site_dir: Path, lastmods: dict[str, str | None]) -> None:
    """Replace MkDocs's sitemap.xml (and .gz) lastmods by the articles' dates,
    its pages in the order of their addresses."""
    path = site_dir / "sitemap.xml"
    if not path.is_file():
        return
    write_sitemap(site_dir, {address: lastmods.get(address) for address in read_sitemap(path)})


def merge_sitemaps(site_dir: Path, other_dir: Path) -> None:
    """Add to ``site_dir``'s sitemap the pages of ``other_dir``'s (both
    rewritten by ``rewrite_sitemap``): a site built in two (digest.site.split_build)."""
    write_sitemap(site_dir, {**read_sitemap(other_dir / "sitemap.xml"), **read_sitemap(site_dir / "sitemap.xml")})


def on_env(env, config, files, **kwargs):
    """Every page's front matter is read by now: work out the lastmods."""
    pages = [f.page for f in files.documentation_pages() if f.page is not None]
    _lastmod.clear()
    _lastmod.update(page_lastmods(pages, read_facts(config.docs_dir)))
    return env


def on_post_build(config, **kwargs) -> None:
    """Rewrite the sitemap."""
    rewrite_sitemap(Path(config.site_dir), _lastmod)
