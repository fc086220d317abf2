"""The generated pages' front matter, read as the JSON it is.

Render writes each page's data as one line of JSON between ``---`` fences
(``render.markup.front_matter``): JSON is YAML, so MkDocs (and Zensical,
which runs no plugin) read the page as it is. MkDocs reads it with PyYAML,
which builds its Python objects node by node even with libyaml's parser:
at 1,000 articles that was about a quarter of the site build (the tag pages'
cards and timelines are most of the data). With the `digest` plugin, the
page is read here instead: its front matter decoded by ``json`` (C, the same
dict), and MkDocs handed the body behind an empty front matter, so that it
finds no data to parse; ``on_page_markdown`` then gives the page its data.

Only a page whose front matter is a JSON object is read this way; any other
page (a hand-written one) is left to MkDocs. MkDocs 1.6 marks
``on_page_read_source`` deprecated in favour of setting a File's content in
``on_files``, but a File given content always counts as modified, which
would make every dirty build full; the event is public and MkDocs 1.x takes
no new releases.
"""

from __future__ import annotations

import json

OPENING = "---\n{"
CLOSING = "\n---\n"
EMPTY = "---\n{}\n---\n"


def split(source: str) -> tuple[dict, str] | None:
    """A page's source as (its front matter's data, its body as MkDocs would
    leave it), or None when the front matter is not one JSON object."""
    if not source.startswith(OPENING):
        return None
    end = source.find(CLOSING, len(OPENING) - 1)
    if end < 0:
        return None
    try:
        data = json.loads(source[len(OPENING) - 1:end])
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    return data, source[end + len(CLOSING):].lstrip("\n")


class JsonFrontMatter:
    """Reads the pages' JSON front matter for MkDocs (the plugin's two events)."""

    def __init__(self) -> None:
        self._data: dict[str, dict] = {}

    def read_source(self, page) -> str | None:
        """``on_page_read_source``: the page's body behind an empty front matter, its data kept."""
        path = page.file.abs_src_path
        if path is None:
            return None
        try:
            with open(path, encoding="utf-8-sig") as handle:  # as MkDocs's File.content_string reads
                parts = split(handle.read())
        except (OSError, ValueError):
            return None  # MkDocs reads it again, and reports the error as it does
        if parts is None:
            return None
        self._data[page.file.src_uri], body = parts
        return EMPTY + body

    def give_meta(self, page) -> None:
        """``on_page_markdown``: the page's data, decoded when its source was read."""
        data = self._data.pop(page.file.src_uri, None)
        if data is not None:
            page.meta.update(data)

    def give_pending(self, files) -> None:
        """``on_env``: the data of pages read outside MkDocs's page loop (the
        home page, which dirty builds read for its labels without rendering it)."""
        for file in files.documentation_pages():
            if file.page is not None and file.src_uri in self._data:
                self.give_meta(file.page)
