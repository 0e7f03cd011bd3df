"""Run the stages: read (load, validate) -> localize -> organise -> render -> write.

``Builder`` keeps a cache between builds of the same content folder, as ``mkdocs serve`` does
on every edit: unchanged files are not parsed again, and pages whose key did not change are not
rendered again. On a cold build with many files, parsing and rendering are split across the
machine's cores (forked workers, so the organised site is shared without copying).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date as calendar_date
from multiprocessing.pool import IMapIterator
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path

from .content import Content, ContentReader
from .exports import Fragments, PageMetadata, write_edition_exports, write_exports
from .exports.common import site_url_prefix
from .geo import OUTLINE_FILE, load_outline
from .localize import localize
from .model import Event, Timeline
from .organise import PagePlan, Site, organise
from .overview import MAX_MARKS
from .plan import REDIRECT_TEMPLATE, SHARE_TEMPLATE, PlanMemo, plan_pages
from .problems import ContentError, Problem, Severity, errors
from .progress import Progress
from .render import Edition, KeptTemplates, Renderer
from .schema import event_schema_json
from .search import FILTERS_URL, TextIndex, filters_json, text_index_files
from .share import has_raqm
from .theming import Theme
from .write import (
    copy_assets,
    output_path,
    publish_files,
    remove_page,
    stash_output,
    unstash_output,
    write_bytes,
)

SCHEMA_URL = "schema/event.schema.json"
NOT_FOUND_URL = "404.html"

PARALLEL_THRESHOLD = 400  # below this many pages, forking costs more than it saves
PROGRESS_POLL_SECONDS = 0.2  # how often the parent looks at the workers' page count for the bar


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
    # Inside a larger site (the plugin's ``prefix``): the host site's name and the path from
    # the chronology's root up to the host's home page, for a link back.
    host_name: str = ""
    host_home: str = ""
    # Write a 404 page: only where the chronology is the site's root, since servers show the
    # root's 404.html at any missing address.
    not_found_page: bool = True
    # Draw a share image per event and edition (Open Graph, Twitter card).
    share_images: bool = True
    # Load events' external pictures from their hosts; otherwise they are links (README, "Media").
    allow_external_media: bool = False

    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1


@dataclass
class BuildReport:
    events: int = 0
    pages_planned: int = 0
    pages_rendered: int = 0
    files_parsed: int = 0
    warnings: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def edition_folder(language: str) -> str:
    """An edition's folder: the BCP 47 tag in lower case (``fr-CA`` -> ``fr-ca/``), since site
    paths are lower case; pages still declare ``lang="fr-CA"`` and ``hreflang="fr-CA"``."""
    return language.lower() + "/"


class Builder:
    """Builds one content folder into one output folder, remembering work between builds."""

    def __init__(
        self,
        content_dir: Path,
        theme: Theme | Path,
        out_dir: Path,
        options: BuildOptions | None = None,
        root: Path | None = None,
    ) -> None:
        self.content_dir = content_dir
        self.theme = theme if isinstance(theme, Theme) else Theme.with_overrides([theme])
        self.out_dir = out_dir
        self.options = options or BuildOptions()
        self.root = root or Path.cwd()
        self.reader = ContentReader(
            content_dir, self.root, self.options.workers, self.options.allow_external_media
        )
        self.page_keys: dict[str, str] = {}
        # True between ``unstash`` putting the last build's files back and the next build: its
        # pages are then known to be on disk, and 23,000 look-ups per rebuild are saved
        self.output_kept = False
        self.fragments = Fragments() if self.options.serving else None
        self.entries: dict[str, dict[str, tuple[object, str]]] = {}  # per language, when serving
        self.search_rows: dict[str, tuple[object, str]] = {}
        self.search_kept: dict[str, TextIndex] = {}  # per language: events' terms and records
        self.plan_memos: dict[str, PlanMemo] = {}  # per language: page keys and overviews
        self.compiled = KeptTemplates() if self.options.serving else None
        self.localized: dict[str, dict[str, tuple[str, Event]]] = {}  # per language: translated events
        self.export_urls: set[str] = set()
        self.asset_urls: set[str] = set()
        self.media_urls: set[str] = set()
        self.index_urls: set[str] = set()
        self.index_bytes: dict[str, bytes] = {}  # serve: what the last build wrote there
        # A command's bar (chronology build); pages are then rendered in more, smaller slices
        # so that it moves. None under MkDocs, which prints its own progress.
        self.progress: Progress | None = None

    def load(self, today: calendar_date | None = None) -> tuple[Content, int]:
        """Read and check all content; returns it with the number of event files parsed anew."""
        return self.reader.read(today)

    def written(self) -> set[str]:
        """Every file (as a URL under the output folder) the last build wrote and owns."""
        owned = self.export_urls | self.asset_urls | self.media_urls | self.index_urls
        return set(self.page_keys) | owned | {SCHEMA_URL}

    def stash(self, site_dir: Path, prefix: str = "") -> None:
        """Before MkDocs cleans the site folder (serve): keep this builder's files aside."""
        # the home page's URL is "": its file, index.html, is a top-level entry of its own
        stash_output(site_dir, {prefix + (url or "index.html") for url in self.written()})

    def unstash(self, site_dir: Path) -> None:
        """After MkDocs has written its pages: put the kept files back, or plan a full render."""
        self.output_kept = unstash_output(site_dir)
        if not self.output_kept:
            self.page_keys.clear()  # nothing kept: render every page

    # ---- organise, render, write ------------------------------------------------------
    def build(self, today: calendar_date | None = None) -> BuildReport:
        """Build the site; raises ContentError listing every problem if the content has errors."""
        report = BuildReport()
        clock = time.perf_counter()
        if self.progress is not None:
            self.progress.status("reading and checking content")
        content, report.files_parsed = self.load(today)
        report.timings["load"] = time.perf_counter() - clock
        if errors(content.problems) or content.timeline is None:
            raise ContentError(content.problems)
        report.warnings = [p for p in content.problems if p.severity is Severity.WARNING]
        self.media_urls = publish_files(self.out_dir, content.media, self.media_urls)
        clock = time.perf_counter()
        if self.progress is not None:
            self.progress.status("organising")
        sites, jobs, plans = self._plan(content, content.timeline)
        report.timings["organise"] = time.perf_counter() - clock
        clock = time.perf_counter()
        # The organised site lives until the pages are written: the collector need not scan it
        # again and again (a full collection walks every object), and forked workers that
        # collect would write to its pages, copying them out of the memory they share.
        gc.freeze()
        try:
            self._render_many(jobs)
        finally:
            gc.unfreeze()  # serve: the next build's garbage includes this build's site
        self._remove_stale_pages(plans)
        listed = [plan.url for plan in plans if _is_page(plan) and plan.template != REDIRECT_TEMPLATE]
        self._write_side_files(sites, jobs, listed)  # the sitemap's pages
        self.page_keys = {plan.url: plan.key for plan in plans}
        self.output_kept = False
        report.timings["render"] = time.perf_counter() - clock
        report.events, report.pages_planned = len(sites[0].events), sum(map(_is_page, plans))
        report.pages_rendered = sum(_is_page(plan) for job in jobs for plan in job.plans)
        return report

    def _plan(
        self, content: Content, timeline: Timeline
    ) -> tuple[list[Site], list[RenderJob], list[PagePlan]]:
        """Organise every edition, plan its pages and write its search index."""
        editions = tuple(
            Edition(language, "" if index == 0 else edition_folder(language))
            for index, language in enumerate(timeline.languages)
        )
        salt = self.theme.revision()
        sites: list[Site] = []
        jobs: list[RenderJob] = []
        plans: list[PagePlan] = []
        previous, self.index_urls = self.index_urls, set()
        written: dict[str, bytes] = {}
        outline_file = self.theme.find(OUTLINE_FILE)
        outline = load_outline(outline_file) if outline_file else None
        for edition in editions:
            kept_copies = self.localized.setdefault(edition.language, {}) if self.options.serving else None
            site = organise(
                *localize(timeline, content.events.values(), content.pages, edition.language, kept_copies)
            )
            sites.append(site)
            renderer = self._renderer(site, edition, editions, salt)
            rtl = renderer.locale.direction == "rtl"
            draws = self.options.share_images and (has_raqm() or not rtl)
            renderer.draws_share_images, renderer.main_draws_share_images = draws, self.options.share_images
            memo = self.plan_memos.setdefault(edition.language, PlanMemo()) if self.options.serving else None
            if memo is not None:
                memo.next_build()
            edition_plans = plan_pages(
                site,
                self.options.per_page,
                salt,
                edition.prefix,
                rtl=rtl,
                outline=outline,
                share_images=draws,
                memo=memo,
            )
            if not self.options.not_found_page:
                edition_plans = [plan for plan in edition_plans if not plan.url.endswith(NOT_FOUND_URL)]
            jobs.append(RenderJob(renderer, self._pages_to_render(edition_plans), self.out_dir))
            plans += edition_plans
            rows = self.search_rows if self.options.serving else None
            index_url = edition.prefix + FILTERS_URL
            # ids only where entries are filtered in place or the overview draws events
            with_ids = len(site.events) <= max(self.options.per_page, MAX_MARKS)
            write_bytes(self.out_dir, index_url, filters_json(site, renderer.locale, rows, with_ids))
            self.index_urls.add(index_url)
            kept = (
                self.search_kept.setdefault(edition.language, TextIndex()) if self.options.serving else None
            )
            for url, data in text_index_files(site, renderer.locale, content.events, timeline, kept).items():
                self._write_index_file(edition.prefix + url, data, written)
        for url in previous - self.index_urls:  # a shard or chunk the content no longer needs
            remove_page(self.out_dir, url)
        self.index_bytes = written if self.options.serving else {}
        return sites, jobs, plans

    def _write_index_file(self, url: str, data: bytes, written: dict[str, bytes]) -> None:
        """Write a search file unless serve kept it and the index handed back the very bytes
        the last rebuild wrote (the kept index's unchanged shards and chunks): at 10,000 events,
        reading a thousand files back to compare them cost more than writing the edit's own."""
        if not (self.output_kept and self.index_bytes.get(url) is data):
            write_bytes(self.out_dir, url, data)
        written[url] = data
        self.index_urls.add(url)

    def _write_side_files(self, sites: list[Site], jobs: list[RenderJob], page_urls: list[str]) -> None:
        """The schema, the open-data exports (in the main edition's language, with the project's
        own strings), each other edition's calendar, TimelineJS file and feeds in its own
        language, the sitemap of ``page_urls`` and the theme's assets."""
        main_site, locale = sites[0], jobs[0].renderer.locale
        # the schema editors' tools use, published so a file can point at the site's copy
        write_bytes(self.out_dir, SCHEMA_URL, event_schema_json().encode("utf-8"))
        exported = write_exports(
            main_site,
            self.out_dir,
            self.options.site_url,
            self.content_dir,
            self.root,
            self.fragments,
            locale,
            page_urls=page_urls,
        )
        for site, job in zip(sites[1:], jobs[1:], strict=True):
            renderer = job.renderer
            exported |= write_edition_exports(
                site,
                self.out_dir,
                self.options.site_url,
                renderer.edition.prefix,
                self.content_dir,
                self.root,
                renderer.locale,
                self.fragments,
            )
        for url in self.export_urls - exported:  # e.g. the feed of a tag no longer declared
            remove_page(self.out_dir, url)
        self.export_urls = exported
        if self.options.copy_assets:
            self.asset_urls = copy_assets(self.theme.assets(), self.out_dir)

    def _pages_to_render(self, plans: Sequence[PagePlan]) -> list[PagePlan]:
        """Pages whose key changed since the last build into this folder (all, the first time)."""
        keys = self.page_keys
        if self.output_kept:  # serve put back every page the last build wrote: no need to look
            return [plan for plan in plans if keys.get(plan.url) != plan.key]
        return [plan for plan in plans if keys.get(plan.url) != plan.key or not self._exists(plan.url)]

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
            self.theme, site, self.options.site_url, edition, editions, entries, theme_digest, self.compiled
        )
        renderer.environment.globals.update(
            host_name=self.options.host_name,
            host_home=self.options.host_home,
            allow_external_media=self.options.allow_external_media,
        )
        # JSON-LD and Open Graph point to the edition's own page (ar/events/x/)
        edition_url = site_url_prefix(self.options.site_url) + edition.prefix if self.options.site_url else ""
        metadata = PageMetadata(site, edition_url, edition.language)
        renderer.environment.globals.update(metadata.globals())
        return renderer

    def _render_many(self, jobs: list[RenderJob]) -> None:
        """Render and write pages, on every core when there are enough of them.

        Each worker takes whole editions when there are at least as many editions as workers:
        an edition's list entries are then rendered in one process only, where interleaving
        every page between the workers had each of them render every entry of every edition
        (an eighth of the build's CPU at 1,000 events, two editions, two workers).
        """
        workers = workers_within_budget(self.options.worker_count(), self.options.memory_mib)
        pages = sum(len(job.plans) for job in jobs)
        progress = self.progress
        if progress is not None:
            progress.set_total(pages)
        if workers < 2 or pages < PARALLEL_THRESHOLD:
            for job in jobs:
                job.run(0, 1, progress.advance if progress is not None else None)
            return
        global _PENDING_JOBS, _PAGES_DONE
        _PENDING_JOBS = jobs
        context = multiprocessing.get_context("fork")
        _PAGES_DONE = context.Value("q", 0)
        try:
            with context.Pool(workers) as pool:
                results = pool.imap_unordered(_render_share, render_shares(jobs, workers))
                per_task = _collect(results, _PAGES_DONE, progress)
        finally:
            _PENDING_JOBS, _PAGES_DONE = [], None
        for index, entries in sorted(per_task, key=lambda pair: pair[0]):
            # serve: entries the workers rendered serve the next rebuild
            jobs[index].renderer.keep_entries(entries)


def render_shares(jobs: Sequence[RenderJob], workers: int) -> list[tuple[int, int, int]]:
    """(job, start, step): what each forked task renders, ``job.plans[start::step]``.

    An edition is split between workers only when there are more workers than editions, and
    then into as few shares as keep every worker busy: each share renders the entries its
    listings show once more, so fewer shares means less repeated work.
    """
    shares = -(-workers // len(jobs)) if jobs else 1  # ceiling
    return [(index, start, shares) for index in range(len(jobs)) for start in range(shares)]


def _collect(
    results: IMapIterator[_Share], done: Synchronized[int] | None, progress: Progress | None
) -> list[_Share]:
    """The workers' results; meanwhile the bar follows the pages they count in ``done``."""
    collected: list[_Share] = []
    shown = 0
    while True:
        try:
            collected.append(results.next(PROGRESS_POLL_SECONDS))
        except multiprocessing.TimeoutError:
            pass
        except StopIteration:
            break
        if progress is not None and done is not None:
            now = done.value
            progress.advance(now - shown)
            shown = now
    return collected


def _is_page(plan: PagePlan) -> bool:
    """A page, not a share image (counted and listed in the sitemap apart)."""
    return plan.template != SHARE_TEMPLATE


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

    def run(
        self, start: int, step: int, advance: Callable[[int], None] | None = None
    ) -> dict[str, tuple[object, str]]:
        """Render this worker's share; returns the entries it rendered, for the parent to keep."""
        for plan in self.plans[start::step]:
            write_bytes(self.out_dir, plan.url, self.renderer.render_bytes(plan))
            if advance is not None:
                advance(1)
        return self.renderer.kept_entries()


_Share = tuple[int, dict[str, tuple[object, str]]]  # (job index, the entries its renderer kept)

# The jobs forked render workers run: set just before forking, so workers inherit the
# organised site from the parent's memory instead of receiving a pickled copy. Workers count
# the pages they wrote in _PAGES_DONE, which the parent reads for the progress bar.
_PENDING_JOBS: list[RenderJob] = []
_PAGES_DONE: Synchronized[int] | None = None


def _count_page(count: int) -> None:
    assert _PAGES_DONE is not None  # set before forking
    with _PAGES_DONE.get_lock():
        _PAGES_DONE.value += count


def _render_share(task: tuple[int, int, int]) -> _Share:
    index, start, step = task
    return index, _PENDING_JOBS[index].run(start, step, _count_page)
