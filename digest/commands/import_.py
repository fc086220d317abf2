"""`digest import`: saved news pages and URLs → content/YYYY-MM-DD-<slug>.md.

Parses nothing itself beyond finding the project; the work is digest.importer's.
Prints a line per source (what was written, or why it was refused) and exits 1
when anything was refused.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.text import Text

from digest.config import find_project_root, load_config
from digest.importer import import_sources
from digest.model import DigestError

# Not digest.commands.common's consoles: that module brings the whole build
# pipeline, a third of an import's time, and an import needs none of it.
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def run(sources: list[str], content: str | None) -> int:
    try:
        root = find_project_root()
        config = load_config(root)
        content_dir = Path(content) if content else root / "content"
    except DigestError as exc:
        err.print(f"error: {exc}", markup=False)
        return 1
    results = import_sources(sources, content_dir, config)
    for r in results:
        if r.error:
            err.print(Text.assemble(("refused  ", "bold red"), f"{r.source}: {r.error}"))
            continue
        made = _shown(Path(r.path)) + (f" + {_shown(content_dir / r.image)}" if r.image else "")
        out.print(Text.assemble(("written  ", "green"), f"{r.source}  →  {made}"))
        dropped = f"; boilerplate lines dropped: {r.removed}" if r.removed else ""
        out.print(f"         {r.title} ({r.date or 'no date'}){dropped}", markup=False)
        for warning in r.warnings:
            out.print(Text.assemble("         ", ("warning:", "yellow"), f" {warning}"))
    refused = sum(1 for r in results if r.error)
    out.print(f"{len(results)} sources: {len(results) - refused} written, {refused} refused", markup=False)
    return 1 if refused else 0


def _shown(path: Path) -> str:
    """A written file as the editor finds it: from the current folder when it is under it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
