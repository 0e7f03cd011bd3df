"""Rows to checked files: ids, the validator's verdict, new/changed/unchanged, summaries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as calendar_date
from pathlib import Path
from typing import Any

from ..dates import parse_date
from ..fields import (
    EVENT_ID,
)
from ..load import parse_yaml
from ..model import Timeline
from ..problems import Severity
from ..progress import Progress
from ..slugs import slugify, transliterated_slug
from ..validate import (
    check_references,
    event_from_document,
    references_of,
)
from .check import RowChecker
from .media import left_out_notes
from .rows import TERM_KINDS, ImportResult, Planned, Row, RowProblem
from .write import event_yaml


# ---- planning ------------------------------------------------------------------------------
@dataclass
class Importer:
    """Turns rows into checked event files for one content folder.

    Each row is checked (``RowChecker``), given an id, and the file it would become is checked
    by the validator itself (``_validate``); only then is it planned for writing.
    """

    content_dir: Path
    source_name: str  # the input file, as problems show it
    timeline: Timeline
    source_defaults: dict[str, str] = field(default_factory=dict)
    force: bool = False
    today: calendar_date = field(default_factory=calendar_date.today)
    date_format: str = ""

    def __post_init__(self) -> None:
        folder = self.content_dir / "events"
        self.existing = {p.stem for p in folder.rglob("*.yaml")} if folder.is_dir() else set()
        self.result = ImportResult(undeclared={kind: {} for kind in TERM_KINDS})
        self.taken: set[str] = set()
        self.first_row: dict[tuple[str, str], int] = {}  # (the row's own id, file text) -> row
        self.checker = RowChecker(
            self.timeline, self.source_defaults, self._report, self.result.undeclared, self.date_format
        )

    def run(self, rows: list[Row], progress: Progress | None = None) -> ImportResult:
        """Check and plan every row; ``progress`` (a bar on a terminal) advances once a row."""
        by_number = {row.number: row for row in rows}
        for row in rows:
            problems_before = len(self.result.problems)
            event = self.checker.event(row)
            if event is not None and len(self.result.problems) == problems_before:
                self._plan(row, event)
            if progress is not None:
                progress.advance()
        self._check_related(by_number)
        self._media_left_out(rows)
        return self.result

    def _media_left_out(self, rows: list[Row]) -> None:
        """Media a slide has that could not become an entry (``media.LEFT_OUT``): one problem
        per reason for the whole file, with the count and the first rows; the events
        themselves are imported."""
        reasons: dict[str, list[int]] = {}
        for row in rows:
            for reason in row.values.get("media_left_out", ()):
                reasons.setdefault(reason, []).append(row.number)
        for message, hint in left_out_notes(reasons):
            self.result.problems.append(RowProblem(self.source_name, 0, "media", message, hint))

    def _check_related(self, rows: dict[int, Row]) -> None:
        """``related`` ids must name an existing or imported event, wherever in the file it is.

        Checked after all rows, so a row may name one further down; a row dropped for a
        dangling reference may leave another dangling, hence the repetition until nothing changes.
        """
        while True:
            known = self.existing | {item.event_id for item in self.result.planned}
            dangling = [item for item in self.result.planned if set(item.related) - known]
            if not dangling:
                return
            for item in dangling:
                for other in sorted(set(item.related) - known):
                    hint = "import that event too, or remove it from related"
                    self._report(rows[item.row], "related", f"no event has the id '{other}'", hint)
            self.result.planned = [item for item in self.result.planned if item not in dangling]

    def _report(self, row: Row, name: str, message: str, hint: str = "") -> None:
        self.result.problems.append(RowProblem(self.source_name, row.number, name, message, hint))

    def _plan(self, row: Row, event: dict[str, Any]) -> None:
        text = event_yaml(event)
        key = (str(row.values.get("id", "")), text)
        if key in self.first_row:  # the same event again: one file, the row summarised, not an error
            self.result.duplicates.append((row.number, self.first_row[key]))
            return
        self.first_row[key] = row.number
        event_id, stable = self._event_id(row, event)
        target = self.content_dir / "events" / f"{event_id}.yaml"
        # a file that already says exactly this is not checked again (``validate`` checks the
        # folder): re-running an export of 20,000 rows then costs a third of the first run
        unchanged = event_id in self.existing and target.read_text(encoding="utf-8") == text
        problems = [] if unchanged else self._validate(target, event_id, text)
        if problems:
            for problem in problems:
                self._report(row, problem[0], problem[1], problem[2])
            return
        status = self._status(row, target, text, stable)
        if status:
            self.taken.add(event_id)
            related = tuple(event.get("related", ()))
            self.result.planned.append(Planned(row.number, target, text, related, status))

    def _status(self, row: Row, target: Path, text: str, stable: bool) -> str:
        """new, changed or unchanged; "" (reported) when an existing file must not be replaced.

        A file whose id comes from the row's own id (ACLED's ``event_id_cnty``, a slide's
        ``unique_id``) is that row's file: ``--force`` updates it. A numbered id (``-2``) depends
        on the order of rows, so it may name another row's file: never overwritten.
        """
        if target.stem not in self.existing:
            return "new"
        if target.read_text(encoding="utf-8") == text:
            return "unchanged"
        if not self.force:
            self._report(row, "", f"{target} already exists and differs", "use --force to update it")
            return ""
        if not stable and re.search(r"-\d+$", target.stem):
            hint = "its id depends on the order of rows; give the rows ids (an id column)"
            self._report(row, "", f"{target} may be another row's file: not overwritten", hint)
            return ""
        return "changed"

    def _event_id(self, row: Row, event: dict[str, Any]) -> tuple[str, bool]:
        """The id, and whether it comes from the row's own id (so the same row gets it again).

        The given id when it is valid and matches the date; the date and the slug of a given id
        (ACLED ``SYR12345``, TimelineJS ``unique_id``); else the date and the title's slug.
        """
        given = str(row.values.get("id", ""))
        match = EVENT_ID.fullmatch(given)
        date = parse_date(event["date"]).id_part()  # checked: 0350 BCE begins an id as 0350-bce
        if match and match["date"] == date and given not in self.taken:
            return given, True
        if given and not match:
            own = f"{date}-{slugify(given)}"
            if own not in self.taken:
                return own, True
        slug = "-".join(transliterated_slug(event["title"]).split("-")[:6])
        base = f"{date}-{slug}"
        event_id, number = base, 2
        while event_id in self.taken:
            event_id, number = f"{base}-{number}", number + 1
        return event_id, False

    def _validate(self, target: Path, event_id: str, text: str) -> list[tuple[str, str, str]]:
        """The validator's own verdict on the file we would write: (field, message, hint)."""
        document = parse_yaml(text, target.as_posix())
        event = event_from_document(document, self.today)
        problems = [p for p in document.problems if p.severity is Severity.ERROR]
        if event is not None:
            cross = check_references({event_id: event}, [references_of(document)], self.timeline)
            problems += [
                p
                for p in cross
                if p.severity is Severity.ERROR
                and not p.field.startswith(("tags", "actors", "places", "related"))
            ]
        return [(p.field, p.message, p.hint) for p in problems]


FOLD_AFTER = 3  # the same problem on more rows than this is printed once, with the row numbers


def summarised(problems: list[RowProblem]) -> list[str]:
    """Every problem, the same one on many rows printed once with a count and the first rows.

    20,000 rows of an export can share one problem (no source, a duplicate): one line each
    would bury the rest. ``FILE: field: message (1,797 rows, first 5: 2, 3, 9, 12, 40)``.
    """
    groups: dict[tuple[str, str, str, str], list[RowProblem]] = {}
    for problem in sorted(problems):
        groups.setdefault((problem.file, problem.field, problem.message, problem.hint), []).append(problem)
    lines = []
    for (file, name, message, hint), group in groups.items():
        if len(group) <= FOLD_AFTER:
            lines += [problem.format() for problem in group]
            continue
        rows = ", ".join(str(problem.row) for problem in group[:5])
        folded = RowProblem(file, 0, name, f"{message} ({len(group):,} rows, first 5: {rows})", hint)
        lines.append(folded.format().replace(f"{file}:0: ", f"{file}: ", 1))
    return lines


STATUSES = ("new", "changed", "unchanged")


def plan_table(result: ImportResult) -> str:
    """What ``--dry-run`` shows: each file with what would happen to it, then the skipped rows."""
    verbs = {"new": "create", "changed": "update", "unchanged": "keep"}
    lines = [f"{'action':<8} {'row':>6}  file"]
    for item in result.planned:
        lines.append(f"{verbs[item.status]:<8} {item.row:>6}  {item.path}")
    for row in sorted({problem.row for problem in result.problems if problem.row}):
        lines.append(f"{'skip':<8} {row:>6}  (see the problems above)")
    for row, first in result.duplicates:
        lines.append(f"{'skip':<8} {row:>6}  (duplicates row {first})")
    return "\n".join(lines)


def duplicates_line(result: ImportResult) -> str:
    """One line for every row that repeats an earlier one: ``1,797 rows duplicate an earlier
    row, first 5: 12 (= row 3), ...``; "" when none does."""
    found = result.duplicates
    if not found:
        return ""
    first = ", ".join(f"{row} (= row {earlier})" for row, earlier in found[:5])
    rows = "row duplicates" if len(found) == 1 else "rows duplicate"
    return f"{len(found):,} {rows} an earlier row (skipped: one file each), first 5: {first}"
