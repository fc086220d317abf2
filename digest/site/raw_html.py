"""Finished HTML in generated pages goes through Python-Markdown unparsed.

The renderer writes listing cards, tag chips, timelines and quotes as raw HTML
between RAW_OPEN and RAW_CLOSE lines (digest.render.markup). Python-Markdown
would feed each such block to html.parser (and MkDocs parses the whole page a
second time for anchor ids): at 1,000 articles that was over half of the
build. This preprocessor runs before both and puts each fenced block in
Python-Markdown's own stash, from which it is restored verbatim at the end,
exactly as a parsed raw block would be. Nothing outside the fences changes:
headings stay Markdown, so the table of contents and permalinks are MkDocs's.
"""

from __future__ import annotations

from markdown import Extension
from markdown.preprocessors import Preprocessor

from digest.render.markup import RAW_CLOSE, RAW_OPEN

# After whitespace normalisation (30), before MkDocs's anchor scan (21) and
# the HTML-block pass (20, or md_in_html's replacement of it).
PRIORITY = 25


class RawBlockPreprocessor(Preprocessor):
    """Replace each fenced block with a stash placeholder paragraph."""

    def run(self, lines: list[str]) -> list[str]:
        if RAW_OPEN not in lines:
            return lines
        out: list[str] = []
        i = 0
        while i < len(lines):
            if lines[i] != RAW_OPEN:
                out.append(lines[i])
                i += 1
                continue
            try:
                end = lines.index(RAW_CLOSE, i + 1)
            except ValueError:  # unclosed: leave the rest to Python-Markdown
                out.extend(lines[i:])
                break
            out += ["", self.md.htmlStash.store("\n".join(lines[i + 1:end])), ""]
            i = end + 1
        return out


class RawBlockExtension(Extension):
    """Python-Markdown extension registering RawBlockPreprocessor."""

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(RawBlockPreprocessor(md), "digest_raw", PRIORITY)


def on_config(config):
    """Add the extension to every page's Markdown (MkDocs accepts instances)."""
    if not any(isinstance(e, RawBlockExtension) for e in config.markdown_extensions):
        config.markdown_extensions.append(RawBlockExtension())
    return config
