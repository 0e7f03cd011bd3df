"""TimelineJS media and end times, end to end: imported as media and end_time, shown on the
event page, in JSON-LD and the calendar, and written back to TimelineJS so that a round trip
gives the same event (issue 16)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from generator.cli import main

from .test_imports import load_events
from .test_properties import build, write_content

SOURCE = {
    "publisher": "Example Gazette",
    "title": "Report",
    "url": "https://example.org/r",
    "published": "2020-02-01",
}
LINK = '<a href="https://example.org/report">the report</a>'


def slide(headline: str, media: dict[str, str] | None = None, **extra: object) -> dict[str, object]:
    found: dict[str, object] = {
        "start_date": {"year": 2020, "month": 1, "day": 29},
        "text": {"headline": headline, "text": f"<p>{headline} happened, says {LINK}.</p>"},
        **extra,
    }
    if media is not None:
        found["media"] = media
    return found


def test_slide_media_become_media_entries_and_what_cannot_is_said_once(
    empty_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    slides = [
        slide(
            "Curfew",
            {
                "url": "https://example.org/curfew.jpg",
                "alt": "Soldiers at a checkpoint",
                "caption": "The <b>north</b> gate at dusk",
                "credit": '<a href="https://www.flickr.com/photos/someone/1">A. Person</a>/Flickr',
                "link": "https://example.org/gallery",
            },
            start_date={"year": 2020, "month": 1, "day": 29, "hour": 14, "minute": 30},
            end_date={"year": 2020, "month": 1, "day": 29, "hour": 16},
        ),
        slide(
            "Speech", {"url": "//www.youtube.com/watch?v=abc", "caption": "The speech", "credit": "YouTube"}
        ),
        slide("Market", {"url": "https://example.org/market.jpg", "credit": "Staff"}),
        slide("River", {"url": "https://example.org/river.jpg"}),
        slide("Vote", {"url": "<blockquote>We won &amp; we stay.</blockquote>", "credit": "The mayor"}),
    ]
    path = tmp_path / "timeline.json"
    path.write_text(json.dumps({"events": slides}), encoding="utf-8")
    code = main(
        [
            "import",
            "timelinejs",
            str(path),
            "--source-published",
            "2020-02-01",
            "--content",
            str(empty_content),
        ]
    )
    output = capsys.readouterr().out
    assert code == 1  # something to fix: the media left out
    assert "5 rows: wrote 5 event files, 0 rows with problems" in output  # every event came in
    assert output.count("have no description (alt)") == 1
    assert f"{path}: media: 2 slides' media have no description (alt): add one (rows 3, 4)" in output
    assert f"{path}: media: 1 slide's media has no credit: add who made it (row 4)" in output
    curfew = yaml.safe_load((empty_content / "events" / "2020-01-29-curfew.yaml").read_text("utf-8"))
    assert curfew["media"] == [
        {
            "url": "https://example.org/curfew.jpg",
            "alt": "Soldiers at a checkpoint",
            "caption": "The north gate at dusk",  # text, never HTML
            "credit": "A. Person/Flickr",
            "source": "https://example.org/gallery",
        }
    ]
    assert (curfew["time"], curfew["end_time"], "end" in curfew) == ("14:30", "16:00", False)
    assert curfew["sources"][0]["url"] == "https://example.org/report"  # the text's link, not the media's
    events = load_events(empty_content)
    (video,) = events["2020-01-29-speech"].media
    assert (video.url, video.alt, video.licence) == ("https://www.youtube.com/watch?v=abc", "The speech", "")
    assert not events["2020-01-29-market"].media and not events["2020-01-29-river"].media
    assert events["2020-01-29-vote"].body == "> We won & we stay.\n>\n> — The mayor"


EVENT = {
    "title": "Curfew",
    "date": "2020-01-29",
    "time": "14:30 UTC+3",
    "end_time": "16:00 UTC+3",
    "summary": "A curfew was declared.",
    "tags": ["siege"],
    "sources": [SOURCE],
    "media": [
        {
            "url": "https://example.org/curfew.jpg",
            "alt": "Soldiers at a checkpoint",
            "caption": "The north gate",
            "credit": "A. Person",
            "source": "https://example.org/gallery",
        },
    ],
}


def test_a_built_event_shows_its_media_and_end_time(tmp_path: Path) -> None:
    video = {"url": "https://www.youtube.com/watch?v=abc", "alt": "The speech", "credit": "YouTube"}
    write_content(tmp_path, [{**EVENT, "media": [*EVENT["media"], video]}])  # type: ignore[list-item]
    site = build(tmp_path, "site")
    page = (site / "events" / "2020-01-29-e0" / "index.html").read_text("utf-8")
    # the date with its time range, each end a machine-readable time
    assert '<time datetime="2020-01-29T14:30">29 January 2020, 14:30 UTC+3</time> – ' in page
    assert '<time datetime="2020-01-29T16:00">16:00 UTC+3</time>' in page
    # an external picture without a licence is a link with its credit; a video is a link too
    assert '<a href="https://example.org/curfew.jpg" rel="noopener noreferrer">View the picture</a>' in page
    assert 'Picture: <span dir="auto">A. Person</span> · ' in page  # no licence, nothing invented
    assert (
        '<a href="https://www.youtube.com/watch?v=abc" rel="noopener noreferrer">Open the media</a>' in page
    )
    assert 'Credit: <span dir="auto">YouTube</span></span></figcaption>' in page
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1])  # type: ignore[index]
    assert (ld["startDate"], ld["endDate"]) == ("2020-01-29T14:30", "2020-01-29T16:00")
    assert ld["image"] == ["https://example.org/curfew.jpg"]  # the picture, not the video
    calendar = (site / "data" / "events.ics").read_bytes().decode("utf-8")
    assert "DTSTART:20200129T113000Z\r\nDTEND:20200129T130000Z\r\n" in calendar  # UTC+3 placed in UTC
    record = json.loads((site / "data" / "events.json").read_text("utf-8"))["events"][0]
    assert (record["time"], record["end_time"]) == ("14:30 UTC+3", "16:00 UTC+3")


@pytest.mark.parametrize(
    ("times", "calendar"),
    [
        ({"time": "14:30", "end_time": "16:00"}, "DTSTART:20200129T143000\r\nDTEND:20200129T160000\r\n"),
        ({"time": "14:30"}, "DTSTART:20200129T143000\r\nSUMMARY"),  # a moment: no end
        ({"time": "14:30 local time"}, "DTSTART;VALUE=DATE:20200129\r\nDTEND;VALUE=DATE:20200130\r\n"),
    ],
)
def test_the_calendar_places_times_only_when_it_honestly_can(
    tmp_path: Path, times: dict[str, str], calendar: str
) -> None:
    """No zone note: floating time; words it cannot read ("local time"): all-day, as before."""
    fields = {key: value for key, value in EVENT.items() if key not in ("time", "end_time")}
    write_content(tmp_path, [{**fields, **times}])
    assert calendar in (build(tmp_path, "site") / "data" / "events.ics").read_bytes().decode("utf-8")


def test_timelinejs_export_then_import_gives_back_media_and_times(
    tmp_path: Path, empty_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Read as any TimelineJS file (without the fields our export adds for itself), the slide's
    media and times come back as the event's media and times."""
    write_content(tmp_path / "original", [EVENT])
    site = build(tmp_path / "original", "site")
    document = json.loads((site / "data" / "timelinejs.json").read_text("utf-8"))
    (exported,) = document["events"]
    assert exported["media"] == {
        "url": "https://example.org/curfew.jpg",
        "alt": "Soldiers at a checkpoint",
        "caption": "The north gate",
        "credit": "A. Person",
        "link": "https://example.org/gallery",
    }
    assert exported["end_date"] == {
        "year": 2020,
        "month": 1,
        "day": 29,
        "hour": 16,
        "minute": 0,
        "display_date": "29 January 2020",
    }
    del exported["chronology"]
    path = tmp_path / "plain.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["import", "timelinejs", str(path), "--content", str(empty_content)]) == 0, (
        capsys.readouterr().out
    )
    (event,) = load_events(empty_content).values()
    assert (event.time, event.end_time) == ("14:30", "16:00")  # the zone note is words: not in TimelineJS
    assert event.media[0].url == "https://example.org/curfew.jpg"
    assert (event.media[0].alt, event.media[0].caption, event.media[0].credit) == (
        "Soldiers at a checkpoint",
        "The north gate",
        "A. Person",
    )
    assert event.media[0].source == "https://example.org/gallery"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"end_time": "13:00"}, "end_time: ends (13:00) before it starts (14:30) on the same day"),
        ({"end_time": "16:00", "time": None}, "end_time: an end time needs a start time"),
        (
            {"end": "2020-02", "end_time": "16:00"},
            "end_time: a time needs a full date (YYYY-MM-DD) as the end date",
        ),
        (
            {"media": [{"file": "media/x.jpg", "alt": "A", "credit": "B"}]},
            "media[0]: a picture published from the content folder needs its licence",
        ),
    ],
)
def test_what_the_validator_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: dict[str, object], message: str
) -> None:
    fields = {**EVENT, "time": "14:30", **change}
    write_content(tmp_path, [{key: value for key, value in fields.items() if value is not None}])
    assert main(["validate", "--content", str(tmp_path / "content")]) == 1
    assert message in capsys.readouterr().out
