"""``data/timelinejs.json``: the chronology in TimelineJS3's JSON format.

A newsroom can point TimelineJS at this file (``new TL.Timeline(id, url)``). Dates carry only
the parts that are known (a year-only date has only ``year``), eras become TimelineJS eras,
an event's first tag becomes its group, and its sources are listed as linked credits in the
event text, in the site's language. The source list is marked up (``class="chronology-sources"``
with ``data-*`` attributes) so that other tools can read it; ``MarkupWriter`` writes it, escaping
every value. Each slide also carries the event file's own fields under ``chronology`` (a key
TimelineJS ignores), so ``chronology import timelinejs`` gets back everything: body, actors,
places, related events, every tag and the translations, which a slide has no place for. The
event's first picture is the slide's media, and its times the dates' hours and minutes.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterator
from typing import Any

from ..dates import EventDate, historical_year
from ..fields import EVENT_FIELDS
from ..model import Event, Media, Source
from .common import ExportContext, status_line
from .records import event_record, list_item_json, splice_events
from .writer import MarkupWriter

TIMELINEJS_URL = "data/timelinejs.json"
SOURCES_CLASS = "chronology-sources"


def stripped_text(value: str) -> str:
    """Plain text for a field TimelineJS 3.9 "strips of markup" and then inserts as HTML.

    For ``group`` and ``display_date`` TimelineJS parses the value as HTML, keeps its text
    (decoding every entity) and assigns that text to ``innerHTML``. Escaped once, a tag named
    ``&lt;img onerror=...&gt;`` would come back to life; escaped twice, the first pass yields the
    once-escaped text and the browser shows it exactly as written. (A TimelineJS that inserted
    the field without stripping would show the entities, but still run nothing.)
    """
    return html.escape(html.escape(value, quote=False), quote=False)


def date_object(value: EventDate, display: str | None = None, time: str = "") -> dict[str, Any]:
    """{year, month?, day?, hour?, minute?, second?, display_date?}: only the known parts, as
    TimelineJS reads them (a time's zone note is for readers: it is in ``display_date``).

    A year before the common era is negative as TimelineJS shows it: its year -350 reads
    "350 BCE" (``Language.formatJSDate``), so 350 BCE is -350, not the astronomical -349."""
    result: dict[str, Any] = {"year": historical_year(value.year)}
    if value.month is not None:
        result["month"] = value.month
    if value.day is not None:
        result["day"] = value.day
    clock = time.split(" ")[0].split(":") if time else []
    result.update({unit: int(part) for unit, part in zip(("hour", "minute", "second"), clock, strict=False)})
    if display:
        result["display_date"] = stripped_text(display)
    return result


def source_credits(context: ExportContext, event: Event, link: str) -> str:
    """The slide text after the summary: the sources, then the permalink, in the site's language.

    Each source is a linked title, publisher and date, with the data the importer reads back
    (``data-publisher``, ``data-published``, ``data-archive-url``, ``hreflang``).
    """
    words = context.words
    html = MarkupWriter(html=True)
    status = status_line(words, event)
    if status:
        html.element("p", status, {"class": "chronology-status", "data-status": event.status or ""})
    html.element("p", words.t("Sources:")).start("ol", {"class": SOURCES_CLASS})
    for source in event.sources:
        html.start("li").element("a", source.title, _credit_attributes(source))
        html.text(f", {source.publisher}, {words.day(source.published)}").end("li")
    html.end("ol").start("p").element("a", words.t("Permalink"), {"href": link}).end("p")
    return html.getvalue()


def _credit_attributes(source: Source) -> dict[str, str]:
    attributes = {
        "href": source.url,
        "data-publisher": source.publisher,
        "data-published": source.published.iso(),
    }
    if source.archive_url:
        attributes["data-archive-url"] = source.archive_url
    if source.language:
        attributes["hreflang"] = source.language
    return attributes


def event_slide(context: ExportContext, event: Event) -> dict[str, Any]:
    words = context.words
    link = context.event_link(event, TIMELINEJS_URL)
    start = words.day(event.date)
    display = words.t("c. {date}", date=start) if event.approximate else start
    display = event.shown_when(display, words.t("{date}, {time}"))
    slide: dict[str, Any] = {"start_date": date_object(event.date, display, event.time)}
    if event.end_time or (event.end is not None and event.end != event.date):
        last = event.end or event.date
        slide["end_date"] = date_object(last, words.day(last), event.end_time)
    text = context.summary_html(event) + source_credits(context, event, link)
    slide["text"] = {"headline": html.escape(event.title, quote=False), "text": text}
    if event.media:
        slide["media"] = media_object(context, event.media[0])
    if event.tags:
        slide["group"] = stripped_text(context.site.term("tag", event.tags[0]).name)
    slide["unique_id"] = event.id
    slide["chronology"] = event_fields(context, event)
    return slide


def media_object(context: ExportContext, item: Media) -> dict[str, str]:
    """The event's first picture as TimelineJS media: a published file's address under the site
    (relative to this file without a site_url), else its url. TimelineJS inserts ``caption``
    and ``credit`` as HTML, so they are escaped; ``alt`` and ``link`` are set as properties.
    TimelineJS has no licence field: the licence follows the credit, so readers see it (read
    back as part of the credit by a tool that ignores ``chronology``)."""
    url = context.link(item.published, TIMELINEJS_URL) if item.published else item.url or ""
    media = {
        "url": url,
        "alt": item.alt,
        "caption": html.escape(item.caption, quote=False),
        "credit": html.escape(item.credit + (f", {item.licence}" if item.licence else ""), quote=False),
        "link": item.source or "",
    }
    return {key: value for key, value in media.items() if value}


def event_fields(context: ExportContext, event: Event) -> dict[str, Any]:
    """The event file's fields that it uses, with its id: what the importer reads back whole."""
    record = event_record(context, event)
    used = {name: record[name] for name in EVENT_FIELDS if not _unused(record.get(name))}
    return {"id": event.id, **used}


def _unused(value: Any) -> bool:
    """An empty value, which the event file leaves out; a count of 0 is a value."""
    return value is None or value is False or (isinstance(value, (str, list, dict)) and not value)


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
