"""``data/events.json`` and ``data/events.csv``, with the JSON Schemas that document them.

One record per event, built once (``event_record``) and flattened for the CSV, so the two files
cannot disagree. Events are in the site's chronological order; keys follow ``fields.py``.
Every field is present in every record (``null`` or ``[]`` when the event does not use it),
so a consumer never has to guess whether a key is missing or empty.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..escape import looks_guarded, starts_formula
from ..fields import (
    CORRECTION_FIELDS,
    ERA_FIELDS,
    FACT_LABELS,
    LANGUAGE_PATTERN,
    MEDIA_FIELDS,
    RECORD_FIELDS,
    SOURCE_FIELDS,
    TERM_FIELDS,
    TRANSLATABLE,
)
from ..model import Correction, Event, Media, Source, Term
from ..organise import event_url
from ..schema import (
    CORRECTION_DESCRIPTION,
    DRAFT,
    ID_JSON_PATTERN,
    LANGUAGE_JSON_PATTERN,
    LIST_KINDS,
    MEDIA_DESCRIPTION,
    SCALAR_KINDS,
    SOURCE_DESCRIPTION,
    csv_cell,
    record_object,
)
from .common import ExportContext

JSON_URL = "data/events.json"
JSON_SCHEMA_URL = "data/events.schema.json"
CSV_URL = "data/events.csv"
CSV_SCHEMA_URL = "data/events.csv.schema.json"
SOURCE_KEYS = tuple(SOURCE_FIELDS)  # publisher, title, url, published, archive_url, language
LIST_SEPARATOR = " "  # ids never contain spaces, so "a b c" splits back unambiguously


def source_record(source: Source) -> dict[str, Any]:
    return {
        "publisher": source.publisher,
        "title": source.title,
        "url": source.url,
        "published": source.published.iso(),
        "archive_url": source.archive_url,
        "language": source.language,
        "supports": source.supports,
    }


def correction_record(correction: Correction) -> dict[str, Any]:
    return {"date": correction.date.iso(), "change": correction.change, "reason": correction.reason}


def media_record(media: Media) -> dict[str, Any]:
    """A picture as the editor wrote it (a local ``file`` is relative to the content folder);
    an optional field left out is null."""
    return {key: getattr(media, key) or None for key in MEDIA_FIELDS}


def event_record(context: ExportContext, event: Event) -> dict[str, Any]:
    """Every field of the event, dates in ISO 8601 at their precision: as editors write them,
    except years before the common era, which are expanded ISO years (350 BCE is ``-0349``)."""
    era = context.site.era_of.get(event.id)
    return {
        "id": event.id,
        "url": context.absolute(event_url(event.id)) or event_url(event.id),
        "title": event.title,
        "date": event.date.iso(),
        "precision": event.date.precision.value,
        "end": event.end.iso() if event.end else None,
        "approximate": event.approximate,
        "time": event.time or None,
        "end_time": event.end_time or None,
        "display_date": event.display_date or None,
        "era": era.id if era else None,
        "summary": event.summary,
        "body": event.body or None,
        "tags": list(event.tags),
        "actors": list(event.actors),
        "places": list(event.places),
        "related": list(event.related),
        "previous_ids": list(event.previous_ids),  # old ids: a consumer's links to them still hold
        # the dataset's facts; a count of 0 is kept (no deaths reported is not unknown)
        **{name: getattr(event, name) if getattr(event, name) != "" else None for name in FACT_LABELS},
        "status": event.status,
        "disputed_by": event.disputed_by or None,
        "updated": event.updated.iso() if event.updated else None,
        "sources": [source_record(source) for source in event.sources],
        "corrections": [correction_record(correction) for correction in event.corrections],
        "media": [media_record(media) for media in event.media],
        # the editors' Markdown in each other language: {"ar": {"title": ..., "summary": ...}}
        "translations": {
            language: {name: text for name, text in translation.fields.items() if not name.endswith("_html")}
            for language, translation in sorted(event.translations.items())
        },
    }


def _term_record(term: Term) -> dict[str, Any]:
    record: dict[str, Any] = {"name": term.name, "description": term.description or None}
    if term.kind == "place":
        record.update(lat=term.lat, lon=term.lon)
    if term.aliases:
        record["aliases"] = list(term.aliases)
    return record


def events_document(context: ExportContext, with_events: bool = True) -> dict[str, Any]:
    """The whole chronology: site metadata, declared eras and terms, then every event."""
    timeline = context.site.timeline
    return {
        "$schema": context.absolute(JSON_SCHEMA_URL) or "events.schema.json",
        "title": timeline.title,
        "description": timeline.description,
        "language": timeline.language,
        "site_url": context.site_url or None,
        "eras": [
            {
                "id": era.id,
                "name": era.name,
                "start": era.start.iso() if era.start else None,
                "end": era.end.iso() if era.end else None,
                "description": era.description or None,
            }
            for era in timeline.eras
        ],
        "tags": {k: _term_record(t) for k, t in timeline.tags.items()},
        "actors": {k: _term_record(t) for k, t in timeline.actors.items()},
        "places": {k: _term_record(t) for k, t in timeline.places.items()},
        "events": [event_record(context, event) for event in context.site.events] if with_events else [],
    }


def to_json(value: Any) -> bytes:
    """Stable, readable JSON: fixed indentation, UTF-8, a final newline."""
    return (json.dumps(value, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


# ---- schemas -----------------------------------------------------------------------------
def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def events_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of ``events.json``; records are derived from ``fields.py``."""
    text = {"type": "string", "minLength": 1}
    untranslated = {name: spec for name, spec in TERM_FIELDS.items() if name != "translations"}
    term = record_object(untranslated, required=("name", "description"))  # lat, lon: places only
    terms = {"type": "object", "propertyNames": {"pattern": ID_JSON_PATTERN}, "additionalProperties": term}
    eras = {name: spec for name, spec in ERA_FIELDS.items() if name != "translations"}
    return {
        "$schema": DRAFT,
        "$id": "events.schema.json",
        "title": "Chronology events export (events.json)",
        "type": "object",
        "properties": {
            "$schema": {"type": "string"},
            "title": text,
            "description": text,
            "language": {"type": "string", "pattern": LANGUAGE_JSON_PATTERN},
            "site_url": _nullable({"type": "string"}),
            "eras": {"type": "array", "items": record_object(eras)},
            "tags": terms,
            "actors": terms,
            "places": terms,
            "events": {"type": "array", "items": {"$ref": "#/$defs/event"}},
        },
        "required": ["title", "description", "language", "eras", "tags", "actors", "places", "events"],
        "additionalProperties": False,
        "$defs": {
            "event": record_object(RECORD_FIELDS),
            "source": record_object(SOURCE_FIELDS, SOURCE_DESCRIPTION),
            "correction": record_object(CORRECTION_FIELDS, CORRECTION_DESCRIPTION),
            "media": record_object(MEDIA_FIELDS, MEDIA_DESCRIPTION),
        },
    }


# ---- CSV ---------------------------------------------------------------------------------
SCALAR_COLUMNS = tuple(
    name for name, spec in RECORD_FIELDS.items() if spec.kind in SCALAR_KINDS | {"boolean", "precision"}
)
LIST_COLUMNS = tuple(name for name, spec in RECORD_FIELDS.items() if spec.kind in LIST_KINDS)


def csv_columns(
    max_sources: int, languages: Iterable[str] = (), max_corrections: int = 0, max_media: int = 0
) -> list[str]:
    """Fixed columns, then ``source_N_<field>`` for N = 1 .. the most sources any event has,
    ``correction_N_<field>`` likewise, then ``translation_<language>_<field>`` for each language
    any event is translated into, so that ``chronology import csv`` gets back everything
    ``events.json`` has."""
    columns = [*SCALAR_COLUMNS, *LIST_COLUMNS]
    for number in range(1, max_sources + 1):
        columns += [f"source_{number}_{key}" for key in SOURCE_KEYS]
    for number in range(1, max_corrections + 1):
        columns += [f"correction_{number}_{key}" for key in CORRECTION_FIELDS]
    for number in range(1, max_media + 1):
        columns += [f"media_{number}_{key}" for key in MEDIA_FIELDS]
    for language in languages:
        columns += [f"translation_{language}_{name}" for name in TRANSLATABLE["event"]]
    return columns


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    text = str(value)
    return "'" + text if starts_formula(text) or looks_guarded(text) else text


def csv_row(record: dict[str, Any]) -> dict[str, str]:
    row = {column: _cell(record[column]) for column in (*SCALAR_COLUMNS, *LIST_COLUMNS)}
    for number, source in enumerate(record["sources"], start=1):
        row.update({f"source_{number}_{key}": _cell(source[key]) for key in SOURCE_KEYS})
    for number, correction in enumerate(record["corrections"], start=1):
        row.update({f"correction_{number}_{key}": _cell(correction[key]) for key in CORRECTION_FIELDS})
    for number, media in enumerate(record["media"], start=1):
        row.update({f"media_{number}_{key}": _cell(media[key]) for key in MEDIA_FIELDS})
    for language, fields in record["translations"].items():
        row.update({f"translation_{language}_{name}": _cell(text) for name, text in fields.items()})
    return row


def csv_schema() -> dict[str, Any]:
    """JSON Schema of one CSV row read as {column: text} (``csv.DictReader``), BOM removed."""
    first_source = {f"source_1_{key}": csv_cell(spec) for key, spec in SOURCE_FIELDS.items() if spec.required}
    return {
        "$schema": DRAFT,
        "$id": "events.csv.schema.json",
        "title": "One row of events.csv, read as column -> text",
        "description": (
            "Lists (tags, actors, places, related, previous_ids) are ids separated by single spaces. "
            "Sources are numbered column groups source_1_publisher ... source_N_supports, N being the most "
            "sources any event has; unused groups are empty. Corrections likewise are groups "
            "correction_1_date ... correction_N_reason, and pictures media_1_file ... "
            "media_N_source. Translations are columns translation_<language>_<field> (title, "
            "summary, body) for each language any event is translated into. Text that would "
            "start a spreadsheet formula (= + - @) starts with an apostrophe, so does a date "
            "before the common era (ISO 8601's expanded year: 350 BCE is '-0349)."
        ),
        "type": "object",
        "properties": {
            **{name: csv_cell(RECORD_FIELDS[name]) for name in (*SCALAR_COLUMNS, *LIST_COLUMNS)},
            **first_source,
        },
        "patternProperties": {
            **{
                f"^source_[1-9][0-9]*_{key}$": csv_cell(spec, optional=True)
                for key, spec in SOURCE_FIELDS.items()
            },
            **{
                f"^correction_[1-9][0-9]*_{key}$": csv_cell(spec, optional=True)
                for key, spec in CORRECTION_FIELDS.items()
            },
            **{
                f"^media_[1-9][0-9]*_{key}$": csv_cell(spec, optional=True)
                for key, spec in MEDIA_FIELDS.items()
            },
            **{
                f"^translation_{LANGUAGE_PATTERN}_{name}$": {"type": "string"}
                for name in TRANSLATABLE["event"]
            },
        },
        "required": [*SCALAR_COLUMNS, *LIST_COLUMNS, *first_source],
        "additionalProperties": False,
    }


_MARK = "\x00events\x00"


def splice_events(document: dict[str, Any], pieces: Iterable[str]) -> Iterator[str]:
    """``to_json(document)`` in chunks, its top-level ``events`` list made of ready-made pieces.

    Each piece is one event as ``list_item_json(...)``; joined, the chunks are byte-identical
    to dumping the whole document at once (a test checks it). Nothing holds the whole file:
    at 50,000 events it is over 100 MB, and as one Python string several times that.
    """
    before, after = json.dumps({**document, "events": _MARK}, indent=1, ensure_ascii=False).split(
        json.dumps(_MARK), 1
    )
    yield before
    first = True
    for piece in pieces:
        yield ("[\n" if first else ",\n") + piece
        first = False
    yield "[]" if first else "\n ]"
    yield after + "\n"


def list_item_json(value: Any) -> str:
    """``value`` as it appears inside a top-level list of ``to_json``: indented by two spaces."""
    return "  " + json.dumps(value, indent=1, ensure_ascii=False).replace("\n", "\n  ")


def events_json(context: ExportContext) -> Iterator[str]:
    """events.json in chunks, each event's JSON made once and kept (see ``ExportContext.piece``)."""
    document = events_document(context, with_events=False)
    pieces = (
        context.piece("json", event, functools.partial(_record_json, context, event))
        for event in context.site.events
    )
    return splice_events(document, pieces)


def _record_json(context: ExportContext, event: Event) -> str:
    return list_item_json(event_record(context, event))


def events_csv_file(context: ExportContext) -> Iterator[str]:
    """events.csv in chunks, each event's row made once and kept.

    UTF-8 with a byte order mark (Excel then reads UTF-8), RFC 4180 quoting, CRLF line ends.
    """
    events = context.site.events
    width = max((len(event.sources) for event in events), default=1)
    languages = tuple(sorted({language for event in events for language in event.translations}))
    fixes = max((len(event.corrections) for event in events), default=0)
    pictures = max((len(event.media) for event in events), default=0)
    columns = csv_columns(width, languages, fixes, pictures)

    def row(event: Event) -> str:
        buffer = io.StringIO()
        csv.DictWriter(buffer, columns, restval="", lineterminator="\r\n").writerow(
            csv_row(event_record(context, event))
        )
        return buffer.getvalue()

    header = io.StringIO()
    csv.DictWriter(header, columns, restval="", lineterminator="\r\n").writeheader()
    yield "\ufeff" + header.getvalue()  # the byte order mark, so Excel reads UTF-8
    for event in events:
        yield context.piece(
            "csv", event, functools.partial(row, event), extra=(width, languages, fixes, pictures)
        )
