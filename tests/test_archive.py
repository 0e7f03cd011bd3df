"""``chronology archive`` against a local server standing in for Save Page Now."""

from __future__ import annotations

import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from generator.archive import ArchiveSettings, run
from generator.cli import main
from generator.load import load_yaml_file
from generator.validate import event_from_document

EVENT = """\
title: The market reopens
date: "2020-01-29"
summary: Traders came back.  # a comment the edit must keep
status: single-source
sources:
  - publisher: Example Gazette
    title: Market reopens
    url: https://example.org/market
    published: "2020-01-29"
  # another comment
  - publisher: Other Daily
    url: https://other.example/b
    title: Second report
    published: "2020-01-30"
    archive_url: https://web.archive.org/web/2020/https://other.example/b
"""


class SavePageNow(http.server.BaseHTTPRequestHandler):
    """Answers GET /save/<url> with the snapshot's address, as the Internet Archive does."""

    requests: ClassVar[list[str]] = []
    fail: ClassVar[set[str]] = set()
    relative: ClassVar[bool] = False

    def do_GET(self) -> None:
        url = self.path.removeprefix("/save/")
        type(self).requests.append(url)
        if url in self.fail:
            self.send_response(503)
            self.end_headers()
            return
        self.send_response(200)
        snapshot = f"/web/20261203000000/{url}"
        location = snapshot if self.relative else "https://web.archive.org" + snapshot
        self.send_header("Content-Location", location)
        self.end_headers()
        self.wfile.write(b"saved")

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


@pytest.fixture
def service() -> Iterator[str]:
    SavePageNow.requests, SavePageNow.fail, SavePageNow.relative = [], set(), False
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SavePageNow)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def project(small_content: Path) -> Path:
    for path in (small_content / "events").glob("*.yaml"):
        path.unlink()
    (small_content / "events" / "2020-01-29-market-reopens.yaml").write_text(EVENT, encoding="utf-8")
    return small_content


def settings(endpoint: str, tmp_path: Path) -> ArchiveSettings:
    return ArchiveSettings(endpoint=endpoint, delay=0.25, timeout=5, state=tmp_path / "state.json")


def test_archive_writes_the_snapshot_after_the_url_line_and_keeps_the_rest(
    project: Path, service: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    waits: list[float] = []
    assert run(project, settings(service, tmp_path), sleep=waits.append) == 0
    text = (project / "events" / "2020-01-29-market-reopens.yaml").read_text(encoding="utf-8")
    assert text == EVENT.replace(
        "    url: https://example.org/market\n",
        "    url: https://example.org/market\n"
        "    archive_url: https://web.archive.org/web/20261203000000/https://example.org/market\n",
    )
    assert SavePageNow.requests == ["https://example.org/market"]  # the archived one is skipped
    assert "1 of 1 URLs archived; 1 archive_url lines written" in capsys.readouterr().out
    document = load_yaml_file(
        project / "events" / "2020-01-29-market-reopens.yaml", "content/events/2020-01-29-market-reopens.yaml"
    )
    assert event_from_document(document) is not None


def test_archive_waits_between_requests_and_resumes_from_its_state(
    project: Path, service: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / "events" / "2020-01-29-market-reopens.yaml"
    path.write_text(
        EVENT.replace("    archive_url: https://web.archive.org/web/2020/https://other.example/b\n", "")
    )
    SavePageNow.fail = {"https://other.example/b"}
    waits: list[float] = []
    assert run(project, settings(service, tmp_path), sleep=waits.append) == 1
    assert waits == [0.25]  # one pause, between the two requests
    out = capsys.readouterr().out
    assert "https://other.example/b: not archived: " in out
    assert "1 of 2 URLs archived; 1 archive_url lines written" in out
    # the service recovers; the next run submits only what is left
    SavePageNow.fail, SavePageNow.requests = set(), []
    assert run(project, settings(service, tmp_path), sleep=waits.append) == 0
    assert SavePageNow.requests == ["https://other.example/b"]
    assert path.read_text(encoding="utf-8").count("archive_url:") == 2


def test_an_edit_that_would_make_the_file_invalid_is_undone(
    project: Path, service: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    SavePageNow.relative = True  # the snapshot would be on 127.0.0.1, not a known web archive
    before = (project / "events" / "2020-01-29-market-reopens.yaml").read_text(encoding="utf-8")
    assert run(project, settings(service, tmp_path), sleep=lambda _: None) == 1
    assert (project / "events" / "2020-01-29-market-reopens.yaml").read_text(encoding="utf-8") == before
    assert "127.0.0.1 is not a known web archive); undone" in capsys.readouterr().out


def test_dry_run_lists_and_changes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (project / "events" / "2020-01-29-market-reopens.yaml").read_text(encoding="utf-8")
    assert main(["archive", "--content", str(project), "--dry-run", "--endpoint", "http://127.0.0.1:9"]) == 0
    out = capsys.readouterr().out
    assert "would submit https://example.org/market (" in out and "2020-01-29-market-reopens.yaml:8)" in out
    assert out.strip().endswith("1 URL to submit, cited 1 times")
    assert (project / "events" / "2020-01-29-market-reopens.yaml").read_text(encoding="utf-8") == before


def test_the_progress_bar_is_drawn_only_on_a_terminal(project: Path, service: str, tmp_path: Path) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal, pipe = Terminal(), io.StringIO()
    path = project / "events" / "2020-01-29-market-reopens.yaml"
    run(project, settings(service, tmp_path), sleep=lambda _: None, stream=terminal)
    assert "] 1/1 " in terminal.getvalue()
    path.write_text(EVENT, encoding="utf-8")
    (tmp_path / "state.json").unlink()
    assert run(project, settings(service, tmp_path), sleep=lambda _: None, stream=pipe) == 0
    assert pipe.getvalue() == "" and "archive_url: https://web.archive.org/web/2026" in path.read_text()
