"""``data/timelinejs.json``: the chronology in TimelineJS3's JSON format.

A newsroom can point TimelineJS at this file (``new TL.Timeline(id, url)``). Dates carry only
the parts that are known (a year-only date has only ``year``), eras become TimelineJS eras,
an event's first tag becomes its group, and its sources are listed as linked credits in the
event text. The source list is marked up (``class="chronology-sources"`` with ``data-*``
attributes) so that ``chronology import timelinejs`` can read it back without loss.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterator
from typing import Any

from ..dates import EventDate
from ..model import Event, Source
from .common import ExportContext
from .records import list_item_json, splice_events

TIMELINEJS_URL = "data/timelinejs.json"
SOURCES_CLASS = "chronology-sources"


def date_object(value: EventDate, display: str | None = None) -> dict[str, Any]:
    """{year, month?, day?, display_date?}: only the known parts, as TimelineJS reads them."""
    result: dict[str, Any] = {"year": value.year}
    if value.month is not None:
        result["month"] = value.month
    if value.day is not None:
        result["day"] = value.day
    if display:
        result["display_date"] = display
    return result


def _attribute(value: str) -> str:
    return html.escape(value, quote=True)


def source_credit(source: Source) -> str:
    """One source as HTML: linked title, publisher, date; the data the importer reads back."""
    extra = ""
    if source.archive_url:
        extra += f' data-archive-url="{_attribute(source.archive_url)}"'
    if source.language:
        extra += f' hreflang="{_attribute(source.language)}"'
    return (
        f'<li><a href="{_attribute(source.url)}" data-publisher="{_attribute(source.publisher)}" '
        f'data-published="{source.published.iso()}"{extra}>{html.escape(source.title)}</a>, '
        f"{html.escape(source.publisher)}, {html.escape(source.published.display())}</li>"
    )


def event_slide(context: ExportContext, event: Event) -> dict[str, Any]:
    credits = "".join(source_credit(source) for source in event.sources)
    link = context.event_link(event, TIMELINEJS_URL)
    text = (
        f"{event.summary_html}"
        f'<p>Sources:</p><ol class="{SOURCES_CLASS}">{credits}</ol>'
        f'<p><a href="{_attribute(link)}">Permalink</a></p>'
    )
    slide: dict[str, Any] = {
        "start_date": date_object(event.date, ("c. " if event.approximate else "") + event.date.display()),
    }
    if event.end is not None and event.end != event.date:
        slide["end_date"] = date_object(event.end, event.end.display())
    slide["text"] = {"headline": html.escape(event.title, quote=False), "text": text}
    if event.tags:
        slide["group"] = context.site.term("tag", event.tags[0]).name
    slide["unique_id"] = event.id
    return slide


def _eras(context: ExportContext) -> list[dict[str, Any]]:
    """Eras need both ends in TimelineJS: open ends are closed at the first or last event."""
    events = context.site.events
    if not events:
        return []
    first, last = events[0].date, max((e.end or e.date for e in events), key=lambda d: d.last_day())
    eras = []
    for era in context.site.timeline.eras:
        start, end = era.start or first, era.end or last
        if start.first_day() > end.last_day():
            continue
        eras.append(
            {
                "start_date": date_object(start),
                "end_date": date_object(end),
                "text": {"headline": html.escape(era.name, quote=False)},
            }
        )
    return eras


def timelinejs_document(context: ExportContext, with_events: bool = True) -> dict[str, Any]:
    timeline = context.site.timeline
    return {
        "title": {
            "text": {"headline": html.escape(timeline.title, quote=False), "text": timeline.description_html}
        },
        "events": [event_slide(context, event) for event in context.site.events] if with_events else [],
        "eras": _eras(context),
    }


def timelinejs_file(context: ExportContext) -> Iterator[str]:
    """timelinejs.json in chunks, each slide made once and kept; the same as dumping the document."""
    document = timelinejs_document(context, with_events=False)
    pieces = (
        context.piece("timelinejs", event, functools.partial(_slide_json, context, event))
        for event in context.site.events
    )
    return splice_events(document, pieces)


def _slide_json(context: ExportContext, event: Event) -> str:
    return list_item_json(event_slide(context, event))
