"""`digest deploy`: build strictly, then publish site/ to GitHub Pages (mkdocs gh-deploy).

For editors who publish from their own machine: the site goes to the
gh-pages branch of the `origin` remote (Settings → Pages → Source: Deploy from
a branch, gh-pages). The usual way is the workflow in .github/workflows/,
which builds and deploys on every push to main.
"""

from __future__ import annotations

import os

from mkdocs.commands.gh_deploy import gh_deploy

from digest.commands import build
from digest.commands.common import err
from digest.config import find_project_root
from digest.site.mkdocs_build import load_mkdocs_config
from digest.site.reproducible import VARIABLE, last_commit_epoch


def run(message: str | None = None, force: bool = False) -> int:
    root = find_project_root()
    # The same bytes as the CI build of this commit: date-less output stamped with its commit time.
    if VARIABLE not in os.environ and (epoch := last_commit_epoch(root)) is not None:
        os.environ[VARIABLE] = str(epoch)
    code = build.run(content=None, site_dir=None, strict=True)
    if code != 0:
        err.print("error: not deploying: the build failed or has warnings (see above)", markup=False)
        return code
    mk = load_mkdocs_config(root, root / build.BUILD_DIR / "docs", root / "site")
    try:
        gh_deploy(mk, message=message, force=force)
    except SystemExit as exc:  # gh_deploy exits on git errors after logging them
        if exc.code:
            err.print("error: mkdocs gh-deploy failed (see above)", markup=False)
            return 1
    return 0
