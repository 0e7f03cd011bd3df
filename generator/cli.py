"""Command line: ``chronology build`` and ``chronology validate`` (also ``python -m generator``).

Exit codes: 0 clean, 1 content problems, 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .build import Builder, BuildOptions
from .problems import ContentError, Severity, errors, format_report

DEFAULT_THEME = Path(__file__).resolve().parent.parent / "theme"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="chronology", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build the site without MkDocs (for scripts and benchmarks)")
    build.add_argument("--content", type=Path, default=Path("content"), help="content folder")
    build.add_argument("--out", type=Path, default=Path("site"), help="output folder")
    build.add_argument("--theme", type=Path, default=DEFAULT_THEME, help="theme folder")
    build.add_argument("--per-page", type=int, default=100, help="events per list page")
    build.add_argument("--workers", type=int, default=0, help="processes (0: one per core)")
    build.add_argument("--site-url", default="", help="public address, for canonical links")

    validate = commands.add_parser("validate", help="check every content file and report all problems")
    validate.add_argument("--content", type=Path, default=Path("content"), help="content folder")

    args = parser.parse_args(argv)
    if not args.content.is_dir():
        parser.error(f"no content folder at {args.content}")
    if args.command == "build":
        return _build(args)
    return _validate(args)


def _build(args: argparse.Namespace) -> int:
    options = BuildOptions(per_page=args.per_page, site_url=args.site_url, workers=args.workers)
    builder = Builder(args.content, args.theme, args.out, options)
    started = time.perf_counter()
    try:
        report = builder.build()
    except ContentError as error:
        print(format_report(error.problems), file=sys.stderr)
        print(f"build failed: {len(errors(error.problems))} problems", file=sys.stderr)
        return 1
    if report.warnings:
        print(format_report(report.warnings), file=sys.stderr)
    print(
        f"built {report.events} events into {report.pages_planned} pages in {args.out} "
        f"({time.perf_counter() - started:.2f} s)"
    )
    return 0


def _validate(args: argparse.Namespace) -> int:
    builder = Builder(args.content, DEFAULT_THEME, Path("/nonexistent"))
    content, parsed = builder.load()
    if content.problems:
        print(format_report(content.problems))
    error_count = len(errors(content.problems))
    warning_count = sum(p.severity is Severity.WARNING for p in content.problems)
    print(
        f"{parsed} event files checked, {len(content.events)} valid events, "
        f"{error_count} errors, {warning_count} warnings"
    )
    return 1 if error_count else 0


if __name__ == "__main__":
    raise SystemExit(main())
