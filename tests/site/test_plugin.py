"""The digest plugin forwards MkDocs events to every hook module that handles them."""

from __future__ import annotations

import types

from mkdocs.plugins import BasePlugin, CombinedEvent, PluginCollection, event_priority

from digest.site import plugin


def probe(*modules) -> plugin.DigestPlugin:
    """A digest plugin forwarding to ``modules`` instead of HOOK_MODULES."""
    cls = type("Probe", (plugin.DigestPlugin,), {"modules": list(modules)})
    plugin.define_events(cls)
    return cls()


def test_events_chain_through_modules_in_order():
    calls = []
    first = types.SimpleNamespace(on_page_markdown=lambda md, **kw: md + " one", on_post_build=lambda **kw: calls.append(1))
    second = types.SimpleNamespace(on_page_markdown=lambda md, **kw: None, on_post_build=lambda **kw: calls.append(2))
    third = types.SimpleNamespace(on_page_markdown=lambda md, **kw: md + " three")
    instance = probe(first, second, third)
    assert instance.on_page_markdown("x", page=None) == "x one three"
    assert instance.on_post_build(config={}) is None
    assert calls == [1, 2]
    assert not hasattr(instance, "on_page_content")  # no module handles it


def test_handlers_keep_their_priorities_among_other_plugins():
    """A module's early and late handlers (CombinedEvent) run before and after another
    plugin's default-priority handler; its plain handler runs beside that one, in config order."""
    early = event_priority(50)(lambda md, **kw: md + " early")
    late = event_priority(-50)(lambda md, **kw: md + " late")
    combined = types.SimpleNamespace(on_page_markdown=CombinedEvent(early, late))
    plain = types.SimpleNamespace(on_page_markdown=lambda md, **kw: md + " plain")

    class Other(BasePlugin):
        def on_page_markdown(self, markdown, **kwargs):
            return markdown + " other"

    plugins = PluginCollection()
    plugins["other"] = Other()
    plugins["digest"] = probe(combined, plain)
    out = plugins.run_event("page_markdown", "x", page=None, config=None, files=None)
    assert out == "x early other plain late"


def test_plugin_is_registered_for_mkdocs():
    from importlib.metadata import entry_points

    names = {ep.name: ep.value for ep in entry_points(group="mkdocs.plugins")}
    assert names.get("digest") == "digest.site.plugin:DigestPlugin"


def test_the_installed_plugin_has_the_search_view_around_search():
    """digest.site.search_view must run before Material's search (priority 0) and after it."""
    handlers = plugin.DigestPlugin.__dict__["on_page_context"]
    assert isinstance(handlers, CombinedEvent)
    assert sorted(h.mkdocs_priority for h in handlers.methods) == [-50, 50]


def test_no_source_maps_published(built_site):
    # They quote Material's source, CDN addresses included; only developer tools fetch them.
    assert not list(built_site.rglob("*.map"))
