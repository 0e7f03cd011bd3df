"""JSON Schemas and documentation tables, generated from the field declarations in ``fields.py``.

Three views of the same fields, each derived from a field's *kind*:

- the event file (``event_schema``): editors' tools (VS Code's YAML extension and others using
  yaml-language-server) read it to autocomplete fields and flag mistakes while typing;
- the export record (``record_property``): one event in ``events.json``, where every field is
  present (``null`` or ``[]`` when unused), plus what the build derives (id, url, era ...);
- a CSV cell (``csv_cell``): the same record flattened to text.

The validator stays the authority: the schemas express what JSON Schema can (fields, types,
formats, lengths); cross-file rules (declared ids, related events, eras) are the validator's.
``field_table`` renders a declaration as the Markdown table CONTRIBUTING.md shows.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .dates import Precision
from .fields import (
    CORRECTION_FIELDS,
    ERA_FIELDS,
    EVENT_FIELDS,
    EVENT_ID_PATTERN,
    ID_PATTERN,
    LANGUAGE_PATTERN,
    MAX_ID_LENGTH,
    MEDIA_FIELDS,
    PAGE_FIELDS,
    SOURCE_FIELDS,
    STATUSES,
    TERM_FIELDS,
    TIME_PATTERN,
    TIMELINE_FIELDS,
    TRANSLATABLE,
    FieldSpec,
    portable_pattern,
)

SCHEMA_ID = "event.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
_MONTH_DAY = r"(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"
# what editors write (dates.parse_date): 0973, 2020-01-29, and before the common era 0350 BCE
DATE_PATTERN = rf"^(\d{{4}}{_MONTH_DAY}|\d{{4,}}{_MONTH_DAY} BCE)$"
# what exports write (EventDate.iso): ISO 8601, an expanded year before the common era (-0349)
ISO_DATE_PATTERN = rf"^(\d{{4}}|-\d{{4,}}){_MONTH_DAY}$"
EXPORTED_DATE = " Exported as ISO 8601: a year before the common era as an expanded year (350 BCE is -0349)."
# in a CSV cell the minus sign would start a spreadsheet formula: it has the guard's apostrophe
CSV_DATE_PATTERN = rf"^(\d{{4}}|'-\d{{4,}}){_MONTH_DAY}$"
LANGUAGE_JSON_PATTERN = f"^{LANGUAGE_PATTERN}$"
TIME_JSON_PATTERN = f"^{TIME_PATTERN}$"
# the length limit as a lookahead, so every place an id pattern is used carries it
ID_JSON_PATTERN = f"^(?=.{{1,{MAX_ID_LENGTH}}}$){ID_PATTERN}$"
EVENT_ID_JSON_PATTERN = f"^(?=.{{1,{MAX_ID_LENGTH}}}$){portable_pattern(EVENT_ID_PATTERN)}$"
SOURCE_DESCRIPTION = "A published report that backs the event."
CORRECTION_DESCRIPTION = "A change made after publication: when, what and why."
MEDIA_DESCRIPTION = "A picture of the event: a file under the content folder or an https address."
# kinds whose value is one scalar: an optional one is null in an export record, empty in CSV
SCALAR_KINDS = frozenset(
    {
        "text",
        "markdown",
        "date",
        "id",
        "url",
        "archive-url",
        "language",
        "number",
        "time",
        "count",
        "link",
        "event-id",
        "status",
        "media-file",
    }
)
LIST_KINDS = frozenset({"ids", "event-ids"})
# a relative path inside the content folder, with an image's suffix (the validator says more)
MEDIA_FILE_PATTERN = (
    r"^(?!/)(?!.*(^|/)\.\.?(/|$))[^\\]+\.([Jj][Pp][Ee]?[Gg]|[Pp][Nn][Gg]|[Ww][Ee][Bb][Pp]|[Gg][Ii][Ff])$"
)


# ---- the event file --------------------------------------------------------------------------
def _file_value(spec: FieldSpec) -> dict[str, Any]:
    text = {"type": "string", "minLength": 1, "pattern": r"\S"}
    url = {"type": "string", "format": "uri", "pattern": r"^https?://[^\s/]+"}
    kinds: dict[str, dict[str, Any]] = {
        "text": text,
        "markdown": text,
        # YAML reads an unquoted 2020-01-29 as a date and 1098 as a number; both are fine here
        "date": {"type": ["string", "integer"], "pattern": DATE_PATTERN},
        "boolean": {"type": "boolean"},
        "url": url,
        "archive-url": url,
        "language": {"type": "string", "pattern": LANGUAGE_JSON_PATTERN},
        "ids": _unique_list(ID_JSON_PATTERN),
        "event-ids": _unique_list(EVENT_ID_JSON_PATTERN),
        "sources": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/source"}},
        "translations": translations_schema(text, minimum=1),
        "status": {"enum": list(STATUSES)},
        "corrections": {"type": "array", "items": {"$ref": "#/$defs/correction"}},
        "media": {"type": "array", "items": {"$ref": "#/$defs/media"}},
        "media-file": {"type": "string", "pattern": MEDIA_FILE_PATTERN},
        # YAML reads an unquoted 14:30 as a string; a count is a whole number
        "time": {"type": "string", "pattern": TIME_JSON_PATTERN},
        "count": {"type": "integer"},
    }
    return _limited(spec, kinds[spec.kind])


def _file_property(spec: FieldSpec) -> dict[str, Any]:
    return {"description": spec.description, **_file_value(spec)}


def _unique_list(pattern: str) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string", "pattern": pattern}, "uniqueItems": True}


def _limited(spec: FieldSpec, schema: dict[str, Any]) -> dict[str, Any]:
    """The declared length limit or bounds, which the validator enforces too."""
    if spec.max_length is not None:
        schema = {**schema, "maxLength": spec.max_length}
    if spec.bounds is not None:
        schema = {**schema, "minimum": spec.bounds[0], "maximum": spec.bounds[1]}
    return schema


def translations_schema(text: dict[str, Any], minimum: int = 0) -> dict[str, Any]:
    """``{language: {title, summary, body}}``: the shape of an event's translations, shared by
    the event-file schema and the export's, so the two cannot drift apart."""
    entry: dict[str, Any] = {
        "type": "object",
        "properties": {name: text for name in TRANSLATABLE["event"]},
        "additionalProperties": False,
    }
    if minimum:
        entry["minProperties"] = minimum
    return {
        "type": "object",
        "propertyNames": {"pattern": LANGUAGE_JSON_PATTERN},
        "additionalProperties": entry,
    }


def _file_object(fields: Mapping[str, FieldSpec], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": {name: _file_property(spec) for name, spec in fields.items()},
        "required": [name for name, spec in fields.items() if spec.required],
        "additionalProperties": False,
    }


def event_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one event file."""
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        "title": "Chronology event",
        **_file_object(EVENT_FIELDS, "One event of the chronology: a file in content/events/."),
        "$defs": {
            "source": _file_object(SOURCE_FIELDS, SOURCE_DESCRIPTION),
            "correction": _file_object(CORRECTION_FIELDS, CORRECTION_DESCRIPTION),
            # a file is published with the site, so its licence must be given
            "media": {**_media_object(_file_object), "dependentRequired": {"file": ["licence"]}},
        },
    }


def _media_object(make: Any) -> dict[str, Any]:
    """A picture names exactly one of ``file`` and ``url``; otherwise like any object."""
    schema: dict[str, Any] = make(MEDIA_FIELDS, MEDIA_DESCRIPTION)
    return {**schema, "oneOf": [{"required": ["file"]}, {"required": ["url"]}]}


def event_schema_json() -> str:
    """The schema as stable, readable JSON (the committed schema/event.schema.json)."""
    return json.dumps(event_schema(), indent=2, ensure_ascii=False) + "\n"


# ---- export records ------------------------------------------------------------------------
def _record_value(spec: FieldSpec) -> dict[str, Any]:
    text = {"type": "string", "minLength": 1}
    url = {"type": "string", "pattern": r"^https?://"}
    kinds: dict[str, dict[str, Any]] = {
        "text": text,
        "markdown": {**text, "contentMediaType": "text/markdown"},
        "date": {"type": "string", "pattern": ISO_DATE_PATTERN},
        "boolean": {"type": "boolean"},
        "id": {"type": "string", "pattern": ID_JSON_PATTERN},
        "ids": _unique_list(ID_JSON_PATTERN),
        "texts": {"type": "array", "items": text, "uniqueItems": True},
        "event-ids": _unique_list(EVENT_ID_JSON_PATTERN),
        "url": url,
        "archive-url": url,
        "language": {"type": "string", "pattern": LANGUAGE_JSON_PATTERN},
        "number": {"type": "number"},
        "time": {"type": "string", "pattern": TIME_JSON_PATTERN},
        "count": {"type": "integer"},
        "sources": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/source"}},
        "corrections": {"type": "array", "items": {"$ref": "#/$defs/correction"}},
        "media": {"type": "array", "items": {"$ref": "#/$defs/media"}},
        "media-file": {"type": "string", "pattern": MEDIA_FILE_PATTERN},
        "status": {"enum": list(STATUSES)},
        "translations": translations_schema(text),
        "event-id": {"type": "string", "pattern": EVENT_ID_JSON_PATTERN},
        "link": {"type": "string"},
        "precision": {"enum": [precision.value for precision in Precision]},
    }
    return _limited(spec, kinds[spec.kind])


def record_property(spec: FieldSpec) -> dict[str, Any]:
    """A field in an export record: an optional scalar is ``null`` when unused, never missing."""
    value = _record_value(spec)
    if not spec.required and spec.kind in SCALAR_KINDS:
        value = {"anyOf": [value, {"type": "null"}]}
    return {"description": _export_description(spec), **value}


def _export_description(spec: FieldSpec) -> str:
    """The field's description, saying how exports write a date the editor wrote with BCE."""
    return spec.description + (EXPORTED_DATE if spec.kind == "date" else "")


def record_object(
    fields: Mapping[str, FieldSpec], description: str = "", required: tuple[str, ...] | None = None
) -> dict[str, Any]:
    """An export record of these fields, each present in every record (``required`` may
    name fewer, e.g. a tag's record has no ``lat``)."""
    schema: dict[str, Any] = {"type": "object"}
    if description:
        schema["description"] = description
    schema["properties"] = {name: record_property(spec) for name, spec in fields.items()}
    schema["required"] = list(fields if required is None else required)
    schema["additionalProperties"] = False
    return schema


# ---- CSV cells -----------------------------------------------------------------------------
def csv_cell(spec: FieldSpec, optional: bool | None = None) -> dict[str, Any]:
    """A field as one CSV cell of text; an optional field's cell may be empty.

    Lists are ids separated by single spaces; ``optional`` overrides the declaration (the
    columns of a second source are empty for an event with one).
    """
    empty = not spec.required if optional is None else optional
    kinds: dict[str, str] = {
        "event-id": EVENT_ID_JSON_PATTERN,
        "date": CSV_DATE_PATTERN,
        "id": ID_JSON_PATTERN,
        "url": r"^https?://",
        "archive-url": r"^https?://",
        "language": LANGUAGE_JSON_PATTERN,
        "ids": _spaced(ID_PATTERN),
        "event-ids": _spaced(portable_pattern(EVENT_ID_PATTERN)),
        "time": TIME_JSON_PATTERN,
        "count": r"^\d+$",
    }
    value: dict[str, Any]
    if spec.kind in kinds:
        pattern = kinds[spec.kind]
        value = {
            "type": "string",
            "pattern": "^$|" + pattern if empty and spec.kind not in LIST_KINDS else pattern,
        }
    elif spec.kind == "boolean":
        value = {"enum": ["true", "false"]}
    elif spec.kind == "precision":
        value = {"enum": [precision.value for precision in Precision]}
    elif spec.kind == "status":
        value = {"enum": ([""] if empty else []) + list(STATUSES)}
    else:
        value = {"type": "string"} if empty else {"type": "string", "minLength": 1}
    return {"description": _export_description(spec), **value}


def _spaced(pattern: str) -> str:
    return f"^({pattern}( {pattern})*)?$"


# ---- documentation -------------------------------------------------------------------------
# the tables CONTRIBUTING.md shows, by the name in its markers
FIELD_TABLES: dict[str, Mapping[str, FieldSpec]] = {
    "event": EVENT_FIELDS,
    "source": SOURCE_FIELDS,
    "correction": CORRECTION_FIELDS,
    "media": MEDIA_FIELDS,
    "timeline": TIMELINE_FIELDS,
    "era": ERA_FIELDS,
    "term": TERM_FIELDS,
    "page": PAGE_FIELDS,
}
_TABLE = re.compile(r"(<!-- fields: (\w+) -->\n).*?(<!-- end of fields -->)", re.DOTALL)


def field_table(fields: Mapping[str, FieldSpec]) -> str:
    """The declaration as a Markdown table: field, required, what to write (with its limit)."""
    lines = ["| field | required | what to write |", "| --- | --- | --- |"]
    for spec in fields.values():
        text = spec.description
        if spec.max_length is not None:
            text += f" At most {spec.max_length:,} characters."
        text = text.replace("|", "\\|")
        lines.append(f"| `{spec.name}` | {'yes' if spec.required else 'no'} | {text} |")
    return "\n".join(lines) + "\n"


def refresh_field_tables(text: str, tables: Mapping[str, Mapping[str, FieldSpec]] = FIELD_TABLES) -> str:
    """``text`` with each ``<!-- fields: NAME -->`` ... ``<!-- end of fields -->`` block holding
    the current table of ``tables[NAME]``: how CONTRIBUTING.md stays in step with fields.py."""
    return _TABLE.sub(lambda match: match[1] + field_table(tables[match[2]]) + match[3], text)


def main(paths: list[str]) -> int:
    """``python -m generator.schema CONTRIBUTING.md``: refresh the field tables in those files."""
    for name in paths:
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        refreshed = refresh_field_tables(text)
        if refreshed != text:
            path.write_text(refreshed, encoding="utf-8")
            print(f"refreshed the field tables in {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
