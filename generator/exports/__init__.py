"""Open data: the files every build writes beside the pages, and the pages' machine metadata.

    data/events.json (+ events.schema.json)   every event, every field
    data/events.csv  (+ events.csv.schema.json) one row per event, for spreadsheets
    data/events.ics                             events known to the day, all-day
    data/timelinejs.json                        for TimelineJS3
    feeds/atom.xml, feeds/tags/<tag>.xml        Atom, newest additions first
    sitemap.xml                                 every page of every edition (with site_url)

``write_exports`` is called once per build, after the pages; it returns the URLs it wrote so
the builder can remove files a later build no longer produces (a deleted tag's feed).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..locale import Locale, load_locale
from ..organise import Site
from ..theming import Theme
from ..write import write_chunks
from .common import ExportContext, Fragments, added_times, site_url_prefix
from .feeds import FEED_URL, all_feeds, tag_feed_url
from .ical import CALENDAR_URL, calendar_events, events_calendar
from .jsonld import PageMetadata
from .records import (
    CSV_SCHEMA_URL,
    CSV_URL,
    JSON_SCHEMA_URL,
    JSON_URL,
    csv_schema,
    events_csv_file,
    events_json,
    events_schema,
    to_json,
)
from .sitemap import SITEMAP_URL, sitemap_files
from .timelinejs import TIMELINEJS_URL, timelinejs_file

__all__ = [
    "CALENDAR_URL",
    "CSV_SCHEMA_URL",
    "CSV_URL",
    "FEED_URL",
    "JSON_SCHEMA_URL",
    "JSON_URL",
    "SITEMAP_URL",
    "TIMELINEJS_URL",
    "ExportContext",
    "Fragments",
    "PageMetadata",
    "calendar_events",
    "export_context",
    "tag_feed_url",
    "write_edition_exports",
    "write_exports",
]


def export_context(
    site: Site,
    site_url: str,
    content_dir: Path | None,
    project: Path,
    fragments: Fragments | None = None,
    locale: Locale | None = None,
) -> ExportContext:
    """The site plus added dates (from git when the project is a full clone, else none) and
    the words of its main language: ``locale``, else the packaged theme's."""
    times = added_times(content_dir, project) if content_dir is not None else None
    words = locale or load_locale(Theme.with_overrides(), site.timeline.language)
    return ExportContext(site, site_url_prefix(site_url), times or {}, fragments, words)


def iter_exports(context: ExportContext) -> Iterator[tuple[str, Iterable[str | bytes]]]:
    """Every export file as (URL, chunks), one at a time and each in pieces: at 50,000 events
    the files are tens of MB each, so none is ever held whole."""
    yield JSON_URL, events_json(context)
    yield JSON_SCHEMA_URL, [to_json(events_schema())]
    yield CSV_URL, events_csv_file(context)
    yield CSV_SCHEMA_URL, [to_json(csv_schema())]
    yield CALENDAR_URL, events_calendar(context)
    yield TIMELINEJS_URL, timelinejs_file(context)
    for url, data in all_feeds(context).items():
        yield url, [data]


def iter_edition_exports(context: ExportContext) -> Iterator[tuple[str, Iterable[str | bytes]]]:
    """The files a reader of another edition subscribes to or embeds, in its language and
    linking to its pages: the calendar, TimelineJS and the Atom feeds. (The JSON and CSV files
    already carry every translation.)"""
    yield CALENDAR_URL, events_calendar(context)
    yield TIMELINEJS_URL, timelinejs_file(context)
    for url, data in all_feeds(context).items():
        yield url, [data]


def write_edition_exports(
    site: Site,
    out_dir: Path,
    site_url: str,
    prefix: str,
    content_dir: Path,
    project: Path,
    locale: Locale,
    fragments: Fragments | None = None,
) -> set[str]:
    """Another edition's calendar, TimelineJS file and feeds, under its folder (``ar/``).

    Links inside them are relative to the file (so they stay in the edition's folder) or, with
    a site_url, absolute addresses in the edition's folder. Returns the URLs written.
    """
    edition_url = site_url_prefix(site_url) + prefix if site_url else ""
    context = export_context(site, edition_url, content_dir, project, fragments, locale)
    written = set()
    for url, chunks in iter_edition_exports(context):
        write_chunks(out_dir, prefix + url, chunks)
        written.add(prefix + url)
    return written


def write_exports(
    site: Site,
    out_dir: Path,
    site_url: str,
    content_dir: Path,
    project: Path,
    fragments: Fragments | None = None,
    locale: Locale | None = None,
    page_urls: Iterable[str] = (),
) -> set[str]:
    """Write every export, streaming each file's chunks to disk; returns the URLs written.

    ``locale`` is the main edition's (``Renderer.locale``, with the project's own strings): the
    files' interface text ("Sources:", dates) is in the site's main language. Without it, the
    packaged theme's strings for that language are used. ``page_urls`` are the site's pages in
    every edition, for the sitemap.
    """
    written = set()
    context = export_context(site, site_url, content_dir, project, fragments, locale)
    for url, chunks in iter_exports(context):
        write_chunks(out_dir, url, chunks)
        written.add(url)
    languages, pages = site.timeline.languages, tuple(page_urls)
    sitemaps = context.whole(
        "sitemap", SITEMAP_URL, (languages, pages), lambda: sitemap_files(context.site_url, languages, pages)
    )
    for url, data in sitemaps.items():
        write_chunks(out_dir, url, [data])
        written.add(url)
    return written
