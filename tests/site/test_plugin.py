"""The digest plugin forwards MkDocs events to every hook module that handles them."""

from __future__ import annotations

import types

from digest.site import plugin


def test_events_chain_through_modules_in_order():
    calls = []
    first = types.SimpleNamespace(on_page_markdown=lambda md, **kw: md + " one", on_post_build=lambda **kw: calls.append(1))
    second = types.SimpleNamespace(on_page_markdown=lambda md, **kw: None, on_post_build=lambda **kw: calls.append(2))
    third = types.SimpleNamespace(on_page_markdown=lambda md, **kw: md + " three")
    instance = plugin.DigestPlugin()
    instance.modules = [first, second, third]
    assert plugin._forwarder("page_markdown")(instance, "x", page=None) == "x one three"
    assert plugin._forwarder("post_build")(instance, config={}) is None
    assert calls == [1, 2]


def test_plugin_is_registered_for_mkdocs():
    from importlib.metadata import entry_points

    names = {ep.name: ep.value for ep in entry_points(group="mkdocs.plugins")}
    assert names.get("digest") == "digest.site.plugin:DigestPlugin"


def test_no_source_maps_published(built_site):
    # They quote Material's source, CDN addresses included; only developer tools fetch them.
    assert not list(built_site.rglob("*.map"))
