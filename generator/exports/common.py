"""What every export needs: links, stable ids, 'added' dates and plain text.

Exports are files other programs read, so everything here is deterministic: the same content
gives the same bytes. Nothing reads the clock; the only outside fact used is the date each event
file was first committed, read from git in one call (see ``added_times``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import subprocess
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from ..fields import STATUS_LABELS
from ..locale import Locale
from ..markup import render_markdown, without_citation_links
from ..model import Event
from ..organise import Site, event_url

T = TypeVar("T")

GIT_TIMEOUT = 60  # seconds; a git that hangs must not hang the build
# Interface strings the export files show readers (besides month names and "c. {date}"):
# ``chronology strings`` lists them for translators.
EXPORT_STRINGS = (
    "Sources:", "Permalink", "{title}: the latest {count} events added", "Status: {status}",
    "disputed by {party}", "Updated {date}", "Corrections", "{title}: corrections",
)  # fmt: skip


class Fragments:
    """Each event's piece of each export file, kept between ``mkdocs serve`` rebuilds.

    An edit changes one event, so a rebuild re-makes that event's pieces and joins the rest
    from here. A piece is reused only while everything it was made from is unchanged: the
    event file, the timeline, the site address, the added date, and any extra the caller names.
    One-off builds pass no Fragments, and keep nothing.
    """

    def __init__(self) -> None:
        self._store: dict[tuple[str, str], tuple[object, Any]] = {}

    def get(self, kind: str, name: str, stamp: object, make: Callable[[], T]) -> T:
        """The piece kept under (``kind``, ``name``) if it was made from ``stamp``, else ``make()``.

        ``kind`` names the file and, for files made once per edition, the edition's language:
        the editions' pieces differ, and sharing one slot had each edition throw the other's
        away on every rebuild.
        """
        key = (kind, name)
        kept = self._store.get(key)
        if kept is not None and kept[0] == stamp:
            piece: T = kept[1]
            return piece
        piece = make()
        self._store[key] = (stamp, piece)
        return piece


@dataclass(frozen=True)
class ExportContext:
    """The organised site plus what exports need beyond it: public address and added dates."""

    site: Site
    site_url: str = ""  # "" or ending in "/"
    added: dict[str, int] = field(default_factory=dict)  # event id -> Unix time it was added
    fragments: Fragments | None = None
    # the interface strings of the site's main language ("Sources:", month names); without
    # one, the keys themselves: English
    locale: Locale | None = None
    _estimated: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    _summaries: dict[str, tuple[str, str]] = field(default_factory=dict, compare=False, repr=False)
    _strings_digest: list[str] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.locale is None:
            object.__setattr__(self, "locale", Locale(self.site.timeline.language))

    @property
    def words(self) -> Locale:
        """The locale the files speak; the main edition's, as exports are not per edition."""
        assert self.locale is not None  # set in __post_init__
        return self.locale

    def piece(self, kind: str, event: Event, make: Callable[[], str], extra: object = None) -> str:
        """``make()``, or the same piece kept from the last build when nothing it uses changed."""
        if self.fragments is None:
            return make()
        stamp = (
            event.revision,
            self.site.timeline.revision,
            self.site_url,
            self.added.get(event.id),
            self._strings_revision(),
            extra,
        )
        return self.fragments.get(f"{kind}:{self.words.language}", event.id, stamp, make)

    def whole(self, kind: str, name: str, inputs: object, make: Callable[[], T]) -> T:
        """A whole file (a feed, the sitemap) kept from the last build while ``inputs`` and
        what every piece depends on (timeline, address, interface strings) are unchanged."""
        if self.fragments is None:
            return make()
        stamp = (self.site.timeline.revision, self.site_url, self._strings_revision(), inputs)
        return self.fragments.get(f"{kind}:{self.words.language}", name, stamp, make)

    def _strings_revision(self) -> str:
        """A digest of the interface strings, worked out once: editing them (serve) re-makes pieces."""
        if not self._strings_digest:
            strings = json.dumps(self.locale.strings if self.locale else {}, sort_keys=True, default=str)
            digest = hashlib.blake2b(strings.encode("utf-8"), digest_size=12).hexdigest()
            self._strings_digest.append(f"{self.words.language}:{digest}")
        return self._strings_digest[0]

    def summary_html(self, event: Event) -> str:
        """``summary_html(event)``, rendered once per event and build: the feeds (an event is in
        several), the TimelineJS slides and the calendar all show it, and Markdown is the
        costliest step of each."""
        kept = self._summaries.get(event.id)
        if kept is None or kept[0] != event.summary:
            kept = self._summaries[event.id] = (event.summary, summary_html(event))
        return kept[1]

    def absolute(self, url: str) -> str | None:
        """The public address of a site URL, or None when no site_url is configured."""
        return self.site_url + url if self.site_url else None

    def link(self, url: str, from_url: str) -> str:
        """Absolute when the address is known, else relative to the file that holds the link."""
        return self.absolute(url) or "../" * from_url.count("/") + url

    def added_time(self, event: Event) -> int:
        """When the event was added: its first commit, else the earliest day it could have been.

        That is the later of the event's last day and its newest source's publication: a medieval
        event written up from a 2001 book was added after 2001, and feed readers cannot show
        dates before 1900 anyway.
        """
        if event.id in self.added:
            return self.added[event.id]
        known = self._estimated.get(event.id)
        if known is None:  # asked once per feed the event is in: worked out once
            days = [(event.end or event.date).last_day(), *(s.published.last_day() for s in event.sources)]
            year, month, day = max(max(days), (1, 1, 1))  # a timestamp needs a year from 1 on
            known = self._estimated[event.id] = int(datetime(year, month, day, tzinfo=UTC).timestamp())
        return known

    def event_link(self, event: Event, from_url: str) -> str:
        return self.link(event_url(event.id), from_url)


def site_url_prefix(site_url: str) -> str:
    """``https://x.org/sub`` -> ``https://x.org/sub/``; empty stays empty."""
    return site_url.rstrip("/") + "/" if site_url else ""


def stable_uuid(site: Site, name: str) -> str:
    """A UUID that depends only on the chronology's title and ``name`` (an event id, a feed)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"chronology:{site.timeline.title}:{name}"))


def iso_time(timestamp: int) -> str:
    """RFC 3339 in UTC, the form Atom requires: ``2020-01-29T10:00:00Z``."""
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def added_times(content_dir: Path, project: Path) -> dict[str, int] | None:
    """Event id -> Unix time of the commit that first added its file, or None without git.

    One ``git log`` over the events folder, newest commit first, so the last time seen for a
    file is its first commit. The repository must start at the project folder (where
    mkdocs.yml is) or below it: a test fixture inside this repository is not dated by this
    repository's history. A shallow clone does not know first commits, so it counts as no
    repository (event dates are used instead): the output must not depend on clone depth.
    """
    git_dir = _git_dir(content_dir.resolve(), project.resolve())
    if git_dir is None or (git_dir / "shallow").exists():
        return None
    head = _git(content_dir, "rev-parse", "HEAD")  # no commit yet: no dates
    if head is None:
        return None
    return _first_commits(str(content_dir.resolve()), head.strip())


@functools.lru_cache(maxsize=4)
def _first_commits(content_dir: str, head: str) -> dict[str, int] | None:
    """The log read once per commit checked out: each ``mkdocs serve`` rebuild asked git again
    (per edition), and on a long history that alone took longer than the rebuild's pages."""
    output = _git(
        Path(content_dir), "log", "--format=%x00%ct", "--name-only", "--diff-filter=A", "--no-renames",
        "--relative", head, "--", "events",
    )  # fmt: skip
    return None if output is None else _parse_git_log(output)


def _git(folder: Path, *args: str) -> str | None:
    """A git command's output in ``folder``, or None if git is missing, fails or hangs."""
    command = ["git", "-c", "core.quotepath=off", "-C", str(folder), *args]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, check=False, timeout=GIT_TIMEOUT, encoding="utf-8"
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def _parse_git_log(output: str) -> dict[str, int]:
    times: dict[str, int] = {}
    current = 0
    for line in output.splitlines():
        if line.startswith("\x00"):
            current = int(line[1:])
        elif line.endswith(".yaml"):
            times[line.rsplit("/", 1)[-1].removesuffix(".yaml")] = current
    return times


def _git_dir(folder: Path, project: Path) -> Path | None:
    """The repository holding ``folder`` at or below ``project``, found without running git."""
    for candidate in (folder, *folder.parents):
        if candidate != project and project not in candidate.parents:
            return None
        marker = candidate / ".git"
        if marker.is_dir():
            return marker
        if marker.is_file():  # a worktree or submodule: "gitdir: <path>"
            text = marker.read_text(encoding="utf-8", errors="replace").strip()
            if text.startswith("gitdir:"):
                target = Path(text.removeprefix("gitdir:").strip())
                return target if target.is_absolute() else (candidate / target).resolve()
            return None
    return None


def summary_html(event: Event) -> str:
    """The summary for files read away from the event page: inline citations as plain "[1]",
    since a link to the page's source list cannot work inside a feed or a TimelineJS slide."""
    plain = without_citation_links(event.summary, event.summary_html, event.id)
    return render_markdown(event.summary) if plain is None else plain


def status_line(words: Locale, event: Event) -> str:
    """ "Status: Disputed (disputed by ...)" in the site's language, or "" when not assessed."""
    if event.status is None:
        return ""
    label = words.t(STATUS_LABELS[event.status])
    if event.disputed_by:
        label += " (" + words.t("disputed by {party}", party=event.disputed_by) + ")"
    return words.t("Status: {status}", status=label)
