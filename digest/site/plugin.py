"""The `digest` MkDocs plugin: one entry point for all of our MkDocs event handlers.

A `hooks:` list in mkdocs.yml names files relative to mkdocs.yml, which breaks
as soon as a project lives anywhere but in this repository; a plugin registered
through the package's entry point is found wherever digest is installed.

Each module in HOOK_MODULES defines plain MkDocs event functions (on_pre_build,
on_post_build, on_page_context, …) with the signatures of MkDocs's `hooks:`
files; the plugin forwards every event to each module that defines it, in
order, chaining returned values as MkDocs itself does.
"""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

from mkdocs.plugins import BasePlugin

HOOK_MODULES = (
    "digest.site.raw_html",  # generated pages' finished HTML goes through Markdown unparsed
    "digest.site.template_cache",  # Material's templates compiled once, not on every build
    "digest.site.serve_hooks",  # regenerates pages before each `digest serve` rebuild
    "digest.site.search_index",  # Kazakh search: builds lunr.kk (stemmer, Latin input) for the worker
    "digest.site.seo",  # sitemap dates, social meta
)

EVENTS = (
    "startup", "shutdown", "serve", "config", "pre_build", "files", "nav", "env", "post_build",
    "build_error", "pre_template", "template_context", "post_template", "pre_page",
    "page_read_source", "page_markdown", "page_content", "page_context", "post_page",
)
# Events MkDocs calls with the object to transform as first argument.
_CHAINED = {"config", "files", "nav", "env", "template_context", "post_template", "pre_page",
            "page_markdown", "page_content", "page_context", "post_page", "serve"}


def _modules() -> list[ModuleType]:
    return [importlib.import_module(name) for name in HOOK_MODULES if importlib.util.find_spec(name)]


def _forwarder(event: str):
    def forward(self, *args, **kwargs):
        item = args[0] if args else None
        for module in self.modules:
            handler = getattr(module, f"on_{event}", None)
            if handler is None:
                continue
            if event in _CHAINED:
                result = handler(item, **kwargs)
                item = item if result is None else result
            else:
                handler(*args, **kwargs)
        return item if event in _CHAINED else None

    forward.__name__ = f"on_{event}"
    forward.__doc__ = f"Forward MkDocs's {event} event to our hook modules."
    return forward


class DigestPlugin(BasePlugin):
    """Forwards MkDocs events to the digest's hook modules."""

    modules: list[ModuleType] = []


# Define only the events some module handles: MkDocs registers a plugin for
# every on_* method it has, and event priorities stay the modules' own business.
DigestPlugin.modules = _modules()
for _event in EVENTS:
    if any(hasattr(m, f"on_{_event}") for m in DigestPlugin.modules):
        setattr(DigestPlugin, f"on_{_event}", _forwarder(_event))
