"""What every stage of an import passes on: rows, problems, planned files; the row fields.

A row is one input record (a CSV line, a TimelineJS slide) as field -> value, before any
check. Its fields are named as our own ``events.csv`` names its columns, so every reader
maps its format onto the same names and the checker knows only those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ..escape import looks_guarded
from ..fields import (
    CORRECTION_FIELDS,
    EVENT_ID_PATTERN,
    FACT_LABELS,
    ID_PATTERN,
    LANGUAGE_PATTERN,
    MEDIA_FIELDS,
    SOURCE_FIELDS,
    TRANSLATABLE,
)

TERM_KINDS = ("tag", "actor", "place")
SOURCE_KEYS = tuple(SOURCE_FIELDS)
NUMBERED_SOURCE = re.compile(r"source_(\d+)_(" + "|".join(SOURCE_KEYS) + ")")
CORRECTION_KEYS = tuple(CORRECTION_FIELDS)
NUMBERED_CORRECTION = re.compile(r"correction_(\d+)_(" + "|".join(CORRECTION_KEYS) + ")")
MEDIA_KEYS = tuple(MEDIA_FIELDS)
NUMBERED_MEDIA = re.compile(r"media_(\d+)_(" + "|".join(MEDIA_KEYS) + ")")
TRANSLATION_COLUMN = re.compile(f"translation_({LANGUAGE_PATTERN})_(" + "|".join(TRANSLATABLE["event"]) + ")")
_LISTED_ID = re.compile(f"{ID_PATTERN}|{EVENT_ID_PATTERN}")  # a tag, actor or place id, or an event's
# event fields copied from a row as they are (the validator checks them when the file is planned)
PLAIN_FIELDS = ("time", "end_time", "display_date", *FACT_LABELS)
ROW_FIELDS = (
    "id", "title", "date", "end", "approximate", "summary", "body", "tags", "actors", "places",
    "related", "previous_ids", "status", "disputed_by", "updated", "lat", "lon", "reported_by",
    "time_precision", *PLAIN_FIELDS, *(f"source_{key}" for key in SOURCE_KEYS),
)  # fmt: skip


class ImportUsageError(ValueError):
    """The command was called wrongly (a missing file, an unknown preset): exit 2."""


@dataclass(frozen=True)
class CsvMapping:
    """Which column feeds which field; a title template for data without headlines."""

    columns: dict[str, str]
    title_template: str = ""
    source_defaults: dict[str, str] = field(default_factory=dict)
    # fields made of several columns, e.g. a place named with its admin areas and country;
    # empty parts are left out ("Kaliganj, Khulna, Bangladesh")
    templates: dict[str, str] = field(default_factory=dict)
    # a reader for a whole row when columns do not map one to one (TimelineJS's sheet)
    reader: str = ""


@dataclass(frozen=True, order=True)
class RowProblem:
    file: str
    row: int
    field: str
    message: str
    hint: str = ""

    def format(self) -> str:
        """``FILE:ROW: field: message``; a problem of the whole file (row 0) names no row."""
        field = f"{self.field}: " if self.field else ""
        where = f"{self.file}:{self.row}" if self.row else self.file
        text = f"{where}: {field}{self.message}"
        return text + (f"\n    hint: {self.hint}" if self.hint else "")


@dataclass
class Row:
    """One input record, as field -> value (text, or a list of sources), before checking."""

    number: int
    values: dict[str, Any]


class Reading(NamedTuple):
    """What a reader makes of a file: the rows, notes on what is not an event, and what the
    file says of the timeline itself (TimelineJS's title slide and eras) for ``--declare``."""

    rows: list[Row]
    notes: list[str]
    timeline: dict[str, Any]


@dataclass
class Planned:
    row: int
    path: Path
    text: str
    related: tuple[str, ...] = ()  # checked once every row is read (a row may name a later one)
    status: str = "new"  # or "changed", "unchanged" (not written again)

    @property
    def event_id(self) -> str:
        return self.path.stem


@dataclass
class ImportResult:
    planned: list[Planned] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    undeclared: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    duplicates: list[tuple[int, int]] = field(default_factory=list)  # (row, the earlier row it repeats)


def is_row_field(name: str) -> bool:
    """A column our own ``events.csv`` writes: a field, a numbered source's, a translation's."""
    return name in ROW_FIELDS or any(
        pattern.fullmatch(name)
        for pattern in (NUMBERED_SOURCE, NUMBERED_CORRECTION, NUMBERED_MEDIA, TRANSLATION_COLUMN)
    )


def unguarded(text: str) -> str:
    """A cell without the apostrophe events.csv puts before what a spreadsheet reads as a formula."""
    return text[1:] if looks_guarded(text) else text


def split_list(value: Any) -> list[str]:
    """A list as is; ids separated by spaces (events.csv), or names separated by ';' (other tools)."""
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    text = str(value or "").strip()
    if not text:
        return []
    if ";" in text:
        return [part.strip() for part in text.split(";") if part.strip()]
    words = text.split()
    if all(_LISTED_ID.fullmatch(word) for word in words):
        return words
    return [text]
