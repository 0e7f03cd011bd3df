"""Import events from other tools: TimelineJS JSON and CSV (with an ACLED preset).

Every input row becomes either an event file in ``content/events/`` or a reported problem
(``FILE:ROW: field: message``); nothing is dropped silently. Each file is checked with the
validator itself before it is written, so what is written always passes ``chronology validate``.

Decisions, documented for editors:

- Tags, actors and places must already be declared in ``timeline.yaml``; a value matches a
  declared id or a declared name. ``timeline.yaml`` is never edited: undeclared values are
  reported per row, and ``--declare`` prints the YAML to add (places with the row's coordinates).
- A source needs a URL and a publication date. None is ever invented: rows without them are
  reported unless ``--source-url`` / ``--source-published`` give them for every row (for ACLED,
  the address and date of the export you downloaded; the source is then ACLED itself, and the
  outlets ACLED names in its ``source`` column are kept in the body).
- Existing files are never overwritten without ``--force``; ``--dry-run`` writes nothing and
  prints every file it would write.
- CSV rows are numbered as spreadsheets number them (the header is row 1); TimelineJS events
  from 1 in the order of the ``events`` list.
"""

from __future__ import annotations

import csv
import functools
import html
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date as calendar_date
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from .dates import MONTH_NAMES, DateError, EventDate, parse_date
from .escape import starts_formula
from .fields import (
    CORRECTION_FIELDS,
    EVENT_FIELDS,
    EVENT_ID,
    EVENT_ID_PATTERN,
    ID_PATTERN,
    LANGUAGE_PATTERN,
    MEDIA_FIELDS,
    SOURCE_FIELDS,
    TRANSLATABLE,
)
from .load import load_yaml_file, parse_yaml
from .model import Timeline
from .problems import Severity, printable
from .slugs import slugify, transliterated_slug
from .theming import packaged_theme_dir
from .validate import (
    check_references,
    did_you_mean,
    event_from_document,
    references_of,
    timeline_from_document,
)

TERM_KINDS = ("tag", "actor", "place")
SOURCE_KEYS = tuple(SOURCE_FIELDS)
_NUMBERED_SOURCE = re.compile(r"source_(\d+)_(" + "|".join(SOURCE_KEYS) + ")")
CORRECTION_KEYS = tuple(CORRECTION_FIELDS)
_NUMBERED_CORRECTION = re.compile(r"correction_(\d+)_(" + "|".join(CORRECTION_KEYS) + ")")
MEDIA_KEYS = tuple(MEDIA_FIELDS)
_NUMBERED_MEDIA = re.compile(r"media_(\d+)_(" + "|".join(MEDIA_KEYS) + ")")
_TRANSLATION = re.compile(f"translation_({LANGUAGE_PATTERN})_(" + "|".join(TRANSLATABLE["event"]) + ")")
_LISTED_ID = re.compile(f"{ID_PATTERN}|{EVENT_ID_PATTERN}")  # a tag, actor or place id, or an event's
# our own export's source list and its heading ("Sources:" in the site's language)
# our source list (and the status line before it, see exports.timelinejs) ends the summary
_OUR_SOURCE_LIST = re.compile(
    r'<p class="chronology-status"|<p>[^<]*</p>\s*<ol class="chronology-sources"|<p>Sources:</p>'
)
_WORDY_DATE = re.compile(r"(?:(\d{1,2})[ -])?([A-Za-z]+)[ -](\d{4})")
ROW_FIELDS = (
    "id", "title", "date", "end", "approximate", "summary", "body", "tags", "actors", "places",
    "related", "previous_ids", "status", "disputed_by", "updated", "lat", "lon", "reported_by",
    "time_precision",
    *(f"source_{key}" for key in SOURCE_KEYS),
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


PRESETS: dict[str, CsvMapping] = {
    # ACLED's export: no headline and no article URL; the source is ACLED itself.
    "acled": CsvMapping(
        columns={
            "event_id_cnty": "id",  # ACLED's own id: a re-import updates the same files
            "event_date": "date",
            "time_precision": "time_precision",
            "event_type": "tags",
            "actor1": "actors",
            "latitude": "lat",
            "longitude": "lon",
            "source": "reported_by",
            "notes": "summary",
        },
        title_template="{event_type} in {location}",
        source_defaults={"publisher": "ACLED", "title": "ACLED data export"},
        # a name alone is ambiguous (Kaliganj is in India and in Bangladesh)
        templates={"places": "{location}, {admin3}, {admin2}, {admin1}, {country}"},
    ),
    # The TimelineJS Google Sheet template: Year, Month, Day, Time, End Year, ..., Background.
    "timelinejs": CsvMapping(columns={}, reader="timelinejs"),
}


@dataclass(frozen=True, order=True)
class RowProblem:
    file: str
    row: int
    field: str
    message: str
    hint: str = ""

    def format(self) -> str:
        field = f"{self.field}: " if self.field else ""
        text = f"{self.file}:{self.row}: {field}{self.message}"
        return text + (f"\n    hint: {self.hint}" if self.hint else "")


@dataclass
class Row:
    """One input record, as field -> value (text, or a list of sources), before checking."""

    number: int
    values: dict[str, Any]


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


# ---- reading -----------------------------------------------------------------------------
def read_csv(path: Path, mapping: CsvMapping) -> tuple[list[Row], list[str]]:
    """Rows of a CSV file (UTF-8, with or without BOM) mapped to fields; notes on unused columns."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = list(reader.fieldnames or [])
            records = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ImportUsageError(f"cannot read {path}: {error}") from None
    columns = {name: name for name in header if _is_row_field(name)}
    columns.update({k: v for k, v in mapping.columns.items() if k in header})
    missing = sorted(set(mapping.columns) - set(header))
    notes = [f"columns not found in {path.name}: {', '.join(missing)}"] if missing else []
    templated = set(re.findall(r"\{(\w+)\}", mapping.title_template + "".join(mapping.templates.values())))
    unused = [name for name in header if name not in columns and name not in templated]
    if unused:
        notes.append(f"columns not imported: {', '.join(unused)}")
    rows = []
    if mapping.reader == "timelinejs":
        return _sheet_rows(records, path)
    for index, record in enumerate(records, start=2):
        values: dict[str, Any] = {}
        for column, name in columns.items():
            text = _unguarded((record.get(column) or "").strip())
            translation = _TRANSLATION.fullmatch(name)
            if text and translation:
                values.setdefault("translations", {}).setdefault(translation[1], {})[translation[2]] = text
            elif text:
                values[name] = text
        if mapping.title_template and "title" not in values:
            values["title"] = _fill_template(mapping.title_template, record)
        for name, template in mapping.templates.items():
            if name not in values and record.get(template.split("}")[0].lstrip("{")):
                parts = [_fill_template(part, record) for part in template.split(", ")]
                values[name] = ", ".join(dict.fromkeys(part for part in parts if part))
        rows.append(Row(index, values))
    return rows, notes


SHEET_COLUMNS = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
    "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group",
    "Background",
)  # fmt: skip


def _sheet_rows(records: list[dict[str, str]], path: Path) -> tuple[list[Row], list[str]]:
    """Rows of a TimelineJS sheet, read as the slides TimelineJS makes of them.

    The ``title`` row is the title slide and ``era`` rows are eras: reported as notes, as for a
    TimelineJS JSON file, not imported as events.
    """
    missing = [name for name in SHEET_COLUMNS if records and name not in records[0]]
    notes = [f"TimelineJS sheet columns not found in {path.name}: {', '.join(missing)}"] if missing else []
    slides: list[dict[str, Any]] = []
    document: dict[str, Any] = {"eras": []}
    numbers = []
    for index, record in enumerate(records, start=2):
        cell = {name: (record.get(name) or "").strip() for name in SHEET_COLUMNS}
        slide = _sheet_slide(cell)
        kind = cell["Type"].lower()
        if kind == "title":
            document["title"] = slide
        elif kind == "era":
            document["eras"].append(slide)
        else:
            slides.append(slide)
            numbers.append(index)
    rows = [Row(number, _tjs_values(slide)) for number, slide in zip(numbers, slides, strict=True)]
    return rows, notes + _tjs_notes(document, rows)


def _sheet_slide(cell: dict[str, str]) -> dict[str, Any]:
    """One sheet row as the TimelineJS slide object it stands for."""

    def date(prefix: str) -> dict[str, str] | None:
        parts = {key: cell[f"{prefix}{key.title()}"] for key in ("year", "month", "day")}
        return {k: v for k, v in parts.items() if v} if parts["year"] else None

    slide: dict[str, Any] = {
        "start_date": date(""),
        "end_date": date("End "),
        "text": {"headline": cell["Headline"], "text": cell["Text"]},
        "media": {"url": cell["Media"], "credit": cell["Media Credit"], "caption": cell["Media Caption"]},
        "group": cell["Group"],
    }
    if slide["start_date"] and cell["Display Date"]:
        slide["start_date"]["display_date"] = cell["Display Date"]
    return slide


def _is_row_field(name: str) -> bool:
    """A column our own ``events.csv`` writes: a field, a numbered source's, a translation's."""
    return name in ROW_FIELDS or any(
        pattern.fullmatch(name)
        for pattern in (_NUMBERED_SOURCE, _NUMBERED_CORRECTION, _NUMBERED_MEDIA, _TRANSLATION)
    )


def _fill_template(template: str, record: Mapping[str, str | None]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: (record.get(m.group(1)) or "").strip(), template).strip()


class _SourceReader(HTMLParser):
    """Reads the source list ``exports.timelinejs`` writes back into source dicts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[dict[str, str]] = []
        self._current: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "a" and "data-publisher" in found:
            self._current = {
                "publisher": found["data-publisher"], "url": found.get("href", ""),
                "published": found.get("data-published", ""), "title": "",
                "archive_url": found.get("data-archive-url", ""), "language": found.get("hreflang", ""),
            }  # fmt: skip

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current["title"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._current is not None:
            self.sources.append({k: v.strip() for k, v in self._current.items() if v.strip()})
            self._current = None


class _TextReader(HTMLParser):
    """HTML to plain text with a real parser: ``1 &lt; 2`` stays ``1 < 2``; paragraphs and line
    breaks become blank lines."""

    BREAKS = frozenset({"p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BREAKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BREAKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def text(self) -> str:
        lines = "".join(self.parts).split("\n")
        joined = "\n".join(" ".join(line.split()) for line in lines)
        return re.sub(r"\n{3,}", "\n\n", joined).strip()


def _read_html(fragment: str) -> _TextReader:
    reader = _TextReader()
    reader.feed(fragment)
    reader.close()
    return reader


def _html_to_text(fragment: str) -> str:
    return _read_html(fragment).text()


def _tjs_date(value: Any) -> str:
    """A TimelineJS date object -> ``YYYY[-MM[-DD]]`` text (the parts given set the precision)."""
    if not isinstance(value, dict) or "year" not in value:
        return ""
    parts = [str(value.get(key, "")).strip() for key in ("year", "month", "day")]
    if re.fullmatch(r"-\d+", parts[0]):
        return f"BCE:{parts[0]}"  # reported by the date check with what the date model holds
    if not parts[0].isdigit():
        return str(value.get("year"))  # reported by the date check
    text = parts[0].zfill(4)
    for part in parts[1:]:
        if not part:
            break
        text += "-" + part.zfill(2)
    return text


@functools.cache
def approximate_prefixes() -> tuple[str, ...]:
    """How "c. {date}" begins in each language the packaged theme speaks ("c. ", "نحو "), so an
    approximate date of our own TimelineJS export reads back whatever the site's language."""
    prefixes = {"c. "}
    for path in sorted((packaged_theme_dir() / "i18n").glob("*.yaml")):
        strings = yaml.safe_load(path.read_text(encoding="utf-8"))
        form = strings.get("c. {date}") if isinstance(strings, dict) else None
        if isinstance(form, str) and form.endswith("{date}") and form.strip() != "{date}":
            prefixes.add(form.removesuffix("{date}"))
    return tuple(sorted(prefixes))


def read_timelinejs(path: Path) -> tuple[list[Row], list[str]]:
    """TimelineJS3 events as rows, and notes on what is not an event: the title slide, eras, media.

    Our own exports' slides carry the event's fields and are read back exactly.
    """
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportUsageError(f"cannot read {path} as JSON: {error}") from None
    if not isinstance(document, dict) or not isinstance(document.get("events"), list):
        raise ImportUsageError(f"{path} is not a TimelineJS file: it has no 'events' list")
    rows = [Row(number, _tjs_values(item)) for number, item in enumerate(document["events"], start=1)]
    return rows, _tjs_notes(document, rows)


def _tjs_notes(document: dict[str, Any], rows: list[Row]) -> list[str]:
    """The timeline's own title and eras (for timeline.yaml) and the media left out: said, not lost."""
    notes = []
    title = document.get("title")
    text = title.get("text") if isinstance(title, dict) else None
    if isinstance(text, dict) and text.get("headline"):
        description = _html_to_text(str(text.get("text") or ""))
        notes.append(
            f"title slide (the title and description of timeline.yaml): "
            f"{_html_to_text(str(text['headline']))!r}, {description!r}"
        )
    eras = sorted(
        (_tjs_era(era) for era in document.get("eras") or [] if isinstance(era, dict)),
        key=lambda era: (era.get("start", ""), era.get("end", "")),
    )
    if eras:
        listed = "; ".join(
            f"{era['id']}: {era['name']} ({era.get('start', '…')} – {era.get('end', '…')})" for era in eras
        )
        notes.append(f"{len(eras)} eras, to declare under eras: in timeline.yaml: {listed}")
    media = sum(1 for row in rows if row.values.get("media"))
    if media:
        notes.append(f"{media} slides have media (photos, videos, pages): shown by TimelineJS, not cited")
    return notes


def _tjs_era(era: dict[str, Any]) -> dict[str, str]:
    text = era.get("text")
    headline = text.get("headline") if isinstance(text, dict) else ""
    name = _html_to_text(str(headline or "")) or "Era"
    found = {"id": slugify(name), "name": name}
    for key in ("start", "end"):
        date = _tjs_date(era.get(f"{key}_date"))
        if date:
            found[key] = date
    return found


def _unguarded(text: str) -> str:
    """A cell without the apostrophe events.csv puts before what a spreadsheet reads as a formula."""
    return text[1:] if text.startswith("'") and starts_formula(text[1:]) else text


def _tjs_stripped_text(value: str) -> str:
    """What TimelineJS shows for ``group``: its text, decoded, then inserted as HTML (decoded again)."""
    for _ in range(2):
        value = html.unescape(re.sub(r"<[^>]+>", "", value))
    return value.strip()


def _tjs_values(item: Any) -> dict[str, Any]:
    if not isinstance(item, dict):
        return {}
    if isinstance(item.get("chronology"), dict):
        return _our_fields(item["chronology"])
    text: dict[str, Any] = item["text"] if isinstance(item.get("text"), dict) else {}
    values: dict[str, Any] = {
        "title": html.unescape(re.sub(r"<[^>]+>", "", str(text.get("headline") or ""))).strip(),
        "date": _tjs_date(item.get("start_date")),
        "end": _tjs_date(item.get("end_date")),
    }
    start = item.get("start_date")
    display = str(start.get("display_date") or "") if isinstance(start, dict) else ""
    values["approximate"] = "true" if display.startswith(approximate_prefixes()) else ""
    body = str(text.get("text") or "")
    reader = _SourceReader()
    reader.feed(body)
    summary_html = _OUR_SOURCE_LIST.split(body, maxsplit=1)[0]
    values["summary"] = _html_to_text(summary_html)
    sources: list[dict[str, str]] = list(reader.sources) or _linked_source(item, text)
    values["sources"] = sources
    if item.get("group"):
        values["tags"] = [_tjs_stripped_text(str(item["group"]))]  # one name, even with spaces
    if item.get("unique_id"):
        values["id"] = str(item["unique_id"])
    media = item.get("media")
    if isinstance(media, dict) and media.get("url"):
        values["media"] = str(media["url"])  # not a source: reported in the notes, never cited
    return {key: value for key, value in values.items() if value not in ("", [], None)}


def _linked_source(item: dict[str, Any], text: dict[str, Any]) -> list[dict[str, str]]:
    """The article a slide links to in its media credit, caption or text, as its source.

    The media itself (a photo, a video) is not a source. The link's text is the title; the
    credit's text the publisher when there is one; the publication date is never guessed.
    """
    media = item["media"] if isinstance(item.get("media"), dict) else {}
    credit = _html_to_text(str(media.get("credit") or ""))
    caption = _html_to_text(str(media.get("caption") or ""))
    for fragment in (media.get("credit"), media.get("caption"), text.get("text")):
        found = _LinkReader.first(str(fragment or ""))
        if found:
            url, words = found
            title = caption if fragment is media.get("credit") and caption else words
            return [{"url": url, "title": title or url, "publisher": credit or _host(url)}]
    return []


def _host(url: str) -> str:
    return re.sub(r"^(?:https?:)?//(?:www\.)?([^/]+).*", r"\1", url)


class _LinkReader(HTMLParser):
    """The first http(s) link of an HTML fragment and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.url = ""
        self.title: list[str] = []
        self.inside = False
        self.done = False

    @classmethod
    def first(cls, fragment: str) -> tuple[str, str] | None:
        reader = cls()
        reader.feed(fragment)
        reader.close()
        return (reader.url, " ".join("".join(reader.title).split())) if reader.url else None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") or ""
        if tag == "a" and not self.url and href.startswith(("http://", "https://", "//")):
            self.url, self.inside = ("https:" + href if href.startswith("//") else href), True

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.title.append(data)


def _our_fields(record: dict[str, Any]) -> dict[str, Any]:
    """The event fields our own TimelineJS export keeps on each slide, as row values."""
    values = {name: value for name, value in record.items() if name in ROW_FIELDS or name in EVENT_FIELDS}
    if values.get("approximate") is True:
        values["approximate"] = "true"
    return {name: value for name, value in values.items() if value not in ("", [], {}, None, False)}


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
        related = _split_list(values.get("related", ""))
        if related:
            event["related"] = related  # checked by Importer once every row is read
        previous_ids = _split_list(values.get("previous_ids", ""))
        if previous_ids:
            event["previous_ids"] = previous_ids  # checked with the whole content when planned
        self._grading(row, event)
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
        media = _numbered_groups(row.values, _NUMBERED_MEDIA, MEDIA_KEYS, "media")
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
                    event[name] = parsed.iso()
        if "date" not in row.values:
            self.report(row, "date", "no date", "map a column to date (--map COLUMN=date)")
        self._time_precision(row, event)

    def _time_precision(self, row: Row, event: dict[str, Any]) -> None:
        """ACLED's ``time_precision``: 1 the day is known; 2 within a week of it (approximate);
        3 within the month (the day is dropped, never shown as if known)."""
        precision = str(row.values.get("time_precision", "")).strip()
        if precision == "2":
            event["approximate"] = True
        elif precision == "3" and len(event.get("date", "")) == 10:
            event["date"] = event["date"][:7]

    def date(self, row: Row, name: str, text: str) -> EventDate | None:
        if text.startswith("BCE:"):
            year = text.removeprefix("BCE:")
            self.report(
                row,
                name,
                f"year {year} is before the common era; event dates hold years 0001 to 9999 only",
                "such events cannot be imported yet: the date model has no years BCE (see README)",
            )
            return None
        try:
            return parse_any_date(text, self.date_format)
        except DateError as error:
            self.report(row, name, str(error), "e.g. 2020-01-29, 29 January 2020, 2012-10 or 0973")
            return None

    # ---- tags, actors, places ----------------------------------------------------------------
    def term_ids(self, row: Row, kind: str) -> list[str]:
        """Declared ids for the row's names or ids; undeclared ones are reported and collected."""
        declared = self.timeline.terms(kind)
        by_name = {term.name.casefold(): term.id for term in declared.values()}
        ids: list[str] = []
        for item in _split_list(row.values.get(kind + "s", "")):
            term_id = item if item in declared else by_name.get(item.casefold()) or transliterated_slug(item)
            if term_id not in declared:
                self._undeclared(row, kind, item, term_id)
            elif term_id not in ids:
                ids.append(term_id)
        return ids

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
            source["published"] = parsed.iso() if parsed else ""
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
        match = _NUMBERED_SOURCE.fullmatch(key)
        if match:
            groups.setdefault(int(match.group(1)), {})[match.group(2)] = value
        elif key.startswith("source_") and key.removeprefix("source_") in SOURCE_KEYS:
            groups.setdefault(0, {})[key.removeprefix("source_")] = value
    return [groups[n] for n in sorted(groups)] + list(values.get("sources", []))


def _given_corrections(values: dict[str, Any]) -> list[dict[str, str]]:
    """Corrections from ``correction_N_<key>`` column groups (CSV) or a list (TimelineJS)."""
    return _numbered_groups(values, _NUMBERED_CORRECTION, CORRECTION_KEYS, "corrections")


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


# ---- planning ------------------------------------------------------------------------------
@dataclass
class Importer:
    """Turns rows into checked event files for one content folder.

    Each row is checked (``RowChecker``), given an id, and the file it would become is checked
    by the validator itself (``_validate``); only then is it planned for writing.
    """

    content_dir: Path
    source_name: str  # the input file, as problems show it
    timeline: Timeline
    source_defaults: dict[str, str] = field(default_factory=dict)
    force: bool = False
    today: calendar_date = field(default_factory=calendar_date.today)
    date_format: str = ""

    def __post_init__(self) -> None:
        folder = self.content_dir / "events"
        self.existing = {p.stem for p in folder.rglob("*.yaml")} if folder.is_dir() else set()
        self.result = ImportResult(undeclared={kind: {} for kind in TERM_KINDS})
        self.taken: set[str] = set()
        self.checker = RowChecker(
            self.timeline, self.source_defaults, self._report, self.result.undeclared, self.date_format
        )

    def run(self, rows: list[Row]) -> ImportResult:
        by_number = {row.number: row for row in rows}
        for row in rows:
            problems_before = len(self.result.problems)
            event = self.checker.event(row)
            if event is not None and len(self.result.problems) == problems_before:
                self._plan(row, event)
        self._check_related(by_number)
        return self.result

    def _check_related(self, rows: dict[int, Row]) -> None:
        """``related`` ids must name an existing or imported event, wherever in the file it is.

        Checked after all rows, so a row may name one further down; a row dropped for a
        dangling reference may leave another dangling, hence the repetition until nothing changes.
        """
        while True:
            known = self.existing | {item.event_id for item in self.result.planned}
            dangling = [item for item in self.result.planned if set(item.related) - known]
            if not dangling:
                return
            for item in dangling:
                for other in sorted(set(item.related) - known):
                    hint = "import that event too, or remove it from related"
                    self._report(rows[item.row], "related", f"no event has the id '{other}'", hint)
            self.result.planned = [item for item in self.result.planned if item not in dangling]

    def _report(self, row: Row, name: str, message: str, hint: str = "") -> None:
        self.result.problems.append(RowProblem(self.source_name, row.number, name, message, hint))

    def _plan(self, row: Row, event: dict[str, Any]) -> None:
        event_id, stable = self._event_id(row, event)
        target = self.content_dir / "events" / f"{event_id}.yaml"
        text = event_yaml(event)
        problems = self._validate(target, event_id, text)
        if problems:
            for problem in problems:
                self._report(row, problem[0], problem[1], problem[2])
            return
        status = self._status(row, target, text, stable)
        if status:
            self.taken.add(event_id)
            related = tuple(event.get("related", ()))
            self.result.planned.append(Planned(row.number, target, text, related, status))

    def _status(self, row: Row, target: Path, text: str, stable: bool) -> str:
        """new, changed or unchanged; "" (reported) when an existing file must not be replaced.

        A file whose id comes from the row's own id (ACLED's ``event_id_cnty``, a slide's
        ``unique_id``) is that row's file: ``--force`` updates it. A numbered id (``-2``) depends
        on the order of rows, so it may name another row's file: never overwritten.
        """
        if target.stem not in self.existing:
            return "new"
        if target.read_text(encoding="utf-8") == text:
            return "unchanged"
        if not self.force:
            self._report(row, "", f"{target} already exists and differs", "use --force to update it")
            return ""
        if not stable and re.search(r"-\d+$", target.stem):
            hint = "its id depends on the order of rows; give the rows ids (an id column)"
            self._report(row, "", f"{target} may be another row's file: not overwritten", hint)
            return ""
        return "changed"

    def _event_id(self, row: Row, event: dict[str, Any]) -> tuple[str, bool]:
        """The id, and whether it comes from the row's own id (so the same row gets it again).

        The given id when it is valid and matches the date; the date and the slug of a given id
        (ACLED ``SYR12345``, TimelineJS ``unique_id``); else the date and the title's slug.
        """
        given = str(row.values.get("id", ""))
        match = EVENT_ID.fullmatch(given)
        if match and match["date"] == event["date"] and given not in self.taken:
            return given, True
        if given and not match:
            own = f"{event['date']}-{slugify(given)}"
            if own not in self.taken:
                return own, True
        slug = "-".join(transliterated_slug(event["title"]).split("-")[:6])
        base = f"{event['date']}-{slug}"
        event_id, number = base, 2
        while event_id in self.taken:
            event_id, number = f"{base}-{number}", number + 1
        return event_id, False

    def _validate(self, target: Path, event_id: str, text: str) -> list[tuple[str, str, str]]:
        """The validator's own verdict on the file we would write: (field, message, hint)."""
        document = parse_yaml(text, target.as_posix())
        event = event_from_document(document, self.today)
        problems = [p for p in document.problems if p.severity is Severity.ERROR]
        if event is not None:
            cross = check_references({event_id: event}, [references_of(document)], self.timeline)
            problems += [
                p
                for p in cross
                if p.severity is Severity.ERROR
                and not p.field.startswith(("tags", "actors", "places", "related"))
            ]
        return [(p.field, p.message, p.hint) for p in problems]


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


def _split_list(value: Any) -> list[str]:
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


def parse_any_date(text: str, date_format: str = "") -> EventDate:
    """ISO (``2020-01-29``, ``2012-10``, ``0973``), ``2020/01/29``, words (``29 January 2020``,
    ``29-Jan-2020``, ``January 2020``), or the user's ``date_format`` (``%d/%m/%Y``) for forms
    such as ``01/02/2020`` that only the user can read (1 February or 2 January)."""
    text = text.strip()
    if date_format:
        try:
            read = datetime.strptime(text, date_format).date()
        except ValueError:
            raise DateError(f"{text!r} does not match --date-format {date_format!r}") from None
        return EventDate(read.year, read.month, read.day)
    slashed = re.fullmatch(r"(\d{4})/(\d{1,2})(?:/(\d{1,2}))?", text)
    if slashed:
        text = "-".join(part.zfill(2) for part in slashed.groups() if part)
    match = _WORDY_DATE.fullmatch(text)
    if match:
        month = next(
            (i for i, name in enumerate(MONTH_NAMES, 1) if name.lower().startswith(match[2].lower()[:3])),
            None,
        )
        if month is None or len(match[2]) < 3:
            raise DateError(f"{text!r}: {match[2]!r} is not a month")
        day = f"-{int(match[1]):02d}" if match[1] else ""
        return parse_date(f"{match[3]}-{month:02d}{day}")
    if re.fullmatch(r"\d{1,3}", text):
        text = text.zfill(4)
    return parse_date(text)


# ---- writing -----------------------------------------------------------------------------
class _Quoted(str):
    """Always double-quoted: dates, so YAML never reads them as numbers or timestamps."""


class _Literal(str):
    """A literal block (``|``) for multi-line Markdown."""


class _Flow(list[str]):
    """A one-line list: ``tags: [a, b]``, as editors write them."""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """LibYAML's emitter when PyYAML has it: ten times faster on 20,000 rows, the same YAML."""


_Dumper.add_representer(_Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style='"'))
_Dumper.add_representer(_Literal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style="|"))
_Dumper.add_representer(
    _Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", list(v), flow_style=True)
)


def event_yaml(event: dict[str, Any]) -> str:
    """The event file: fields in the order of ``fields.py``, quoted where YAML could misread."""
    styled: dict[str, Any] = {}
    for name in EVENT_FIELDS:
        if name not in event:
            continue
        value = event[name]
        if name in ("date", "end", "updated"):
            value = _Quoted(value)
        elif name in ("summary", "body") and "\n" in value:
            value = _Literal(value.strip() + "\n")
        elif isinstance(value, list) and name not in ("sources", "media"):
            value = _Flow(value)
        elif name in ("sources", "corrections"):
            value = [
                {k: _Quoted(v) if k in ("published", "date") else v for k, v in item.items()}
                for item in value
            ]
        styled[name] = value
    return yaml.dump(styled, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def load_timeline(content_dir: Path) -> Timeline:
    path = content_dir / "timeline.yaml"
    if not path.is_file():
        raise ImportUsageError(f"{content_dir} has no timeline.yaml; use --content")
    document = load_yaml_file(path, path.as_posix())
    timeline = timeline_from_document(document)
    if timeline is None or any(p.severity is Severity.ERROR for p in document.problems):
        raise ImportUsageError(f"{path} has errors; run chronology validate first")
    return timeline


def declare_yaml(undeclared: dict[str, dict[str, dict[str, Any]]]) -> str:
    """The YAML to add to timeline.yaml for every undeclared tag, actor and place."""
    blocks = {f"{kind}s": terms for kind, terms in undeclared.items() if terms}
    if not blocks:
        return ""
    text = yaml.dump(blocks, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return "# add under the matching sections of timeline.yaml, then import again:\n" + text


def summarised(problems: list[RowProblem]) -> list[str]:
    """Every problem, the same one on many rows printed once with a count and the first rows.

    20,000 rows of an export can share one problem (no source, a duplicate): one line each
    would bury the rest. ``FILE: field: message (1,797 rows, first 5: 2, 3, 9, 12, 40)``.
    """
    groups: dict[tuple[str, str, str, str], list[RowProblem]] = {}
    for problem in sorted(problems):
        groups.setdefault((problem.file, problem.field, problem.message, problem.hint), []).append(problem)
    lines = []
    for (file, name, message, hint), group in groups.items():
        if len(group) <= FOLD_AFTER:
            lines += [problem.format() for problem in group]
            continue
        rows = ", ".join(str(problem.row) for problem in group[:5])
        folded = RowProblem(file, 0, name, f"{message} ({len(group):,} rows, first 5: {rows})", hint)
        lines.append(folded.format().replace(f"{file}:0: ", f"{file}: ", 1))
    return lines


def write_planned(planned: list[Planned]) -> None:
    for item in planned:
        if item.status == "unchanged":
            continue
        item.path.parent.mkdir(parents=True, exist_ok=True)
        item.path.write_text(item.text, encoding="utf-8")


# ---- command line ------------------------------------------------------------------------
def add_arguments(commands: Any) -> Any:
    """``chronology import timelinejs|csv FILE ...``; returns the ``import`` parser."""
    parser = commands.add_parser("import", help="write event files from TimelineJS JSON or CSV")
    formats = parser.add_subparsers(dest="format", required=True)
    timelinejs = formats.add_parser("timelinejs", help="a TimelineJS3 JSON file")
    table = formats.add_parser("csv", help="a CSV file (UTF-8), e.g. an ACLED export")
    table.add_argument("--preset", choices=sorted(PRESETS), help="a built-in column mapping")
    table.add_argument(
        "--map", action="append", default=[], metavar="COLUMN=FIELD",
        help=f"read FIELD from COLUMN (repeatable); fields: {', '.join(ROW_FIELDS)}, source_N_<key>",
    )  # fmt: skip
    table.add_argument("--title-template", help='headline from columns, e.g. "{event_type} in {location}"')
    for sub in (timelinejs, table):
        sub.add_argument("file", type=Path)
        sub.add_argument("--content", type=Path, default=Path("content"), help="content folder")
        sub.add_argument("--dry-run", action="store_true", help="write nothing; print what would be written")
        sub.add_argument("--force", action="store_true", help="overwrite event files that exist")
        sub.add_argument("--declare", action="store_true", help="print YAML declaring unknown ids")
        sub.add_argument(
            "--date-format", help="how to read ambiguous dates, e.g. %%d/%%m/%%Y (Python strptime codes)"
        )
        for key in ("url", "published", "publisher", "title"):
            sub.add_argument(f"--source-{key}", help=f"source {key} for rows that give none")
    return parser


def csv_mapping(args: Any) -> CsvMapping:
    preset = PRESETS[args.preset] if args.preset else CsvMapping({})
    columns = dict(preset.columns)
    for item in args.map:
        column, _, name = item.partition("=")
        if not column or not _is_row_field(name):
            raise ImportUsageError(
                f"--map {item!r}: write COLUMN=FIELD with FIELD one of {', '.join(ROW_FIELDS)}"
            )
        columns[column] = name
    title = args.title_template or preset.title_template
    return CsvMapping(columns, title, preset.source_defaults, preset.templates, preset.reader)


def run(args: Any) -> int:
    """Read, check, report, then write (or show) the files; exit 1 if any row was not imported."""
    if not args.file.is_file():
        raise ImportUsageError(f"no such file: {args.file}")
    timeline = load_timeline(args.content)
    if args.format == "csv":
        mapping = csv_mapping(args)
        rows, notes = read_csv(args.file, mapping)
    else:
        mapping, (rows, notes) = CsvMapping({}), read_timelinejs(args.file)
    defaults = dict(mapping.source_defaults)
    defaults.update(
        {k: getattr(args, f"source_{k}") for k in SOURCE_KEYS if getattr(args, f"source_{k}", None)}
    )
    importer = Importer(
        args.content, args.file.as_posix(), timeline, defaults, args.force, date_format=args.date_format or ""
    )
    result = importer.run(rows)
    for note in notes:
        print(f"note: {printable(note)}")
    for line in summarised(result.problems):
        print(line)
    if args.dry_run:
        print(plan_table(result))
    else:
        write_planned(result.planned)
        for item in result.planned:
            if item.status != "unchanged":
                print(f"wrote {item.path}")
    if args.declare and declare_yaml(result.undeclared):
        print(declare_yaml(result.undeclared), end="")
    failed = len({problem.row for problem in result.problems})
    verb = "would write" if args.dry_run else "wrote"
    written = sum(1 for item in result.planned if item.status != "unchanged")
    counts = {status: sum(1 for item in result.planned if item.status == status) for status in STATUSES}
    print(
        f"{len(rows)} rows: {verb} {written} event files, {failed} rows with problems "
        f"({counts['new']:,} new, {counts['changed']:,} changed, {counts['unchanged']:,} unchanged)"
    )
    return 1 if failed else 0


STATUSES = ("new", "changed", "unchanged")


def plan_table(result: ImportResult) -> str:
    """What ``--dry-run`` shows: each file with what would happen to it, then the skipped rows."""
    verbs = {"new": "create", "changed": "update", "unchanged": "keep"}
    lines = [f"{'action':<8} {'row':>6}  file"]
    for item in result.planned:
        lines.append(f"{verbs[item.status]:<8} {item.row:>6}  {item.path}")
    for row in sorted({problem.row for problem in result.problems}):
        lines.append(f"{'skip':<8} {row:>6}  (see the problems above)")
    return "\n".join(lines)
