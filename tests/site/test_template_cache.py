"""Material's templates are compiled once and reused from Jinja's bytecode cache."""

from __future__ import annotations

from jinja2 import DictLoader, Environment, FileSystemBytecodeCache

from digest.site.template_cache import on_env


def test_compiled_templates_are_reused_and_an_edit_is_compiled_again(tmp_path):
    cache = FileSystemBytecodeCache(str(tmp_path))
    sources = {"page.html": "<p>{{ x }}</p>"}
    env = on_env(Environment(loader=DictLoader(sources), bytecode_cache=cache), None, None)
    assert env.bytecode_cache is cache  # one set by someone else is kept
    assert env.get_template("page.html").render(x=1) == "<p>1</p>"
    assert len(list(tmp_path.iterdir())) == 1

    sources["page.html"] = "<b>{{ x }}</b>"
    fresh = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    assert fresh.get_template("page.html").render(x=2) == "<b>2</b>"


def test_a_cache_is_added_when_mkdocs_gave_none():
    env = on_env(Environment(), None, None)
    assert isinstance(env.bytecode_cache, FileSystemBytecodeCache)
