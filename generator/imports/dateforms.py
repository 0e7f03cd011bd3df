"""The date forms other tools write, read into our dates; the ambiguous ones only on request.

``2020/01/29``, ``29 January 2020`` and ``29-Jan-2020`` have one reading; ``01/02/2020`` has
two (1 February, 2 January), so it is read only with the user's ``--date-format``.
"""

from __future__ import annotations

import re
from datetime import datetime

from ..dates import MONTH_NAMES, DateError, EventDate, parse_date, parse_iso_date

_WORDY_DATE = re.compile(r"(?:(\d{1,2})[ -])?([A-Za-z]+)[ -](\d{4})")


def parse_any_date(text: str, date_format: str = "") -> EventDate:
    """ISO (``2020-01-29``, ``2012-10``, ``0973``, ``-0349``), ours (``0350 BCE``), ``2020/01/29``,
    words (``29 January 2020``, ``29-Jan-2020``, ``January 2020``), or the user's ``date_format``
    (``%d/%m/%Y``) for forms such as ``01/02/2020`` that only the user can read (1 February or
    2 January)."""
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
    if re.fullmatch(r"[+-]\d{4,}.*|0000(?:-.*)?", text):
        # ISO 8601's expanded years, as our own events.csv and events.json write them: -0349 is
        # 350 BCE, 0000 is 1 BCE (-350 has too few digits: parse_date says what it may mean)
        return parse_iso_date(text)
    return parse_date(text)
