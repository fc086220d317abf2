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
from mkdocs.plugins import BasePlugin, event_priority

from digest.site import pagefind_index, privacy, search_index, seo, serve_hooks
from digest.site.front_matter import JsonFrontMatter
from digest.switches import switched_off


class DigestPluginConfig(base.Config):
    serve = c.Type(bool, default=False)
    content = c.Optional(c.Type(str))


class DigestPlugin(BasePlugin[DigestPluginConfig]):
    """MkDocs glue of the digest (see the modules each event names)."""

    def __init__(self) -> None:
        super().__init__()
        self.front_matter = JsonFrontMatter()

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

    def on_page_read_source(self, *, page, config):
        return None if switched_off("json_front_matter") else self.front_matter.read_source(page)

    @event_priority(100)  # the page's data before any other plugin looks at it
    def on_page_markdown(self, markdown, *, page, config, files):
        self.front_matter.give_meta(page)
        return markdown

    @event_priority(50)  # after the incremental build's (100) has read the home page
    def on_env(self, env, *, config, files):
        self.front_matter.give_pending(files)
        return seo.on_env(env, config, files)

    def on_post_build(self, *, config) -> None:
        seo.on_post_build(config)
        if self.config.serve:  # `digest build` indexes the finished site itself
            pagefind_index.index_preview(config)
