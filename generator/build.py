"""Run the stages: load -> validate -> organise -> render -> write.

``Builder`` keeps a cache between builds of the same content folder, as ``mkdocs serve`` does
on every edit: unchanged files are not parsed again, and pages whose key did not change are not
rendered again. On a cold build with many files, parsing and rendering are split across the
machine's cores (forked workers, so the organised site is shared without copying).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date as calendar_date
from pathlib import Path

from .exports import Fragments, PageMetadata, write_exports
from .exports.common import site_url_prefix
from .load import load_page_file, load_yaml_file
from .localize import localize
from .model import Event, ProsePage, Timeline
from .organise import PagePlan, Site, organise, plan_pages
from .problems import ContentError, Problem, Severity, errors
from .render import Edition, Renderer, theme_revision
from .schema import event_schema_json
from .search import INDEX_URL, search_index_json
from .validate import (
    References,
    check_references,
    event_from_document,
    page_from_source,
    references_of,
    timeline_from_document,
)  # fmt: skip
from .write import copy_assets, output_path, remove_page, write_bytes

PARALLEL_THRESHOLD = 400  # below this many files or pages, forking costs more than it saves
RESERVED_SLUGS = {
    "events", "years", "eras", "tags", "actors", "places", "sources", "page", "assets", "search",
    "data", "feeds", "open-data", "schema",
}  # fmt: skip


@dataclass(frozen=True)
class BuildOptions:
    per_page: int = 100
    site_url: str = ""
    workers: int = 0  # 0: one per core
    # Render workers are forked copies of the builder and, as they read the site, each ends up
    # holding most of it; fewer are used when they would not fit in this many MiB together.
    memory_mib: int = 1024
    copy_assets: bool = True
    # Keep each event's pieces of the export files between builds (mkdocs serve): an edit then
    # re-makes one event's pieces instead of every file whole. One-off builds keep nothing.
    serving: bool = False

    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1


@dataclass
class ParsedEvent:
    """What one event file yields, cached by (modification time, size) between builds."""

    stamp: tuple[int, int]
    event: Event | None
    references: References
    problems: list[Problem]


@dataclass
class BuildReport:
    events: int = 0
    pages_planned: int = 0
    pages_rendered: int = 0
    files_parsed: int = 0
    warnings: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class Content:
    timeline: Timeline | None
    events: dict[str, Event]
    pages: list[ProsePage]
    problems: list[Problem]


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


class Builder:
    """Builds one content folder into one output folder, remembering work between builds."""

    def __init__(
        self,
        content_dir: Path,
        theme_dir: Path,
        out_dir: Path,
        options: BuildOptions | None = None,
        root: Path | None = None,
    ) -> None:
        self.content_dir = content_dir
        self.theme_dir = theme_dir
        self.out_dir = out_dir
        self.options = options or BuildOptions()
        self.root = root or Path.cwd()
        self.parsed: dict[str, ParsedEvent] = {}
        self.page_keys: dict[str, str] = {}
        self.fragments = Fragments() if self.options.serving else None
        self.entries: dict[str, dict[str, tuple[object, str]]] = {}  # per language, when serving
        self.search_rows: dict[str, tuple[object, str]] = {}
        self.export_urls: set[str] = set()

    # ---- load and validate -------------------------------------------------------------
    def load(self, today: calendar_date | None = None) -> tuple[Content, int]:
        """Read and check all content; returns it with the number of event files parsed anew."""
        today = today or calendar_date.today()
        problems: list[Problem] = []
        timeline_path = self.content_dir / "timeline.yaml"
        timeline = None
        if timeline_path.is_file():
            document = load_yaml_file(timeline_path, display_path(timeline_path, self.root))
            timeline = timeline_from_document(document)
            problems += document.problems
        else:
            problems.append(
                Problem(
                    display_path(timeline_path, self.root),
                    1,
                    1,
                    "",
                    "timeline.yaml is missing",
                    "create it: see CONTRIBUTING.md",
                )
            )
        event_files, stray_files = self._scan_events()
        fresh = self._parse_events(event_files, today)
        events: dict[str, Event] = {}
        for key in sorted(self.parsed):
            parsed = self.parsed[key]
            problems += parsed.problems
            event = parsed.event
            if event is not None and event.id in events:
                problems.append(
                    Problem(
                        event.path,
                        1,
                        1,
                        "",
                        f"another file has the same id '{event.id}': {events[event.id].path}",
                        "event ids are file names: rename one of the two",
                    )
                )
            elif event is not None:
                events[event.id] = event
        problems += self._stray_files(stray_files)
        pages = self._load_pages(problems)
        if timeline is not None:
            references = [parsed.references for parsed in self.parsed.values()]
            problems += check_references(events, references, timeline, display_path(timeline_path, self.root))
            problems += self._check_page_languages(pages, timeline)
        return Content(timeline, events, pages, problems), fresh

    def _scan_events(self) -> tuple[list[Path], list[Path]]:
        """Event files under content/events/ (subfolders too) and files there that are not."""
        folder = self.content_dir / "events"
        events: list[Path] = []
        stray: list[Path] = []
        for directory, subfolders, names in os.walk(folder):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
            for name in sorted(names):
                if not name.startswith("."):
                    (events if name.endswith(".yaml") else stray).append(Path(directory, name))
        return sorted(events), sorted(stray)

    def _stray_files(self, stray: list[Path]) -> list[Problem]:
        """Files in content/events/ that are not read: never drop an event silently."""
        return [
            Problem(
                display_path(path, self.root),
                1,
                1,
                "",
                "this file is not read: event files must end in .yaml",
                f"rename it to {path.stem}.yaml, or move it out of content/events/",
            )
            for path in stray
        ]

    def _parse_events(self, files: list[Path], today: calendar_date) -> int:
        current = {path.as_posix(): path for path in files}
        for gone in set(self.parsed) - set(current):
            del self.parsed[gone]
        stale = []
        for key, path in current.items():
            stat = path.stat()
            cached = self.parsed.get(key)
            if cached is None or cached.stamp != (stat.st_mtime_ns, stat.st_size):
                stale.append((key, display_path(path, self.root)))
        for (key, _), parsed in zip(stale, self._parse_many(stale, today), strict=True):
            self.parsed[key] = parsed
        return len(stale)

    def _parse_many(self, items: list[tuple[str, str]], today: calendar_date) -> list[ParsedEvent]:
        workers = self.options.worker_count()
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

    def _check_page_languages(self, pages: list[ProsePage], timeline: Timeline) -> list[Problem]:
        """``about.ar.md`` translates ``about.md`` into one of the site's editions."""
        originals = {page.slug for page in pages if not page.language}
        problems = []
        for page in pages:
            if page.language and page.language not in timeline.languages[1:]:
                problems.append(
                    Problem(
                        page.path,
                        1,
                        1,
                        "",
                        f"'{page.language}' is not one of the site's editions",
                        "add it to languages: in content/timeline.yaml",
                    )
                )
            elif page.language and page.slug not in originals:
                problems.append(
                    Problem(
                        page.path,
                        1,
                        1,
                        "",
                        f"a translation of '{page.slug}.md', which does not exist",
                        f"write content/pages/{page.slug}.md first",
                    )
                )
            elif page.slug in timeline.languages:
                problems.append(
                    Problem(
                        page.path,
                        1,
                        1,
                        "",
                        f"a page cannot be called '{page.slug}': the "
                        "site's edition in that language uses that folder",
                        "rename the file",
                    )
                )
        return problems

    def _load_pages(self, problems: list[Problem]) -> list[ProsePage]:
        pages = []
        for path in sorted((self.content_dir / "pages").glob("*.md")):
            source = load_page_file(path, display_path(path, self.root))
            page = page_from_source(source)
            problems += source.document.problems
            if page is not None and page.slug in RESERVED_SLUGS:
                problems.append(
                    source.document.problem(
                        "",
                        f"a page cannot be called '{page.slug}': the site uses that folder",
                        "rename the file",
                    )
                )
            elif page is not None:
                pages.append(page)
        return pages

    # ---- organise, render, write ------------------------------------------------------
    def build(self, today: calendar_date | None = None) -> BuildReport:
        """Build the site; raises ContentError listing every problem if the content has errors."""
        report = BuildReport()
        clock = time.perf_counter()
        content, report.files_parsed = self.load(today)
        report.timings["load"] = time.perf_counter() - clock
        if errors(content.problems) or content.timeline is None:
            raise ContentError(content.problems)
        report.warnings = [p for p in content.problems if p.severity is Severity.WARNING]
        clock = time.perf_counter()
        timeline = content.timeline
        editions = tuple(
            Edition(language, "" if index == 0 else f"{language}/")
            for index, language in enumerate(timeline.languages)
        )
        salt = theme_revision(self.theme_dir)
        plans: list[PagePlan] = []
        jobs: list[RenderJob] = []
        main_site: Site | None = None
        for edition in editions:
            site = organise(*localize(timeline, content.events.values(), content.pages, edition.language))
            main_site = main_site or site
            renderer = self._renderer(site, edition, editions, salt)
            edition_plans = plan_pages(
                site, self.options.per_page, salt, edition.prefix, rtl=renderer.locale.direction == "rtl"
            )
            jobs.append(RenderJob(renderer, self._pages_to_render(edition_plans), self.out_dir))
            plans += edition_plans
            rows = self.search_rows if self.options.serving else None
            write_bytes(
                self.out_dir, edition.prefix + INDEX_URL, search_index_json(site, renderer.locale, rows)
            )
        assert main_site is not None
        report.timings["organise"] = time.perf_counter() - clock
        clock = time.perf_counter()
        self._render_many(jobs)
        self._remove_stale_pages(plans)
        # the schema editors' tools use, published so a file can point at the site's copy
        write_bytes(self.out_dir, "schema/event.schema.json", event_schema_json().encode("utf-8"))
        exported = write_exports(
            main_site, self.out_dir, self.options.site_url, self.content_dir, self.root, self.fragments
        )
        for url in self.export_urls - exported:  # e.g. the feed of a tag no longer declared
            remove_page(self.out_dir, url)
        self.export_urls = exported
        if self.options.copy_assets:
            copy_assets(self.theme_dir, self.out_dir)
        self.page_keys = {plan.url: plan.key for plan in plans}
        report.timings["render"] = time.perf_counter() - clock
        report.events, report.pages_planned = len(main_site.events), len(plans)
        report.pages_rendered = sum(len(job.plans) for job in jobs)
        return report

    def _pages_to_render(self, plans: Sequence[PagePlan]) -> list[PagePlan]:
        """Pages whose key changed since the last build into this folder (all, the first time)."""
        return [
            plan for plan in plans if self.page_keys.get(plan.url) != plan.key or not self._exists(plan.url)
        ]

    def _remove_stale_pages(self, plans: Sequence[PagePlan]) -> None:
        """A page the last build wrote that no longer exists (deleted event) goes away too."""
        current = {plan.url for plan in plans}
        for url in set(self.page_keys) - current:
            remove_page(self.out_dir, url)

    def _exists(self, url: str) -> bool:
        return output_path(self.out_dir, url).exists()

    def _renderer(
        self, site: Site, edition: Edition, editions: tuple[Edition, ...], theme_digest: str
    ) -> Renderer:
        entries = self.entries.setdefault(edition.language, {}) if self.options.serving else None
        renderer = Renderer(
            self.theme_dir, site, self.options.site_url, edition, editions, entries, theme_digest
        )
        metadata = PageMetadata(site, site_url_prefix(self.options.site_url))  # JSON-LD, Open Graph
        renderer.environment.globals.update(metadata.globals())
        return renderer

    def _render_many(self, jobs: list[RenderJob]) -> None:
        """Render and write pages, on every core when there are enough of them."""
        workers = workers_within_budget(self.options.worker_count(), self.options.memory_mib)
        if workers < 2 or sum(len(job.plans) for job in jobs) < PARALLEL_THRESHOLD:
            _run_jobs(jobs, 0, 1)
            return
        global _PENDING_JOBS
        _PENDING_JOBS = jobs
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                results = pool.map(_render_slice, [(i, workers) for i in range(workers)])
        finally:
            _PENDING_JOBS = []
        for per_worker in results:  # serve: entries the workers rendered serve the next rebuild
            for job, entries in zip(jobs, per_worker, strict=True):
                job.renderer.keep_entries(entries)


def workers_within_budget(wanted: int, budget_mib: int) -> int:
    """How many forked render workers fit in the memory budget beside this process.

    A worker starts as a copy of this process and, reading the site, soon holds as much
    again: measured here at about 1.3 times this process's size. At 10,000 events two
    workers fit in 1 GiB; at 50,000 they would take 1.9 GiB, so the pages are rendered here.
    """
    size_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    fitting = int((budget_mib - size_mib) // (size_mib * 1.3)) if size_mib else wanted
    return max(1, min(wanted, fitting))


@dataclass
class RenderJob:
    """Pages of one edition to render and write; forked workers each take every n-th page."""

    renderer: Renderer
    plans: list[PagePlan]
    out_dir: Path

    def run(self, start: int, step: int) -> dict[str, tuple[object, str]]:
        """Render this worker's share; returns the entries it rendered, for the parent to keep."""
        for plan in self.plans[start::step]:
            write_bytes(self.out_dir, plan.url, self.renderer.render(plan).encode("utf-8"))
        return self.renderer.kept_entries()


def _run_jobs(jobs: list[RenderJob], start: int, step: int) -> list[dict[str, tuple[object, str]]]:
    return [job.run(start, step) for job in jobs]


# The jobs forked render workers run: set just before forking, so workers inherit the
# organised site from the parent's memory instead of receiving a pickled copy.
_PENDING_JOBS: list[RenderJob] = []


def _render_slice(args: tuple[int, int]) -> list[dict[str, tuple[object, str]]]:
    return _run_jobs(_PENDING_JOBS, *args)
