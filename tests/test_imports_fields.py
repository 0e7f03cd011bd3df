"""Imports keep what the formats have: times, display dates, years before the common era,
ACLED's facts; and say what they cannot keep (duplicates) once, with the rows.

The files are real public ones (``tests/fixtures/imports/*/README.md`` cites each) or written
here in the shape of the format; the site they land in is a fixture, never the bundled content.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml

from generator.build import Builder, BuildOptions
from generator.cli import main
from generator.content import read_timeline
from generator.dates import EventDate
from generator.imports.acled import ACLED
from generator.imports.cli import load_timeline
from generator.imports.plan import Importer
from generator.imports.table import read_csv
from generator.imports.timelinejs import read_timelinejs
from generator.load import MAX_TIMELINE_BYTES, parse_yaml
from generator.progress import Progress
from generator.validate import event_from_document

from .conftest import FIXTURES as ALL_FIXTURES
from .conftest import THEME
from .test_imports import ACLED_REAL_COLUMNS, load_events

FIXTURES = ALL_FIXTURES / "imports"
KNIGHT_LAB = FIXTURES / "timelinejs"
ACLED_EXPORT = [
    "--preset",
    "acled",
    "--source-url",
    "https://acleddata.com/export",
    "--source-published",
    "2020-02-01",
]


@pytest.fixture
def bilingual_content(tmp_path: Path) -> Path:
    """The English and Arabic fixture site without its events: where an import lands."""
    content = tmp_path / "content"
    shutil.copytree(ALL_FIXTURES / "bilingual" / "content", content)
    for path in (content / "events").glob("*.yaml"):
        path.unlink()
    return content


def build(content: Path, out: Path) -> Path:
    Builder(content, THEME, out, BuildOptions(workers=1), root=content.parent).build()
    return out


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


# ---- ACLED's facts -------------------------------------------------------------------------
def test_acled_facts_are_kept_as_fields(acled_content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["import", "csv", str(ACLED_REAL_COLUMNS), *ACLED_EXPORT, "--content", str(acled_content)]
    assert main(args) == 0, capsys.readouterr().out
    siege = load_events(acled_content)["2020-01-29-syn1001"]
    assert (siege.event_type, siege.sub_event_type, siege.interaction) == ("Sieges", "Armed clash", "10")
    assert siege.fatalities == 0  # "no deaths reported" is kept, not dropped as empty
    assert siege.tags == ("siege",)  # the event type is the tag too (declared as "Sieges")
    text = (acled_content / "events" / "2020-01-29-syn1001.yaml").read_text(encoding="utf-8")
    assert "event_type: Sieges\nsub_event_type: Armed clash\ninteraction: '10'\nfatalities: 0\n" in text


def test_facts_time_and_display_date_on_the_page_in_both_editions(
    bilingual_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Imported from our own CSV columns, shown on the event page (labels translated) and kept
    in events.json and events.csv."""
    row = {
        "title": "Clash at the market", "date": "2020-01-29", "time": "14:30 UTC+3",
        "summary": "Two groups clashed at the market, the council said.", "tags": "trade",
        "event_type": "Battles", "sub_event_type": "Armed clash", "interaction": "State forces-Rebel group",
        "fatalities": "3", "display_date": "", "translation_ar_display_date": "",
        "source_publisher": "Example Gazette", "source_title": "Clash",
        "source_url": "https://example.org/clash", "source_published": "2020-01-30",
    }  # fmt: skip
    older = {
        **row,
        "title": "The old market",
        "date": "1098",
        "time": "",
        "display_date": "Late eleventh century",
        "translation_ar_display_date": "أواخر القرن الحادي عشر",
    }
    for name in ("event_type", "sub_event_type", "interaction", "fatalities"):
        older[name] = ""
    rows = write_csv(tmp_path / "rows.csv", [row, older])
    assert main(["import", "csv", str(rows), "--content", str(bilingual_content)]) == 0, (
        capsys.readouterr().out
    )
    site = build(bilingual_content, tmp_path / "site")
    english = (site / "events" / "2020-01-29-clash-at-the-market" / "index.html").read_text(encoding="utf-8")
    arabic = (site / "ar" / "events" / "2020-01-29-clash-at-the-market" / "index.html").read_text(
        encoding="utf-8"
    )
    assert '<time datetime="2020-01-29T14:30">29 January 2020, 14:30 UTC+3</time>' in english
    assert '"startDate":"2020-01-29T14:30"' in english  # JSON-LD: the time, not the zone note
    assert "<dt>Fatalities</dt>" in english and '<dd dir="auto">3</dd>' in english
    assert "<dt>Event type</dt>" in english and "State forces-Rebel group" in english
    assert "<dt>الوفيات</dt>" in arabic and '<dd dir="auto" lang="en">Battles</dd>' in arabic
    assert "، 14:30 UTC+3</time>" in arabic
    old = (site / "events" / "1098-the-old-market" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="1098">Late eleventh century</time>' in old and "event-facts" not in old
    old_ar = (site / "ar" / "events" / "1098-the-old-market" / "index.html").read_text(encoding="utf-8")
    assert "أواخر القرن الحادي عشر</time>" in old_ar  # its translation (translation_ar_display_date)
    records = {
        record["id"]: record for record in json.loads((site / "data" / "events.json").read_text())["events"]
    }
    clash = records["2020-01-29-clash-at-the-market"]
    assert (clash["time"], clash["fatalities"], clash["event_type"]) == ("14:30 UTC+3", 3, "Battles")
    assert records["1098-the-old-market"]["display_date"] == "Late eleventh century"
    with (site / "data" / "events.csv").open(encoding="utf-8-sig", newline="") as handle:
        cells = {line["id"]: line for line in csv.DictReader(handle)}
    assert cells["2020-01-29-clash-at-the-market"]["interaction"] == "State forces-Rebel group"
    assert cells["1098-the-old-market"]["fatalities"] == ""


@pytest.mark.parametrize(
    ("lines", "field", "message"),
    [
        ("date: 2020-01\ntime: '14:30'\n", "time", "a time needs a full date"),
        ("date: 2020-01-29\ntime: '25:00'\n", "time", "is not a time of day"),
        ("date: 2020-01-29\nfatalities: -2\n", "fatalities", "is not a count"),
        ("date: 2020-01-29\nfatalities: many\n", "fatalities", "is not a count"),
    ],
)
def test_bad_times_and_counts_are_reported(lines: str, field: str, message: str) -> None:
    text = (
        "title: A clash\n" + lines + "summary: Two groups clashed.\nsources:\n  - publisher: P\n"
        "    title: T\n    url: https://example.org/a\n    published: 2020-02-01\n"
    )
    document = parse_yaml(text, "content/events/2020-01-29-a-clash.yaml")
    assert event_from_document(document) is None
    assert any(p.field == field and message in p.message for p in document.problems), document.problems


def test_an_unquoted_time_is_read_as_written() -> None:
    """YAML 1.1 reads 14:30 as the number 870; the event keeps the text the editor typed."""
    text = (
        "title: A clash\ndate: 2020-01-29\ntime: 14:30\nsummary: Two groups clashed.\nsources:\n"
        "  - publisher: P\n    title: T\n    url: https://example.org/a\n    published: 2020-02-01\n"
    )
    event = event_from_document(parse_yaml(text, "content/events/2020-01-29-a-clash.yaml"))
    assert event is not None and event.time == "14:30"


# ---- TimelineJS: times, display dates, years BCE ---------------------------------------------
def test_timelinejs_times_display_dates_and_locations(
    empty_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = '<a href="https://example.org/report">Report</a>'
    slides = [
        {
            "start_date": {"year": 2020, "month": 1, "day": 29, "hour": 14, "minute": 5, "millisecond": 250},
            "text": {"headline": "Curfew", "text": f"<p>A curfew began, says the {link}.</p>"},
            "location": {"name": "Old town", "lat": 35.633, "lon": 36.667},
        },
        {
            "start_date": {"year": 350, "display_date": "Siglo IV"},
            "text": {"headline": "The walls", "text": f"<p>The walls were built ({link}).</p>"},
            "background": {"color": "black"},
        },
        {
            "start_date": {"year": 2020, "month": 9, "day": 13, "display_date": "13 сентября"},
            "end_date": {"year": 2020, "month": 9, "day": 14, "hour": 9},
            "text": {"headline": "Fair", "text": f"<p>The fair opened ({link}).</p>"},
        },
    ]
    path = tmp_path / "timeline.json"
    path.write_text(json.dumps({"events": slides}), encoding="utf-8")
    args = [
        "import",
        "timelinejs",
        str(path),
        "--source-published",
        "2020-10-01",
        "--content",
        str(empty_content),
    ]
    assert main(args) == 0, capsys.readouterr().out
    output = capsys.readouterr().out
    assert (
        "note: not imported (events have no field for them): 1 background, "
        "1 end time without a start time, 1 millisecond value; a background is the slide's "
        "decoration, not a picture of the event" in output
    )
    events = load_events(empty_content)
    curfew = events["2020-01-29-curfew"]
    assert (curfew.time, curfew.places) == ("14:05", ("old-town",))
    assert curfew.sources[0].publisher == "example.org"  # the article linked in the text
    assert events["0350-the-walls"].display_date == "Siglo IV"
    assert events["2020-09-13-fair"].display_date == "13 сентября"


def test_timelinejs_sheet_time_column(empty_content: Path, tmp_path: Path) -> None:
    """The Google Sheet's Time column as people type it: 2:30 PM, 14:30:05."""
    header = (ALL_FIXTURES / "imports" / "timelinejs" / "sheet.csv").read_text().splitlines()[0].split(",")
    base = dict.fromkeys(header, "") | {
        "Year": "2020",
        "Month": "1",
        "Day": "29",
        "Text": "<p>It happened.</p>",
    }
    credit = "<a href='https://example.org/news'>Example Gazette</a>"
    rows = [
        base | {"Time": "2:30 PM", "Headline": "Afternoon", "Media Credit": credit},
        base | {"Time": "14:30:05", "Headline": "Precise", "Media Credit": credit},
    ]
    sheet = write_csv(tmp_path / "sheet.csv", rows)
    args = ["import", "csv", str(sheet), "--preset", "timelinejs", "--source-published", "2020-01-30"]
    assert main([*args, "--content", str(empty_content)]) == 0
    events = load_events(empty_content)
    assert events["2020-01-29-afternoon"].time == "14:30"
    assert events["2020-01-29-precise"].time == "14:30:05"


def test_knight_lab_cosmological_template_reads_as_years_before_the_common_era(
    empty_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Knight Lab's cosmological template (years down to -13,800,000,000): every start and end
    is a year before the common era, as TimelineJS shows them (-3500 reads "3500 BCE")."""
    cosmo = KNIGHT_LAB / "cosmo.json"
    rows = read_timelinejs(cosmo).rows
    assert [row.values["date"] for row in rows] == [
        "13800000000 BCE",
        "13799630000 BCE",
        "12800000000 BCE",
        "4600000000 BCE",
        "538800000 BCE",
        "315000 BCE",
        "3500 BCE",
    ]
    assert rows[4].values["end"] == "251902000 BCE"  # the Paleozoic era
    args = ["import", "timelinejs", str(cosmo), "--source-url", "https://en.wikipedia.org/wiki/Big_Bang"]
    main([*args, "--source-published", "2024", "--content", str(empty_content)])
    output = capsys.readouterr().out
    # what stops these slides is what they lack (a summary, a named source), never their dates
    assert ": date:" not in output and ": end:" not in output
    assert "note: not imported (events have no field for them): 7 backgrounds" in output


def test_timelinejs_years_before_the_common_era_import_at_their_precision(
    empty_content: Path, tmp_path: Path
) -> None:
    link = '<a href="https://example.org/report">Report</a>'
    starts = [
        {"year": -350},
        {"year": "-44", "month": "3", "day": "15"},
        {"year": "-5", "month": "2"},
        {"year": 0},  # JavaScript's Date reads it as 1 BCE; TimelineJS shows "0"
        {"year": -65000000},
    ]
    slides = [
        {"start_date": start, "text": {"headline": f"Event {index}", "text": f"<p>It happened ({link}).</p>"}}
        for index, start in enumerate(starts)
    ]
    slides[0]["end_date"] = {"year": 20}  # a range across the start of the common era
    path = tmp_path / "ancient.json"
    path.write_text(json.dumps({"events": slides}), encoding="utf-8")
    args = ["import", "timelinejs", str(path), "--source-published", "2020-10-01"]
    assert main([*args, "--content", str(empty_content)]) == 0
    events = load_events(empty_content)
    found = {
        event_id: (event.date.written(), event.date.precision.value) for event_id, event in events.items()
    }
    assert found == {
        "0350-bce-event-0": ("0350 BCE", "year"),
        "0044-03-15-bce-event-1": ("0044-03-15 BCE", "day"),
        "0005-02-bce-event-2": ("0005-02 BCE", "month"),
        "0001-bce-event-3": ("0001 BCE", "year"),
        "65000000-bce-event-4": ("65000000 BCE", "year"),
    }
    end = events["0350-bce-event-0"].end
    assert end is not None and end.written() == "0020"
    text = (empty_content / "events" / "0044-03-15-bce-event-1.yaml").read_text(encoding="utf-8")
    assert 'date: "0044-03-15 BCE"\n' in text  # the form editors write, readable in the file


def test_timelinejs_sheet_negative_years(empty_content: Path, tmp_path: Path) -> None:
    """The Google Sheet template's Year column: -350 is 350 BCE, as TimelineJS shows it."""
    header = (ALL_FIXTURES / "imports" / "timelinejs" / "sheet.csv").read_text().splitlines()[0].split(",")
    credit = "<a href='https://example.org/news'>Example Gazette</a>"
    base = dict.fromkeys(header, "") | {"Text": "<p>It happened.</p>", "Media Credit": credit}
    rows = [
        base | {"Year": "-350", "Headline": "Walls"},
        base | {"Year": "-44", "Month": "3", "Day": "15", "Headline": "Ides", "End Year": "-43"},
    ]
    sheet = write_csv(tmp_path / "sheet.csv", rows)
    args = ["import", "csv", str(sheet), "--preset", "timelinejs", "--source-published", "2020-01-30"]
    assert main([*args, "--content", str(empty_content)]) == 0
    events = load_events(empty_content)
    assert events["0350-bce-walls"].date == EventDate(-349)
    ides = events["0044-03-15-bce-ides"]
    assert (ides.date, ides.end) == (EventDate(-43, 3, 15), EventDate(-42))


# ---- real files ----------------------------------------------------------------------------
def test_knight_lab_sheet_template(empty_content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Knight Lab's own Google Sheet template (CRLF, quoted HTML, a multi-line cell): the title
    row is a note, slides whose text links an article import citing it, the others need one."""
    template = KNIGHT_LAB / "my-own-timeline.csv"
    args = ["import", "csv", str(template), "--preset", "timelinejs", "--source-published", "2019"]
    assert main([*args, "--content", str(empty_content)]) == 1
    output = capsys.readouterr().out
    assert "note: title slide (the title and description of timeline.yaml): 'MY OWN CSV'" in output
    assert "note: not imported (events have no field for them): 1 background; a background" in output
    # the media come in as media: an image and a sound page with their captions as alt; the
    # slides' media without a caption or credit are said once per file, with their rows
    assert f"{template}: media: 3 slides' media have no description (alt): add one (rows 6, 7, 10)" in output
    assert f"{template}: media: 1 slide's media has no credit: add who made it (row 6)" in output
    assert f"{template}:4: summary: no summary" in output  # Edith Clarke's quote is in Media
    assert "10 rows: wrote 2 event files, 8 rows with problems" in output
    events = load_events(empty_content)
    ada = events["1815-12-10-ada-lovelace"]
    assert ada.end is not None and ada.end.iso() == "1852-11-27"
    assert ada.sources[0].url == "https://en.wikipedia.org/wiki/Ada_Lovelace"  # the text's link
    assert "1952-grace-hopper-invents-the-compiler" in events  # the credit's article link
    (portrait,) = ada.media
    assert portrait.url is not None and portrait.url.endswith("Ada_Lovelace_portrait.jpg")
    assert (portrait.alt, portrait.credit, portrait.licence) == (
        "Portrait by Alfred Edward Chalon",
        "Wikimedia Commons",
        "",
    )  # the caption's text is the alt, as TimelineJS has it; no licence is invented
    (audio,) = events["1952-grace-hopper-invents-the-compiler"].media
    assert audio.url == "https://soundcloud.com/innovationhub/grace-hopper-the-life-of-a-coding-pioneer"
    assert not audio.external_image  # a sound page: the event page links it
    # the ENIAC slide's credit links a YouTube channel: who made the video, not a report
    assert "no article link in the row (a photo or video is not a source) (8 rows, first 5: 4, 5," in output


def test_knight_lab_republican_example_cites_the_articles_in_the_text(
    empty_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A newsroom timeline: each slide's text links the report; the photo credits link Flickr."""
    republican = KNIGHT_LAB / "republican.json"
    args = ["import", "timelinejs", str(republican), "--source-published", "2012-03-06"]
    assert main([*args, "--content", str(empty_content)]) == 1
    output = capsys.readouterr().out
    assert "13 rows: wrote 11 event files, 2 rows with problems" in output
    assert f"{republican}:13: sources: needs a source" in output  # Super Tuesday links nothing
    assert f"{republican}:12: sources: needs a source" in output  # only a Flickr credit
    events = load_events(empty_content)
    iowa = events["2012-01-03-iowa"].sources[0]
    assert iowa.url.startswith("http://www.foxnews.com/politics/2012/01/21/iowa-republican-party")
    assert (iowa.title, iowa.publisher) == ("much debate", "foxnews.com")
    assert not any("flickr" in event.sources[0].url for event in events.values())


# ---- many rows -----------------------------------------------------------------------------
def test_duplicate_rows_are_summarised_in_one_line(
    acled_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with ACLED_REAL_COLUMNS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    export = write_csv(tmp_path / "export.csv", rows + rows[:2] * 3)  # rows 6 to 11 repeat 2 and 3
    assert main(["import", "csv", str(export), *ACLED_EXPORT, "--content", str(acled_content)]) == 0
    output = capsys.readouterr().out
    assert (
        "note: 6 rows duplicate an earlier row (skipped: one file each), first 5: "
        "6 (= row 2), 7 (= row 3), 8 (= row 2), 9 (= row 3), 10 (= row 2)"
    ) in output
    assert output.count("duplicate an earlier row") == 1
    assert "10 rows: wrote 4 event files, 0 rows with problems" in output


def test_a_vocabulary_of_20000_acled_places_fits(tmp_path: Path) -> None:
    """timeline.yaml's limit is sized for large imports: 20,000 places declared the way
    ``--declare`` prints them (name with admin areas and country, coordinates) are read."""
    content = tmp_path / "content"
    shutil.copytree(ALL_FIXTURES / "small" / "content", content)
    places = "".join(
        f"  place-{n}-district-{n % 97}-province-{n % 13}-syria:\n"
        f"    name: Place {n}, District {n % 97}, Province {n % 13}, Syria\n"
        f"    lat: {30 + n % 600 / 100:.4f}\n    lon: {36 + n % 500 / 100:.4f}\n"
        for n in range(20_000)
    )
    path = content / "timeline.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("places:\n", "places:\n" + places, 1), encoding="utf-8"
    )
    assert 2 * 1024 * 1024 < path.stat().st_size < MAX_TIMELINE_BYTES  # well past the old 256 KiB cap
    timeline, problems = read_timeline(content)
    assert not problems and timeline is not None and len(timeline.places) > 20_000


def test_a_timeline_over_the_limit_is_reported_with_the_numbers(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "timeline.yaml").write_bytes(b"title: x\n" + b"#" * MAX_TIMELINE_BYTES)
    _, problems = read_timeline(content)
    assert f"over the {MAX_TIMELINE_BYTES:,}-byte limit" in problems[0].message
    assert f"file is {MAX_TIMELINE_BYTES + 9:,} bytes" in problems[0].message
    assert "declare fewer tags, actors and places" in problems[0].hint


def test_a_long_import_draws_a_bar_on_a_terminal_only(
    acled_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bar that counts rows when a person watches; nothing at all in a log or CI."""
    rows = read_csv(ACLED_REAL_COLUMNS, ACLED).rows
    terminal = io.StringIO()
    importer = Importer(acled_content, "export.csv", load_timeline(acled_content), {"url": "https://a.org/x"})
    importer.run(rows, Progress("rows", total=len(rows), stream=terminal, enabled=True))
    assert f"\rrows [{'#' * 20}] 4/4 " in terminal.getvalue()
    assert (
        main(["import", "csv", str(ACLED_REAL_COLUMNS), *ACLED_EXPORT, "--content", str(acled_content)]) == 0
    )
    assert "\r" not in capsys.readouterr().err  # captured output is not a terminal


def test_declare_prints_the_title_slide_and_eras_as_timeline_yaml(
    empty_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Knight Lab's eras template: its title slide and three eras come out ready to paste."""
    eras = KNIGHT_LAB / "eras.json"
    main(["import", "timelinejs", str(eras), "--declare", "--dry-run", "--content", str(empty_content)])
    output = capsys.readouterr().out
    declared = yaml.safe_load(
        output.split("# add under the matching sections of timeline.yaml")[1].split("\n", 1)[1]
    )
    assert declared["title"] == "Eras Test"
    assert len(declared["eras"]) == 3 and declared["eras"][0]["id"] == "era-test-600-650"
    assert declared["eras"][0]["start"] == "0600"
