"""``data/events.ics``: the events known to the day, as iCalendar events (RFC 5545).

Written by hand (no runtime dependency): CRLF line ends, lines folded at 75 octets without
splitting a UTF-8 character, text escaped. Events known only to the month or year are left out:
a calendar cannot show "some day in 1098" honestly. So are events before the common era: an
RFC 5545 date has a four-digit year and no era; the open-data page counts them. An event with a
``time`` is a timed event when its time can be placed honestly: with no time-zone note it is
*floating* (the same clock time wherever the calendar is, RFC 5545 3.3.5), with a UTC offset
(``UTC+3``, ``GMT-5``) it is written in UTC; a note in words ("local time") cannot be placed, so
the event stays all-day, as does an approximate one, and one with an ``end`` day but no
``end_time``. ``DTSTAMP`` is the event's added date (see ``common.added_times``), never the
build time, so the file is the same on every build.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal

from ..markup import plain_text
from ..model import Event
from ..organise import event_url
from .common import ExportContext, iso_time, stable_uuid, status_line

CALENDAR_URL = "data/events.ics"
PRODUCT_ID = "-//chronology-generator//Open data//EN"


def escape_text(value: str) -> str:
    """TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets, continuation lines start with a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # inside a UTF-8 character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # the leading space counts towards the 75
    return "\r\n ".join(parts) + "\r\n"


def calendar_events(events: list[Event]) -> list[Event]:
    """Events whose start (and end, if any) are known to the day, from the year 1 on."""
    return [e for e in events if e.on_calendar]


def _description(context: ExportContext, event: Event) -> str:
    status = status_line(context.words, event)
    lines = [plain_text(context.summary_html(event)), *([status] if status else []), "", "Sources:"]
    lines += [f"- {s.publisher}: {s.title}, {s.published.display()} <{s.url}>" for s in event.sources]
    page = context.absolute(event_url(event.id))
    if page:
        lines += ["", page]
    return "\n".join(lines)


_OFFSET = re.compile(r"(?:UTC|GMT)(?:([-+−])(\d{1,2})(?::?(\d{2}))?)?", re.IGNORECASE)


def ical_time(day: date, time: str) -> str | None:
    """``time`` on ``day`` as an iCalendar DATE-TIME: floating without a zone note, in UTC
    (``...Z``) with a UTC offset note; None for a note in words, which cannot be placed."""
    clock, _, note = time.partition(" ")
    hour, minute, second = (int(part) for part in (clock + ":0").split(":")[:3])
    moment = datetime(day.year, day.month, day.day, hour, minute, second)
    if not note:
        return f"{moment:%Y%m%dT%H%M%S}"
    offset = _OFFSET.fullmatch(note.strip())
    if offset is None:
        return None
    sign, hours, minutes = offset.groups()
    shift = timedelta(hours=int(hours or 0), minutes=int(minutes or 0))
    utc = moment - shift if sign == "+" else moment + shift
    return f"{utc:%Y%m%dT%H%M%S}Z"


def _when(event: Event) -> list[str]:
    """DTSTART and DTEND: timed when the event's times can be placed (see the module's note),
    else all-day, the end day included."""
    first = date(*event.date.first_day())
    last = date(*(event.end or event.date).last_day())
    if event.time and not event.approximate and (event.end_time or event.end is None):
        start = ical_time(first, event.time)
        end = ical_time(last, event.end_time) if event.end_time else ""
        if start is not None and end is not None:
            return [f"DTSTART:{start}", *([f"DTEND:{end}"] if end else [])]
    return [f"DTSTART;VALUE=DATE:{first:%Y%m%d}", f"DTEND;VALUE=DATE:{last + timedelta(days=1):%Y%m%d}"]


def _vevent(context: ExportContext, event: Event) -> list[str]:
    site = context.site
    stamp = context.added_time(event)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{stable_uuid(site, event.id)}",
        f"DTSTAMP:{iso_time(stamp).replace('-', '').replace(':', '')}",
        *_when(event),
        f"SUMMARY:{escape_text(event.title)}",
        f"DESCRIPTION:{escape_text(_description(context, event))}",
    ]
    places = [site.term("place", p) for p in event.places]
    if places:
        lines.append("LOCATION:" + escape_text(", ".join(p.name for p in places)))
    located = next(((p.lat, p.lon) for p in places if p.lat is not None and p.lon is not None), None)
    if located is not None:
        lines.append(f"GEO:{plain_decimal(located[0])};{plain_decimal(located[1])}")
    if event.tags:
        lines.append("CATEGORIES:" + ",".join(escape_text(site.term("tag", t).name) for t in event.tags))
    page = context.absolute(event_url(event.id))
    if page:
        lines.append(f"URL;VALUE=URI:{page}")
    lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines


def events_calendar(context: ExportContext) -> Iterator[str]:
    """The iCalendar file in chunks (CRLF lines folded at 75 octets), one event at a time."""
    site = context.site
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        f"NAME:{escape_text(site.timeline.title)}",
        f"X-WR-CALNAME:{escape_text(site.timeline.title)}",
    ]
    yield "".join(fold(line) for line in lines)

    def vevent(event: Event) -> str:
        return "".join(fold(line) for line in _vevent(context, event))

    for event in calendar_events(site.events):
        yield context.piece("ics", event, functools.partial(vevent, event))
    yield fold("END:VCALENDAR")


def plain_decimal(value: float) -> str:
    """A coordinate as RFC 5545 writes it: digits and a point, at most six decimal places.

    Python writes 0.00001 as ``1e-05``, which is not an RFC 5545 FLOAT and which calendar
    programs reject or misread; six places are what the RFC allows (about 10 cm).
    """
    text = format(round(Decimal(repr(float(value))), 6).normalize(), "f")
    return "0" if text == "-0" else text
