"""JSON Schema for event files, generated from the field declarations in ``fields.py``.

Editors' tools (VS Code's YAML extension and others using yaml-language-server) read it to
autocomplete fields and flag mistakes while typing. The validator stays the authority: the
schema expresses what JSON Schema can (fields, types, formats); cross-file rules (declared ids,
related events, eras) are the validator's alone.
"""

from __future__ import annotations

import json
from typing import Any

from .fields import EVENT_FIELDS, ID_PATTERN, SOURCE_FIELDS, TRANSLATABLE, FieldSpec

SCHEMA_ID = "event.schema.json"
DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"


def _property(spec: FieldSpec) -> dict[str, Any]:
    description = {"description": spec.description}
    kinds: dict[str, dict[str, Any]] = {
        "text": {"type": "string", "minLength": 1, "pattern": r"\S"},
        "markdown": {"type": "string", "minLength": 1, "pattern": r"\S"},
        # YAML reads an unquoted 2020-01-29 as a date and 1098 as a number; both are fine here
        "date": {"type": ["string", "integer"], "pattern": DATE_PATTERN},
        "boolean": {"type": "boolean"},
        "url": {"type": "string", "format": "uri", "pattern": r"^https?://[^\s/]+"},
        "language": {"type": "string", "pattern": LANGUAGE_PATTERN},
        "ids": {
            "type": "array",
            "items": {"type": "string", "pattern": f"^{ID_PATTERN}$"},
            "uniqueItems": True,
        },
        "sources": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/source"}},
        "translations": translations_schema({"type": "string", "minLength": 1, "pattern": r"\S"}, minimum=1),
    }
    return {**description, **kinds[spec.kind]}


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
    return {"type": "object", "propertyNames": {"pattern": LANGUAGE_PATTERN}, "additionalProperties": entry}


def _object(fields: dict[str, FieldSpec], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": {name: _property(spec) for name, spec in fields.items()},
        "required": [name for name, spec in fields.items() if spec.required],
        "additionalProperties": False,
    }


def event_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one event file."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Chronology event",
        **_object(EVENT_FIELDS, "One event of the chronology: a file in content/events/."),
        "$defs": {"source": _object(SOURCE_FIELDS, "A published report that backs the event.")},
    }
    schema["properties"]["related"]["items"]["pattern"] = r"^\d{4}(-\d{2}(-\d{2})?)?-" + ID_PATTERN + "$"
    return schema


def event_schema_json() -> str:
    """The schema as stable, readable JSON (the committed schema/event.schema.json)."""
    return json.dumps(event_schema(), indent=2, ensure_ascii=False) + "\n"
