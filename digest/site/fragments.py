"""Theme partials that come out the same on every article or tag page are rendered once.

Material renders the whole navigation, the tabs, the search box and the
palette toggle for every page: at 1,000 articles about a tenth of MkDocs's
work, for HTML that differs only between folders. Jinja has no fragment
cache, so this hook serves each partial of CACHED through a small wrapper
template (FragmentLoader) that asks ``digest_fragment_key`` whether the page
may share it:

* only pages outside the nav (articles, tags): a nav page marks itself active
  in the nav and tabs;
* keyed by the page's folder: links in the partials are relative to the page,
  and siblings in one folder get the same ones;
* trusted only once two pages of a key rendered it identically, so a partial
  an editor overrides in theme/ with something page-specific is rendered for
  every page again (``Fragments.keep``).
"""

from __future__ import annotations

import posixpath

from jinja2 import BaseLoader

CACHED = ("partials/nav.html", "partials/tabs.html", "partials/search.html", "partials/palette.html")
ORIGINAL = "digest-original:"  # prefix naming a partial's own source, behind the wrapper

_WRAPPER = """\
{%- set digest_key = digest_fragment_key(NAME, page, nav) -%}
{%- set digest_hit = digest_fragments.get(digest_key) -%}
{%- if digest_hit is not none -%}{{ digest_hit }}{%- else -%}
{%- set digest_html -%}{% include ORIGINAL %}{%- endset -%}
{{- digest_fragments.keep(digest_key, digest_html) -}}
{%- endif -%}"""


class Fragments:
    """Per build: partials' HTML by key, trusted once two renderings agreed."""

    def __init__(self) -> None:
        self._trusted: dict[tuple, str] = {}
        self._first: dict[tuple, str] = {}
        self._untrusted: set[tuple] = set()

    def get(self, key: tuple | None) -> str | None:
        return self._trusted.get(key) if key is not None else None

    def keep(self, key: tuple | None, html: str) -> str:
        """Record a rendering of ``key``; return it for the page."""
        if key is None or key in self._untrusted:
            return html
        first = self._first.pop(key, None)
        if first is None:
            self._first[key] = html
        elif first == html:
            self._trusted[key] = html
        else:
            self._untrusted.add(key)
        return html


def fragment_key(name: str, page, nav) -> tuple | None:
    """What a page's rendering of partial ``name`` depends on, or None: not shared."""
    if page is None or nav is None or getattr(page, "url", None) is None or page in nav.pages:
        return None
    return name, posixpath.dirname(page.url.rstrip("/"))


class FragmentLoader(BaseLoader):
    """The theme's loader, with the wrapper in place of each partial of CACHED.

    ``digest-original:<name>`` gives the partial itself (the project's
    override in theme/ if there is one, else Material's).
    """

    def __init__(self, inner: BaseLoader):
        self.inner = inner

    def get_source(self, environment, template):
        if template.startswith(ORIGINAL):
            return self.inner.get_source(environment, template[len(ORIGINAL):])
        if template in CACHED:
            _, filename, uptodate = self.inner.get_source(environment, template)
            source = _WRAPPER.replace("NAME", repr(template)).replace("ORIGINAL", repr(ORIGINAL + template))
            return source, filename, uptodate
        return self.inner.get_source(environment, template)

    def list_templates(self):
        return self.inner.list_templates()


def on_env(env, config, files, **kwargs):
    if not isinstance(env.loader, FragmentLoader):
        env.loader = FragmentLoader(env.loader)
    env.globals["digest_fragment_key"] = fragment_key
    env.globals["digest_fragments"] = Fragments()  # a new build, a new cache
    return env
