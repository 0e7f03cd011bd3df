"""Exports: JSON and CSV against their schemas, Atom and iCalendar through real parsers,
JSON-LD on event pages, determinism, and a realistic site (tests/fixtures/town)."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest

from generator.build import Builder, BuildOptions
from generator.exports.common import _parse_git_log, added_times

from .conftest import SMALL, THEME

SITE_URL = "https://example.org/town/"


def build(content: Path, out: Path, site_url: str = "") -> Path:
    Builder(content, THEME, out, BuildOptions(site_url=site_url, workers=1), root=content.parent).build()
    return out


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(SMALL / "content", tmp_path_factory.mktemp("small") / "site")


def check_json(site: Path) -> dict[str, object]:
    document = json.loads((site / "data" / "events.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data" / "events.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)
    return document


def check_csv(site: Path) -> list[dict[str, str]]:
    data = (site / "data" / "events.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    assert b"\r\n" in data and re.search(rb"[^\r]\n", data.split(b"\n", 1)[0] + b"\n") is None
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    schema = json.loads((site / "data" / "events.csv.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for row in rows:
        validator.validate(row)
    return rows


@pytest.mark.parametrize("site_name", ["small_site", "town_site"])
def test_json_and_csv_validate_against_their_schemas(site_name: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(site_name)
    document = check_json(site)
    rows = check_csv(site)
    events = document["events"]
    assert isinstance(events, list) and len(rows) == len(events) > 0
    assert [row["id"] for row in rows] == [event["id"] for event in events]


def test_json_keeps_every_field_and_precision(small_site: Path) -> None:
    events = {e["id"]: e for e in check_json(small_site)["events"]}  # type: ignore[union-attr]
    poet = events["0973-poet-born"]
    assert (poet["date"], poet["precision"], poet["approximate"]) == ("0973", "year", True)
    siege = events["1098-12-12-siege-ends"]
    assert siege["related"] == ["1098-11-siege-begins"] and siege["era"] == "old-times"
    assert siege["sources"][1] == {
        "publisher": "Revue d'exemple",
        "title": "Le siège",
        "url": "https://example.fr/siege",
        "published": "1999",
        "archive_url": None,
        "language": "fr",
        "supports": None,
    }


def test_csv_flattens_sources_into_numbered_columns(small_site: Path) -> None:
    rows = {row["id"]: row for row in check_csv(small_site)}
    siege = rows["1098-12-12-siege-ends"]
    assert siege["source_2_title"] == "Le siège" and siege["source_1_archive_url"].startswith("https://web")
    assert rows["0973-poet-born"]["source_2_title"] == ""
    assert siege["places"] == "old-town river"


@pytest.mark.parametrize(
    "title",
    [
        "=HYPERLINK(1)",
        "\\u200b=HYPERLINK(1)",  # zero-width space first
        "\\ufeff+1",  # byte-order mark
        "\\u2060\\u200e@SUM(1)",  # word joiner, left-to-right mark
        "\\u00a0-1+1",  # no-break space
        "\\uff1dHYPERLINK(1)",  # full-width equals sign
    ],
)
def test_csv_guards_against_spreadsheet_formulas(tmp_path: Path, small_content: Path, title: str) -> None:
    event = small_content / "events" / "2020-01-29-market-reopens.yaml"
    event.write_text(event.read_text().replace("title: The market reopens", f'title: "{title}"'))
    rows = {row["id"]: row for row in check_csv(build(small_content, tmp_path / "site"))}
    written = title.encode().decode("unicode_escape").strip()  # titles are stripped of spaces
    assert rows["2020-01-29-market-reopens"]["title"] == "'" + written


@pytest.mark.parametrize("site_url", ["", SITE_URL])
def test_feeds_parse_as_atom(tmp_path: Path, site_url: str) -> None:
    site = build(SMALL / "content", tmp_path / "site", site_url)
    feed = feedparser.parse((site / "feeds" / "atom.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and len(feed.entries) == 4
    updated = [entry.updated_parsed for entry in feed.entries]
    assert updated == sorted(updated, reverse=True), "newest additions first"
    assert len({entry.id for entry in feed.entries}) == 4
    if site_url:
        assert feed.entries[0].link.startswith(SITE_URL + "events/")
        assert all(entry.id.startswith(SITE_URL) for entry in feed.entries)
    else:
        assert all(entry.id.startswith("urn:uuid:") for entry in feed.entries)
    siege = feedparser.parse((site / "feeds" / "tags" / "siege.xml").read_bytes())
    assert not siege.bozo and {entry.title for entry in siege.entries} == {
        "The siege begins",
        "The siege ends",
    }


def test_realistic_feeds_parse_and_are_bounded(town_site: Path) -> None:
    feeds = sorted((town_site / "feeds").rglob("*.xml"))
    assert len(feeds) > 5
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert len(feed.entries) <= 50


def test_icalendar_parses_with_all_day_events(small_site: Path) -> None:
    data = (small_site / "data" / "events.ics").read_bytes()
    assert all(len(line) <= 75 for line in data.split(b"\r\n")), "lines are folded at 75 octets"
    assert b"\n" not in data.replace(b"\r\n", b"")
    calendar = icalendar.Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    # only the two events known to the day; 0973 and 1098-11 are left out
    assert sorted(str(e["SUMMARY"]) for e in events) == ["The market reopens", "The siege ends"]
    market = next(e for e in events if str(e["SUMMARY"]) == "The market reopens")
    assert market.decoded("DTSTART") == date(2020, 1, 29) and market.decoded("DTEND") == date(2020, 1, 30)
    siege = next(e for e in events if str(e["SUMMARY"]) == "The siege ends")
    assert "20,000" in str(siege["DESCRIPTION"]) and siege["GEO"].latitude == 35.633


@pytest.mark.parametrize(
    ("lat", "lon", "geo"),
    [("0.00001", "-0.0000012", "GEO:0.00001;-0.000001"), ("1e-5", "36", "GEO:0.00001;36")],
)
def test_icalendar_coordinates_are_plain_decimals(
    tmp_path: Path, small_content: Path, lat: str, lon: str, geo: str
) -> None:
    """RFC 5545 FLOAT has no exponent; Python writes 0.00001 as 1e-05."""
    timeline = small_content / "timeline.yaml"
    text = re.sub(r"lat: [\d.]+", f"lat: {lat}", timeline.read_text())
    timeline.write_text(re.sub(r"lon: [\d.]+", f"lon: {lon}", text))
    data = (build(small_content, tmp_path / "site") / "data" / "events.ics").read_bytes()
    assert geo.encode() + b"\r\n" in data
    siege = next(e for e in icalendar.Calendar.from_ical(data).walk("VEVENT") if "siege" in str(e["SUMMARY"]))
    assert siege["GEO"].latitude == float(geo.split(":")[1].split(";")[0])


def test_realistic_icalendar_parses(town_site: Path) -> None:
    calendar = icalendar.Calendar.from_ical((town_site / "data" / "events.ics").read_bytes())
    assert len(list(calendar.walk("VEVENT"))) == 8  # the town's events known to the day


def test_timelinejs_dates_carry_only_their_precision(small_site: Path) -> None:
    document = json.loads((small_site / "data" / "timelinejs.json").read_text(encoding="utf-8"))
    slides = {slide["unique_id"]: slide for slide in document["events"]}
    assert slides["0973-poet-born"]["start_date"] == {"year": 973, "display_date": "c. 973"}
    assert slides["1098-11-siege-begins"]["start_date"] == {
        "year": 1098,
        "month": 11,
        "display_date": "November 1098",
    }
    assert slides["1098-11-siege-begins"]["end_date"]["day"] == 12
    assert slides["2020-01-29-market-reopens"]["group"] == "Trade"
    assert "example.org/market?day=29&amp;month=1" in slides["2020-01-29-market-reopens"]["text"]["text"]
    assert [era["text"]["headline"] for era in document["eras"]] == ["Old times", "Modern times"]


def test_timelinejs_group_survives_being_decoded_then_inserted_as_html(
    tmp_path: Path, small_content: Path
) -> None:
    """TimelineJS 3.9 decodes ``group`` to text and inserts that text as HTML (see the browser test)."""
    timeline = small_content / "timeline.yaml"
    timeline.write_text(timeline.read_text().replace("name: Trade", 'name: "Fish & &lt;b&gt; <i>"'))
    document = json.loads((build(small_content, tmp_path / "site") / "data" / "timelinejs.json").read_bytes())
    group = {slide["unique_id"]: slide for slide in document["events"]}["2020-01-29-market-reopens"]["group"]
    decoded_by_timelinejs = html.unescape(group)
    assert "<" not in decoded_by_timelinejs and ">" not in decoded_by_timelinejs
    assert html.unescape(decoded_by_timelinejs) == "Fish & &lt;b&gt; <i>"


def json_ld(page: Path) -> dict[str, object]:
    match = re.search(r'<script type="application/ld\+json">\s*(.*?)\s*</script>', page.read_text(), re.S)
    assert match, f"no JSON-LD in {page}"
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def test_event_pages_carry_json_ld_and_social_tags(tmp_path: Path) -> None:
    site = build(SMALL / "content", tmp_path / "site", SITE_URL)
    page = site / "events" / "1098-12-12-siege-ends" / "index.html"
    data = json_ld(page)
    assert data["@type"] == "Event" and data["startDate"] == "1098-12-12"
    assert data["url"] == SITE_URL + "events/1098-12-12-siege-ends/"
    places = data["location"]
    assert isinstance(places, list) and places[0]["geo"]["@type"] == "GeoCoordinates"
    citations = data["citation"]
    assert isinstance(citations, list) and {c["@type"] for c in citations} == {"CreativeWork"}
    assert citations[0]["publisher"] == {"@type": "Organization", "name": "Example Gazette"}
    html = page.read_text()
    for tag in ('property="og:title"', 'property="og:type" content="article"', 'name="twitter:card"'):
        assert tag in html
    assert f'<meta property="og:url" content="{SITE_URL}events/1098-12-12-siege-ends/">' in html
    poet = json_ld(site / "events" / "0973-poet-born" / "index.html")
    assert poet["startDate"] == "0973"


def test_json_ld_cannot_close_its_script_element(
    tmp_path: Path, small_content: Path, write_event: Callable[[str, str], Path]
) -> None:
    event = small_content / "events" / "2020-01-29-market-reopens.yaml"
    event.write_text(
        event.read_text().replace("The market reopens", '"</script><script>alert(1)</script> & co"')
    )
    site = build(small_content, tmp_path / "site")
    html = (site / "events" / "2020-01-29-market-reopens" / "index.html").read_text()
    assert "<script>alert" not in html
    assert json_ld(site / "events" / "2020-01-29-market-reopens" / "index.html")["name"].startswith(
        "</script>"
    )  # type: ignore[union-attr]


def test_site_links_the_open_data_page_and_feed(small_site: Path) -> None:
    home = (small_site / "index.html").read_text()
    assert 'href="./open-data/"' in home and 'href="./feeds/atom.xml"' in home
    assert '<link rel="alternate" type="application/atom+xml" href="./feeds/atom.xml"' in home
    page = (small_site / "open-data" / "index.html").read_text()
    for target in ("data/events.json", "data/events.csv", "data/events.ics", "data/timelinejs.json",
                   "feeds/tags/siege.xml", "data/events.schema.json"):  # fmt: skip
        assert f'href="../{target}"' in page
        assert (small_site / target).is_file()


def test_a_removed_tag_loses_its_feed(tmp_path: Path, small_content: Path) -> None:
    out = tmp_path / "site"
    builder = Builder(small_content, THEME, out, BuildOptions(workers=1), root=small_content.parent)
    builder.build()
    assert (out / "feeds" / "tags" / "trade.xml").exists()
    timeline = small_content / "timeline.yaml"
    timeline.write_text(timeline.read_text().replace("  trade:\n    name: Trade\n", ""))
    for path in (small_content / "events").glob("*.yaml"):
        path.write_text(path.read_text().replace("tags: [trade]", "tags: []"))
    builder.build()
    assert not (out / "feeds" / "tags" / "trade.xml").exists()


def test_added_dates_come_from_the_first_commit(tmp_path: Path, small_content: Path) -> None:
    """One git log for the folder; the first commit of each file wins; no repository: no dates."""
    assert added_times(small_content, tmp_path) is None  # tmp_path is not in a repository

    def git(*args: str, when: str = "2021-01-01T00:00:00Z") -> None:
        env = {
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_DATE": when,
            "HOME": str(tmp_path),
            "PATH": "/usr/bin:/bin",
        }
        subprocess.run(["git", "-C", str(small_content), *args], check=True, env=env, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "first")
    market = small_content / "events" / "2020-01-29-market-reopens.yaml"
    market.write_text(market.read_text() + "\n")
    git(
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.org",
        "commit",
        "-qam",
        "edit",
        when="2022-01-01T00:00:00Z",
    )
    assert added_times(small_content, small_content.parent) is not None
    assert added_times(small_content / "events", small_content / "events") is None  # repo above the project
    times = added_times(small_content, small_content)
    assert times is not None and set(times.values()) == {1609459200}  # an edit is not an addition
    assert len(times) == 4


def test_git_log_parsing() -> None:
    output = "\x001700000000\n\nevents/b.yaml\n\x001600000000\n\nevents/a.yaml\nevents/sub/b.yaml\n"
    assert _parse_git_log(output) == {"b": 1600000000, "a": 1600000000}


def test_exports_are_byte_identical_between_builds(tmp_path: Path) -> None:
    one = build(SMALL / "content", tmp_path / "one", SITE_URL)
    two = build(SMALL / "content", tmp_path / "two", SITE_URL)
    for folder in ("data", "feeds"):
        for path in sorted((one / folder).rglob("*")):
            if path.is_file():
                assert path.read_bytes() == (two / path.relative_to(one)).read_bytes(), path


def test_years_before_the_common_era_in_every_export(tmp_path: Path, small_content: Path) -> None:
    """44 BCE, known to the day: -0043 in JSON and CSV (ISO 8601's expanded year, valid against
    their schemas; in CSV behind the formula guard's apostrophe), -44 in TimelineJS (which shows
    it as "44 BCE"), left out of the calendar (RFC 5545 has no year before 1) and counted on the
    open-data page instead."""
    (small_content / "events" / "0044-03-15-bce-ides-of-march.yaml").write_text(
        "title: The Ides of March\ndate: 0044-03-15 BCE\nsummary: A dictator is killed.\n"
        "sources:\n- {publisher: Example, title: Report, url: 'https://example.org/r', published: 2001}\n"
        "- {publisher: Livy, title: History of Rome, url: 'https://example.org/livy', published: 0010 BCE}\n",
        encoding="utf-8",
    )
    site = build(small_content, tmp_path / "site", SITE_URL)
    records = {record["id"]: record for record in check_json(site)["events"]}  # type: ignore[union-attr]
    ides = records["0044-03-15-bce-ides-of-march"]
    assert (ides["date"], ides["precision"], ides["era"]) == ("-0043-03-15", "day", "old-times")
    assert next(iter(records)) == "0044-03-15-bce-ides-of-march"  # before 0973: in date order
    rows = {row["id"]: row for row in check_csv(site)}
    assert rows["0044-03-15-bce-ides-of-march"]["date"] == "'-0043-03-15"  # the formula guard
    document = json.loads((site / "data" / "timelinejs.json").read_text(encoding="utf-8"))
    slide = next(s for s in document["events"] if s["unique_id"] == "0044-03-15-bce-ides-of-march")
    assert slide["start_date"] == {"year": -44, "month": 3, "day": 15, "display_date": "15 March 44 BCE"}
    assert document["eras"][0]["start_date"] == {"year": -44, "month": 3, "day": 15}  # opened by it
    calendar = icalendar.Calendar.from_ical((site / "data" / "events.ics").read_bytes())
    assert "The Ides of March" not in [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    open_data = (site / "open-data" / "index.html").read_text(encoding="utf-8")
    assert "So are the events before the common era known to the day (1)" in open_data
    page = (site / "events" / "0044-03-15-bce-ides-of-march" / "index.html").read_text(encoding="utf-8")
    assert "<span>10 BCE</span>" in page and 'datetime="2001"' in page  # HTML's years start at 1
    assert ides["sources"][1]["published"] == "-0009"
