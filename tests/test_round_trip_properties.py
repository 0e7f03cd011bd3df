"""Property test: any valid chronology survives export -> import -> export unchanged.

Random events (partial dates, ranges, approximate dates, times, display dates, ACLED's facts,
Markdown bodies, tags, actors, places, related events, translations, several sources) are
built; each of our exports that can be imported (events.csv, timelinejs.json) is imported into
an empty copy of the content, which is built again: every export must come back byte for byte.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.dates import EventDate, parse_date

from .test_properties import BUILDS, SUMMARY, TITLE, build, event, id_of, write_content

LABEL = TITLE  # a display date, an event type: up to 60 characters (the limit is 100)
# paragraphs that each show text once rendered (a lone ">" or "-" is refused as empty)
MARKDOWN = st.lists(SUMMARY, min_size=1, max_size=3).map("\n\n".join)


@st.composite
def media_entry(draw: st.DrawFn) -> dict[str, str]:
    """An external picture or video: alt and credit, the rest optional (a file would need copying)."""
    media = {
        "url": draw(
            st.sampled_from(["https://example.org/photo.jpg", "https://www.youtube.com/watch?v=abc"])
        ),
        "alt": draw(TITLE),
        "credit": draw(TITLE),
    }
    for name in ("caption", "licence"):
        if draw(st.booleans()):
            media[name] = draw(TITLE)
    if draw(st.booleans()):
        media["source"] = "https://example.org/gallery"
    return media


@st.composite
def rich_event(draw: st.DrawFn) -> dict[str, object]:
    """An event using every field the content format has."""
    fields = draw(event())
    if draw(st.booleans()):  # the next year: across the start of the common era too
        fields["end"] = EventDate(parse_date(str(fields["date"])).year + 1).written()
    fields["approximate"] = draw(st.booleans())
    if draw(st.booleans()):
        fields["body"] = draw(MARKDOWN)
    fields["actors"] = draw(st.lists(st.just("town-council"), max_size=1))
    fields["places"] = draw(st.lists(st.sampled_from(["old-town", "river"]), unique=True))
    if draw(st.booleans()):
        fields["translations"] = {"ar": {"title": draw(TITLE), "summary": draw(MARKDOWN)}}
    if parse_date(str(fields["date"])).day is not None and draw(st.booleans()):  # a time needs a day
        fields["time"] = draw(st.sampled_from(["00:00", "14:30", "23:59:59", "06:05 UTC+3"]))
    if "time" in fields and "end" not in fields and draw(st.booleans()):
        fields["end_time"] = "23:59:59 UTC+3"  # on the day itself, after any drawn start time
    if draw(st.booleans()):
        fields["media"] = [draw(media_entry())]
    if draw(st.booleans()):
        fields["display_date"] = draw(LABEL)
    for name in ("event_type", "sub_event_type", "interaction"):
        if draw(st.booleans()):
            fields[name] = draw(LABEL)
    if draw(st.booleans()):
        fields["fatalities"] = draw(st.integers(0, 10_000_000))  # 0 included: a value, not a blank
    return fields


@st.composite
def chronology(draw: st.DrawFn) -> list[dict[str, object]]:
    """Events, some naming others (earlier or later in the file order) as related."""
    events = draw(st.lists(rich_event(), min_size=1, max_size=6))
    ids = [id_of(fields, index) for index, fields in enumerate(events)]
    for index, fields in enumerate(events):
        others = [other for other in ids if other != ids[index]]
        if others:
            fields["related"] = draw(st.lists(st.sampled_from(others), unique=True, max_size=2))
    return events


EXPORTS = ("events.json", "events.csv", "timelinejs.json")


def bilingual(root: Path, events: list[dict[str, object]]) -> Path:
    """The small fixture's timeline with an Arabic edition, and ``events``; its content folder."""
    write_content(root, events)
    timeline = root / "content" / "timeline.yaml"
    timeline.write_text(timeline.read_text(encoding="utf-8") + "languages: [en, ar]\n", encoding="utf-8")
    return root / "content"


@pytest.mark.parametrize(("kind", "name"), [("csv", "events.csv"), ("timelinejs", "timelinejs.json")])
@settings(BUILDS, max_examples=8)
@given(events=chronology())
def test_exports_survive_import_unchanged(
    tmp_path_factory: pytest.TempPathFactory, kind: str, name: str, events: list[dict[str, object]]
) -> None:
    assert_round_trip(tmp_path_factory, kind, name, events)


ANCIENT = [
    {"date": "0044-03-15 BCE", "end": "0044-03-17 BCE", "time": "11:00"},
    {"date": "0350 BCE", "end": "0020", "approximate": True},
    {"date": "0001 BCE", "display_date": "'-0000, as ISO in a spreadsheet writes it"},  # not unguarded
    {"date": "65000000 BCE"},
    {"date": "0005-02 BCE"},
]


@pytest.mark.parametrize(("kind", "name"), [("csv", "events.csv"), ("timelinejs", "timelinejs.json")])
def test_years_before_the_common_era_survive_import_unchanged(
    tmp_path_factory: pytest.TempPathFactory, kind: str, name: str
) -> None:
    """events.csv says 350 BCE as -0349 (ISO 8601), timelinejs.json as -350 (as TimelineJS
    shows it): both read back as the same 0350 BCE, at the precision written."""
    source = {"publisher": "Example", "title": "Report", "url": "https://example.org/r", "published": "2001"}
    events = [
        {"title": f"Event {index}", "summary": "It happened.", "sources": [source], **fields}
        for index, fields in enumerate(ANCIENT)
    ]
    assert_round_trip(tmp_path_factory, kind, name, events)


def assert_round_trip(
    tmp_path_factory: pytest.TempPathFactory, kind: str, name: str, events: list[dict[str, object]]
) -> None:
    """``events`` built, their export ``name`` imported into empty content and built again: every
    export comes back byte for byte."""
    root = tmp_path_factory.mktemp("original")
    bilingual(root, events)
    first = build(root, "site") / "data"
    copy = tmp_path_factory.mktemp("imported")
    assert main(["import", kind, str(first / name), "--content", str(bilingual(copy, []))]) == 0
    again = build(copy, "site") / "data"
    records = [json.loads((data / "events.json").read_bytes())["events"] for data in (first, again)]
    assert records[1] == records[0]  # a readable diff first
    assert {n: (first / n).read_bytes() for n in EXPORTS} == {n: (again / n).read_bytes() for n in EXPORTS}
