"""Published addresses across revisions: ``chronology validate --base REF``.

An event's id is its file name and its page's address (``events/<id>/``). Renaming the file
moves the page, and every link to the old address breaks unless the renamed event lists the
old id in ``previous_ids`` (the build then writes a redirect there). This module lists the
event ids of a git revision (the pull request's base) without checking it out, and reports
each one that has vanished from the content without being listed as some event's previous id.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from .fields import EVENT_ID
from .problems import Problem
from .validate import closest


class RevisionError(Exception):
    """The revision cannot be read (no git, not a repository, unknown revision): a usage error."""


def _git(folder: Path, *args: str) -> str:
    """Run git in ``folder``; its standard output, or RevisionError with git's own message."""
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise RevisionError(f"cannot run git: {error}") from None
    if done.returncode != 0:
        raise RevisionError(done.stderr.strip() or f"git {' '.join(args)} failed")
    return done.stdout


def ids_at(revision: str, events_dir: Path) -> set[str]:
    """The event ids (file names without .yaml) under ``events_dir`` at ``revision``.

    ``git ls-tree`` reads the revision's tree as stored: nothing is checked out, so the
    working copy (an editor's unsaved work, CI's merge commit) is left alone.
    """
    if revision.startswith("-"):
        raise RevisionError(f"'{revision}' is not a revision")  # never read as an option
    folder = events_dir if events_dir.is_dir() else events_dir.parent
    top = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
    try:
        _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except RevisionError:
        raise RevisionError(
            "no such revision in this repository (a shallow clone lacks it: git fetch origin main)"
        ) from None
    inside = events_dir.resolve().relative_to(top.resolve()).as_posix()
    listing = _git(top, "ls-tree", "-r", "-z", "--name-only", revision, "--", inside + "/")
    names = (PurePosixPath(path).name for path in listing.split("\0") if path)
    return {name[: -len(".yaml")] for name in names if name.endswith(".yaml")}


def vanished_ids(
    revision: str, before: Iterable[str], current: Mapping[str, str], previous: Iterable[str], events: str
) -> list[Problem]:
    """One error per id of ``before`` that is neither a ``current`` id nor a ``previous`` one.

    ``current`` maps each event id to its file ("" when unknown); ``events`` is the events
    folder as problems show it. The error is put on the event the old id most likely became
    (the same slug, a corrected date), else on the file that is gone.
    """
    gone = sorted(set(before) - set(current) - set(previous))
    problems = []
    for old in gone:
        renamed = _renamed_as(old, current)
        where = current.get(renamed) or f"{events}/{old}.yaml"
        problems.append(
            Problem(
                where,
                1,
                1,
                "previous_ids",
                f"the event id '{old}' existed at {revision} and has vanished: links to its page would break",
                f"add previous_ids: [{old}] to the renamed event"
                + (f" (probably {renamed})" if renamed else ""),
            )
        )
    return problems


def _renamed_as(old: str, current: Iterable[str]) -> str:
    """The current id ``old`` most likely became: the closest slug (dates are what editors fix)."""
    slugs: dict[str, str] = {}
    for event_id in sorted(current):
        match = EVENT_ID.fullmatch(event_id)
        if match:
            slugs.setdefault(match["slug"], event_id)
    match = EVENT_ID.fullmatch(old)
    likely = closest(match["slug"] if match else old, slugs)
    return slugs[likely] if likely else ""
