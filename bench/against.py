"""A full build with this code beside the same build with the code of another commit.

    python bench/against.py COMMIT [--n 1000] [--rounds 2]

Checks COMMIT out into a temporary git worktree, makes two projects of the
same N pseudo-articles (bench/corpus.py), each with its own code's
mkdocs.yml, theme/ and site_config/, and times a cold full `digest build`
(no build/, no site/) of each, alternately (``--rounds`` times, the machine
being noisy), each with its own code on PYTHONPATH. Prints each time and the
ratio of the medians (this code / COMMIT's). Issue 23's budget: a full build
of N = 1,000 at most 1.25× the one of the round's start (127e842).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from corpus import generate  # noqa: E402
from run import PROJECT_FILES, machine, load, run_measured  # noqa: E402


def project_of(code: Path, target: Path, articles: dict[str, str]) -> Path:
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = code / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    (target / "content").mkdir()
    for name, text in articles.items():
        (target / "content" / name).write_text(text, encoding="utf-8")
    return target


def cold_build(code: Path, project: Path) -> float:
    for name in ("build", "site", "slugs.lock.yml"):
        path = project / name
        (shutil.rmtree if path.is_dir() else Path.unlink)(path) if path.exists() else None
    env = {"PYTHONPATH": str(code)}
    return run_measured([sys.executable, "-m", "digest.cli", "build"], project, env)["seconds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("commit")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="digest-against-"))
    old = work / "code"
    try:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old), args.commit],
                       check=True, capture_output=True)
        articles = generate(args.n, seed=0)
        projects = {"this code": (ROOT, project_of(ROOT, work / "new", articles)),
                    args.commit: (old, project_of(old, work / "old", articles))}
        times: dict[str, list[float]] = {label: [] for label in projects}
        print(f"N = {args.n}; {machine()}; load average {load()}", flush=True)
        for _ in range(args.rounds):
            for label, (code, project) in projects.items():
                times[label].append(cold_build(code, project))
                print(f"{label}: {times[label][-1]:.1f} s", flush=True)
        new, before = (statistics.median(times[label]) for label in projects)
        print(f"full build, this code / {args.commit}: {new:.1f} s / {before:.1f} s = {new / before:.2f}× "
              f"(medians of {args.rounds}); load average after {load()}")
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
