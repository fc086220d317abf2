"""`digest deploy`: build, then publish site/ to GitHub Pages (mkdocs gh-deploy)."""

from __future__ import annotations

from mkdocs.commands.gh_deploy import gh_deploy

from digest.commands import build
from digest.commands.common import err
from digest.config import find_project_root
from digest.site.mkdocs_build import load_mkdocs_config


def run(message: str | None = None, force: bool = False) -> int:
    code = build.run(content=None, site_dir=None, strict=False)
    if code != 0:
        err.print("error: not deploying: the build failed", markup=False)
        return code
    root = find_project_root()
    mk = load_mkdocs_config(root, root / build.BUILD_DIR / "docs", root / "site")
    gh_deploy(mk, message=message, force=force)
    return 0
