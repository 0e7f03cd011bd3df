"""Partial and uncertain dates: parsing, ordering and honest display.

History is not always known to the day. A date here has a *precision* (year, month or day), given
by how much of ``YYYY-MM-DD`` the editor wrote, and years before 1000 are written with four digits
(``0973``) so that they sort and read correctly.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_DATE_PATTERN = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?", re.ASCII)


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


@dataclass(frozen=True, order=True)
class EventDate:
    """A calendar date known to the year, the month or the day (proleptic Gregorian)."""

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

    def first_day(self) -> tuple[int, int, int]:
        """The earliest day the date can mean; events sort by it."""
        return (self.year, self.month or 1, self.day or 1)

    def last_day(self) -> tuple[int, int, int]:
        """The latest day the date can mean; eras end on it."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return (self.year, month, day)

    def iso(self) -> str:
        """The form editors write and machines read: ``0973``, ``2012-10``, ``2020-01-29``."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def display(self, months: Sequence[str] = MONTH_NAMES) -> str:
        """Human form at the date's own precision: ``973``, ``October 2012``, ``29 January 2020``."""
        if self.month is None:
            return str(self.year)
        month = months[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def __str__(self) -> str:
        return self.iso()


class DateError(ValueError):
    """The text is not a date we accept; the message says what form is expected."""


def parse_date(text: str) -> EventDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; the amount written sets the precision."""
    match = _DATE_PATTERN.fullmatch(text.strip())
    if match is None:
        raise DateError(
            f"{text!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD with a four-digit year "
            "(0973 for the year 973)"
        )
    year = int(match["year"])
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if year < 1:
        raise DateError(f"{text!r}: the year must be 0001 or later")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"{text!r}: the month must be between 01 and 12")
    if month is not None and day is not None:
        days_in_month = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days_in_month:
            raise DateError(f"{text!r}: {MONTH_NAMES[month - 1]} {year} has {days_in_month} days")
    return EventDate(year, month, day)


def display_span(
    start: EventDate,
    end: EventDate | None,
    approximate: bool = False,
    months: Sequence[str] = MONTH_NAMES,
    approximately: str = "c. {date}",
) -> str:
    """Show a date or a range without repeating what both ends share.

    ``28–29 January 2020``, ``November – 12 December 1098``, ``1565 – 1566``, ``c. 1565``.
    Month names and the "approximately" wording come from the reader's language.
    """
    text = _span(start, end, months)
    return approximately.format(date=text) if approximate else text


def _span(start: EventDate, end: EventDate | None, months: Sequence[str]) -> str:
    if end is None or end == start:
        return start.display(months)
    if start.year != end.year or start.month is None or end.month is None:
        return f"{start.display(months)} – {end.display(months)}"
    if start.month == end.month and start.day is not None and end.day is not None:
        return f"{start.day}–{end.display(months)}"
    month = months[start.month - 1]
    start_text = f"{start.day} {month}" if start.day is not None else month
    return f"{start_text} – {end.display(months)}"
