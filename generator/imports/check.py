"""One row's values checked and turned into an event's fields; nothing guessed."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..dates import DateError, EventDate, parse_date
from ..model import Timeline
from ..slugs import transliterated_slug
from ..validate import (
    did_you_mean,
)
from .dateforms import parse_any_date
from .rows import (
    CORRECTION_KEYS,
    MEDIA_KEYS,
    NUMBERED_CORRECTION,
    NUMBERED_MEDIA,
    NUMBERED_SOURCE,
    PLAIN_FIELDS,
    SOURCE_KEYS,
    TERM_KINDS,
    Row,
    split_list,
)

# ---- checking --------------------------------------------------------------------------------
Report = Callable[[Row, str, str, str], None]  # (row, field, message, hint)


@dataclass
class RowChecker:
    """Turns one row's values into an event's fields, in the order of ``fields.py``.

    Nothing is guessed: a missing title, summary, date or source is reported, never invented;
    names of tags, actors and places must match declared ones (undeclared ones are collected
    for ``--declare``).
    """

    timeline: Timeline
    source_defaults: dict[str, str]
    report: Report
    undeclared: dict[str, dict[str, dict[str, Any]]]
    date_format: str = ""  # --date-format, e.g. %d/%m/%Y, for forms only the user can disambiguate
    names: dict[str, dict[str, str]] = field(default_factory=dict)  # see _names

    def event(self, row: Row) -> dict[str, Any] | None:
        """The event's fields, or None when the row is empty (reported)."""
        values = row.values
        if not values:
            self.report(row, "", "the row is empty or not an object", "")
            return None
        event: dict[str, Any] = {}
        self._texts(row, event)
        if str(values.get("approximate", "")).lower() in ("true", "yes", "1"):
            event["approximate"] = True
        self._dates(row, event)
        body = _body(values)
        if body:
            event["body"] = body
        for kind in TERM_KINDS:
            ids = self.term_ids(row, kind)
            if ids:
                event[kind + "s"] = ids
        event["sources"] = self.sources(row)
        related = split_list(values.get("related", ""))
        if related:
            event["related"] = related  # checked by Importer once every row is read
        previous_ids = split_list(values.get("previous_ids", ""))
        if previous_ids:
            event["previous_ids"] = previous_ids  # checked with the whole content when planned
        self._grading(row, event)
        for name in PLAIN_FIELDS:
            value = str(values.get(name, "")).strip()
            if value:
                event[name] = int(value) if name == "fatalities" and value.isdigit() else value
        translations = values.get("translations")
        if isinstance(translations, dict) and translations:
            event["translations"] = translations
        return event

    def _grading(self, row: Row, event: dict[str, Any]) -> None:
        """``status``, ``disputed_by``, ``updated`` and ``corrections``, as our exports write them;
        the validator checks them when the file is planned."""
        for name in ("status", "disputed_by", "updated"):
            value = str(row.values.get(name, "")).strip()
            if value:
                event[name] = value
        corrections = _given_corrections(row.values)
        if corrections:
            event["corrections"] = corrections
            if event.get("updated") == max(item.get("date", "") for item in corrections):
                del event["updated"]  # exports derive it from the latest correction: not repeated
        media = _numbered_groups(row.values, NUMBERED_MEDIA, MEDIA_KEYS, "media")
        if media:
            event["media"] = media

    def _texts(self, row: Row, event: dict[str, Any]) -> None:
        for name in ("title", "summary"):
            if row.values.get(name):
                event[name] = row.values[name]
            else:
                self.report(row, name, f"no {name}", f"map a column to {name} (--map COLUMN={name})")

    def _dates(self, row: Row, event: dict[str, Any]) -> None:
        for name in ("date", "end"):
            if row.values.get(name):
                parsed = self.date(row, name, row.values[name])
                if parsed is not None:
                    event[name] = parsed.written()
        if "date" not in row.values:
            self.report(row, "date", "no date", "map a column to date (--map COLUMN=date)")
        self._time_precision(row, event)

    def _time_precision(self, row: Row, event: dict[str, Any]) -> None:
        """ACLED's ``time_precision``: 1 the day is known; 2 within a week of it (approximate);
        3 within the month (the day is dropped, never shown as if known)."""
        precision = str(row.values.get("time_precision", "")).strip()
        if precision == "2":
            event["approximate"] = True
        elif precision == "3" and event.get("date"):
            day = parse_date(event["date"])  # written by _dates: a valid date
            event["date"] = EventDate(day.year, day.month).written() if day.month else day.written()

    def date(self, row: Row, name: str, text: str) -> EventDate | None:
        try:
            return parse_any_date(text, self.date_format)
        except DateError as error:
            self.report(row, name, str(error), "e.g. 2020-01-29, 29 January 2020, 2012-10, 0973 or 0350 BCE")
            return None

    # ---- tags, actors, places ----------------------------------------------------------------
    def term_ids(self, row: Row, kind: str) -> list[str]:
        """Declared ids for the row's names or ids; undeclared ones are reported and collected."""
        declared = self.timeline.terms(kind)
        by_name = self._names(kind)
        ids: list[str] = []
        for item in split_list(row.values.get(kind + "s", "")):
            term_id = item if item in declared else by_name.get(item.casefold()) or transliterated_slug(item)
            if term_id not in declared:
                self._undeclared(row, kind, item, term_id)
            elif term_id not in ids:
                ids.append(term_id)
        return ids

    def _names(self, kind: str) -> dict[str, str]:
        """Declared name (casefolded) -> id, made once per kind: a vocabulary of thousands of
        places read again for each of 20,000 rows would cost minutes."""
        if kind not in self.names:
            terms = self.timeline.terms(kind).values()
            self.names[kind] = {term.name.casefold(): term.id for term in terms}
        return self.names[kind]

    def _undeclared(self, row: Row, kind: str, item: str, term_id: str) -> None:
        entry: dict[str, Any] = {"name": item}
        if kind == "place":
            entry.update(self._coordinates(row))
        self.undeclared[kind].setdefault(term_id, entry)
        declared = self.timeline.terms(kind)
        hint = did_you_mean(term_id, declared) or "run again with --declare to print the YAML to add"
        self.report(row, f"{kind}s", f"{kind} '{item}' is not declared in timeline.yaml (id {term_id})", hint)

    def _coordinates(self, row: Row) -> dict[str, float]:
        """lat and lon of the row, for a place to declare; a value out of range is reported."""
        found = {}
        for name, limit in (("lat", 90.0), ("lon", 180.0)):
            if name in row.values:
                try:
                    number = float(row.values[name])
                except ValueError:
                    number = limit + 1
                if abs(number) > limit:
                    self.report(row, name, f"{row.values[name]!r} is not a coordinate", "")
                else:
                    found[name] = number
        return found

    # ---- sources ---------------------------------------------------------------------------
    def sources(self, row: Row) -> list[dict[str, str]]:
        """The row's sources, each completed by the command's defaults and checked."""
        found = _given_sources(row.values)
        if not found and self.source_defaults.get("url"):
            found = [{}]  # the defaults alone are the source (ACLED)
        if not found:
            self.report(row, "sources", NEEDS_SOURCE, NEEDS_SOURCE_HINT)
        return [self._source(row, index, given) for index, given in enumerate(found)]

    def _source(self, row: Row, index: int, given: dict[str, str]) -> dict[str, str]:
        source = {**self.source_defaults, **given}
        for key in ("publisher", "title", "url", "published"):
            if not source.get(key):
                self.report(row, f"sources[{index}].{key}", f"the source has no {key}", _SOURCE_HINTS[key])
        if source.get("published"):
            parsed = self.date(row, f"sources[{index}].published", source["published"])
            source["published"] = parsed.written() if parsed else ""
        return {key: source[key] for key in SOURCE_KEYS if source.get(key)}


def _body(values: dict[str, Any]) -> str:
    """The body, with the outlets an aggregator (ACLED) names kept as a last paragraph."""
    body = str(values.get("body", ""))
    if values.get("reported_by"):
        body = (
            body + "\n\n" if body else ""
        ) + f"Sources named in the imported data: {values['reported_by']}."
    return body


def _given_sources(values: dict[str, Any]) -> list[dict[str, str]]:
    """Sources from ``source_<key>`` columns (one), ``source_N_<key>`` groups, or a list."""
    groups: dict[int, dict[str, str]] = {}
    for key, value in values.items():
        match = NUMBERED_SOURCE.fullmatch(key)
        if match:
            groups.setdefault(int(match.group(1)), {})[match.group(2)] = value
        elif key.startswith("source_") and key.removeprefix("source_") in SOURCE_KEYS:
            groups.setdefault(0, {})[key.removeprefix("source_")] = value
    return [groups[n] for n in sorted(groups)] + list(values.get("sources", []))


def _given_corrections(values: dict[str, Any]) -> list[dict[str, str]]:
    """Corrections from ``correction_N_<key>`` column groups (CSV) or a list (TimelineJS)."""
    return _numbered_groups(values, NUMBERED_CORRECTION, CORRECTION_KEYS, "corrections")


def _numbered_groups(
    values: dict[str, Any], pattern: re.Pattern[str], keys: tuple[str, ...], listed_as: str
) -> list[dict[str, str]]:
    """Objects from ``<name>_N_<key>`` column groups (CSV) or a list (TimelineJS), keys in the
    order of ``fields.py`` and empty ones left out."""
    groups: dict[int, dict[str, str]] = {}
    for key, value in values.items():
        match = pattern.fullmatch(key)
        if match and str(value).strip():
            groups.setdefault(int(match.group(1)), {})[match.group(2)] = str(value).strip()
    listed = values.get(listed_as, [])
    given = [groups[n] for n in sorted(groups)] + (list(listed) if isinstance(listed, list) else [])
    return [{key: str(item[key]) for key in keys if item.get(key)} for item in given]


NEEDS_SOURCE = "needs a source: no article link in the row (a photo or video is not a source)"
NEEDS_SOURCE_HINT = (
    "add the article's link to the slide's credit, caption or text, map source columns, "
    "or give --source-url and --source-published for a source that backs every row"
)
FOLD_AFTER = 3  # the same problem on more rows than this is printed once, with the row numbers

_SOURCE_HINTS = {
    "publisher": "map a column to source_publisher, or give --source-publisher",
    "title": "map a column to source_title, or give --source-title",
    "url": "a source needs the address of the report; map source_url or give --source-url (never a guess)",
    "published": "map source_published, or give --source-published YYYY-MM-DD",
}
