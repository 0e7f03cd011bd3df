"""TimelineJS3 JSON files: slides to rows, and notes on what is not an event."""

from __future__ import annotations

import functools
import html
import json
import re
from pathlib import Path
from typing import Any

import yaml

from ..dates import DateError, astronomical_year, parse_date
from ..fields import (
    EVENT_FIELDS,
)
from ..slugs import slugify
from ..theming import packaged_theme_dir
from .htmltext import LinkReader, SourceReader, host_of, html_to_text, stripped_text
from .media import is_media_page, media_values
from .rows import ROW_FIELDS, ImportUsageError, Reading, Row

# our own export's source list and its heading ("Sources:" in the site's language)
# our source list (and the status line before it, see exports.timelinejs) ends the summary
_OUR_SOURCE_LIST = re.compile(
    r'<p class="chronology-status"|<p>[^<]*</p>\s*<ol class="chronology-sources"|<p>Sources:</p>'
)


def _tjs_date(value: Any) -> str:
    """A TimelineJS date object -> ``YYYY[-MM[-DD]]`` text (the parts given set the precision).

    A negative year is before the common era as TimelineJS shows it (year -350 reads "350 BCE",
    ``historical_year``), at any size (-65000000); its year 0, which JavaScript's Date takes as
    1 BCE, is 1 BCE.
    """
    if not isinstance(value, dict) or "year" not in value:
        return ""
    parts = [str(value.get(key, "")).strip() for key in ("year", "month", "day")]
    before_era = re.fullmatch(r"-\d+|0+", parts[0]) is not None
    if not before_era and not parts[0].isdigit():
        return str(value.get("year"))  # reported by the date check
    year = astronomical_year(int(parts[0]))
    text = f"{1 - year if before_era else year:04d}"
    for part in parts[1:]:
        if not part:
            break
        text += "-" + part.zfill(2)
    return text + (" BCE" if before_era else "")


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


def read_timelinejs(path: Path) -> Reading:
    """TimelineJS3 events as rows, and notes on what is not an event: the title slide, eras, media.

    Our own exports' slides carry the event's fields and are read back exactly.
    """
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportUsageError(f"cannot read {path} as JSON: {error}") from None
    if not isinstance(document, dict) or not isinstance(document.get("events"), list):
        raise ImportUsageError(f"{path} is not a TimelineJS file: it has no 'events' list")
    rows = [Row(number, slide_values(item)) for number, item in enumerate(document["events"], start=1)]
    return Reading(rows, slide_notes(document, rows), timeline_parts(document))


def timeline_parts(document: dict[str, Any]) -> dict[str, Any]:
    """The title slide's headline and text, and the eras, as timeline.yaml writes them."""
    parts: dict[str, Any] = {}
    title = document.get("title")
    text = title.get("text") if isinstance(title, dict) else None
    if isinstance(text, dict) and text.get("headline"):
        parts["title"] = html_to_text(str(text["headline"]))
        parts["description"] = html_to_text(str(text.get("text") or ""))
    eras = _eras(document)
    if eras:
        parts["eras"] = eras
    return {name: value for name, value in parts.items() if value}


def _eras(document: dict[str, Any]) -> list[dict[str, str]]:
    return sorted(
        (_tjs_era(era) for era in document.get("eras") or [] if isinstance(era, dict)),
        key=lambda era: (_date_key(era.get("start", "")), _date_key(era.get("end", ""))),
    )


def _date_key(text: str) -> tuple[int, ...]:
    """Chronological order of era dates, 0350 BCE before 0100 (one not a date sorts first)."""
    try:
        return parse_date(text).first_day()
    except DateError:
        return ()


def slide_notes(document: dict[str, Any], rows: list[Row]) -> list[str]:
    """The timeline's own title and eras (for timeline.yaml) and what slides have that events
    cannot hold: said, not lost."""
    notes = []
    title = document.get("title")
    text = title.get("text") if isinstance(title, dict) else None
    if isinstance(text, dict) and text.get("headline"):
        description = html_to_text(str(text.get("text") or ""))
        kept_out = (
            " (its media are not kept: the timeline has no picture)" if _media_key(title, "url") else ""
        )
        notes.append(
            f"title slide (the title and description of timeline.yaml): "
            f"{html_to_text(str(text['headline']))!r}, {description!r}{kept_out}"
        )
    eras = _eras(document)
    if eras:
        listed = "; ".join(
            f"{era['id']}: {era['name']} ({era.get('start', '…')} – {era.get('end', '…')})" for era in eras
        )
        notes.append(f"{len(eras)} eras, to declare under eras: in timeline.yaml: {listed}")
    slides = [item for item in document.get("events") or [] if isinstance(item, dict)]
    notes.append(_left_out(slides))
    return [note for note in notes if note]


def _left_out(slides: list[dict[str, Any]]) -> str:
    """What TimelineJS slides have that an event cannot hold: counted, so nothing goes unsaid.

    A background (an image or a colour behind the slide) is the slide's decoration, not a
    picture of the event: it has no description, credit or caption to show it with. A media
    thumbnail and title are TimelineJS's marker image and tooltip."""
    counts = {
        _BACKGROUNDS: sum(1 for slide in slides if slide.get("background")),
        ("media thumbnail", "media thumbnails"): sum(1 for slide in slides if _media_key(slide, "thumbnail")),
        ("media title (tooltip)", "media titles (tooltips)"): sum(
            1 for slide in slides if _media_key(slide, "title")
        ),
        ("end time without a start time", "end times without a start time"): sum(
            1
            for slide in slides
            if _tjs_time(slide.get("end_date")) and not _tjs_time(slide.get("start_date"))
        ),
        ("millisecond value", "millisecond values"): sum(
            1
            for slide in slides
            for end in ("start_date", "end_date")
            if _part(slide.get(end), "millisecond")
        ),
    }
    listed = ", ".join(f"{count:,} {forms[count != 1]}" for forms, count in counts.items() if count)
    if not listed:
        return ""
    why = (
        "; a background is the slide's decoration, not a picture of the event" if counts[_BACKGROUNDS] else ""
    )
    return f"not imported (events have no field for them): {listed}{why}"


_BACKGROUNDS = ("background", "backgrounds")


def _media_key(slide: Any, key: str) -> str:
    """A slide's media's ``key`` as text ("" without media, or for media without a url)."""
    media = slide.get("media") if isinstance(slide, dict) else None
    return _part(media, key) if _part(media, "url") else ""


def _part(value: Any, key: str) -> str:
    return str(value.get(key) or "").strip() if isinstance(value, dict) else ""


def _tjs_time(value: Any) -> str:
    """A TimelineJS date object's hour, minute and second as ``HH:MM[:SS]``; "" without an hour.

    A value that is not a number is passed on as it is, for the validator to report."""
    hour = _part(value, "hour")
    if not hour:
        return ""
    parts = [hour, _part(value, "minute") or "0", _part(value, "second") or "0"]
    if not all(part.isdigit() for part in parts):
        return ":".join(parts)
    hour_n, minute, second = (int(part) for part in parts)
    return f"{hour_n:02d}:{minute:02d}" + (f":{second:02d}" if second else "")


def _tjs_era(era: dict[str, Any]) -> dict[str, str]:
    text = era.get("text")
    headline = text.get("headline") if isinstance(text, dict) else ""
    name = html_to_text(str(headline or "")) or "Era"
    found = {"id": slugify(name), "name": name}
    for key in ("start", "end"):
        date = _tjs_date(era.get(f"{key}_date"))
        if date:
            found[key] = date
    return found


def slide_values(item: Any) -> dict[str, Any]:
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
    values["time"] = _tjs_time(start)
    display = html_to_text(_part(start, "display_date"))
    # "c. 1566" is how our exports (and many timelines) say approximate; any other wording
    # ("Siglo IV", "13 сентября") is what readers saw, kept as the event's display_date
    values["approximate"] = "true" if display.startswith(approximate_prefixes()) else ""
    values["display_date"] = "" if values["approximate"] else display
    body = str(text.get("text") or "")
    reader = SourceReader()
    reader.feed(body)
    summary_html = _OUR_SOURCE_LIST.split(body, maxsplit=1)[0]
    values["summary"] = html_to_text(summary_html)
    sources: list[dict[str, str]] = list(reader.sources) or _linked_source(item, text)
    values["sources"] = sources
    if item.get("group"):
        values["tags"] = [stripped_text(str(item["group"]))]  # one name, even with spaces
    if item.get("unique_id"):
        values["id"] = str(item["unique_id"])
    values.update(media_values(item))  # never a source
    _end_time(item, values)
    values.update(_location(item.get("location")))
    return {key: value for key, value in values.items() if value not in ("", [], None)}


def _end_time(item: dict[str, Any], values: dict[str, Any]) -> None:
    """``end_date``'s hour and minute as the event's ``end_time``; an end on the start's own day
    is then not repeated as ``end``. An end time needs the start's (counted in ``_left_out``)."""
    values["end_time"] = _tjs_time(item.get("end_date")) if values.get("time") else ""
    if values["end_time"] and values.get("end") == values.get("date"):
        del values["end"]


def _location(value: Any) -> dict[str, str]:
    """A slide's ``location`` ({name, lat, lon}) as the row's place and its coordinates."""
    if not isinstance(value, dict):
        return {}
    found = {"places": _part(value, "name"), "lat": _part(value, "lat"), "lon": _part(value, "lon")}
    return {key: text for key, text in found.items() if text}


def _linked_source(item: dict[str, Any], text: dict[str, Any]) -> list[dict[str, str]]:
    """The article a slide links to in its text, else in its media credit or caption: its source.

    The text comes first: it is the newsroom's own writing, linking the reporting it draws on
    ("after <a href=...>much debate</a>"), while a credit usually links the photographer's page.
    The media itself (a photo, a video) is never the source, nor a page on a media host
    (Flickr, YouTube: ``media.MEDIA_HOSTS``). The link's words are the title;
    the publisher is the credit's text for a credit link, else the link's host; the publication
    date is never guessed.
    """
    media = item["media"] if isinstance(item.get("media"), dict) else {}
    credit = html_to_text(str(media.get("credit") or ""))
    caption = html_to_text(str(media.get("caption") or ""))
    for fragment, in_credit in (
        (text.get("text"), False),
        (media.get("credit"), True),
        (media.get("caption"), False),
    ):
        found = LinkReader.first(str(fragment or ""), lambda url: not is_media_page(url))
        if found:
            url, words = found
            title = caption if in_credit and caption else words
            publisher = credit if in_credit and credit else host_of(url)
            return [{"url": url, "title": title or url, "publisher": publisher}]
    return []


def _our_fields(record: dict[str, Any]) -> dict[str, Any]:
    """The event fields our own TimelineJS export keeps on each slide, as row values."""
    values = {name: value for name, value in record.items() if name in ROW_FIELDS or name in EVENT_FIELDS}
    if values.get("approximate") is True:
        values["approximate"] = "true"
    # a count of 0 is a value (0 == False in Python, hence the identity test)
    return {
        name: value
        for name, value in values.items()
        if value is not False and value is not None and value not in ("", [], {})
    }
