"""Imports: TimelineJS and CSV files become valid event files, or problems naming the row."""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import Builder, BuildOptions
from generator.cli import main
from generator.dates import EventDate
from generator.imports import parse_any_date
from generator.model import Event

from .conftest import SMALL, THEME, TOWN

FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def load_events(content: Path) -> dict[str, Event]:
    builder = Builder(content, THEME, Path(os.devnull), root=content.parent)
    loaded, _ = builder.load()
    assert not [p for p in loaded.problems if p.severity == "error"], [p.format() for p in loaded.problems]
    return loaded.events


def export(tmp_path: Path, name: str) -> Path:
    """Build the small fixture site and return one of its export files."""
    out = tmp_path / "site"
    Builder(SMALL / "content", THEME, out, BuildOptions(workers=1), root=SMALL).build()
    return out / "data" / name


def essentials(events: dict[str, Event]) -> list[tuple[object, ...]]:
    """What a round trip must keep: titles, dates with precision, sources."""
    return sorted(
        (e.title, e.date, e.date.precision, e.end, e.approximate, e.sources) for e in events.values()
    )


def build_site(content: Path, out: Path) -> Path:
    """Build ``content`` into ``out``; the folder of its exports."""
    Builder(content, THEME, out, BuildOptions(workers=1), root=content.parent).build()
    return out / "data"


def emptied(content: Path, target: Path) -> Path:
    """A copy of ``content`` without its events: the same timeline.yaml, ready for an import."""
    shutil.copytree(content, target)
    for path in (target / "events").glob("*.yaml"):
        path.unlink()
    return target


ROUND_TRIP_EXTRAS = {
    # a time, ACLED's facts (0 fatalities is a value) and a forward `related` link
    "1098-11-27-gate-stormed.yaml": """title: The gate is stormed
date: 1098-11-27
time: "06:30 local time"
summary: Attackers broke through the north gate at dawn, the chronicle says.
event_type: Battles
sub_event_type: Armed clash
interaction: Foreign army-Civilians
fatalities: 0
related: [1566-mills-by-the-river]
sources:
  - publisher: Example Gazette
    title: The gate
    url: https://example.org/gate
    published: 2001-05-01
""",
    # a display date, shown instead of the year
    "1566-mills-by-the-river.yaml": """title: Mills are built by the river
date: 1566
display_date: Spring 1566
approximate: true
summary: Two mills were built by the river, the survey says.
translations:
  ar:
    display_date: ربيع 1566
sources:
  - publisher: Example Gazette
    title: Mills
    url: https://example.org/mills
    published: 2002-06
""",
}


@pytest.fixture
def round_trip_content(tmp_path: Path) -> Path:
    """The town fixture (Arabic translations, tags with spaces) plus events with every new field."""
    content = tmp_path / "original" / "content"
    shutil.copytree(TOWN / "content", content)
    for name, text in ROUND_TRIP_EXTRAS.items():
        (content / "events" / name).write_text(text, encoding="utf-8")
    return content


@pytest.mark.parametrize(("kind", "name"), [("csv", "events.csv"), ("timelinejs", "timelinejs.json")])
def test_our_exports_round_trip_to_the_same_events_json(
    round_trip_content: Path, tmp_path: Path, kind: str, name: str
) -> None:
    """A chronology (forward ``related`` links, Arabic translations, times, display dates,
    ACLED's facts) exported, imported into an empty copy and built again gives a
    byte-identical events.json, and the exports themselves are identical too."""
    original = build_site(round_trip_content, tmp_path / "a")
    content = emptied(round_trip_content, tmp_path / "imported" / "content")
    assert main(["import", kind, str(original / name), "--content", str(content)]) == 0
    again = build_site(content, tmp_path / "b")
    for exported in ("events.json", "events.csv", "timelinejs.json"):
        assert (again / exported).read_bytes() == (original / exported).read_bytes(), exported
    imported = load_events(content)
    assert imported["1098-11-27-gate-stormed"].fatalities == 0
    assert imported["1566-mills-by-the-river"].display_date == "Spring 1566"
    assert imported["1566-mills-by-the-river"].translations["ar"].get("display_date") == "ربيع 1566"


@pytest.mark.parametrize(("kind", "name"), [("csv", "events.csv"), ("timelinejs", "timelinejs.json")])
def test_pictures_round_trip_through_our_exports(tmp_path: Path, kind: str, name: str) -> None:
    """The town's event with a picture (file, alt, caption, credit, licence, source) comes back
    whole: the media_N_<field> columns of the CSV, the slide's fields in TimelineJS."""
    original = build_site(TOWN / "content", tmp_path / "a")
    assert "media_1_alt" in (original / "events.csv").read_text(encoding="utf-8")
    content = emptied(TOWN / "content", tmp_path / "imported" / "content")
    assert main(["import", kind, str(original / name), "--content", str(content)]) == 0
    again = build_site(content, tmp_path / "b")
    for exported in ("events.json", "events.csv", "timelinejs.json"):
        assert (again / exported).read_bytes() == (original / exported).read_bytes(), exported


def rewrite_csv(source: Path, target: Path, change: Callable[[list[dict[str, str]]], None]) -> Path:
    with source.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rows = list(reader.fieldnames or []), list(reader)
    change(rows)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows(rows)
    return target


def test_related_may_name_a_later_row(empty_content: Path, tmp_path: Path) -> None:
    reordered = rewrite_csv(export(tmp_path, "events.csv"), tmp_path / "reversed.csv", list.reverse)
    assert main(["import", "csv", str(reordered), "--content", str(empty_content)]) == 0
    assert load_events(empty_content)["1098-12-12-siege-ends"].related == ("1098-11-siege-begins",)


def test_a_dangling_related_id_drops_its_row_and_rows_that_name_it(
    empty_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def dangle(rows: list[dict[str, str]]) -> None:
        begins = next(row for row in rows if row["id"] == "1098-11-siege-begins")
        begins["related"] = "2001-01-01-no-such-event"

    changed = rewrite_csv(export(tmp_path, "events.csv"), tmp_path / "dangling.csv", dangle)
    assert main(["import", "csv", str(changed), "--content", str(empty_content)]) == 1
    output = capsys.readouterr().out
    assert "related: no event has the id '2001-01-01-no-such-event'" in output
    assert "related: no event has the id '1098-11-siege-begins'" in output  # the row naming it
    assert "4 rows: wrote 2 event files, 2 rows with problems" in output


ACLED = ["--preset", "acled", "--source-url", "https://example.org/acled-export.csv"]
ACLED += ["--source-published", "2024-01-01"]


def test_acled_import_reports_each_bad_row_and_imports_the_rest(
    empty_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(FIXTURES / "acled.csv")
    code = main(["import", "csv", source, *ACLED, "--content", str(empty_content)])
    output = capsys.readouterr().out
    assert code == 1
    assert f"{source}:4: date: '31 February 2020'" in output or f"{source}:4: date:" in output
    assert f"{source}:5: actors: actor 'Unknown militia' is not declared" in output
    assert f"{source}:6: places: place 'New Quarter' is not declared" in output
    assert f"{source}:7: summary: no summary" in output
    assert "6 rows: wrote 2 event files, 4 rows with problems" in output
    events = load_events(empty_content)
    assert sorted(events) == ["2020-01-29-trade-in-old-town", "2020-01-30-sieges-in-the-river"]
    river = events["2020-01-30-sieges-in-the-river"]
    assert river.date == EventDate(2020, 1, 30) and river.tags == ("siege",) and river.places == ("river",)
    assert '"no one"' in river.summary
    assert "Sources named in the imported data: Example Radio; Example Gazette." in river.body
    assert river.sources[0].publisher == "ACLED" and river.sources[0].url.endswith("acled-export.csv")


def test_acled_rows_without_a_source_url_are_reported_not_invented(
    empty_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["import", "csv", str(FIXTURES / "acled.csv"), "--preset", "acled", "--content", str(empty_content)]
    )
    output = capsys.readouterr().out
    assert code == 1
    # one line for the six rows, not six
    assert output.count("needs a source") == 1
    assert "sources: needs a source: no article link in the row" in output
    assert "(6 rows, first 5: 2, 3, 4, 5, 6)" in output
    assert not list((empty_content / "events").glob("*.yaml"))


def test_declare_prints_the_yaml_to_add(empty_content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(
        [
            "import",
            "csv",
            str(FIXTURES / "acled.csv"),
            *ACLED,
            "--declare",
            "--dry-run",
            "--content",
            str(empty_content),
        ]
    )
    output = capsys.readouterr().out
    assert "actors:\n  unknown-militia:\n    name: Unknown militia\n" in output
    assert "places:\n  new-quarter:\n    name: New Quarter\n    lat: 35.7\n    lon: 36.7\n" in output


def test_dry_run_writes_nothing_and_existing_files_need_force(
    empty_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["import", "csv", str(FIXTURES / "acled.csv"), *ACLED, "--content", str(empty_content)]
    main([*args, "--dry-run"])
    output = capsys.readouterr().out
    assert "create        2  " in output and "skip          4  (see the problems above)" in output
    assert not list((empty_content / "events").glob("*.yaml"))
    main(args)
    target = empty_content / "events" / "2020-01-29-trade-in-old-town.yaml"
    target.write_text(target.read_text() + "# edited by hand\n")
    capsys.readouterr()
    main(args)
    assert "2020-01-29-trade-in-old-town.yaml already exists" in capsys.readouterr().out
    assert "# edited by hand" in target.read_text()
    main([*args, "--force"])
    assert "# edited by hand" not in target.read_text()


def test_generic_timelinejs_file(empty_content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = str(FIXTURES / "generic-timelinejs.json")
    code = main(
        ["import", "timelinejs", source, "--source-published", "2020-01-30", "--content", str(empty_content)]
    )
    output = capsys.readouterr().out
    assert code == 1
    assert f"{source}:2: sources: needs a source: no article link in the row" in output
    # a year before the common era imports (as 0300 BCE); that slide's credit links no article
    assert f"{source}:3: sources: needs a source" in output
    assert "date" not in "".join(line for line in output.splitlines() if f"{source}:3:" in line)
    assert f"{source}:4: the row is empty or not an object" in output
    events = load_events(empty_content)
    market = events["2020-01-29-market-reopens"]  # the date, then the slide's unique_id
    assert market.title == "Market & square reopen" and market.tags == ("trade",)
    # the photo is not the source; the article the credit links to is
    assert market.sources[0].url == "https://example.org/news/market"
    assert (market.sources[0].title, market.sources[0].publisher) == ("Market open again", "Example Gazette")


def test_usage_errors_exit_2(empty_content: Path, tmp_path: Path) -> None:
    assert main(["import", "csv", str(tmp_path / "missing.csv"), "--content", str(empty_content)]) == 2
    bad_map = ["--map", "notes=colour"]
    assert (
        main(["import", "csv", str(FIXTURES / "acled.csv"), *bad_map, "--content", str(empty_content)]) == 2
    )
    not_json = tmp_path / "x.json"
    not_json.write_text("{")
    assert main(["import", "timelinejs", str(not_json), "--content", str(empty_content)]) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-01-29", EventDate(2020, 1, 29)),
        ("29 January 2020", EventDate(2020, 1, 29)),
        ("3 Feb 2019", EventDate(2019, 2, 3)),
        ("October 2012", EventDate(2012, 10)),
        ("973", EventDate(973)),
        ("2020/01/29", EventDate(2020, 1, 29)),
        ("29-Jan-2020", EventDate(2020, 1, 29)),
    ],
)
def test_dates_in_common_forms(text: str, expected: EventDate) -> None:
    assert parse_any_date(text) == expected


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("'=HYPERLINK(1)", "=HYPERLINK(1)"),
        ("'\u200b=HYPERLINK(1)", "\u200b=HYPERLINK(1)"),
        ("'\uff1dSUM(1)", "\uff1dSUM(1)"),
        ("'tis the season", "'tis the season"),  # an apostrophe of the text itself stays
        ("it's =1", "it's =1"),
    ],
)
def test_import_removes_only_the_formula_guard_of_events_csv(cell: str, text: str) -> None:
    from generator.imports import unguarded

    assert unguarded(cell) == text


@pytest.mark.parametrize("text", ["' -1", "'=1", "''=1", "'tis", "=1", "' x", "-1"])
def test_every_text_survives_the_formula_guard(text: str) -> None:
    """A text that itself begins like a guarded cell (an apostrophe, then a formula) is guarded
    too, so that events.csv gives back every summary as written (found by the round-trip test)."""
    from generator.exports.records import _cell
    from generator.imports import unguarded

    assert unguarded(_cell(text)) == text


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("<p>1 &lt; 2 and 3 > 2</p>", "1 < 2 and 3 > 2"),
        ("<p>One</p><p>Two<br/>lines</p>", "One\n\nTwo\n\nlines"),
        ("a <i>Bodyguard</i> <b>soundtrack</b>", "a Bodyguard soundtrack"),
    ],
)
def test_html_becomes_text_with_a_real_parser(fragment: str, text: str) -> None:
    from generator.imports import html_to_text

    assert html_to_text(fragment) == text


KNIGHT_LAB_ERAS = FIXTURES / "timelinejs" / "eras.json"  # NUKnightLab/TimelineJS3, MPL-2.0


def test_knight_lab_eras_template_needs_a_source_said_once(
    empty_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its media are Wikipedia pages shown as media: not sources, so every slide needs one."""
    assert main(["import", "timelinejs", str(KNIGHT_LAB_ERAS), "--content", str(empty_content)]) == 1
    output = capsys.readouterr().out
    assert output.count("needs a source") == 1 and "(20 rows, first 5: 1, 2, 3, 4, 5)" in output
    assert "20 rows: wrote 0 event files, 20 rows with problems" in output
    # what is not an event is said, not lost: the title slide, the eras, the media left uncited
    assert "note: title slide (the title and description of timeline.yaml): 'Eras Test'" in output
    assert "3 eras, to declare under eras: in timeline.yaml: era-test-600-650: Era Test 600-650" in output
    # its media are Wikipedia pages with no caption or credit: said once per file, never cited
    assert output.count("slides' media have no description (alt)") == 1
    assert f"{KNIGHT_LAB_ERAS}: media: 19 slides' media have no description (alt): add one" in output


def test_knight_lab_eras_template_with_the_source_it_names(
    empty_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = ["--source-url", "https://en.wikipedia.org/wiki/Timeline_of_the_Middle_Ages"]
    source += ["--source-published", "2016", "--source-publisher", "Wikipedia", "--source-title", "Timeline"]
    main(["import", "timelinejs", str(KNIGHT_LAB_ERAS), *source, "--content", str(empty_content)])
    output = capsys.readouterr().out
    assert "20 rows: wrote 18 event files, 2 rows with problems" in output
    assert f"{KNIGHT_LAB_ERAS}:10: summary: no summary" in output  # its text is empty
    hijra = load_events(empty_content)["0622-08-09-muhammad-migrates-from-mecca-to-medina"]
    assert (hijra.date, hijra.end) == (EventDate(622, 8, 9), EventDate(622, 8, 23))
    assert all(event.sources[0].url.endswith("Middle_Ages") for event in load_events(empty_content).values())


ACLED_REAL_COLUMNS = FIXTURES / "acled" / "acled-synthetic.csv"  # ACLED's columns, synthetic rows


def test_acled_ids_precision_and_places(acled_content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["import", "csv", str(ACLED_REAL_COLUMNS), *ACLED, "--content", str(acled_content)]
    assert main(args) == 0, capsys.readouterr().out
    events = load_events(acled_content)
    assert sorted(events) == [
        "2020-01-29-syn1001",  # ACLED's event_id_cnty, not the order of rows
        "2020-01-30-syn1003",
        "2020-01-30-syn1004",
        "2020-01-syn1002",  # time_precision 3: known to the month only
    ]
    assert events["2020-01-30-syn1003"].approximate  # time_precision 2: within a week
    assert events["2020-01-30-syn1003"].places == ("kaliganj-jhenaidah-khulna-bangladesh",)
    assert events["2020-01-30-syn1004"].places == ("kaliganj-nadia-west-bengal-india",)


def test_acled_reimport_updates_the_same_files(
    acled_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [*ACLED, "--content", str(acled_content)]
    main(["import", "csv", str(ACLED_REAL_COLUMNS), *args])
    assert "(4 new, 0 changed, 0 unchanged)" in capsys.readouterr().out

    def update(rows: list[dict[str, str]]) -> None:
        rows.reverse()  # ACLED's exports are not in a stable order
        rows[0]["notes"] = "SYNTHETIC ROW (not ACLED data): corrected after review."

    updated = rewrite_csv(ACLED_REAL_COLUMNS, tmp_path / "updated.csv", update)
    assert main(["import", "csv", str(updated), *args]) == 1
    output = capsys.readouterr().out
    assert "2020-01-30-syn1004.yaml already exists and differs" in output
    assert main(["import", "csv", str(updated), *args, "--force"]) == 0
    assert "(0 new, 1 changed, 3 unchanged)" in capsys.readouterr().out
    assert "corrected after review" in load_events(acled_content)["2020-01-30-syn1004"].summary
    assert len(load_events(acled_content)) == 4


def test_timelinejs_sheet_preset(empty_content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The Google Sheet template's columns: dates from Year/Month/Day, the title and era rows as
    notes, the article in the credit as the source, the photo never."""
    sheet = FIXTURES / "timelinejs" / "sheet.csv"
    args = ["import", "csv", str(sheet), "--preset", "timelinejs", "--source-published", "2020-01-30"]
    assert main([*args, "--content", str(empty_content)]) == 1
    output = capsys.readouterr().out
    assert "note: title slide (the title and description of timeline.yaml): 'A newsroom timeline'" in output
    assert "old-times: Old times (2020-01 – 2020-12)" in output
    assert f"{sheet}:5: sources: needs a source" in output
    market = load_events(empty_content)["2020-01-29-market-square-reopen"]
    assert market.summary == "Traders came back; 1 < 2 stalls stayed shut."
    assert market.tags == ("trade",) and market.sources[0].url == "https://example.org/news/market"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Осада Маарат-эн-Нумана", "osada-maarat-en-numana"),  # Cyrillic, transliterated
        ("سقوط معرة النعمان", "sqwt-m-r-ln-mn"),  # Arabic: consonants, but words not a hash
        ("Market & square reopen", "market-square-reopen"),  # Latin: as before
    ],
)
def test_imported_ids_are_transliterated(title: str, slug: str) -> None:
    from generator.slugs import transliterated_slug

    assert transliterated_slug(title) == slug


def test_date_format_reads_ambiguous_dates() -> None:
    assert parse_any_date("01/02/2020", "%d/%m/%Y") == EventDate(2020, 2, 1)
    assert parse_any_date("01/02/2020", "%m/%d/%Y") == EventDate(2020, 1, 2)
    with pytest.raises(ValueError, match="does not match --date-format"):
        parse_any_date("2020-02-01", "%d/%m/%Y")


def test_knight_lab_houston_example_cites_credit_links_only(
    empty_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    houston = FIXTURES / "timelinejs" / "houston.json"  # NUKnightLab/TimelineJS3, MPL-2.0
    args = ["import", "timelinejs", str(houston), "--source-published", "2017"]
    assert main([*args, "--content", str(empty_content)]) == 1
    output = capsys.readouterr().out
    assert "18 rows: wrote 2 event files, 16 rows with problems" in output
    # YouTube and Flickr links in credits name who made the media: not reports, never cited
    assert "needs a source: no article link in the row (a photo or video is not a source) (16 rows" in output
    urls = {event.sources[0].url for event in load_events(empty_content).values()}
    assert "http://grammy.org" in urls and not any("youtu" in url for url in urls)
    # the videos are the events' media (links), never their sources; what cannot be is said once
    (grammy,) = [event for event in load_events(empty_content).values() if "grammy" in event.sources[0].url]
    assert grammy.media[0].url == "https://youtu.be/v0XuiMX1XHg"
    assert grammy.media[0].alt.startswith("Dionne Warwick gleefully announces")  # the caption's text
    assert f"{houston}: media: 1 slide's media is not at an https address" in output  # /static/img/...
    assert f"{houston}: media: 1 slide's media has no description (alt): add one (row 2)" in output
    assert "(its media are not kept: the timeline has no picture)" in output  # the title slide's
