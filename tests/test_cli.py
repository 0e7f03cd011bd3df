"""The editors' commands, run as an editor would run them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import SMALL

BROKEN = """\
title: NO
date: 2020-02-01
summary: Something happened.
soruces: []
"""


def test_validate_clean_content_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--content", str(SMALL / "content")]) == 0
    out = capsys.readouterr().out.strip()
    # the fixture's single-source events are warnings of the sourcing standard, not errors
    assert out.endswith(
        "4 event files checked, 4 valid events, 0 errors, 3 warnings, 4 notices (list them with --notices)"
    )


def test_validate_reports_every_problem_with_file_line_field_and_hint(
    small_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = small_content / "events" / "2020-02-01-broken.yaml"
    bad.write_text(BROKEN)
    assert main(["validate", "--content", str(small_content)]) == 1
    out = capsys.readouterr().out
    assert f"{bad.as_posix()}:1:8: title: YAML reads 'NO' as a boolean, not as text" in out
    assert f"{bad.as_posix()}:4:1: soruces: unknown field 'soruces' in an event" in out
    assert "hint: did you mean 'sources'?" in out
    assert out.strip().endswith(
        "5 event files checked, 4 valid events, 2 errors, 3 warnings, 4 notices (list them with --notices)"
    )


def test_validate_paths_reports_only_on_those_files(
    small_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (small_content / "events" / "2020-02-01-broken.yaml").write_text(BROKEN)
    good = small_content / "events" / "2020-01-29-market-reopens.yaml"
    assert main(["validate", "--content", str(small_content), str(good)]) == 0
    assert "0 errors" in capsys.readouterr().out


def test_validate_usage_errors_exit_2(small_content: Path, tmp_path: Path) -> None:
    assert main(["validate", "--content", str(small_content), str(tmp_path / "missing.yaml")]) == 2
    assert main(["validate", "--content", str(tmp_path)]) == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--no-such-option"])
    assert exit_info.value.code == 2


def test_new_writes_a_named_file_that_validate_then_guides_to_completion(
    small_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "new",
                'Bridge: the "old" one # reopens',
                "--date",
                "2021-03-04",
                "--tag",
                "trade",
                "--place",
                "river",
                "--content",
                str(small_content),
            ]
        )
        == 0
    )
    created = small_content / "events" / "2021-03-04-bridge-the-old-one-reopens.yaml"
    text = created.read_text()
    assert 'title: "Bridge: the \\"old\\" one # reopens"' in text
    assert "tags: [trade]" in text and "places: [river]" in text
    capsys.readouterr()
    assert main(["validate", "--content", str(small_content), str(created)]) == 1
    out = capsys.readouterr().out
    assert "summary: required field 'summary' is missing or empty" in out
    assert "sources: required field 'sources' is missing or empty" in out
    assert "title" not in out.split("summary:")[0]  # the title the command wrote is valid


def test_new_refuses_undeclared_ids_and_existing_files(
    small_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            ["new", "Trade fair", "--date", "2021-03-04", "--tag", "trades", "--content", str(small_content)]
        )
        == 2
    )
    assert "did you mean 'trade'?" in capsys.readouterr().err
    args = ["new", "Trade fair", "--date", "2021-03-04", "--content", str(small_content)]
    assert main(args) == 0
    assert main(args) == 2
    assert "already exists" in capsys.readouterr().err


def test_new_rejects_bad_dates(small_content: Path) -> None:
    assert main(["new", "Trade fair", "--date", "4 March 2021", "--content", str(small_content)]) == 2


def test_new_names_an_event_before_the_common_era(
    small_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "Ides of March", "--date", "0044-03-15 BCE", "--content", str(small_content)]) == 0
    created = small_content / "events" / "0044-03-15-bce-ides-of-march.yaml"
    assert "\ndate: 0044-03-15 BCE\n" in created.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", "--content", str(small_content), str(created)]) == 1
    assert "date" not in capsys.readouterr().out  # only the summary and sources are left to write
    assert main(["new", "Walls", "--date", "-350", "--content", str(small_content)]) == 2
    assert "for 350 BCE write '0350 BCE'" in capsys.readouterr().err


def test_schema_check_passes_for_the_committed_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--check"]) == 0


def test_build_command_fails_on_invalid_content(
    small_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (small_content / "events" / "2020-02-01-broken.yaml").write_text(BROKEN)
    assert main(["build", "--content", str(small_content), "--out", str(tmp_path / "out")]) == 1
    assert "build failed: 2 errors" in capsys.readouterr().err
    shutil.rmtree(tmp_path / "out", ignore_errors=True)


FORGING = "\n::error file=content/events/forged.yaml,line=1::forged\x1b[2K\x1b[31m\r\u202e"
FORGED_KEY = '"bad' + FORGING.encode("unicode_escape").decode() + '"'
FORGED_VALUE = '"bad\\n::error file=content/events/forged.yaml,line=1::forged"'  # the loader refuses ESC here


def _forge(content: Path, where: str) -> None:
    event = content / "events" / "2020-01-29-market-reopens.yaml"
    if where == "field name":
        event.write_text(event.read_text() + f"{FORGED_KEY}: 1\n")
    elif where == "id":
        event.write_text(event.read_text().replace("tags: [trade]", f"tags: [{FORGED_VALUE}]"))
    else:  # a translation into a language code
        event.write_text(event.read_text() + f"translations:\n  {FORGED_KEY}:\n    title: x\n")


@pytest.mark.parametrize("where", ["field name", "id", "language code"])
def test_validate_output_cannot_be_forged_by_control_characters(small_content: Path, where: str) -> None:
    """Newlines and ANSI codes in a field name, an id or a language code print escaped."""
    _forge(small_content, where)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--content", str(small_content)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "bad\\n::error file=content/events/forged.yaml" in output, output
    for line in output.splitlines():
        assert not line.lstrip().startswith("::"), line
    for control in ("\x1b", "\r", "\u202e"):
        assert control not in output
    if where != "id":
        assert "\\x1b[2K\\x1b[31m\\r\\u202e" in output


@pytest.mark.parametrize("where", ["field name", "id", "language code"])
def test_github_annotations_cannot_be_forged_either(small_content: Path, where: str) -> None:
    """In --format github, every line is one of our annotations, on a file that exists."""
    _forge(small_content, where)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "validate",
            "--content",
            str(small_content),
            "--format",
            "github",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    *annotations, summary = result.stdout.splitlines()
    assert annotations and ", 1 error, " in summary  # the fixture's sourcing warnings come too
    assert sum(line.startswith("::error file=") for line in annotations) == 1
    for line in annotations:
        assert line.startswith(("::error file=", "::warning file=")), line
        file = line.split(" file=", 1)[1].split(",")[0]
        assert Path(file).is_file() and "forged" not in file, line
    for control in ("\x1b", "\r", "\u202e"):
        assert control not in result.stdout + result.stderr


WIDE = ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]


@pytest.mark.parametrize("codec", WIDE)
@pytest.mark.parametrize("kind", ["event", "page", "timeline"])
def test_utf16_and_utf32_files_get_one_clear_problem_each(
    small_content: Path, capsys: pytest.CaptureFixture[str], codec: str, kind: str
) -> None:
    path = {
        "event": small_content / "events" / "2020-01-29-market-reopens.yaml",
        "page": small_content / "pages" / "about.md",
        "timeline": small_content / "timeline.yaml",
    }[kind]
    path.write_bytes(path.read_text(encoding="utf-8").encode(codec))
    assert main(["validate", "--content", str(small_content)]) == 1
    out = capsys.readouterr().out
    about_file = [line for line in out.splitlines() if line.startswith(path.as_posix())]
    width = codec[:6].upper()
    assert about_file == [f"{path.as_posix()}:1:1: file is {width}, not UTF-8"], out
    assert "hint: save the file as UTF-8" in out


def test_validate_github_format_annotates_the_lines_of_the_pull_request(
    small_content: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(small_content.parent)  # as in a workflow: the checkout is the working folder
    (small_content / "events" / "2020-02-01-broken.yaml").write_text(BROKEN)
    assert main(["validate", "--content", "content", "--format", "github"]) == 1
    *annotations, summary = capsys.readouterr().out.splitlines()
    lines = [line for line in annotations if line.startswith("::error")]  # then the fixture's warnings
    assert lines[0].startswith(
        "::error file=content/events/2020-02-01-broken.yaml,line=1,col=8,title=title::"
        "YAML reads 'NO' as a boolean, not as text%0Ahint: "
    )
    assert lines[1] == (
        "::error file=content/events/2020-02-01-broken.yaml,line=4,col=1,title=soruces::"
        "unknown field 'soruces' in an event%0Ahint: did you mean 'sources'?"
    )
    assert len(lines) == 2
    assert summary.startswith("5 event files checked, 4 valid events, 2 errors, ")


def test_build_appends_its_figures_to_the_job_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    args = ["build", "--content", str(SMALL / "content"), "--out", str(tmp_path / "out")]
    assert main([*args, "--summary", str(summary)]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert re.fullmatch(
        rf"built 4 events into 37 pages in {re.escape(str(tmp_path / 'out'))}, 0 warnings \(.+ s\)", last
    )
    text = summary.read_text()
    assert text.startswith("earlier step\n### Chronology build\n")
    assert re.search(r"^\| 4 \| 37 \| 0 \| \d+\.\d\d s \|$", text, re.MULTILINE)
    assert main([*args, "--summary", str(tmp_path / "missing" / "summary.md")]) == 2


def test_build_without_share_images_draws_none_and_points_to_none(tmp_path: Path) -> None:
    args = ["build", "--content", str(SMALL / "content"), "--out", str(tmp_path / "out")]
    assert main([*args, "--no-share-images"]) == 0
    assert not list((tmp_path / "out").rglob("*.png"))
    assert 'property="og:image"' not in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert main([*args[:-1], str(tmp_path / "drawn")]) == 0
    assert (tmp_path / "drawn" / "share.png").is_file()
