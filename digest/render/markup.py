"""Turning article text into safe Markdown and HTML: text stays text.

Article text is written into generated Markdown, so every character that
Markdown or HTML would read as syntax is escaped; the page then shows exactly
what the author wrote and nothing in an article becomes markup or script.
"""

from __future__ import annotations

import html
import json
import re

# Python-Markdown's escapable characters (its ESCAPED_CHARS, plus '|' from the
# tables extension, which mkdocs.yml enables): a backslash before each makes it
# literal. '<', '>' and '&' become entities instead. Escaping any other
# character would leave a visible backslash, so the list is exactly this.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def md_escape(text: str) -> str:
    """Escape text for a Markdown paragraph or heading (one line)."""
    text = " ".join(text.split())
    text = html.escape(text, quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def h(text: str) -> str:
    """Escape text for HTML content or attribute values."""
    return html.escape(" ".join(str(text).split()), quote=True)


# Raw HTML blocks of generated pages sit between these two comment lines. The
# digest's Markdown extension (digest/site/raw_html.py) stashes what is between
# them as it is, unparsed: Python-Markdown would otherwise run html.parser over
# every raw block twice (its own HTML-block pass and MkDocs's anchor scan),
# which was most of a build's time. The text inside is ours, escaped with h(),
# so an article can never produce either line.
RAW_OPEN = "<!-- digest:raw -->"
RAW_CLOSE = "<!-- /digest:raw -->"


def raw_html(markup: str) -> str:
    """A block of finished HTML for a generated page, passed through unparsed."""
    return f"{RAW_OPEN}\n{markup.strip()}\n{RAW_CLOSE}\n\n"


# What search must not index carries Material's data-search-exclude attribute,
# which decides, and sits between these two comments as well: the digest
# plugin then hands Material's search parser the page without it
# (digest/site/search_view.py) instead of having html.parser walk markup that
# is thrown away, which was most of the search plugin's time. Only ever around
# whole elements of ours, inside raw blocks, never around article text alone.
NOSEARCH_OPEN = "<!--digest:nosearch-->"
NOSEARCH_CLOSE = "<!--/digest:nosearch-->"


# Between these, search needs only the text: the view drops the tags (links
# and spans only, none of the <p>, <li>… that Material keeps in its index).
TEXT_ONLY_OPEN = "<!--digest:searchtext-->"
TEXT_ONLY_CLOSE = "<!--/digest:searchtext-->"


# Characters YAML will not read raw inside a quoted scalar: line breaks it
# would fold (NEL, LINE and PARAGRAPH SEPARATOR) and what it refuses as
# non-printable. JSON's \\u escapes give YAML the same characters.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def front_matter(data: dict) -> str:
    """Front matter written by a serializer, never by hand: JSON, which is
    YAML (MkDocs reads it with PyYAML), written 25 times faster than PyYAML
    writes YAML (most of rendering, with the pages' data for the theme).

    A title with a quote hand-formatted into YAML makes MkDocs show the front
    matter as body text; a serializer quotes whatever needs quoting.
    """
    # MkDocs and Material print page titles and descriptions as HTML, unescaped
    # (<title>, the header, meta description), so they are stored escaped.
    data = {k: html.escape(v, quote=True) if k in ("title", "description") and isinstance(v, str) else v
            for k, v in data.items()}
    body = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    body = _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", body)
    return f"---\n{body}\n---\n\n"
