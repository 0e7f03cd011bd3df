"""Problems are values: every stage collects them, and they are reported together.

A problem names the file, the line and column, the field (``sources[1].url``), what is wrong and
how to fix it, in the ``path:line:column: field: message`` shape that terminals and editors can
jump to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

# Characters that change how a terminal or a CI log reads a line: C0 and C1 controls (newline,
# carriage return, ANSI escape), DEL, Unicode line separators and bidirectional overrides.
# Content reaches messages (field names, ids, language codes, file names), so a file could
# otherwise print a forged line such as a "::error file=..." annotation, or recolour the output.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
HINT_INDENT = " " * len("    hint: ")


def printable(text: str) -> str:
    """``text`` on one line with every control character written as an escape (``\\x1b``)."""
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"  # worth knowing, never a failure: not even with validate --strict


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
        """One line an editor can jump to, then the hint on its own indented line(s).

        Every part is made printable: a message is always exactly one line, and each further
        line of a multi-line hint is indented, so no content can start a line of the report.
        """
        where = f"{printable(self.path)}:{self.line}:{self.column}"
        label = "" if self.severity is Severity.ERROR else f"{self.severity.value}: "
        field = f"{printable(self.field)}: " if self.field else ""
        text = f"{where}: {label}{field}{printable(self.message)}"
        if self.hint:
            hint = f"\n{HINT_INDENT}".join(printable(line) for line in self.hint.split("\n"))
            text += f"\n    hint: {hint}"
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
