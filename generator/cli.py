"""Command line: ``chronology`` (also ``python -m generator``).

    chronology init DIR               write a new, working chronology project into DIR
    chronology validate [PATHS]       check content, report every problem (exit 0 clean, 1 problems;
                                      --strict: warnings fail too; --notices: list notices;
                                      --base REF: event ids of git revision REF must not vanish)
    chronology new "Title" --date D   scaffold an event file from archetypes/event.yaml
    chronology build --out DIR        build the site without MkDocs
    chronology schema                 print the JSON Schema of event files
    chronology strings                list the interface strings translators translate
    chronology check-links            fetch every cited URL, report dead or moved links
    chronology archive                snapshot unarchived sources in the Internet Archive, record them
    chronology import csv|timelinejs F write event files from a CSV or TimelineJS file

Exit codes: 0 success, 1 content problems, 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import jinja2

from .annotations import build_summary, format_annotations
from .archive import ArchiveSettings
from .archive import add_arguments as add_archive_arguments
from .archive import run as archive_sources
from .build import Builder, BuildOptions
from .content import Content, ContentReader, display_path, read_content, read_timeline
from .dates import DateError, parse_date
from .history import RevisionError, ids_at, vanished_ids
from .imports import ImportUsageError
from .imports import add_arguments as add_import_arguments
from .imports import run as import_events
from .links import CheckSettings
from .links import run as check_links
from .problems import ContentError, Problem, Severity, errors, format_report, printable
from .progress import Progress, format_seconds
from .scaffold import ScaffoldError, init_project
from .schema import event_schema_json
from .slugs import slugify
from .sourcing import check_sourcing
from .strings import interface_strings
from .theming import Theme, packaged_dir
from .validate import did_you_mean

# A project's own copies win over the packaged ones: ./theme, ./archetypes/event.yaml and
# ./schema/event.schema.json (``chronology init`` writes the schema; this repository has all three).
PROJECT_THEME = Path("theme")
SCHEMA_NAME = "event.schema.json"


class UsageError(Exception):
    """A mistake in how the command was called (exit 2), not in the content."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.run(args)
    except UsageError as error:
        print(f"chronology {args.command}: {printable(str(error))}", file=sys.stderr)
        return 2
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chronology", description="Build and check a chronology site.")
    commands = parser.add_subparsers(dest="command", required=True)

    init = commands.add_parser("init", help="write a new, working chronology project into a folder")
    init.add_argument("folder", type=Path, help="where to write it (created if missing; must be empty)")
    init.add_argument("--title", help="the chronology's title (default: from the folder's name)")
    init.add_argument("--language", default="en", help="the main language's code (default: en)")
    init.add_argument("--force", action="store_true", help="write into a folder that is not empty")
    init.set_defaults(run=run_init)

    validate = commands.add_parser("validate", help="check content files and report every problem")
    validate.add_argument("paths", nargs="*", type=Path, help="files or folders to report on (default: all)")
    validate.add_argument("--content", type=Path, default=Path("content"), help="content folder")
    _add_format_argument(validate)
    validate.add_argument(
        "--strict", action="store_true", help="fail (exit 1) on warnings too, as CI does on main"
    )
    validate.add_argument("--notices", action="store_true", help="list notices (e.g. sources not archived)")
    validate.add_argument(
        "--base", metavar="REF", help="git revision (a PR's base): report event ids that vanished since it"
    )
    _add_media_argument(validate)
    validate.set_defaults(run=run_validate)

    new = commands.add_parser("new", help="write a new event file from the archetype")
    new.add_argument("title", help="the event's headline")
    new.add_argument("--date", required=True, help="YYYY-MM-DD, YYYY-MM or YYYY")
    new.add_argument("--slug", help="short name for the file (default: from the title)")
    for kind in ("tag", "actor", "place"):
        new.add_argument(f"--{kind}", action="append", default=[], help=f"declared {kind} id (repeatable)")
    new.add_argument("--content", type=Path, default=Path("content"), help="content folder")
    new.set_defaults(run=run_new)

    build = commands.add_parser("build", help="build the site without MkDocs (scripts, benchmarks)")
    build.add_argument("--content", type=Path, default=Path("content"), help="content folder")
    build.add_argument("--out", type=Path, default=Path("site"), help="output folder")
    build.add_argument(
        "--theme", type=Path, default=PROJECT_THEME, help="folder of theme files replacing the packaged ones"
    )
    build.add_argument("--per-page", type=int, default=100, help="events per list page")
    build.add_argument("--workers", type=int, default=0, help="processes (0: one per core)")
    build.add_argument("--memory-mib", type=int, default=1024, help="memory budget that limits the workers")
    build.add_argument("--site-url", default="", help="public address, for canonical links")
    build.add_argument(
        "--no-share-images",
        dest="share_images",
        action="store_false",
        help="draw no share images (the picture a link shows in chats): the plugin's share_images: false",
    )
    _add_media_argument(build)
    _add_format_argument(build)
    build.add_argument("--summary", type=Path, help="append the figures as Markdown ($GITHUB_STEP_SUMMARY)")
    build.set_defaults(run=run_build)

    check = commands.add_parser("check-links", help="fetch every source and archive URL, report dead ones")
    check.add_argument("--content", type=Path, default=Path("content"), help="content folder")
    check.add_argument("--concurrency", type=int, default=8, help="requests at once (at most 2 per host)")
    check.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for each answer")
    check.add_argument("--retries", type=int, default=2, help="retries for timeouts, 429 and 5xx")
    check.add_argument("--report", type=Path, help="also write a machine-readable JSON report here")
    check.add_argument("--only-broken", action="store_true", help="list broken links only, not redirects")
    check.set_defaults(run=run_check_links)

    strings = commands.add_parser("strings", help="write theme/i18n/strings.txt: what translators translate")
    strings.add_argument("--theme", type=Path, default=PROJECT_THEME, help="theme folder to write it into")
    strings.add_argument("--check", action="store_true", help="exit 1 if strings.txt is out of date")
    strings.set_defaults(run=run_strings)

    schema = commands.add_parser("schema", help="print the JSON Schema of event files")
    schema.add_argument("--check", action="store_true", help="exit 1 if schema/event.schema.json is stale")
    schema.set_defaults(run=run_schema)

    add_import_arguments(commands).set_defaults(run=run_import)
    add_archive_arguments(commands).set_defaults(run=run_archive)
    return parser


def _add_format_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="how to print problems: text (path:line:column), or github (annotations in Actions)",
    )


def _add_media_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-external-media",
        action="store_true",
        help="load events' external pictures from their hosts (default: show them as links)",
    )


def _report(problems: Sequence[Problem], output_format: str) -> str:
    return format_annotations(problems) if output_format == "github" else format_report(problems)


def _content_dir(path: Path) -> Path:
    if not (path / "timeline.yaml").is_file() and not (path / "events").is_dir():
        raise UsageError(f"{path} is not a content folder (no timeline.yaml or events/); use --content")
    return path


def run_validate(args: argparse.Namespace) -> int:
    """Check everything (cross-file rules need it all); report problems in the given paths."""
    content_dir = _content_dir(args.content)
    for path in args.paths:
        if not path.exists():
            raise UsageError(f"no such file or folder: {path}")
    content, files = ContentReader(content_dir, allow_external_media=args.allow_external_media).read()
    found = content.problems + check_sourcing(content.events.values(), content.positions)
    if args.base:
        found += _vanished_since(args.base, content, content_dir)
    problems = [p for p in found if _in_scope(p, args.paths)]
    shown = [p for p in problems if args.notices or p.severity is not Severity.NOTICE]
    if shown:
        print(_report(shown, args.format))
    error_count = len(errors(problems))
    warning_count = sum(p.severity is Severity.WARNING for p in problems)
    notice_count = sum(p.severity is Severity.NOTICE for p in problems)
    scope = (
        f" (reporting on {len(args.paths)} path{'s' if len(args.paths) != 1 else ''})" if args.paths else ""
    )
    print(
        f"{files} event files checked{scope}, {len(content.events)} valid events, "
        f"{_count(error_count, 'error')}, {_count(warning_count, 'warning')}, "
        f"{_count(notice_count, 'notice')}"
        + ("" if args.notices or not notice_count else " (list them with --notices)")
    )
    if args.strict and warning_count and not error_count:
        print("--strict: warnings fail the check")
    return 1 if error_count or (args.strict and warning_count) else 0


def _vanished_since(revision: str, content: Content, content_dir: Path) -> list[Problem]:
    """Event ids of ``revision`` that are gone without a redirect (``previous_ids``)."""
    try:
        before = ids_at(revision, content_dir / "events")
    except RevisionError as error:
        raise UsageError(f"--base {revision}: {error}") from None
    current = dict.fromkeys(content.positions, "") | {e.id: e.path for e in content.events.values()}
    previous = [old for event in content.events.values() for old in event.previous_ids]
    shown = display_path(content_dir / "events", Path.cwd())
    return vanished_ids(revision, before, current, previous, shown)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"


def _in_scope(problem: Problem, paths: Sequence[Path]) -> bool:
    if not paths:
        return True
    where = Path(problem.path).resolve()
    return any(where == p.resolve() or p.resolve() in where.parents for p in paths)


def run_new(args: argparse.Namespace) -> int:
    """Write ``content/events/<date>-<slug>.yaml`` from the archetype; never overwrite."""
    content_dir = _content_dir(args.content)
    try:
        date = parse_date(str(args.date))
    except DateError as error:
        raise UsageError(str(error)) from None
    slug = slugify(args.slug or args.title)
    if slug.startswith("n-"):
        raise UsageError("the title has no Latin letters to name the file; give one with --slug")
    slug = "-".join(slug.split("-")[:6])
    declared = _declared_ids(content_dir)
    for kind in ("tag", "actor", "place"):
        for term_id in getattr(args, kind):
            if term_id not in declared[kind]:
                hint = did_you_mean(term_id, declared[kind]) or f"declare it under {kind}s: in timeline.yaml"
                raise UsageError(f"{kind} '{term_id}' is not declared: {hint}")
    target = content_dir / "events" / f"{date.id_part()}-{slug}.yaml"
    if target.exists():
        raise UsageError(f"{target} already exists; choose another --slug")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_fill_archetype(args, date.written(), target), encoding="utf-8")
    print(
        f"wrote {target}\nnext: write the summary and at least one source, then run: "
        f"chronology validate {target}"
    )
    return 0


def _declared_ids(content_dir: Path) -> dict[str, set[str]]:
    timeline, _ = read_timeline(content_dir)
    if timeline is None:
        raise UsageError("content/timeline.yaml has errors; run chronology validate first")
    return {kind: set(timeline.terms(kind)) for kind in ("tag", "actor", "place")}


def _fill_archetype(args: argparse.Namespace, date: str, target: Path) -> str:
    environment = jinja2.Environment(
        autoescape=False, keep_trailing_newline=True, undefined=jinja2.StrictUndefined
    )
    project = args.content.resolve().parent
    archetype = _project_file(project / "archetypes" / "event.yaml", "generator.archetypes")
    schema = _project_file(project / "schema" / SCHEMA_NAME, "generator.schemas")
    template = environment.from_string(archetype.read_text(encoding="utf-8"))
    return template.render(
        schema_path=Path(os.path.relpath(schema, target.parent.resolve())).as_posix(),
        file_name=target.as_posix(),
        # a JSON string is a valid double-quoted YAML string: quotes, colons and # stay text
        title=json.dumps(args.title.strip(), ensure_ascii=False),
        date=date,
        tags=", ".join(args.tag),
        actors=", ".join(args.actor),
        places=", ".join(args.place),
    )


def run_build(args: argparse.Namespace) -> int:
    """Build; on a terminal, a bar while pages are written; always one summary line at the end."""
    options = BuildOptions(
        per_page=args.per_page,
        site_url=args.site_url,
        workers=args.workers,
        memory_mib=args.memory_mib,
        allow_external_media=args.allow_external_media,
        share_images=args.share_images,
    )
    if args.summary is not None and not args.summary.parent.is_dir():
        raise UsageError(f"cannot write {args.summary}: {args.summary.parent} is not a folder")
    builder = Builder(_content_dir(args.content), Theme.with_overrides([args.theme]), args.out, options)
    progress = Progress("pages")
    builder.progress = progress if progress.enabled else None  # logs get the same build as before
    try:
        report = builder.build()
    except ContentError as error:
        progress.close()
        print(_report(error.problems, args.format), file=sys.stderr)
        print(f"build failed: {len(errors(error.problems))} errors", file=sys.stderr)
        return 1
    progress.close()
    seconds = progress.elapsed()
    if report.warnings:
        print(_report(report.warnings, args.format), file=sys.stderr)
    warnings = len(report.warnings)
    print(
        f"built {report.events} events into {report.pages_planned} pages in {args.out}, "
        f"{warnings} warning{'s' if warnings != 1 else ''} ({format_seconds(seconds)})"
    )
    if args.summary is not None:
        summary = build_summary(report.events, report.pages_planned, warnings, seconds, str(args.out))
        with args.summary.open("a", encoding="utf-8") as file:
            file.write(summary)
    return 0


def run_check_links(args: argparse.Namespace) -> int:
    """Check cited URLs even when some events are invalid (links.run says so); exit 1 if any is dead."""
    content_dir = _content_dir(args.content)
    if args.concurrency < 1 or args.timeout <= 0 or args.retries < 0:
        raise UsageError("--concurrency must be 1 or more, --timeout above 0, --retries 0 or more")
    if args.report is not None and not args.report.parent.is_dir():
        raise UsageError(f"cannot write {args.report}: {args.report.parent} is not a folder")
    content = read_content(content_dir)
    settings = CheckSettings(concurrency=args.concurrency, timeout=args.timeout, retries=args.retries)
    return check_links(content, settings, report=args.report, only_broken=args.only_broken)


def run_archive(args: argparse.Namespace) -> int:
    """Snapshot unarchived sources (Save Page Now) and write archive_url lines; exit 1 if any failed."""
    content_dir = _content_dir(args.content)
    if args.delay < 0 or args.timeout <= 0:
        raise UsageError("--delay must be 0 or more and --timeout above 0")
    settings = ArchiveSettings(args.endpoint, args.delay, args.timeout, args.state)
    return archive_sources(content_dir, settings, dry_run=args.dry_run)


def run_import(args: argparse.Namespace) -> int:
    """Every row becomes an event file or a reported problem (exit 1 if any row failed)."""
    try:
        return import_events(args)
    except ImportUsageError as error:
        raise UsageError(str(error)) from None


def run_strings(args: argparse.Namespace) -> int:
    """List the interface strings the templates use, one a line, for theme/i18n/<lang>.yaml."""
    theme = Theme.with_overrides([args.theme])
    target = theme.dirs[0] / "i18n" / "strings.txt"
    text = "\n".join(interface_strings(theme)) + "\n"
    if args.check:
        stale = not target.exists() or target.read_text(encoding="utf-8") != text
        if stale:
            print(f"{target} is out of date: run chronology strings")
        return 1 if stale else 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({text.count(chr(10))} strings)")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    text = event_schema_json()
    if args.check:
        schema_file = _project_file(Path("schema") / SCHEMA_NAME, "generator.schemas")
        stale = schema_file.read_text(encoding="utf-8") != text
        if stale:
            print(f"{schema_file} is out of date: run chronology schema > schema/event.schema.json")
        return 1 if stale else 0
    sys.stdout.write(text)
    return 0


def _project_file(path: Path, package: str) -> Path:
    """The project's own copy of a scaffolding file, or the one shipped with the generator."""
    return path if path.is_file() else packaged_dir(package) / path.name


def run_init(args: argparse.Namespace) -> int:
    """Scaffold a project that builds, serves and validates with only the installed package."""
    try:
        written = init_project(args.folder, title=args.title, language=args.language, force=args.force)
    except ScaffoldError as error:
        raise UsageError(str(error)) from None
    for path in written:
        print(f"wrote {path}")
    print(
        f'next: cd {args.folder} && mkdocs serve   (then: chronology new "Title" --date YYYY-MM-DD; '
        "chronology validate)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
