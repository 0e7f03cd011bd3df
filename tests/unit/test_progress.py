"""The progress bar: drawn for a person at a terminal, silent in CI and in files."""

from __future__ import annotations

import io

import pytest

from generator.progress import Progress, format_seconds, wants_bar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_that_ends_full_on_its_own_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    stream = Terminal()
    progress = Progress("links", 4, stream)
    assert progress.enabled
    for _ in range(4):
        progress.advance()
    progress.close()
    frames = [frame.removesuffix("\x1b[K") for frame in stream.getvalue().split("\r")[1:]]
    assert frames[0].startswith("links [#####---------------] 1/4 ")
    assert frames[-1].startswith("links [####################] 4/4 ")
    assert stream.getvalue().endswith("\n") and stream.getvalue().count("\n") == 1


@pytest.mark.parametrize("ci", ["true", "1", "yes"])
def test_ci_is_quiet_even_on_a_terminal(monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    monkeypatch.setenv("CI", ci)
    stream = Terminal()
    progress = Progress("pages", 3, stream)
    progress.advance(3)
    progress.close()
    assert not wants_bar(stream)
    assert stream.getvalue() == ""


def test_a_file_or_pipe_is_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    stream = io.StringIO()
    progress = Progress("pages", 3, stream)
    progress.advance(3)
    progress.close()
    assert stream.getvalue() == ""
    assert progress.done == 3  # still counts, for the summary line


def test_large_runs_are_not_redrawn_for_every_item() -> None:
    stream = Terminal()
    progress = Progress("pages", 50_000, stream, enabled=True)
    for _ in range(50_000):
        progress.advance()
    progress.close()
    assert stream.getvalue().count("\r") < 100  # at most ten a second, plus the last
    assert "50,000/50,000" in stream.getvalue().split("\r")[-1]


def test_unknown_total_shows_the_count() -> None:
    progress = Progress("rows", 0, Terminal(), enabled=True)
    progress.advance(1200)
    assert progress.line().startswith("rows: 1,200 ")


def test_seconds_read_well_short_and_long() -> None:
    assert [format_seconds(s) for s in (0.4213, 12.34, 125)] == ["0.42 s", "12.3 s", "2 min 05 s"]


def test_a_status_shows_what_happens_before_counting_starts() -> None:
    stream = Terminal()
    progress = Progress("pages", 0, stream, enabled=True)
    progress.status("reading content")
    progress.close()
    assert stream.getvalue().startswith("\rpages: reading content 0.")
    assert stream.getvalue().endswith("\n")
    quiet = io.StringIO()
    Progress("pages", 0, quiet, enabled=False).status("reading content")
    assert quiet.getvalue() == ""
