"""The TimelineJS Google Sheet template (``--preset timelinejs``), read as the slides it makes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .rows import CsvMapping, Reading, Row
from .timelinejs import slide_notes, slide_values, timeline_parts

# The template's columns: Year, Month, Day, Time, End Year, ..., Background; read row by row.
SHEET = CsvMapping(columns={}, reader="timelinejs")
SHEET_COLUMNS = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
    "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group",
    "Background",
)  # fmt: skip


def sheet_rows(records: list[dict[str, str]], path: Path) -> Reading:
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
        cell = {name: (record.get(name) or "").strip() for name in (*SHEET_COLUMNS, "Media Alt")}
        slide = _sheet_slide(cell)
        kind = cell["Type"].lower()
        if kind == "title":
            document["title"] = slide
        elif kind == "era":
            document["eras"].append(slide)
        else:
            slides.append(slide)
            numbers.append(index)
    document["events"] = slides
    rows = [Row(number, slide_values(slide)) for number, slide in zip(numbers, slides, strict=True)]
    return Reading(rows, notes + slide_notes(document, rows), timeline_parts(document))


def _sheet_slide(cell: dict[str, str]) -> dict[str, Any]:
    """One sheet row as the TimelineJS slide object it stands for."""

    def date(prefix: str) -> dict[str, str] | None:
        parts = {key: cell[f"{prefix}{key.title()}"] for key in ("year", "month", "day")}
        if prefix and not parts["year"] and cell["End Time"]:
            # an End Time alone ends the event on its own day (TimelineJS drops it with a warning)
            parts = {key: cell[key.title()] for key in ("year", "month", "day")}
        parts.update(sheet_time(cell[f"{prefix}Time"]))
        return {k: v for k, v in parts.items() if v} if parts["year"] else None

    slide: dict[str, Any] = {
        "start_date": date(""),
        "end_date": date("End "),
        "text": {"headline": cell["Headline"], "text": cell["Text"]},
        "media": {
            "url": cell["Media"],
            "credit": cell["Media Credit"],
            "caption": cell["Media Caption"],
            "thumbnail": cell["Media Thumbnail"],
            "alt": cell["Media Alt"],  # not in Knight Lab's template: a column of ours, if added
        },
        "group": cell["Group"],
        "background": cell["Background"],
    }
    if slide["start_date"] and cell["Display Date"]:
        slide["start_date"]["display_date"] = cell["Display Date"]
    return slide


_CLOCK = re.compile(r"(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?(?:\.(\d+))?\s*([ap])?\.?m?\.?", re.IGNORECASE)


def sheet_time(text: str) -> dict[str, str]:
    """The Time column (``14:30``, ``2:30 PM``, ``14:30:05.250``) as a slide's hour, minute...

    Text that is not a time is passed on as the hour, for the validator to report by row."""
    text = text.strip()
    if not text:
        return {}
    match = _CLOCK.fullmatch(text)
    if not match:
        return {"hour": text}
    hour, minute, second, millisecond, half = match.groups()
    number = int(hour) % 12 + (12 if half and half.lower() == "p" else 0) if half else int(hour)
    found = {"hour": str(number), "minute": minute, "second": second, "millisecond": millisecond}
    return {key: value for key, value in found.items() if value}
