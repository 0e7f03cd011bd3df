"""Import events from other tools: TimelineJS JSON and CSV (with ACLED and TimelineJS Sheet presets).

Every input row becomes either an event file in ``content/events/`` or a reported problem
(``FILE:ROW: field: message``); nothing is dropped silently. Each file is checked with the
validator itself before it is written, so what is written always passes ``chronology validate``.

One module per stage and format, data flowing one way:

- ``rows`` (what every stage passes on), ``htmltext`` (HTML fragments read with a parser);
- readers, each turning its format into rows: ``table`` (CSV), ``sheet`` (the TimelineJS
  Google Sheet), ``timelinejs`` (TimelineJS JSON), ``acled`` (ACLED's columns), ``media``
  (a slide's photo or video, kept apart from its sources);
- ``dateforms`` (the date forms other tools write), ``check`` (a row to an event's fields);
- ``plan`` (ids, the validator's verdict, new/changed/unchanged), ``write`` (YAML out);
- ``cli`` (``chronology import``).

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

from .cli import add_arguments, run
from .dateforms import parse_any_date
from .htmltext import SourceReader, html_to_text
from .rows import ImportUsageError, unguarded
from .timelinejs import read_timelinejs

__all__ = [
    "ImportUsageError", "SourceReader", "add_arguments", "html_to_text", "parse_any_date",
    "read_timelinejs", "run", "unguarded",
]  # fmt: skip
