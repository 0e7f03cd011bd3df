"""GitHub Actions output: problems as annotations on a pull request's lines, and a job summary.

``chronology validate --format github`` prints each problem as a workflow command::

    ::error file=content/events/x.yaml,line=4,col=1,title=sources[0].url::must start with https://

which GitHub shows on that line of the pull request's diff. Workflow commands are a format of
their own, with their own escaping (GitHub's ``toolkit/packages/core/src/command.ts``): in the
message ``%``, ``\\r`` and ``\\n`` become ``%25``, ``%0D``, ``%0A``; in a property value ``:``
and ``,`` too. Content comes from pull requests, so a field or message is never trusted to be
free of newlines: every part that comes from content first goes through ``problems.printable``
(control characters, line separators and bidirectional overrides written as ``\\x1b``-style
escapes, as in the text report), then through GitHub's escaping, so it cannot end the command
and start a forged one on the next line. Only the line break before the hint is a real one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .problems import Problem, Severity, printable


def escape_data(text: str) -> str:
    """GitHub's escaping of the message part (after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (``file=``, ``title=``): also ``:`` and ``,``, which end a value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workspace_path(path: str, root: Path) -> str:
    """The path as GitHub knows it: relative to the checkout (the working folder), with ``/``."""
    where = Path(path)
    if where.is_absolute():
        try:
            where = where.resolve().relative_to(root.resolve())
        except ValueError:
            return where.as_posix()
    return Path(os.path.normpath(where)).as_posix()


# Notices (e.g. a source not archived yet) stay notices in Actions: they never fail a run.
_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "notice"}


def annotation(problem: Problem, root: Path) -> str:
    """One workflow command for one problem; line and column only when the problem has them."""
    command = _COMMANDS[problem.severity]
    properties = [f"file={escape_property(printable(workspace_path(problem.path, root)))}"]
    if problem.line > 0:
        properties.append(f"line={problem.line}")
        if problem.column > 0:
            properties.append(f"col={problem.column}")
    properties.append(f"title={escape_property(printable(problem.field or 'chronology'))}")
    message = printable(problem.message)
    if problem.hint:
        message += "\nhint: " + "\n".join(printable(line) for line in problem.hint.split("\n"))
    return f"::{command} {','.join(properties)}::{escape_data(message)}"


def format_annotations(problems: Iterable[Problem], root: Path | None = None) -> str:
    """Every problem, sorted by file and line like the text report, one command a line."""
    root = root or Path.cwd()
    return "\n".join(annotation(problem, root) for problem in sorted(problems))


def build_summary(events: int, pages: int, warnings: int, seconds: float, out_dir: str) -> str:
    """The job summary (Markdown, appended to ``$GITHUB_STEP_SUMMARY``): the build's figures.

    Only numbers and the output folder (given by the workflow, not by content) reach it; the
    folder is shown as code, with backticks removed, so it cannot break out of the table.
    """
    folder = out_dir.replace("`", "").replace("|", "\\|")
    return (
        "### Chronology build\n\n"
        "| events | pages | warnings | time |\n"
        "| ---: | ---: | ---: | ---: |\n"
        f"| {events:,} | {pages:,} | {warnings:,} | {seconds:.2f} s |\n\n"
        f"Built into `{folder}`.\n"
    )
