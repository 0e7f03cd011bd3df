"""Read stage: a content folder becomes checked content (model objects plus every problem).

``ContentReader`` walks ``content/`` (``timeline.yaml``, ``events/`` with subfolders,
``pages/*.md``), loads each file with positions, validates it, and runs the rules that look
across files. It remembers each event file by (modification time, size), so ``mkdocs serve``
re-reads only what changed; on a cold read of many files the parsing runs on every core.
``validate``, ``new``, ``check-links`` and ``build`` all read content through it.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, field
from datetime import date as calendar_date
from pathlib import Path

from .load import MAX_TIMELINE_BYTES, load_page_file, load_yaml_file
from .media import MediaChecker
from .model import Event, ProsePage, Timeline
from .problems import Problem, Severity
from .rawfiles import link_escape
from .validate import (
    References,
    check_page_links,
    check_pages,
    check_references,
    event_from_document,
    page_from_source,
    references_of,
    timeline_from_document,
    unique_events,
    unread_files,
)  # fmt: skip

PARALLEL_THRESHOLD = 400  # below this many files, forking costs more than it saves


@dataclass
class ParsedEvent:
    """What one event file yields, cached by (modification time, size) between reads."""

    stamp: tuple[int, int]
    event: Event | None
    references: References
    problems: list[Problem]


@dataclass
class Content:
    timeline: Timeline | None
    events: dict[str, Event]
    pages: list[ProsePage]
    problems: list[Problem]
    # event id -> where its fields are (validate.reference_positions): for rules run later,
    # such as the sourcing standard (``sourcing.check_sourcing``)
    positions: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    # the events' pictures to publish: site path (media/<digest>.jpg) -> file (``media.py``)
    media: dict[str, Path] = field(default_factory=dict)


def display_path(path: Path, root: Path) -> str:
    """Paths in problems are relative to the project (``content/events/x.yaml``) when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def parse_event_file(path: Path, shown: str, today: calendar_date) -> ParsedEvent:
    stat = path.stat()
    document = load_yaml_file(path, shown)
    event = event_from_document(document, today)
    return ParsedEvent((stat.st_mtime_ns, stat.st_size), event, references_of(document), document.problems)


def _parse_chunk(args: tuple[list[tuple[str, str]], calendar_date]) -> list[ParsedEvent]:
    items, today = args
    return [parse_event_file(Path(path), shown, today) for path, shown in items]


class ContentReader:
    """Reads one content folder, again and again, parsing only event files that changed."""

    def __init__(
        self,
        content_dir: Path,
        root: Path | None = None,
        workers: int = 0,
        allow_external_media: bool = False,
    ) -> None:
        self.content_dir = content_dir
        self.media = MediaChecker(content_dir)
        self.allow_external_media = allow_external_media
        self.root = root or Path.cwd()
        self.workers = workers or os.cpu_count() or 1
        self.parsed: dict[str, ParsedEvent] = {}
        self.timeline_read: tuple[tuple[int, int] | None, Timeline | None, list[Problem]] | None = None
        self.link_warnings: list[Problem] = []

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)

    def read(self, today: calendar_date | None = None) -> tuple[Content, int]:
        """All content and its problems, with the number of event files parsed anew."""
        today = today or calendar_date.today()
        self.link_warnings = []
        escape = self._content_folder_escapes()
        if escape is not None:
            return Content(None, {}, [], [escape]), 0
        timeline, problems = self._read_timeline()
        event_files, stray_files = self._scan_events()
        fresh = self._parse_events(event_files, today)
        parsed = [self.parsed[key] for key in sorted(self.parsed)]
        for item in parsed:
            problems += item.problems
        events, duplicates = unique_events(item.event for item in parsed if item.event is not None)
        problems += duplicates
        problems += unread_files((self.shown(path), path.stem) for path in stray_files)
        problems += self.link_warnings
        pages = self._read_pages(problems)
        problems += check_pages(pages, timeline.languages if timeline else None)
        positions = {item.references.event_id: item.references.positions for item in parsed}
        if timeline is not None:
            timeline_path = self.shown(self.content_dir / "timeline.yaml")
            references = [item.references for item in parsed]
            problems += check_references(events, references, timeline, timeline_path)
            problems += check_page_links(pages, events, timeline, positions)
        events, media_problems, media = self.media.check(events, positions, self.allow_external_media)
        problems += media_problems
        return Content(timeline, events, pages, problems, positions, media), fresh

    def _content_folder_escapes(self) -> Problem | None:
        """The content folder itself may be a link only to somewhere inside the project."""
        written = Path(os.path.abspath(self.content_dir))
        project = Path(os.path.abspath(self.root))
        if written.is_relative_to(project) and not self.content_dir.resolve().is_relative_to(
            project.resolve()
        ):
            return Problem(
                self.shown_unresolved(self.content_dir),
                1,
                1,
                "",
                "the content folder is a link to a place outside the project; nothing was read",
                "keep the content inside the project folder",
            )
        return None

    def _read_timeline(self) -> tuple[Timeline | None, list[Problem]]:
        """``timeline.yaml``, parsed again only when its (modification time, size) changed: its
        vocabulary's descriptions and translations are Markdown, a good part of a rebuild."""
        path = self.content_dir / "timeline.yaml"
        try:
            stat = path.stat()
            stamp: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        if stamp is None or self.timeline_read is None or self.timeline_read[0] != stamp:
            self.timeline_read = (stamp, *read_timeline(self.content_dir, self.root))
        _, timeline, problems = self.timeline_read
        return timeline, list(problems)

    def _scan_events(self) -> tuple[list[Path], list[Path]]:
        """Event files under content/events/ (subfolders too) and files there that are not.

        Linked folders are not followed (a link can lead anywhere on the build machine); each
        is named in a warning. Linked files are read by ``load``, which refuses them.
        """
        folder = self.content_dir / "events"
        events: list[Path] = []
        stray: list[Path] = []
        if not self._inside(folder):
            return events, stray
        for directory, subfolders, names in os.walk(folder):
            kept = []
            for name in sorted(subfolders):
                if name.startswith("."):
                    continue
                if Path(directory, name).is_symlink():
                    self.link_warnings.append(self._skipped_link(Path(directory, name)))
                else:
                    kept.append(name)
            subfolders[:] = kept
            for name in sorted(names):
                if not name.startswith("."):
                    (events if name.endswith(".yaml") else stray).append(Path(directory, name))
        return sorted(events), sorted(stray)

    def _inside(self, folder: Path) -> bool:
        """A folder of the content that is a link (or leads outside) is skipped, with a warning."""
        if not folder.exists() and not folder.is_symlink():
            return True
        escape = link_escape(folder, self.content_dir)
        if escape:
            self.link_warnings.append(self._skipped_link(folder, escape))
        return not escape

    def _skipped_link(self, path: Path, why: str = "") -> Problem:
        return Problem(
            self.shown_unresolved(path),
            1,
            1,
            "",
            f"not read: {why or 'it is a symbolic link'}; nothing outside the content folder is published",
            "replace the link with the files themselves",
            Severity.WARNING,
        )

    def shown_unresolved(self, path: Path) -> str:
        """The path as written (a link's own name, not its target's)."""
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            return path.as_posix()

    def _parse_events(self, files: list[Path], today: calendar_date) -> int:
        current = {path.as_posix(): path for path in files}
        for gone in set(self.parsed) - set(current):
            del self.parsed[gone]
        stale = []
        for key, path in current.items():
            stat = path.stat()
            cached = self.parsed.get(key)
            if cached is None or cached.stamp != (stat.st_mtime_ns, stat.st_size):
                stale.append((key, self.shown(path)))
        for (key, _), parsed in zip(stale, self._parse_many(stale, today), strict=True):
            self.parsed[key] = parsed
        return len(stale)

    def _parse_many(self, items: list[tuple[str, str]], today: calendar_date) -> list[ParsedEvent]:
        workers = self.workers
        if workers < 2 or len(items) < PARALLEL_THRESHOLD:
            return _parse_chunk((items, today))
        chunks = [(items[i :: workers * 4], today) for i in range(workers * 4)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_parse_chunk, chunks)
        # chunks interleave the items; put results back in the order of ``items``
        ordered: list[ParsedEvent | None] = [None] * len(items)
        for i, chunk_results in enumerate(results):
            for j, parsed in enumerate(chunk_results):
                ordered[i + j * workers * 4] = parsed
        return [parsed for parsed in ordered if parsed is not None]

    def _read_pages(self, problems: list[Problem]) -> list[ProsePage]:
        pages: list[ProsePage] = []
        folder = self.content_dir / "pages"
        if not self._inside(folder):
            return pages
        for path in sorted(folder.glob("*.md")):
            source = load_page_file(path, self.shown(path))
            page = page_from_source(source)  # adds the page's own problems to its document
            problems += source.document.problems
            if page is not None:
                pages.append(page)
        return pages


def read_timeline(content_dir: Path, root: Path | None = None) -> tuple[Timeline | None, list[Problem]]:
    """``timeline.yaml`` alone: the site's title, languages, eras and vocabulary."""
    path = content_dir / "timeline.yaml"
    shown = display_path(path, root or Path.cwd())
    if not path.is_file():
        return None, [Problem(shown, 1, 1, "", "timeline.yaml is missing", "create it: see CONTRIBUTING.md")]
    document = load_yaml_file(path, shown, MAX_TIMELINE_BYTES)
    return timeline_from_document(document), list(document.problems)


def read_content(content_dir: Path, root: Path | None = None, today: calendar_date | None = None) -> Content:
    """Read a content folder once (the command line's ``validate``, ``new``, ``check-links``)."""
    content, _ = ContentReader(content_dir, root).read(today)
    return content
