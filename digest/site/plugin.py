"""The `digest` MkDocs plugin: one entry point for all of our MkDocs event handlers.

A `hooks:` list in mkdocs.yml names files relative to mkdocs.yml, which breaks
as soon as a project lives anywhere but in this repository; a plugin registered
through the package's entry point is found wherever digest is installed.

Each module in HOOK_MODULES defines plain MkDocs event functions (on_pre_build,
on_post_build, on_page_context, …) with the signatures of MkDocs's `hooks:`
files; the plugin forwards every event to each module that defines it, in
order, chaining returned values as MkDocs itself does. A handler keeps its
``@event_priority``, and a module may give one event several handlers with
MkDocs's ``CombinedEvent``: the plugin registers one forwarder per priority.
"""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

HOOK_MODULES = (
    "digest.site.raw_html",  # generated pages' finished HTML goes through Markdown unparsed
    "digest.site.search_view",  # search parses only what it indexes of generated pages
    "digest.site.template_cache",  # Material's templates compiled once, not on every build
    "digest.site.fragments",  # partials shared by article and tag pages rendered once per folder
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


def _handlers(event: str, modules: list[ModuleType]) -> list:
    """Every module's handlers of ``event``, in module order (a CombinedEvent gives several)."""
    found = []
    for module in modules:
        handler = getattr(module, f"on_{event}", None)
        if isinstance(handler, CombinedEvent):
            found.extend(handler.methods)
        elif handler is not None:
            found.append(handler)
    return found


def _priority(handler) -> float:
    return getattr(handler, "mkdocs_priority", 0)


def _forwarder(event: str, handlers: list):
    def forward(self, *args, **kwargs):
        item = args[0] if args else None
        for handler in handlers:
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


def define_events(cls: type[DigestPlugin]) -> None:
    """Give ``cls`` the events its modules handle, and only those (MkDocs registers
    a plugin for every on_* method it has): one forwarder per priority asked for."""
    for event in EVENTS:
        handlers = _handlers(event, cls.modules)
        priorities = sorted({_priority(h) for h in handlers}, reverse=True)
        forwarders = [event_priority(p)(_forwarder(event, [h for h in handlers if _priority(h) == p]))
                      for p in priorities]
        if len(forwarders) == 1:
            setattr(cls, f"on_{event}", forwarders[0])
        elif forwarders:
            for n, forwarder in enumerate(forwarders):
                forwarder.__name__ = f"_on_{event}_{n}"  # CombinedEvent's parts must not be named on_*
            setattr(cls, f"on_{event}", CombinedEvent(*forwarders))


DigestPlugin.modules = _modules()
define_events(DigestPlugin)
