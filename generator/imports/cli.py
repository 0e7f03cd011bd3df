"""``chronology import``: its arguments, and the run from file to report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..load import MAX_TIMELINE_BYTES, load_yaml_file
from ..model import Timeline
from ..problems import Severity, printable
from ..progress import Progress
from ..validate import (
    timeline_from_document,
)
from .acled import ACLED
from .plan import STATUSES, Importer, duplicates_line, plan_table, summarised
from .rows import ROW_FIELDS, SOURCE_KEYS, CsvMapping, ImportResult, ImportUsageError, is_row_field
from .sheet import SHEET
from .table import read_csv
from .timelinejs import read_timelinejs
from .write import declare_yaml, write_planned

PRESETS: dict[str, CsvMapping] = {"acled": ACLED, "timelinejs": SHEET}


def load_timeline(content_dir: Path) -> Timeline:
    path = content_dir / "timeline.yaml"
    if not path.is_file():
        raise ImportUsageError(f"{content_dir} has no timeline.yaml; use --content")
    document = load_yaml_file(path, path.as_posix(), MAX_TIMELINE_BYTES)
    timeline = timeline_from_document(document)
    if timeline is None or any(p.severity is Severity.ERROR for p in document.problems):
        raise ImportUsageError(f"{path} has errors; run chronology validate first")
    return timeline


# ---- command line ------------------------------------------------------------------------
def add_arguments(commands: Any) -> Any:
    """``chronology import timelinejs|csv FILE ...``; returns the ``import`` parser."""
    parser = commands.add_parser("import", help="write event files from TimelineJS JSON or CSV")
    formats = parser.add_subparsers(dest="format", required=True)
    timelinejs = formats.add_parser("timelinejs", help="a TimelineJS3 JSON file")
    table = formats.add_parser("csv", help="a CSV file (UTF-8), e.g. an ACLED export")
    table.add_argument("--preset", choices=sorted(PRESETS), help="a built-in column mapping")
    table.add_argument(
        "--map", action="append", default=[], metavar="COLUMN=FIELD",
        help=f"read FIELD from COLUMN (repeatable); fields: {', '.join(ROW_FIELDS)}, source_N_<key>",
    )  # fmt: skip
    table.add_argument("--title-template", help='headline from columns, e.g. "{event_type} in {location}"')
    for sub in (timelinejs, table):
        sub.add_argument("file", type=Path)
        sub.add_argument("--content", type=Path, default=Path("content"), help="content folder")
        sub.add_argument("--dry-run", action="store_true", help="write nothing; print what would be written")
        sub.add_argument("--force", action="store_true", help="overwrite event files that exist")
        sub.add_argument("--declare", action="store_true", help="print YAML declaring unknown ids")
        sub.add_argument(
            "--date-format", help="how to read ambiguous dates, e.g. %%d/%%m/%%Y (Python strptime codes)"
        )
        for key in ("url", "published", "publisher", "title"):
            sub.add_argument(f"--source-{key}", help=f"source {key} for rows that give none")
    return parser


def csv_mapping(args: Any) -> CsvMapping:
    preset = PRESETS[args.preset] if args.preset else CsvMapping({})
    columns = dict(preset.columns)
    for item in args.map:
        column, _, name = item.partition("=")
        if not column or not is_row_field(name):
            raise ImportUsageError(
                f"--map {item!r}: write COLUMN=FIELD with FIELD one of {', '.join(ROW_FIELDS)}"
            )
        columns[column] = name
    title = args.title_template or preset.title_template
    return CsvMapping(columns, title, preset.source_defaults, preset.templates, preset.reader)


def run(args: Any) -> int:
    """Read, check, report, then write (or show) the files; exit 1 if any row was not imported."""
    if not args.file.is_file():
        raise ImportUsageError(f"no such file: {args.file}")
    timeline = load_timeline(args.content)
    if args.format == "csv":
        mapping = csv_mapping(args)
        rows, notes, parts = read_csv(args.file, mapping)
    else:
        mapping, (rows, notes, parts) = CsvMapping({}), read_timelinejs(args.file)
    defaults = dict(mapping.source_defaults)
    defaults.update(
        {k: getattr(args, f"source_{k}") for k in SOURCE_KEYS if getattr(args, f"source_{k}", None)}
    )
    importer = Importer(
        args.content, args.file.as_posix(), timeline, defaults, args.force, date_format=args.date_format or ""
    )
    progress = Progress("rows", total=len(rows))  # a bar on a terminal; nothing in CI or a log
    result = importer.run(rows, progress)
    progress.close()
    for note in notes:
        print(f"note: {printable(note)}")
    for line in summarised(result.problems):
        print(line)
    if duplicates_line(result):
        print(f"note: {duplicates_line(result)}")
    if args.dry_run:
        print(plan_table(result))
    else:
        _write(result)
    if args.declare and declare_yaml(result.undeclared, parts):
        print(declare_yaml(result.undeclared, parts), end="")
    failed = len({problem.row for problem in result.problems if problem.row})  # row 0: the whole file
    verb = "would write" if args.dry_run else "wrote"
    written = sum(1 for item in result.planned if item.status != "unchanged")
    counts = {status: sum(1 for item in result.planned if item.status == status) for status in STATUSES}
    print(
        f"{len(rows)} rows: {verb} {written} event files, {failed} rows with problems "
        f"({counts['new']:,} new, {counts['changed']:,} changed, {counts['unchanged']:,} unchanged)"
    )
    return 1 if result.problems else 0


LIST_WRITTEN = 20  # files named one by one after a write; a longer list is counted


def _write(result: ImportResult) -> None:
    """Write the planned files and name the first ones written (``--dry-run`` lists them all)."""
    write_planned(result.planned)
    written = [item for item in result.planned if item.status != "unchanged"]
    for item in written[:LIST_WRITTEN]:
        print(f"wrote {item.path}")
    if len(written) > LIST_WRITTEN:
        print(f"... and {len(written) - LIST_WRITTEN:,} more files (--dry-run lists every one)")
