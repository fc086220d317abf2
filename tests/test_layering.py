"""The shape of the code: stages import only earlier stages, and no module
imports itself back through others (ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "digest"
# ingest → kazakh → extract → render → site → orchestrate → commands → cli; importer
# (digest import) writes content files with ingest's cleaning, so it comes after extract.
STAGES = ["kazakh", "ingest", "extract", "importer", "render", "site", "orchestrate", "commands", "cli"]


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.AST, modules: set[str]) -> set[str]:
    """Modules of the package imported when the module runs (not under TYPE_CHECKING)."""
    found: set[str] = set()
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in modules}
        elif isinstance(node, ast.ImportFrom) and node.module:
            subs = {f"{node.module}.{a.name}" for a in node.names} & modules
            found |= subs or ({node.module} & modules)
        found |= _imports(node, modules)
    return found


def _graph() -> dict[str, set[str]]:
    paths = {_module(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(paths)
    return {m: _imports(ast.parse(p.read_text("utf-8")), modules) - {m} for m, p in paths.items()}


def _stage(module: str) -> int:
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else -1


def test_no_stage_imports_a_later_one():
    wrong = [(m, n) for m, deps in _graph().items() for n in deps
             if _stage(m) >= 0 and _stage(n) > _stage(m)]
    assert wrong == []


def test_no_import_cycles():
    graph = _graph()
    cycles = []
    for start in graph:  # a path back to ``start`` through what it imports
        seen, todo = set(), list(graph[start])
        while todo:
            m = todo.pop()
            if m == start:
                cycles.append(start)
                break
            if m not in seen:
                seen.add(m)
                todo.extend(graph.get(m, ()))
    assert cycles == []
