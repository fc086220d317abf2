"""What the search index's segments (``search_segment_pages``) cost and save, side by side in one run.

For each segment size, on the same N pseudo-articles (bench/corpus.py): a
cold full build (time, peak RSS of the largest process and of all the
build's processes), then adding one article (time; the segments Pagefind
ran again). A phone's first search over each resulting site is measured by
bench/search_speed.py (``--keep DIR`` keeps the sites for it).

    python bench/search_segments.py [--n 10000] [--sizes 10000,5000,2000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from corpus import generate
from run import digest_cmd, digest_env, load, machine, make_project, run_measured


def measure(n: int, size: int, work: Path) -> dict:
    articles = generate(n, seed=0)
    extra_name, extra_text = next(iter(generate(1, seed=12345).items()))
    project = make_project(work / f"segments-{size}", articles)
    settings = project / "site_config" / "digest.yml"
    settings.write_text(settings.read_text("utf-8") + f"\nsearch_segment_pages: {size}\n", "utf-8")
    env = digest_env()
    full = run_measured(digest_cmd("build"), project, env)
    (project / "content" / ("zz_" + extra_name)).write_text(extra_text, "utf-8")
    add = run_measured(digest_cmd("build"), project, env)
    record = json.loads((project / "site" / "pagefind" / "digest-segment.json").read_text("utf-8"))
    return {"size": size, "segments": record["of"], "full": full, "add": add}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--sizes", default="10000,5000,2000")
    parser.add_argument("--keep", type=Path, help="build in this (new) folder and keep the projects")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="digest-segments-"))
    print(f"N = {args.n}; {machine()}; load average {load()} (shared machine: figures are noisy)\n")
    print("| search_segment_pages | segments | full build | peak RSS, largest / all | add one | add one ÷ full |")
    print("|---|---|---|---|---|---|")
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            r = measure(args.n, size, work)
            full, add = r["full"], r["add"]
            print(f"| {size:,} | {r['segments']} | {full['seconds']:.1f} s | {full['max_rss_mb']:.0f} / "
                  f"{full['tree_rss_mb']:.0f} MiB | {add['seconds']:.1f} s | "
                  f"{add['seconds'] / full['seconds']:.2f}× |", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
