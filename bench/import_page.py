"""How long `digest import` of a saved page takes, as an editor waits for it.

Copies the project's configuration and the saved-page fixture (its _files
folder too) into a temporary folder, then runs the installed command once per
round into an empty content/ and prints each round's wall and CPU time. The
issue's target: under 1 s.

    python bench/import_page.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "importer" / "fixtures"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    script = shutil.which("digest")  # the console script an editor runs
    command = [script] if script else [sys.executable, "-m", "digest.cli"]
    with tempfile.TemporaryDirectory() as temp:
        project = Path(temp)
        for name in ("mkdocs.yml", "site_config", "theme"):
            source = REPO / name
            (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
        shutil.copy(FIXTURES / "saved_page.html", project / "saved_page.html")
        shutil.copytree(FIXTURES / "saved_page_files", project / "saved_page_files")
        print("running:", " ".join(command), "import saved_page.html")
        for n in range(rounds):
            shutil.rmtree(project / "content", ignore_errors=True)
            (project / "content").mkdir()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            result = subprocess.run([*command, "import", "saved_page.html"],
                                    cwd=project, capture_output=True, text=True)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            assert result.returncode == 0, result.stdout + result.stderr
            print(f"round {n + 1}: {wall:.2f} s wall, {cpu:.2f} s CPU")


if __name__ == "__main__":
    main()
