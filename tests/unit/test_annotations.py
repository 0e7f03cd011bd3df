"""GitHub workflow commands: one problem, one annotation line, whatever the content holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.annotations import (
    annotation,
    build_summary,
    escape_data,
    escape_property,
    format_annotations,
)
from generator.problems import Problem, Severity

ROOT = Path("/work/repo")


def test_an_error_points_at_file_line_and_column_with_the_field_as_title() -> None:
    problem = Problem("content/events/x.yaml", 4, 7, "sources[0].url", "must start with https://", "add it")
    assert annotation(problem, ROOT) == (
        "::error file=content/events/x.yaml,line=4,col=7,title=sources[0].url::"
        "must start with https://%0Ahint: add it"
    )


def test_a_warning_is_a_warning_and_a_file_level_problem_has_no_line() -> None:
    problem = Problem("content/timeline.yaml", 0, 0, "", "no events yet", severity=Severity.WARNING)
    assert annotation(problem, ROOT) == "::warning file=content/timeline.yaml,title=chronology::no events yet"


def test_absolute_paths_become_relative_to_the_checkout(tmp_path: Path) -> None:
    problem = Problem(str(tmp_path / "content" / "events" / "x.yaml"), 2, 1, "title", "missing")
    assert annotation(problem, tmp_path).startswith("::error file=content/events/x.yaml,line=2,")


def test_githubs_escaping_of_data_and_properties() -> None:
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


@pytest.mark.parametrize(
    "field",
    [
        "title\n::error file=README.md,line=1::forged",
        "title\r::warning::forged",
        "tags,file=other.yaml,line=99",
        "title::error::forged",
    ],
)
def test_a_crafted_field_cannot_forge_an_annotation_or_a_property(field: str) -> None:
    problem = Problem("content/events/x.yaml", 3, 1, field, "bad\n::error::forged too")
    line = format_annotations([problem], ROOT)
    assert "\n" not in line and "\r" not in line
    # GitHub reads "::command properties::message": the first "::" after the command ends them
    command, _, message = line.removeprefix("::").partition("::")
    properties = command.removeprefix("error ").split(",")
    assert [p.split("=")[0] for p in properties] == ["file", "line", "col", "title"]
    assert properties[:3] == ["file=content/events/x.yaml", "line=3", "col=1"]
    assert message == "bad\\n::error::forged too"  # one line: GitHub shows it as text


def test_control_characters_are_spelled_out_not_sent_to_the_log() -> None:
    problem = Problem("a\x1b.yaml", 1, 1, "ti\u202etle", "a\x1b[31mred\x00\u2028b", "one\ntwo\x07")
    assert annotation(problem, ROOT) == (
        "::error file=a\\x1b.yaml,line=1,col=1,title=ti\\u202etle::"
        "a\\x1b[31mred\\x00\\u2028b%0Ahint: one%0Atwo\\x07"
    )


def test_annotations_are_sorted_like_the_text_report() -> None:
    late = Problem("b.yaml", 1, 1, "title", "x")
    early = Problem("a.yaml", 9, 1, "title", "y")
    assert [line.split(",")[0] for line in format_annotations([late, early], ROOT).splitlines()] == [
        "::error file=a.yaml",
        "::error file=b.yaml",
    ]


def test_the_job_summary_is_a_table_of_the_builds_figures() -> None:
    summary = build_summary(10_000, 22_221, 3, 27.44, "site|`x`")
    assert "| 10,000 | 22,221 | 3 | 27.44 s |" in summary
    assert "Built into `site\\|x`." in summary
