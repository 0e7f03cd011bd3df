"""Content you can trust (issue 14): verification status, claims tied to sources, corrections.

Each test checks what a reader or an editor sees: the rendered pages of both editions, the
export files, and the validator's messages.
"""

from __future__ import annotations

import csv
import json
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from generator.build import Builder, BuildOptions
from generator.cli import main
from generator.load import parse_yaml
from generator.localize import localize_event
from generator.markup import render_markdown
from generator.problems import Problem
from generator.sourcing import publisher_names, registrable_domain, tracking_parameters
from generator.validate import event_from_document

from .conftest import ROOT, SMALL, THEME

BILINGUAL = ROOT / "tests" / "fixtures" / "bilingual" / "content"
TODAY = date(2026, 12, 3)

GRADED = """\
title: A market is struck
date: "2019-07-22"
summary: |
  Air strikes hit a market, rescuers said.[^1] Russia's defence ministry
  denied flying in the area.[^2]
body: The toll rose later.[^1]
status: disputed
disputed_by: Russia's defence ministry
sources:
  - publisher: Example Wire
    title: Strikes hit market
    url: https://example.org/market
    published: "2019-07-22"
    supports: "rescuers said the strikes hit the market"
    archive_url: https://web.archive.org/web/2019/https://example.org/market
  - publisher: Other Daily
    title: Ministry denies strike
    url: https://other.example.net/denial
    published: "2019-07-23"
corrections:
  - date: "2026-12-01"
    change: Added the ministry's denial.
    reason: The denial was reported by Other Daily & was missing.
  - date: "2026-12-03"
    change: Corrected the day of the strike.
    reason: Example Wire gives 22 July.
translations:
  ar:
    title: قصف سوق
    summary: أصابت غارات سوقًا.[^1]
"""


def event_of(text: str, name: str = "2019-07-22-market-struck") -> tuple[object, list[Problem]]:
    document = parse_yaml(text, f"content/events/{name}.yaml")
    event = event_from_document(document, TODAY)
    return event, document.problems


@pytest.fixture(scope="module")
def graded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bilingual fixture plus one graded, cited and corrected event, built once."""
    folder = tmp_path_factory.mktemp("trust")
    content = folder / "content"
    shutil.copytree(BILINGUAL, content)
    (content / "events" / "2019-07-22-market-struck.yaml").write_text(GRADED, encoding="utf-8")
    out = folder / "site"
    Builder(content, THEME, out, BuildOptions(per_page=100), root=folder).build()
    return out


# ---- 1. status -----------------------------------------------------------------------------
def test_the_event_page_shows_the_status_what_it_means_and_who_disputes_it(graded_site: Path) -> None:
    page = (graded_site / "events/2019-07-22-market-struck/index.html").read_text(encoding="utf-8")
    assert '<p class="status status-disputed"><span class="status-label">Disputed</span>: ' in page
    assert "Disputed by a named party." in page
    assert "(disputed by Russia&#39;s defence ministry)" in page
    arabic = (graded_site / "ar/events/2019-07-22-market-struck/index.html").read_text(encoding="utf-8")
    assert '<span class="status-label">مُعترَض عليه</span>' in arabic


def test_who_disputes_an_event_is_said_in_each_edition_or_marked_untranslated(graded_site: Path) -> None:
    """The Arabic page of an event whose disputing party has no translation says so; with one,
    the party is named in Arabic."""
    arabic = (graded_site / "ar/events/2019-07-22-market-struck/index.html").read_text(encoding="utf-8")
    badge = arabic.split('class="status-disputed-by"', 1)[1].split("</span></p>", 1)[0]
    assert "Russia&#39;s defence ministry" in badge and 'class="untranslated-note"' in badge
    translated = GRADED + "    disputed_by: وزارة الدفاع الروسية\n"
    event, problems = event_of(translated)
    assert problems == []
    localized = localize_event(event, "ar")  # type: ignore[arg-type]
    assert localized.disputed_by == "وزارة الدفاع الروسية"
    assert "disputed_by" not in localized.untranslated


def test_entries_carry_the_status_for_readers_and_for_the_filters(graded_site: Path) -> None:
    home = (graded_site / "index.html").read_text(encoding="utf-8")
    assert 'data-status="disputed"' in home
    assert 'data-label-status="Status"' in home
    index = json.loads((graded_site / "search/filters.json").read_text(encoding="utf-8"))
    assert index["statuses"][0] == ["confirmed", "Confirmed"]
    assert index["fields"][-1] == "status"
    row = index["events"][index["ids"].index("2019-07-22-market-struck")]
    assert index["statuses"][row[-1]][0] == "disputed"
    arabic = json.loads((graded_site / "ar/search/filters.json").read_text(encoding="utf-8"))
    assert ["disputed", "مُعترَض عليه"] in arabic["statuses"]


def test_every_export_carries_the_status(graded_site: Path) -> None:
    data = json.loads((graded_site / "data/events.json").read_text(encoding="utf-8"))
    record = next(e for e in data["events"] if e["id"] == "2019-07-22-market-struck")
    assert (record["status"], record["disputed_by"]) == ("disputed", "Russia's defence ministry")
    assert record["updated"] == "2026-12-03"
    assert record["corrections"][0] == {
        "date": "2026-12-01",
        "change": "Added the ministry's denial.",
        "reason": "The denial was reported by Other Daily & was missing.",
    }
    assert record["sources"][0]["supports"] == "rescuers said the strikes hit the market"
    with (graded_site / "data/events.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert rows["2019-07-22-market-struck"]["status"] == "disputed"
    assert rows["0973-poet-born"]["status"] == ""
    assert rows["2019-07-22-market-struck"]["source_1_supports"].startswith("rescuers said")
    slides = json.loads((graded_site / "data/timelinejs.json").read_text(encoding="utf-8"))["events"]
    slide = next(s for s in slides if s["unique_id"] == "2019-07-22-market-struck")
    assert "Status: Disputed (disputed by Russia&#x27;s defence ministry)" in slide["text"]["text"] or (
        "Status: Disputed (disputed by Russia's defence ministry)" in slide["text"]["text"]
    )
    ics = (graded_site / "data/events.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "Status: Disputed (disputed by Russia's defence ministry)" in ics
    feed = ET.parse(graded_site / "feeds/atom.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    content = next(
        entry.find(f"{atom}content")
        for entry in feed.iter(f"{atom}entry")
        if entry.findtext(f"{atom}title") == "A market is struck"
    )
    assert content is not None and "Status: Disputed" in (content.text or "")


def test_a_status_outside_the_vocabulary_is_an_error_that_suggests_the_right_one() -> None:
    event, problems = event_of(GRADED.replace("status: disputed", "status: disputd"))
    assert event is None
    assert any(p.field == "status" and "did you mean 'disputed'?" in p.hint for p in problems)


def test_a_disputed_event_must_name_who_disputes_it() -> None:
    event, problems = event_of(GRADED.replace("disputed_by: Russia's defence ministry\n", ""))
    assert event is None
    assert [p.message for p in problems] == ["a disputed event names who disputes it"]


# ---- 2. claims tied to sources -------------------------------------------------------------
def test_inline_citations_link_to_the_source_entry_on_the_event_page(graded_site: Path) -> None:
    page = (graded_site / "events/2019-07-22-market-struck/index.html").read_text(encoding="utf-8")
    assert '<sup><a href="#2019-07-22-market-struck-source-2"' in page
    assert '<li class="source" id="2019-07-22-market-struck-source-2">' in page
    assert '<span class="source-supports">Supports: <q dir="auto">rescuers said the strikes' in page
    arabic = (graded_site / "ar/events/2019-07-22-market-struck/index.html").read_text(encoding="utf-8")
    assert '<sup><a href="#2019-07-22-market-struck-source-1"' in arabic
    assert '<q dir="auto" lang="en">rescuers said' in arabic


def test_in_lists_citations_link_to_the_source_on_the_event_page(graded_site: Path) -> None:
    home = (graded_site / "index.html").read_text(encoding="utf-8")
    assert 'href="./events/2019-07-22-market-struck/#2019-07-22-market-struck-source-2"' in home


def test_exports_show_citations_as_plain_numbers(graded_site: Path) -> None:
    slides = json.loads((graded_site / "data/timelinejs.json").read_text(encoding="utf-8"))["events"]
    slide = next(s for s in slides if s["unique_id"] == "2019-07-22-market-struck")
    assert "rescuers said.<sup>[1]</sup>" in slide["text"]["text"]
    assert "source-1" not in slide["text"]["text"]
    ics = (graded_site / "data/events.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "rescuers said.[1] Russia" in ics


def test_a_citation_of_a_missing_source_is_an_error_on_its_own_line() -> None:
    text = GRADED.replace("denied flying in the area.[^2]", "denied flying in the area.[^3]")
    event, problems = event_of(text)
    assert event is None
    assert [(p.line, p.field, p.message) for p in problems] == [
        (5, "summary", "[^3] cites source 3, but the event lists 2 sources")
    ]


def test_markdown_without_an_event_renders_citations_as_text() -> None:
    assert render_markdown("Said so.[^2]") == "<p>Said so.<sup>[2]</sup></p>"
    assert 'href="#x-source-2"' in render_markdown("Said so.[^2]", "x")


# ---- 3. corrections ------------------------------------------------------------------------
def test_the_event_page_lists_its_corrections_and_when_it_was_updated(graded_site: Path) -> None:
    page = (graded_site / "events/2019-07-22-market-struck/index.html").read_text(encoding="utf-8")
    assert (
        '<p class="last-updated"><a href="#corrections-heading">Last updated</a>: '
        '<time datetime="2026-12-03">3 December 2026</time></p>'
    ) in page
    assert '<h2 id="corrections-heading">Corrections</h2>' in page
    assert "Added the ministry&#39;s denial." in page
    assert 'Why: <span dir="auto">The denial was reported by Other Daily &amp; was missing.</span>' in page


def test_the_corrections_page_lists_every_correction_newest_first_in_both_editions(
    graded_site: Path,
) -> None:
    page = (graded_site / "corrections/index.html").read_text(encoding="utf-8")
    assert page.index("Corrected the day of the strike.") < page.index("Added the ministry&#39;s denial.")
    assert 'href="../events/2019-07-22-market-struck/"' in page
    arabic = (graded_site / "ar/corrections/index.html").read_text(encoding="utf-8")
    assert '<h1 id="corrections-title">التصحيحات</h1>' in arabic
    assert '<span class="correction-change" dir="auto" lang="en">Corrected the day' in arabic
    footer = (graded_site / "index.html").read_text(encoding="utf-8")
    assert '<a href="./corrections/">Corrections</a>' in footer


def test_the_corrections_feed_has_one_entry_per_correction(graded_site: Path) -> None:
    feed = ET.parse(graded_site / "feeds/corrections.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    entries = list(feed.iter(f"{atom}entry"))
    assert [e.findtext(f"{atom}updated") for e in entries] == ["2026-12-03T00:00:00Z", "2026-12-01T00:00:00Z"]
    assert feed.findtext(f"{atom}updated") == "2026-12-03T00:00:00Z"
    assert "Corrected the day of the strike." in (entries[0].findtext(f"{atom}summary") or "")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('date: "2026-12-03"', 'date: "2027-01-01"', "2027-01-01 is in the future"),
        ('date: "2026-12-03"', 'date: "2019-07-01"', "2019-07-01 is before the event itself (2019-07-22)"),
        ('date: "2026-12-03"', 'date: "2026-11-30"', "2026-11-30 is before the correction above it"),
        ('date: "2026-12-03"', 'date: "2026-12"', "2026-12 is not a day"),
        ("    reason: Example Wire gives 22 July.\n", "", "required field 'reason' is missing or empty"),
    ],
)
def test_correction_dates_and_fields_are_checked(old: str, new: str, message: str) -> None:
    event, problems = event_of(GRADED.replace(old, new))
    assert event is None
    assert [p.message for p in problems] == [message]


def test_updated_defaults_to_the_latest_correction_and_may_not_precede_it() -> None:
    event, _ = event_of(GRADED)
    assert event is not None and event.updated.iso() == "2026-12-03"  # type: ignore[attr-defined]
    _, problems = event_of(GRADED + 'updated: "2026-11-01"\n')
    assert [p.message for p in problems] == ["2026-11-01 is before the latest correction (2026-12-03)"]


# ---- 4. the sourcing standard --------------------------------------------------------------
def test_publisher_names_read_agencies_and_carriers_but_not_notes() -> None:
    assert publisher_names("Asharq Al-Awsat (Agence France-Presse)") == (
        "Asharq Al-Awsat",
        "Agence France-Presse",
    )
    assert publisher_names("Reuters (via The Irish Times)") == ("Reuters", "The Irish Times")
    assert publisher_names("Agence France-Presse via Your Middle East") == (
        "Agence France-Presse",
        "Your Middle East",
    )
    assert publisher_names("Archaeology Magazine (summarising the Associated Press)") == (
        "Archaeology Magazine",
        "Associated Press",
    )
    assert publisher_names("Civil War al-Sham (civilwaralsham.com)") == ("Civil War al-Sham",)
    assert publisher_names("Wikipedia (mirror: Kiwix, 2025-06)") == ("Wikipedia",)


def test_registrable_domains_and_tracking_parameters() -> None:
    assert registrable_domain("https://www.news.example.co.uk/a") == "example.co.uk"
    assert registrable_domain("https://edition.cnn.com/a") == "cnn.com"
    assert registrable_domain("https://one.wordpress.com/a") != registrable_domain(
        "https://two.wordpress.com/b"
    )
    assert tracking_parameters("https://x.org/a?id=3&utm_source=tw&fbclid=1&mc_eid=2") == [
        "utm_source",
        "fbclid",
        "mc_eid",
    ]
    assert tracking_parameters("https://x.org/a?id=3&page=2") == []


SOURCE = """\
  - publisher: {publisher}
    title: A report
    url: {url}
    published: "2020-01-29"
"""


def write_checked_event(folder: Path, name: str, extra: str, *sources: tuple[str, str]) -> Path:
    text = f'title: The {name} event\ndate: "2020-01-29"\nsummary: Something happened.\n' + extra
    text += "sources:\n" + "".join(SOURCE.format(publisher=p, url=u) for p, u in sources)
    path = folder / "events" / f"2020-01-29-{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_warns_about_each_rule_and_strict_fails_on_warnings(
    small_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in (small_content / "events").glob("*.yaml"):
        path.unlink()
    folder = small_content
    single = write_checked_event(folder, "single", "", ("Example Wire", "https://wire.example/a"))
    write_checked_event(
        folder, "acknowledged", "status: single-source\n", ("Example Wire", "https://wire.example/b")
    )
    copies = write_checked_event(
        folder,
        "copies",
        "status: confirmed\n",
        ("Daily One (AFP)", "https://one.example/a"),
        ("Daily Two (Agence France-Presse)", "https://two.example/a"),
    )
    tracked = write_checked_event(
        folder,
        "tracked",
        "",
        ("Example Wire", "https://wire.example/c?utm_source=x"),
        ("Other", "https://o.example/c"),
    )
    named = write_checked_event(
        folder, "named", "", ("Daily One", "https://one.example/b"), ("Other", "https://o.example/d")
    )
    named.write_text(
        named.read_text(encoding="utf-8").replace(
            "summary: Something happened.",
            "summary: |\n  Something happened.\n"
            "  Example Wire said so. Other reported it too, quoting Example Wire.[^2]",
        ),
        encoding="utf-8",
    )
    assert main(["validate", "--content", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"{single.as_posix()}:4:1: warning: sources: has a single source" in out
    assert "acknowledged" not in out
    assert (
        f"{copies.as_posix()}:4:9: warning: status: is confirmed, but its sources have 1 independent origin"
        in out
    )
    assert (
        f"{copies.as_posix()}:10:16: warning: sources[1].publisher: shares the publisher "
        "'agence france-presse' with sources[0]: the two are not independent"
    ) in out
    assert (
        f"{tracked.as_posix()}:7:10: warning: sources[0].url: carries tracking parameters (utm_source)" in out
    )
    # named outside a cited sentence is a warning; the cited sentence that quotes it is not
    assert f"{named.as_posix()}:5:10: warning: summary: names Example Wire, which is not among" in out
    assert out.count("names Example Wire") == 1
    assert "has no archived copy" not in out  # a notice: counted, listed only on request
    assert out.strip().endswith("0 errors, 5 warnings, 8 notices (list them with --notices)")
    assert main(["validate", "--content", str(folder), "--strict"]) == 1
    assert "--strict: warnings fail the check" in capsys.readouterr().out
    assert main(["validate", "--content", str(folder), "--notices"]) == 0
    assert (
        f"{single.as_posix()}:7:10: notice: sources[0].url: has no archived copy" in capsys.readouterr().out
    )


def test_notices_alone_do_not_fail_strict(small_content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for path in (small_content / "events").glob("*.yaml"):
        path.unlink()
    write_checked_event(
        small_content, "fine", "status: single-source\n", ("Example Wire", "https://wire.example/a")
    )
    assert main(["validate", "--content", str(small_content), "--strict"]) == 0
    assert "0 errors, 0 warnings, 1 notice (list them with --notices)" in capsys.readouterr().out


# ---- 5. archived copies ---------------------------------------------------------------------
def test_an_archived_copy_is_linked_beside_its_source_in_both_editions(graded_site: Path) -> None:
    for page, label in (("events", "archived copy"), ("ar/events", "نسخة مؤرشفة")):
        html = (graded_site / page / "2019-07-22-market-struck/index.html").read_text(encoding="utf-8")
        first, second = html.split('id="2019-07-22-market-struck-source-2"')
        assert (
            '<a class="source-archive" href="https://web.archive.org/web/2019/https://example.org/market"'
            in first
        )
        assert f">{label}<" in first
        assert "source-archive" not in second.split("</li>")[0]  # the second source has none


def test_a_long_paginated_chronologys_filters_file_leaves_out_the_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its matches are listed from the text index and its overview counts years: no entry or
    mark is matched by id, so the file is numbers only (about 20 bytes an event)."""
    monkeypatch.setattr("generator.build.MAX_MARKS", 2)  # as if the overview counted years
    Builder(SMALL / "content", THEME, tmp_path, BuildOptions(per_page=2, workers=1), root=SMALL).build()
    index = json.loads((tmp_path / "search/filters.json").read_text(encoding="utf-8"))
    assert index["ids"] is None
    assert len(index["events"]) == 4
    assert all(isinstance(row[0], int) and isinstance(row[2], int) for row in index["events"])
