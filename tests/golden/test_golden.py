"""Golden output: the seed site's generated pages and extraction, compared file by file.

Like Pelican's tests/output/basic: any change in what the digest produces for
the seed articles shows up as a readable diff of these files. After a change
you meant, regenerate them with

    DIGEST_UPDATE_GOLDEN=1 python -m pytest tests/golden

and review the diff in git before committing.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
from pathlib import Path

from conftest import run_digest

EXPECTED = Path(__file__).parent / "seed_site"
UPDATE = os.environ.get("DIGEST_UPDATE_GOLDEN") == "1"


def produced(project: Path) -> dict[str, str]:
    files = {}
    docs = project / "build" / "docs"
    for path in sorted(docs.rglob("*.md")):
        files[f"docs/{path.relative_to(docs)}"] = path.read_text(encoding="utf-8")
    result = run_digest(project, "extract", "--json", "content")
    assert result.returncode == 0, result.stderr
    files["extract.json"] = json.dumps(json.loads(result.stdout), ensure_ascii=False, indent=1) + "\n"
    return files


def test_seed_site_matches_golden_files(built_site):
    files = produced(built_site.parent)
    if UPDATE:
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for name, text in files.items():
            (EXPECTED / name).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / name).write_text(text, encoding="utf-8")
    expected = {str(p.relative_to(EXPECTED)): p.read_text(encoding="utf-8")
                for p in sorted(EXPECTED.rglob("*")) if p.is_file()}
    assert sorted(files) == sorted(expected), "pages added or removed"
    for name, text in files.items():
        if text != expected[name]:
            diff = "".join(difflib.unified_diff(expected[name].splitlines(True), text.splitlines(True),
                                                f"expected/{name}", f"produced/{name}", n=1))
            raise AssertionError(f"{name} differs from the golden file:\n{diff[:4000]}")
