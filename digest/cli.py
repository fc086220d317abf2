"""The `digest` command line: parses arguments and hands over to digest.commands."""

from __future__ import annotations

import argparse
import sys

from digest import __version__


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="digest", description="Kazakh news digest: content/ → MkDocs site.")
    p.add_argument("--version", action="version", version=f"digest {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    b = sub.add_parser("build", help="build the site from content/")
    b.add_argument("--content", metavar="DIR", help="article folder (default: content/)")
    b.add_argument("--site-dir", metavar="DIR", help="output folder (default: site/)")
    b.add_argument("--strict", action="store_true", help="fail on any warning")

    s = sub.add_parser("serve", help="live preview, rebuilt on every change")
    s.add_argument("--content", metavar="DIR")
    s.add_argument("--dev-addr", metavar="HOST:PORT")

    c = sub.add_parser("check", help="validate the content without rendering")
    c.add_argument("--content", metavar="DIR")
    c.add_argument("--strict", action="store_true")

    e = sub.add_parser("extract", help="print the extraction of articles")
    e.add_argument("--json", action="store_true", required=True, help="JSON output (the only format)")
    e.add_argument("paths", nargs="+", metavar="PATH")

    d = sub.add_parser("deploy", help="build and publish site/ to GitHub Pages")
    d.add_argument("--message", "-m")
    d.add_argument("--force", action="store_true")

    sub.add_parser("stem", help="stem Kazakh words read from stdin, one per line")

    i = sub.add_parser("import", help="write saved news pages (.html) or URLs as articles in content/")
    i.add_argument("sources", nargs="+", metavar="PATH_OR_URL",
                   help="a page saved from the browser (.html, its _files folder beside it) or an http(s) URL")
    i.add_argument("--content", metavar="DIR", help="article folder (default: content/)")

    t = sub.add_parser("tags", help="list tags found in articles but missing from the vocabulary")
    t.add_argument("--content", metavar="DIR")
    t.add_argument("--min", type=int, default=1, metavar="N", help="only tags in at least N articles")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "build":
        from digest.commands import build
        return build.run(args.content, args.site_dir, args.strict)
    if args.command == "check":
        from digest.commands import check
        return check.run(args.content, args.strict)
    if args.command == "extract":
        from digest.commands import extract
        return extract.run(args.paths)
    if args.command == "serve":
        from digest.commands import serve
        return serve.run(args.content, args.dev_addr)
    if args.command == "deploy":
        from digest.commands import deploy
        return deploy.run(args.message, args.force)
    if args.command == "stem":
        from digest.commands import stem
        return stem.run()
    if args.command == "tags":
        from digest.commands import tags
        return tags.run(args.content, args.min)
    if args.command == "import":
        from digest.commands import import_
        return import_.run(args.sources, args.content)
    parser().print_help(sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
