"""Partial and uncertain dates: parsing, ordering and honest display.

History is not always known to the day. A date here has a *precision* (year, month or day), given
by how much of ``YYYY-MM-DD`` the editor wrote, and years before 1000 are written with four digits
(``0973``) so that they sort and read correctly.

Years before the common era are written as historians say them, with four digits at least:
``0350 BCE``, ``0044-03-15 BCE``, ``65000000 BCE``. Inside, years are numbered astronomically
(1 BCE is year 0, 2 BCE is year -1), so ordering and ranges are plain integer comparisons and
``iso()`` gives the ISO 8601 expanded year machines expect (350 BCE is ``-0349``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
BEFORE_COMMON_ERA = "{year} BCE"  # how a year before the common era reads (a translatable string)
COMMON_ERA = "{year} CE"  # a year of the common era, where a span starts before it

# the editor's form: a four-digit year (more digits only before the common era), month, day, era
_DATE_PATTERN = re.compile(
    r"(?P<year>\d{4,})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<bce> BCE)?", re.ASCII
)
# ISO 8601 with an expanded year (what iso() writes): -0349, -0043-03-15, 0000 (1 BCE)
_ISO_PATTERN = re.compile(
    r"(?P<sign>[+-])?(?P<year>\d{4,})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?", re.ASCII
)
# what editors write for a year before the common era when they do not know our form
_ERA_WORDS = re.compile(
    r"(?P<number>\d+)(?P<rest>(?:-\d{1,2}){0,2})\s*(?P<era>B\.?\s?C\.?(?:\s?E\.?)?)", re.ASCII | re.IGNORECASE
)
_SIGNED = re.compile(r"-(?P<number>\d+)(?P<rest>(?:-\d{1,2}){0,2})", re.ASCII)
_GROUPED_FROM = 10_000  # years with more digits than this are shown with digit grouping


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


def is_leap_year(year: int) -> bool:
    """Proleptic Gregorian, astronomical numbering: 1 BCE (year 0) and 5 BCE (-4) are leap years."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    """Days of a month in any year (``calendar.monthrange`` refuses years before 1)."""
    if month == 2:
        return 29 if is_leap_year(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def historical_year(year: int) -> int:
    """An astronomical year as a signed count without a year 0: 350 BCE (-349) is -350.

    This is the number TimelineJS shows: its year -350 reads "350 BCE".
    """
    return year if year > 0 else year - 1


def astronomical_year(year: int) -> int:
    """The inverse of ``historical_year``; a year 0 there (which no calendar has) is 1 BCE."""
    return year if year >= 0 else year + 1


def _grouped(number: int) -> str:
    return f"{number:,}"


@dataclass(frozen=True)
class DateWords:
    """How one language writes dates: month names, the era words, digit grouping of long years."""

    months: Sequence[str] = MONTH_NAMES
    before_era: str = BEFORE_COMMON_ERA
    common_era: str = COMMON_ERA
    group: Callable[[int], str] = field(default=_grouped)

    def year(self, year: int, with_era: bool = False) -> str:
        """An astronomical year as readers know it: ``973``, ``350 BCE``, ``65,000,000 BCE``;
        ``with_era`` marks a common-era year too (``14 CE``), after a date before it."""
        if year > 0:
            return self.common_era.format(year=year) if with_era else str(year)
        number = 1 - year
        shown = self.group(number) if number >= _GROUPED_FROM else str(number)
        return self.before_era.format(year=shown)


ENGLISH = DateWords()


@dataclass(frozen=True, order=True)
class EventDate:
    """A calendar date known to the year, the month or the day (proleptic Gregorian).

    ``year`` is astronomical: 1 BCE is 0, 350 BCE is -349.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def before_common_era(self) -> bool:
        return self.year < 1

    def first_day(self) -> tuple[int, int, int]:
        """The earliest day the date can mean; events sort by it."""
        return (self.year, self.month or 1, self.day or 1)

    def last_day(self) -> tuple[int, int, int]:
        """The latest day the date can mean; eras end on it."""
        month = self.month or 12
        day = self.day or days_in_month(self.year, month)
        return (self.year, month, day)

    def _month_day(self) -> str:
        text = f"-{self.month:02d}" if self.month is not None else ""
        return text + (f"-{self.day:02d}" if self.day is not None else "")

    def written(self) -> str:
        """The form editors write and ``parse_date`` reads: ``0973``, ``2020-01-29``, ``0350 BCE``."""
        if self.before_common_era:
            return f"{1 - self.year:04d}{self._month_day()} BCE"
        return f"{self.year:04d}{self._month_day()}"

    def id_part(self) -> str:
        """The date as an event's id (and file name) begins: ``2020-01-29``, ``0350-bce``."""
        return self.written().replace(" BCE", "-bce")

    def iso(self) -> str:
        """ISO 8601 for machines (JSON-LD, exports): ``0973``, ``2020-01-29``, and an expanded
        year before the common era: 350 BCE is ``-0349``, 1 BCE is ``0000``."""
        sign = "-" if self.year < 0 else ""
        return f"{sign}{abs(self.year):04d}{self._month_day()}"

    def display(self, words: DateWords = ENGLISH, with_era: bool = False) -> str:
        """Human form at the date's own precision: ``973``, ``October 2012``, ``29 January 2020``,
        ``15 March 44 BCE``."""
        year = words.year(self.year, with_era)
        if self.month is None:
            return year
        month = words.months[self.month - 1]
        if self.day is None:
            return f"{month} {year}"
        return f"{self.day} {month} {year}"

    def __str__(self) -> str:
        return self.written()


class DateError(ValueError):
    """The text is not a date we accept; the message says what form is expected."""


_FORMS = "write YYYY, YYYY-MM or YYYY-MM-DD with a four-digit year (0973; 0350 BCE for 350 BCE)"


def parse_date(text: str) -> EventDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, each with `` BCE`` after it for a year
    before the common era; the amount written sets the precision."""
    text = text.strip()
    match = _DATE_PATTERN.fullmatch(text)
    if match is None:
        raise DateError(_near_miss(text) or f"{text!r} is not a date; {_FORMS}")
    digits, bce = match["year"], bool(match["bce"])
    number = int(digits)
    canonical = f"{number:04d}{text[len(digits) :]}"
    if len(digits) > 4 and not bce:
        raise DateError(f"{text!r}: years after 9999 are not dates of history; write four digits")
    if digits != f"{number:04d}" and number > 0:
        raise DateError(f"{text!r}: write the year with four digits, no more: {canonical!r}")
    if number == 0:
        raise DateError(
            f"{text!r}: there is no year 0 (1 BCE is followed by 1 CE); write '0001 BCE' or '0001'"
        )
    year = 1 - number if bce else number
    return _checked(text, year, match["month"], match["day"])


def parse_iso_date(text: str) -> EventDate:
    """Parse ISO 8601 as ``iso()`` writes it, expanded years too (``-0349`` is 350 BCE): for
    files machines wrote, such as our own exports."""
    match = _ISO_PATTERN.fullmatch(text.strip())
    if match is None or (len(match["year"]) > 4 and not match["sign"]):
        raise DateError(f"{text!r} is not an ISO 8601 date (e.g. 2020-01-29, or -0349 for 350 BCE)")
    year = int(match["year"]) * (-1 if match["sign"] == "-" else 1)
    return _checked(text, year, match["month"], match["day"])


def _checked(text: str, year: int, month_text: str | None, day_text: str | None) -> EventDate:
    month = int(month_text) if month_text else None
    day = int(day_text) if day_text else None
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"{text!r}: the month must be between 01 and 12")
    if month is not None and day is not None:
        length = days_in_month(year, month)
        if not 1 <= day <= length:
            shown = EventDate(year, month).display()
            raise DateError(f"{text!r}: {shown} has {length} days")
    return EventDate(year, month, day)


def _near_miss(text: str) -> str:
    """What an editor meant by a form close to ours (``-350``, ``350 BC``, ``350 B.C.``), and
    how to write it; "" when the text is not close to a date before the common era."""
    match = _ERA_WORDS.fullmatch(text) or _SIGNED.fullmatch(text)
    if match is None:
        return ""
    number = int(match["number"])
    if number == 0:
        return f"{text!r}: there is no year 0 (1 BCE is followed by 1 CE); write '0001 BCE'"
    rest = "".join(f"-{int(part):02d}" for part in match["rest"].split("-")[1:])
    meant = f"{number:04d}{rest} BCE"
    if "era" not in match.groupdict():
        return (
            f"{text!r}: a year before the common era is written with BCE, not a minus sign "
            f"(astronomers' -{number} is {number + 1} BCE); for {number} BCE write '{meant}'"
        )
    return f"{text!r}: write a year before the common era as '{meant}' (four digits at least, then BCE)"


def display_span(
    start: EventDate,
    end: EventDate | None,
    approximate: bool = False,
    words: DateWords = ENGLISH,
    approximately: str = "c. {date}",
) -> str:
    """Show a date or a range without repeating what both ends share.

    ``28–29 January 2020``, ``November – 12 December 1098``, ``1565 – 1566``, ``c. 1565``,
    ``44 BCE – 14 CE``. Month names and the "approximately" wording come from the reader's
    language.
    """
    text = _span(start, end, words)
    return approximately.format(date=text) if approximate else text


def _span(start: EventDate, end: EventDate | None, words: DateWords) -> str:
    if end is None or end == start:
        return start.display(words)
    if start.year != end.year or start.month is None or end.month is None:
        return f"{start.display(words)} – {end.display(words, with_era=start.before_common_era)}"
    if start.month == end.month and start.day is not None and end.day is not None:
        return f"{start.day}–{end.display(words)}"
    month = words.months[start.month - 1]
    start_text = f"{start.day} {month}" if start.day is not None else month
    return f"{start_text} – {end.display(words)}"
