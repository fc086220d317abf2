"""Material's search parses only the part of a generated page it indexes.

Material's search plugin feeds every page's HTML to html.parser (pure Python,
a call per tag) and drops what carries ``data-search-exclude``. On an article
page that is most of the markup (breadcrumbs, labels, summary, timeline), and
parsing it was the largest single cost of MkDocs's work at 1,000 articles.
The renderer also puts every such element between NOSEARCH_OPEN and
NOSEARCH_CLOSE, and inline markup whose text alone is indexed (tag chips)
between TEXT_ONLY_OPEN and TEXT_ONLY_CLOSE (digest.render.markup). Just before
Material's handler, the page shows search a view without the first and with
only the text of the second; just after, the full page is back, without the
markers, for the theme. The index is what Material means to make of the full
page (tests/site/test_search_view.py compares them); it is cleaner than what
it made, since Material's parser tracks skipped elements by tag name and so
indexed the rest of a skipped <span> after its first inner one.
"""

from __future__ import annotations

import re

from mkdocs.plugins import CombinedEvent, event_priority

from digest.render.markup import NOSEARCH_CLOSE, NOSEARCH_OPEN, TEXT_ONLY_CLOSE, TEXT_ONLY_OPEN

_UNSEARCHED = re.compile(re.escape(NOSEARCH_OPEN) + ".*?" + re.escape(NOSEARCH_CLOSE), re.S)
_TEXT_ONLY = re.compile(re.escape(TEXT_ONLY_OPEN) + "(.*?)" + re.escape(TEXT_ONLY_CLOSE), re.S)
_TAG = re.compile(r"<[^>]*>")  # our markup escapes ">" in attribute values

# The full HTML of the page search is reading, by page source path.
_held: dict[str, str] = {}


def search_view(html: str) -> str:
    """``html`` without the spans search skips, and with only the text of those
    it needs as text: what Material's search keeps of it."""
    html = _UNSEARCHED.sub("", html)
    if TEXT_ONLY_OPEN in html:
        html = _TEXT_ONLY.sub(lambda m: _TAG.sub("", m.group(1)), html)
    return html


def without_markers(html: str) -> str:
    """``html`` as readers get it: the markers gone."""
    for marker in (NOSEARCH_OPEN, NOSEARCH_CLOSE, TEXT_ONLY_OPEN, TEXT_ONLY_CLOSE):
        html = html.replace(marker, "")
    return html


# After IncrementalSite puts the page's HTML back (100), before search (0).
@event_priority(50)
def _before_search(context, page, config, nav, **kwargs):
    content = page.content
    if not content or (NOSEARCH_OPEN not in content and TEXT_ONLY_OPEN not in content):
        return context
    if (page.meta.get("search") or {}).get("exclude"):
        page.content = without_markers(content)  # search skips the page: no view needed
    else:
        _held[page.file.src_uri] = without_markers(content)
        page.content = search_view(content)
    return context


# After search (0), before the theme renders the page.
@event_priority(-50)
def _after_search(context, page, config, nav, **kwargs):
    full = _held.pop(page.file.src_uri, None)
    if full is not None:
        page.content = full
    return context


on_page_context = CombinedEvent(_before_search, _after_search)
