"""Theme parts that come out the same on every article or tag page are rendered once.

Material renders the whole navigation, the tabs, the search box, the palette
toggle, the footer and the app's JSON configuration for every page: at 1,000
articles about a sixth of MkDocs's work, for HTML that differs only between
folders. Jinja has no fragment cache; this hook adds one, ``digest_fragment``,
used as ``{% call digest_fragment("name") %}…{% endcall %}``: theme/main.html
wraps blocks in it, and FragmentLoader wraps each partial of CACHED. A page
shares a rendering when ``fragment_key`` says it may:

* only pages outside the nav (articles, tags): a nav page marks itself active
  in the nav and tabs, and has previous/next links in the footer;
* keyed by the page's folder, since links are relative to the page and
  siblings in one folder get the same ones, and by what the page hides;
* trusted only once two pages of a key rendered it identically, so a part an
  editor overrides in theme/ with something page-specific is rendered for
  every page again (``Fragments.keep``).
"""

from __future__ import annotations

import posixpath

from jinja2 import BaseLoader, pass_context

CACHED = ("partials/nav.html", "partials/tabs.html", "partials/search.html", "partials/palette.html",
          "partials/footer.html")
ORIGINAL = "digest-original:"  # prefix naming a partial's own source, behind the wrapper

_WRAPPER = '{%- call digest_fragment(NAME) -%}{% include ORIGINAL %}{%- endcall -%}'


class Fragments:
    """Per build: rendered parts by key, trusted once two renderings agreed."""

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
    """What a page's rendering of part ``name`` depends on, or None: not shared."""
    if page is None or nav is None or getattr(page, "url", None) is None or page in nav.pages:
        return None
    hidden = (getattr(page, "meta", None) or {}).get("hide") or ()
    return name, posixpath.dirname(page.url.rstrip("/")), tuple(hidden)


def fragment_function(fragments: Fragments):
    """``digest_fragment(name)`` for ``{% call %}``: the shared rendering, or the caller's."""

    @pass_context
    def digest_fragment(context, name: str, caller) -> str:
        key = fragment_key(name, context.get("page"), context.get("nav"))
        hit = fragments.get(key)
        return hit if hit is not None else fragments.keep(key, caller())

    return digest_fragment


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
    env.globals["digest_fragment"] = fragment_function(Fragments())  # a new build, a new cache
    return env
