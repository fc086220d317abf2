"""Partials shared by pages outside the nav are rendered once per folder, and the site is unchanged."""

from __future__ import annotations

import types

import jinja2
import pytest

from digest.site import fragments
from digest.site.fragments import CACHED, Fragments, FragmentLoader, fragment_key

from conftest import make_project
from test_incremental import assert_same_site, build, generate


def _page(url: str):
    return types.SimpleNamespace(url=url)


def test_only_pages_outside_the_nav_share_and_by_folder():
    home, tags = _page(""), _page("tags/")
    nav = types.SimpleNamespace(pages=[home, tags])
    one, two, tag = _page("articles/one/"), _page("articles/two/"), _page("tags/belarus/")
    assert fragment_key("partials/nav.html", one, nav) == fragment_key("partials/nav.html", two, nav)
    assert fragment_key("partials/nav.html", one, nav) != fragment_key("partials/nav.html", tag, nav)
    assert fragment_key("partials/nav.html", one, nav) != fragment_key("partials/tabs.html", one, nav)
    assert fragment_key("partials/nav.html", tags, nav) is None  # in the nav: it marks itself active
    assert fragment_key("partials/nav.html", None, nav) is None  # 404 and other static templates
    hiding = types.SimpleNamespace(url="articles/three/", meta={"hide": ["footer"]})
    assert fragment_key("partials/nav.html", hiding, nav) != fragment_key("partials/nav.html", one, nav)


def test_a_fragment_is_trusted_once_two_renderings_agree():
    cache = Fragments()
    key = ("partials/nav.html", "articles")
    assert cache.keep(key, "<nav>a</nav>") == "<nav>a</nav>" and cache.get(key) is None
    cache.keep(key, "<nav>a</nav>")
    assert cache.get(key) == "<nav>a</nav>"


def test_a_fragment_that_differs_between_pages_is_never_shared():
    cache = Fragments()
    key = ("partials/search.html", "articles")
    cache.keep(key, "<p>one</p>")
    cache.keep(key, "<p>two</p>")
    cache.keep(key, "<p>two</p>")
    cache.keep(key, "<p>two</p>")
    assert cache.get(key) is None


def _env(partial: str) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader({"partials/search.html": partial, "page.html":
                                                       '[{% include "partials/search.html" %}]'}))
    fragments.on_env(env, config=None, files=None)
    return env


def test_the_wrapper_renders_the_partial_itself_and_then_the_shared_copy():
    env = _env("{{ counter.append(1) or '' }}<form>{{ page.url }}</form>")
    calls: list[int] = []
    nav = types.SimpleNamespace(pages=[])
    # A partial that shows the page's URL differs between siblings: never shared.
    out = [env.get_template("page.html").render(page=_page(f"articles/{n}/"), nav=nav, counter=calls)
           for n in range(4)]
    assert out == [f"[<form>articles/{n}/</form>]" for n in range(4)]
    assert len(calls) == 4

    env = _env("{{ counter.append(1) or '' }}<form>search</form>")
    calls.clear()
    out = [env.get_template("page.html").render(page=_page(f"articles/{n}/"), nav=nav, counter=calls)
           for n in range(5)]
    assert out == ["[<form>search</form>]"] * 5
    assert len(calls) == 2  # rendered twice, then shared


def test_the_loader_leaves_other_templates_alone():
    inner = jinja2.DictLoader({"main.html": "main", "partials/nav.html": "nav"})
    loader = FragmentLoader(inner)
    env = jinja2.Environment(loader=loader)
    assert loader.get_source(env, "main.html")[0] == "main"
    assert "digest_fragment" in loader.get_source(env, "partials/nav.html")[0]
    assert loader.get_source(env, fragments.ORIGINAL + "partials/nav.html")[0] == "nav"
    assert "partials/nav.html" in CACHED


@pytest.mark.slow
def test_a_site_built_with_shared_fragments_equals_one_without(tmp_path, monkeypatch):
    root = make_project(tmp_path / "p", generate(6, seed=11))
    build(root, "site")
    monkeypatch.setattr(fragments, "CACHED", ())
    build(root, "site_plain")
    assert_same_site(root / "site", root / "site_plain")
