"""ACLED's export: its columns, as a preset of the CSV reader.

ACLED gives no headline and no article URL: the title is made of the event type and place,
and the source is ACLED itself (``--source-url``, ``--source-published``); the outlets ACLED
names in its ``source`` column are kept in the body. ``event_type``, ``sub_event_type``,
``interaction`` and ``fatalities`` are kept as the event's fields of those names (shown on its
page); the event type is its tag too, so the site lists battles, protests... on tag pages.
"""

from __future__ import annotations

from .rows import CsvMapping

ACLED = CsvMapping(
    columns={
        "event_id_cnty": "id",  # ACLED's own id: a re-import updates the same files
        "event_date": "date",
        "time_precision": "time_precision",
        "event_type": "event_type",
        "sub_event_type": "sub_event_type",
        "interaction": "interaction",
        "fatalities": "fatalities",
        "actor1": "actors",
        "latitude": "lat",
        "longitude": "lon",
        "source": "reported_by",
        "notes": "summary",
    },
    title_template="{event_type} in {location}",
    source_defaults={"publisher": "ACLED", "title": "ACLED data export"},
    # a name alone is ambiguous (Kaliganj is in India and in Bangladesh)
    templates={"places": "{location}, {admin3}, {admin2}, {admin1}, {country}", "tags": "{event_type}"},
)
