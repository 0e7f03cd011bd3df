"""Problems are values: every stage collects them, and they are reported together.

A problem names the file, the line and column, the field (``sources[1].url``), what is wrong and
how to fix it, in the ``path:line:column: field: message`` shape that terminals and editors can
jump to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """One line an editor can jump to, then the hint on its own indented line."""
        where = f"{self.path}:{self.line}:{self.column}"
        label = "" if self.severity is Severity.ERROR else "warning: "
        field = f"{self.field}: " if self.field else ""
        text = f"{where}: {label}{field}{self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def format_report(problems: Iterable[Problem]) -> str:
    """All problems sorted by file and line, so a report reads top to bottom like the files."""
    return "\n".join(p.format() for p in sorted(problems))


class ContentError(Exception):
    """Raised when content has errors; carries every problem of the run, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(errors(problems))
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} in the content:\n" + format_report(problems)
        )
