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

from ..fields import EVENT_FIELDS, ID_PATTERN, SOURCE_FIELDS
from ..model import Event, Source, Term
from ..organise import event_url
from ..schema import DATE_PATTERN, LANGUAGE_PATTERN, translations_schema
from .common import ExportContext

JSON_URL = "data/events.json"
JSON_SCHEMA_URL = "data/events.schema.json"
CSV_URL = "data/events.csv"
CSV_SCHEMA_URL = "data/events.csv.schema.json"
SOURCE_KEYS = tuple(SOURCE_FIELDS)  # publisher, title, url, published, archive_url, language
LIST_SEPARATOR = " "  # ids never contain spaces, so "a b c" splits back unambiguously
# A cell starting with one of these is a formula to a spreadsheet ("CSV injection"): such text
# cells get a leading apostrophe, which spreadsheets hide and importers strip (see imports.py).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EVENT_ID = r"^\d{4}(-\d{2}(-\d{2})?)?-" + ID_PATTERN + "$"


def source_record(source: Source) -> dict[str, Any]:
    return {
        "publisher": source.publisher,
        "title": source.title,
        "url": source.url,
        "published": source.published.iso(),
        "archive_url": source.archive_url,
        "language": source.language,
    }


def event_record(context: ExportContext, event: Event) -> dict[str, Any]:
    """Every field of the event, dates as the ISO text editors write (precision kept)."""
    era = context.site.era_of.get(event.id)
    return {
        "id": event.id,
        "url": context.absolute(event_url(event.id)) or event_url(event.id),
        "title": event.title,
        "date": event.date.iso(),
        "precision": event.date.precision.value,
        "end": event.end.iso() if event.end else None,
        "approximate": event.approximate,
        "era": era.id if era else None,
        "summary": event.summary,
        "body": event.body or None,
        "tags": list(event.tags),
        "actors": list(event.actors),
        "places": list(event.places),
        "related": list(event.related),
        "sources": [source_record(source) for source in event.sources],
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
def _described(name: str, fallback: str) -> dict[str, str]:
    spec = EVENT_FIELDS.get(name)
    return {"description": spec.description if spec else fallback}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def events_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of ``events.json``, descriptions taken from ``fields.py``."""
    text = {"type": "string", "minLength": 1}
    date = {"type": "string", "pattern": DATE_PATTERN}
    ids = {"type": "array", "items": {"type": "string", "pattern": f"^{ID_PATTERN}$"}, "uniqueItems": True}
    source: dict[str, Any] = {
        "type": "object",
        "description": "A published report that backs the event.",
        "properties": {
            "publisher": text,
            "title": text,
            "url": {"type": "string", "pattern": r"^https?://"},
            "published": date,
            "archive_url": _nullable({"type": "string", "pattern": r"^https?://"}),
            "language": _nullable({"type": "string", "pattern": LANGUAGE_PATTERN}),
        },
        "required": list(SOURCE_KEYS),
        "additionalProperties": False,
    }
    for key, spec in SOURCE_FIELDS.items():
        source["properties"][key] = {"description": spec.description, **source["properties"][key]}
    event_properties: dict[str, Any] = {
        "id": {"type": "string", "pattern": EVENT_ID, "description": "The file name without .yaml."},
        "url": {"type": "string", "description": "The event's page (absolute when site_url is set)."},
        "title": text,
        "date": date,
        "precision": {"enum": ["year", "month", "day"], "description": "How much of the date is known."},
        "end": _nullable(date),
        "approximate": {"type": "boolean"},
        "era": _nullable({"type": "string", "pattern": f"^{ID_PATTERN}$"}),
        "summary": {**text, "contentMediaType": "text/markdown"},
        "body": _nullable({**text, "contentMediaType": "text/markdown"}),
        "tags": ids,
        "actors": ids,
        "places": ids,
        "related": {**ids, "items": {"type": "string", "pattern": EVENT_ID}},
        "sources": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/source"}},
        "translations": translations_schema(text),
    }
    for key, value in event_properties.items():
        event_properties[key] = {**_described(key, "The era the date falls in."), **value}
    term = {
        "type": "object",
        "properties": {
            "name": text,
            "description": _nullable(text),
            "lat": _nullable({"type": "number", "minimum": -90, "maximum": 90}),
            "lon": _nullable({"type": "number", "minimum": -180, "maximum": 180}),
        },
        "required": ["name", "description"],
        "additionalProperties": False,
    }
    terms = {"type": "object", "propertyNames": {"pattern": f"^{ID_PATTERN}$"}, "additionalProperties": term}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "events.schema.json",
        "title": "Chronology events export (events.json)",
        "type": "object",
        "properties": {
            "$schema": {"type": "string"},
            "title": text,
            "description": text,
            "language": {"type": "string", "pattern": LANGUAGE_PATTERN},
            "site_url": _nullable({"type": "string"}),
            "eras": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "pattern": f"^{ID_PATTERN}$"},
                        "name": text,
                        "start": _nullable(date),
                        "end": _nullable(date),
                        "description": _nullable(text),
                    },
                    "required": ["id", "name", "start", "end", "description"],
                    "additionalProperties": False,
                },
            },
            "tags": terms,
            "actors": terms,
            "places": terms,
            "events": {"type": "array", "items": {"$ref": "#/$defs/event"}},
        },
        "required": ["title", "description", "language", "eras", "tags", "actors", "places", "events"],
        "additionalProperties": False,
        "$defs": {
            "event": {
                "type": "object",
                "properties": event_properties,
                "required": list(event_properties),
                "additionalProperties": False,
            },
            "source": source,
        },
    }


# ---- CSV ---------------------------------------------------------------------------------
SCALAR_COLUMNS = ("id", "url", "title", "date", "precision", "end", "approximate", "era", "summary", "body")
LIST_COLUMNS = ("tags", "actors", "places", "related")


def csv_columns(max_sources: int) -> list[str]:
    """Fixed columns, then ``source_N_<field>`` for N = 1 .. the most sources any event has."""
    columns = [*SCALAR_COLUMNS, *LIST_COLUMNS]
    for number in range(1, max_sources + 1):
        columns += [f"source_{number}_{key}" for key in SOURCE_KEYS]
    return columns


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_row(record: dict[str, Any]) -> dict[str, str]:
    row = {column: _cell(record[column]) for column in (*SCALAR_COLUMNS, *LIST_COLUMNS)}
    for number, source in enumerate(record["sources"], start=1):
        row.update({f"source_{number}_{key}": _cell(source[key]) for key in SOURCE_KEYS})
    return row


def events_csv(records: list[dict[str, Any]]) -> bytes:
    """UTF-8 with a byte order mark (Excel then reads UTF-8), RFC 4180 quoting, CRLF."""
    width = max((len(record["sources"]) for record in records), default=1)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, csv_columns(width), restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_row(record) for record in records)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def csv_schema() -> dict[str, Any]:
    """JSON Schema of one CSV row read as {column: text} (``csv.DictReader``), BOM removed."""
    text = {"type": "string", "minLength": 1}
    optional_date = {"type": "string", "pattern": r"^$|" + DATE_PATTERN}
    ids = {"type": "string", "pattern": f"^({ID_PATTERN}( {ID_PATTERN})*)?$"}
    source_columns = {
        "publisher": {"type": "string"},
        "title": {"type": "string"},
        "url": {"type": "string", "pattern": r"^$|^https?://"},
        "published": optional_date,
        "archive_url": {"type": "string", "pattern": r"^$|^https?://"},
        "language": {"type": "string", "pattern": r"^$|" + LANGUAGE_PATTERN},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "events.csv.schema.json",
        "title": "One row of events.csv, read as column -> text",
        "description": (
            "Lists (tags, actors, places, related) are ids separated by single spaces. Sources are "
            "numbered column groups source_1_publisher ... source_N_language, N being the most "
            "sources any event has; unused groups are empty. Text that would start a spreadsheet "
            "formula (= + - @) starts with an apostrophe."
        ),
        "type": "object",
        "properties": {
            "id": {"type": "string", "pattern": EVENT_ID},
            "url": text,
            "title": text,
            "date": {"type": "string", "pattern": DATE_PATTERN},
            "precision": {"enum": ["year", "month", "day"]},
            "end": optional_date,
            "approximate": {"enum": ["true", "false"]},
            "era": {"type": "string", "pattern": f"^$|^{ID_PATTERN}$"},
            "summary": text,
            "body": {"type": "string"},
            "tags": ids,
            "actors": ids,
            "places": ids,
            "related": {"type": "string", "pattern": r"^(\S+( \S+)*)?$"},
            "source_1_publisher": text,
            "source_1_title": text,
            "source_1_url": {"type": "string", "pattern": r"^https?://"},
            "source_1_published": {"type": "string", "pattern": DATE_PATTERN},
        },
        "patternProperties": {
            f"^source_[1-9][0-9]*_{key}$": schema for key, schema in source_columns.items()
        },
        "required": [*SCALAR_COLUMNS, *LIST_COLUMNS, "source_1_publisher", "source_1_title",
                     "source_1_url", "source_1_published"],
        "additionalProperties": False,
    }  # fmt: skip


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
    """events.csv in chunks, each event's row made once and kept; the same as ``events_csv``."""
    events = context.site.events
    width = max((len(event.sources) for event in events), default=1)
    columns = csv_columns(width)

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
        yield context.piece("csv", event, functools.partial(row, event), extra=width)
