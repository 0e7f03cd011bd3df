"""Open data: the files every build writes beside the pages, and the pages' machine metadata.

    data/events.json (+ events.schema.json)   every event, every field
    data/events.csv  (+ events.csv.schema.json) one row per event, for spreadsheets
    data/events.ics                             events known to the day, all-day
    data/timelinejs.json                        for TimelineJS3
    feeds/atom.xml, feeds/tags/<tag>.xml        Atom, newest additions first

``write_exports`` is called once per build, after the pages; it returns the URLs it wrote so
the builder can remove files a later build no longer produces (a deleted tag's feed).
"""

from __future__ import annotations

from pathlib import Path

from ..organise import Site
from ..write import write_bytes
from .common import ExportContext, added_times, site_url_prefix
from .feeds import FEED_URL, all_feeds, tag_feed_url
from .ical import CALENDAR_URL, calendar_events, events_calendar
from .jsonld import PageMetadata
from .records import (
    CSV_SCHEMA_URL,
    CSV_URL,
    JSON_SCHEMA_URL,
    JSON_URL,
    csv_schema,
    events_csv,
    events_document,
    events_schema,
    to_json,
)
from .timelinejs import TIMELINEJS_URL, timelinejs_document

__all__ = [
    "CALENDAR_URL",
    "CSV_SCHEMA_URL",
    "CSV_URL",
    "FEED_URL",
    "JSON_SCHEMA_URL",
    "JSON_URL",
    "TIMELINEJS_URL",
    "ExportContext",
    "PageMetadata",
    "build_exports",
    "calendar_events",
    "export_context",
    "tag_feed_url",
    "write_exports",
]


def export_context(site: Site, site_url: str, content_dir: Path | None, project: Path) -> ExportContext:
    """The site plus added dates: from git when the project is a full clone, else none."""
    times = added_times(content_dir, project) if content_dir is not None else None
    return ExportContext(
        site, site_url_prefix(site_url), times or {}, "git" if times is not None else "event date"
    )


def build_exports(context: ExportContext) -> dict[str, bytes]:
    """Every export file, URL -> bytes; pure, so it is easy to test and to compare."""
    document = events_document(context)
    files = {
        JSON_URL: to_json(document),
        JSON_SCHEMA_URL: to_json(events_schema()),
        CSV_URL: events_csv(document["events"]),
        CSV_SCHEMA_URL: to_json(csv_schema()),
        CALENDAR_URL: events_calendar(context),
        TIMELINEJS_URL: to_json(timelinejs_document(context)),
    }
    files.update(all_feeds(context))
    return files


def write_exports(site: Site, out_dir: Path, site_url: str, content_dir: Path, project: Path) -> set[str]:
    """Write every export (unchanged files are left alone); returns the URLs written."""
    files = build_exports(export_context(site, site_url, content_dir, project))
    for url, data in files.items():
        write_bytes(out_dir, url, data)
    return set(files)
