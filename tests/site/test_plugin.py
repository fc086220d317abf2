"""The `digest` MkDocs plugin: its events and options (digest/site/plugin.py)."""

from __future__ import annotations

import pytest

from digest.site import plugin


def test_plugin_is_registered_for_mkdocs():
    from importlib.metadata import entry_points

    names = {ep.name: ep.value for ep in entry_points(group="mkdocs.plugins")}
    assert names.get("digest") == "digest.site.plugin:DigestPlugin"


def test_the_plugin_handles_events_as_methods_mkdocs_dispatches():
    """No forwarding machinery: MkDocs finds the plugin's on_* methods itself."""
    from mkdocs.plugins import PluginCollection

    plugins = PluginCollection()
    plugins["digest"] = plugin.DigestPlugin()
    for event in ("config", "pre_build", "files", "env", "post_build"):
        assert plugins.events[event], event


def test_serve_options_are_plugin_configuration(tmp_path):
    """`digest serve` sets the plugin's options through MkDocs's overrides, no environment."""
    from mkdocs.config import load_config

    from digest.orchestrate.serve import preview_plugins
    from conftest import make_project

    root = make_project(tmp_path / "p", seeds=False)
    (root / "build" / "docs").mkdir(parents=True)
    plugins = preview_plugins(root / "mkdocs.yml", root / "content")
    config = load_config(config_file=str(root / "mkdocs.yml"), plugins=plugins)
    options = config.plugins["digest"].config
    assert options.serve is True and options.content == str((root / "content").resolve())
    assert load_config(config_file=str(root / "mkdocs.yml")).plugins["digest"].config.serve is False


def test_a_wrong_plugin_option_is_a_configuration_error(tmp_path):
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    from conftest import make_project

    root = make_project(tmp_path / "p", seeds=False)
    (root / "build" / "docs").mkdir(parents=True)
    with pytest.raises((Abort, ConfigurationError)):
        load_config(config_file=str(root / "mkdocs.yml"), plugins=[{"digest": {"serve": "yes please"}}])


def test_no_source_maps_published(built_site):
    # They quote Material's source, CDN addresses included; only developer tools fetch them.
    assert not list(built_site.rglob("*.map"))
