"""The `digest` MkDocs plugin: every MkDocs event the digest handles, as this plugin's methods.

Registered through the package's entry point (a ``hooks:`` path in mkdocs.yml
would resolve only inside this repository). Each method hands its event to
the module that does the work; MkDocs dispatches the events itself, in the
priority order of ``@event_priority``.

Options (mkdocs.yml, or ``digest serve``, which sets them through MkDocs's
configuration overrides):

* ``serve``: regenerate the pages before each build (`digest serve`: MkDocs's
  live-reload server then watches content/, site_config/ and theme/);
* ``content``: the article folder `digest serve` reads (default: content/).
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin

from digest.site import pagefind_index, privacy, search_index, seo, serve_hooks


class DigestPluginConfig(base.Config):
    serve = c.Type(bool, default=False)
    content = c.Optional(c.Type(str))


class DigestPlugin(BasePlugin[DigestPluginConfig]):
    """MkDocs glue of the digest (see the modules each event names)."""

    def on_config(self, config):
        if self.config.serve:
            serve_hooks.add_incremental_site(config)
        return config

    def on_pre_build(self, *, config) -> None:
        if self.config.serve:
            serve_hooks.regenerate(config, self.config.content)

    def on_files(self, files, *, config):
        files = privacy.without_source_maps(files)
        return search_index.on_files(files, config)

    def on_env(self, env, *, config, files):
        return seo.on_env(env, config, files)

    def on_post_build(self, *, config) -> None:
        seo.on_post_build(config)
        if self.config.serve:  # `digest build` indexes the finished site itself
            pagefind_index.index_preview(config)
