"""Each rule: a bad file produces exactly the expected problem; the good fixture produces none."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator.build import Builder
from generator.markup import NO_TEXT
from generator.problems import Severity

from ..conftest import THEME

GOOD = """\
title: The council opens a school
date: 2020-01-29
summary: The council opened a school, its spokesman said.
tags: [trade]
sources:
  - publisher: Example Gazette
    title: Market open again
    url: https://example.org/market
    published: 2020-01-30
"""


def problems_for(content: Path) -> list[str]:
    builder = Builder(content, THEME, content.parent / "out")
    found, _ = builder.load(today=date(2026, 1, 1))
    return [f"{p.path.rsplit('/', 1)[-1]}:{p.line}: {p.field}: {p.message}" for p in found.problems]


def test_the_small_fixture_is_clean(small_content: Path) -> None:
    assert problems_for(small_content) == []


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "2020-01-29-x.yaml",
            GOOD.replace("sources:", "soruces:"),
            "2020-01-29-x.yaml:5: soruces: unknown field 'soruces' in an event",
        ),
        (
            "2020-01-29-x.yaml",
            GOOD.replace("title: The council opens a school", "title: NO"),
            "2020-01-29-x.yaml:1: title: YAML reads 'NO' as a boolean, not as text",
        ),
        (
            "2020-01-29-x.yaml",
            GOOD.replace("date: 2020-01-29", "date: 2020-01-29\nend: 2020-01-01"),
            "2020-01-29-x.yaml:3: end: ends (2020-01-01) before it starts (2020-01-29)",
        ),
        (
            "2020-01-30-x.yaml",
            GOOD,
            "2020-01-30-x.yaml:2: date: date 2020-01-29 does not match the file name (2020-01-30-...)",
        ),
        (
            "market.yaml",
            GOOD,
            "market.yaml:1: : file name 'market.yaml' does not follow YYYY-MM-DD-short-slug.yaml",
        ),
        (
            "0350-x.yaml",
            GOOD.replace("date: 2020-01-29", "date: 0350 BCE"),
            "0350-x.yaml:2: date: date 0350 BCE does not match the file name (0350-...)",
        ),
        (
            "0350-bce-x.yaml",
            GOOD.replace("date: 2020-01-29", "date: -350"),
            "0350-bce-x.yaml:2: date: '-350': a year before the common era is written with BCE, not a "
            "minus sign (astronomers' -350 is 351 BCE); for 350 BCE write '0350 BCE'",
        ),
        (
            "0350-bce-x.yaml",
            GOOD.replace("date: 2020-01-29", "date: 350 B.C."),
            "0350-bce-x.yaml:2: date: '350 B.C.': write a year before the common era as '0350 BCE' "
            "(four digits at least, then BCE)",
        ),
        (
            "0001-bce-x.yaml",
            GOOD.replace("date: 2020-01-29", "date: 0000"),
            "0001-bce-x.yaml:2: date: '0000': there is no year 0 (1 BCE is followed by 1 CE); "
            "write '0001 BCE' or '0001'",
        ),
        (
            "0044-03-15-bce-x.yaml",
            GOOD.replace("date: 2020-01-29", "date: 0044-03-15 BCE\nend: 0044-03-14 BCE"),
            "0044-03-15-bce-x.yaml:3: end: ends (0044-03-14 BCE) before it starts (0044-03-15 BCE)",
        ),
        (
            "2020-01-29-x.yaml",
            GOOD.replace("[trade]", "[trades]"),
            "2020-01-29-x.yaml:4: tags[0]: tag 'trades' is not declared",
        ),
        (
            "2020-01-29-x.yaml",
            GOOD.replace("https://example.org/market", "ftp://example.org/m"),
            "2020-01-29-x.yaml:8: sources[0].url: 'ftp://example.org/m' is not an http(s) address",
        ),
        (
            "2020-01-29-x.yaml",
            GOOD + "    archive_url: https://example.com/copy\n",
            "2020-01-29-x.yaml:10: sources[0].archive_url: example.com is not a known web archive",
        ),
        (
            "2020-01-29-x.yaml",
            GOOD.replace("published: 2020-01-30", "published: 2030-01-30"),
            "2020-01-29-x.yaml:9: sources[0].published: 2030-01-30 is in the future",
        ),
        (
            "2020-01-29-x.yaml",
            GOOD.replace("summary: The council opened a school, its spokesman said.", 'summary: "   "'),
            "2020-01-29-x.yaml:3: summary: is empty or only spaces",
        ),
        (
            "2020-01-29-x.yaml",
            GOOD + "related: [2020-01-28-nothing]\n",
            "2020-01-29-x.yaml:10: related[0]: no event has the id '2020-01-28-nothing'",
        ),
        (
            "2020-01-29-x.yaml",
            GOOD.split("sources:")[0] + "sources: []\n",
            "2020-01-29-x.yaml:5: sources: must be a list of at least one source",
        ),
        (
            "2020-01-29-x.yaml",
            GOOD.replace("title: The council opens a school", "title: School \u202eopens"),
            "2020-01-29-x.yaml:1: title: contains invisible bidirectional control characters "
            "(U+202A-U+202E, U+2066-U+2069) that can disguise text",
        ),
        (
            "2020-01-29-x.yml",
            GOOD,
            "2020-01-29-x.yml:1: : this file is not read: event files must end in .yaml",
        ),
    ],
)
def test_each_rule_reports_file_line_and_field(
    small_content: Path, write_event: Callable[[str, str], Path], name: str, text: str, expected: str
) -> None:
    write_event(name, text)
    assert problems_for(small_content) == [expected]


def test_unknown_field_suggests_the_right_name(
    small_content: Path, write_event: Callable[[str, str], Path]
) -> None:
    write_event("2020-01-29-x.yaml", GOOD.replace("sources:", "soruces:"))
    builder = Builder(small_content, THEME, small_content.parent / "out")
    content, _ = builder.load()
    assert "did you mean 'sources'?" in content.problems[0].hint


def test_all_problems_of_a_run_are_reported_together(
    small_content: Path, write_event: Callable[[str, str], Path]
) -> None:
    write_event("2020-01-29-a.yaml", GOOD.replace("[trade]", "[trades]"))
    write_event("2020-01-29-b.yaml", GOOD.replace("sources:", "soruces:"))
    assert len(problems_for(small_content)) == 2


def test_near_duplicate_titles_on_one_date_are_a_warning(
    small_content: Path, write_event: Callable[[str, str], Path]
) -> None:
    write_event(
        "2020-01-29-market-reopens-again.yaml",
        GOOD.replace("The council opens a school", "The market reopen"),
    )
    builder = Builder(small_content, THEME, small_content.parent / "out")
    content, _ = builder.load()
    assert [p.severity for p in content.problems] == [Severity.WARNING]
    assert "duplicate of 2020-01-29-market-reopens" in content.problems[0].message


def test_event_outside_every_era_is_an_error(tmp_path: Path, small_content: Path) -> None:
    timeline = small_content / "timeline.yaml"
    timeline.write_text(timeline.read_text().replace("    start: 1900\n", "    start: 1900\n    end: 2000\n"))
    assert problems_for(small_content) == [
        "2020-01-29-market-reopens.yaml:2: date: 2020-01-29 falls in none of the eras"
    ]


def test_overlong_summary_is_refused_before_rendering(
    small_content: Path, write_event: Callable[[str, str], Path]
) -> None:
    long_summary = "word " * 500
    write_event(
        "2020-01-29-x.yaml", GOOD.replace("The council opened a school, its spokesman said.", long_summary)
    )
    assert problems_for(small_content) == [
        "2020-01-29-x.yaml:3: summary: is 2,499 characters; the limit is 2,000"
    ]


def test_dates_in_other_digits_are_refused(
    small_content: Path, write_event: Callable[[str, str], Path]
) -> None:
    write_event("2020-01-29-x.yaml", GOOD.replace("date: 2020-01-29", 'date: "2020-01-٢٩"'))
    assert "is not a date" in problems_for(small_content)[0]


def test_cross_file_problems_of_a_broken_file_come_in_the_same_run(
    small_content: Path, write_event: Callable[[str, str], Path]
) -> None:
    """An editor fixes everything in one round: references are checked even in invalid files."""
    broken = (
        GOOD.replace("[trade]", "[trades]").replace("sources:", "soruces:") + "related: [2020-01-28-gone]\n"
    )
    write_event("2020-01-29-x.yaml", broken)
    assert sorted(problems_for(small_content)) == [
        "2020-01-29-x.yaml:10: related[0]: no event has the id '2020-01-28-gone'",
        "2020-01-29-x.yaml:4: tags[0]: tag 'trades' is not declared",
        "2020-01-29-x.yaml:5: soruces: unknown field 'soruces' in an event",
    ]


def test_every_markdown_input_has_a_length_limit(
    small_content: Path, write_event: Callable[[str, str], Path]
) -> None:
    translated = GOOD + "translations:\n  ar:\n    summary: " + "كلمة " * 500 + "\n"
    write_event("2020-01-29-x.yaml", translated)
    (small_content / "pages" / "long.md").write_text("---\ntitle: Long\n---\n" + "Word. " * 10_000)
    assert problems_for(small_content) == [
        "2020-01-29-x.yaml:12: translations.ar.summary: is 2,499 characters; the limit is 2,000",
        "long.md:2: : the page is 59,999 characters; the limit is 50,000",
    ]


def test_markdown_too_costly_to_render_is_a_problem_naming_file_line_and_field(
    small_content: Path, write_event: Callable[[str, str], Path]
) -> None:
    write_event("2020-01-29-x.yaml", GOOD + "body: |\n  Fine.\n\n  " + "[" * 5_000 + "\n")
    (small_content / "pages" / "costly.md").write_text("---\ntitle: Costly\n---\n" + "<a " * 5_000)
    found = problems_for(small_content)
    assert [problem.split(" this Markdown")[0] for problem in found] == [
        "2020-01-29-x.yaml:10: body: line 3 of the text:",
        "costly.md:4: :",
    ]
    assert "write \\[ for a literal '['" in found[0]


def test_problem_format_escapes_control_characters_and_indents_hint_lines() -> None:
    from generator.problems import Problem

    problem = Problem("a\nb.yaml", 3, 1, "x\x1b[31m", "says \u202eno\r", "line one\n::error::two")
    assert problem.format() == (
        "a\\nb.yaml:3:1: x\\x1b[31m: says \\u202eno\\r\n    hint: line one\n          ::error::two"
    )


@pytest.mark.parametrize(
    "summary",
    ["<script>window.__pwned=1</script>", "'<iframe src=x></iframe>'", "'![](https://example.org/x.png)'"],
)
def test_a_summary_that_sanitises_to_nothing_is_refused(
    small_content: Path, write_event: Callable[[str, str], Path], summary: str
) -> None:
    text = GOOD.replace("summary: The council opened a school, its spokesman said.", f"summary: {summary}")
    write_event("2020-01-29-x.yaml", text + "translations:\n  ar:\n    summary: <script>x</script>\n")
    empty = NO_TEXT
    assert problems_for(small_content) == [
        f"2020-01-29-x.yaml:3: summary: {empty}",
        f"2020-01-29-x.yaml:12: translations.ar.summary: {empty}",
    ]


def test_a_page_that_sanitises_to_nothing_is_refused(small_content: Path) -> None:
    page = "---\ntitle: Empty\n---\n<script>window.__pwned=1</script>\n"
    (small_content / "pages" / "empty.md").write_text(page)
    assert problems_for(small_content) == [f"empty.md:4: : the page {NO_TEXT}"]


def test_a_date_before_the_common_era_is_valid_and_named_in_its_file(
    small_content: Path, write_event: Callable[[str, str], Path]
) -> None:
    write_event("65000000-bce-impact.yaml", GOOD.replace("date: 2020-01-29", "date: 65000000 BCE"))
    ides = GOOD.replace("date: 2020-01-29", "date: 0044-03-15 BCE") + "previous_ids: [0044-bce-ides]\n"
    write_event("0044-03-15-bce-ides.yaml", ides)  # renamed once the day was known: redirected
    assert problems_for(small_content) == []


def test_a_file_name_without_bce_says_the_name_to_use(
    small_content: Path, write_event: Callable[[str, str], Path]
) -> None:
    write_event("0350-siege.yaml", GOOD.replace("date: 2020-01-29", "date: 0350 BCE"))
    found, _ = Builder(small_content, THEME, small_content.parent / "out").load(today=date(2026, 1, 1))
    assert [p.hint for p in found.problems] == ["rename the file to 0350-bce-siege.yaml or correct the date"]
