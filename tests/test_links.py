"""``chronology check-links`` against a local HTTP server the tests start: never the internet."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from generator.build import Builder
from generator.cli import main
from generator.links import gather_links

from .conftest import SMALL, THEME

SLOW_SLEEP = 2.0  # the server's delay on /slow; the tests' --timeout is 0.5 s


class Handler(BaseHTTPRequestHandler):
    """One small route table; /flaky?KEY fails the first time each KEY is asked for."""

    hits: dict[str, int] = {}  # noqa: RUF012 (shared across requests on purpose)
    lock = threading.Lock()
    holding = most_held = 0  # requests in /hold at once, and the most ever seen

    def do_HEAD(self) -> None:
        self.route("HEAD")

    def do_GET(self) -> None:
        self.route("GET")

    def route(self, method: str) -> None:
        path = self.path.split("?")[0]
        with self.lock:
            self.hits[self.path] = self.hits.get(self.path, 0) + 1
            first_time = self.hits[self.path] == 1
        if path == "/slow":
            time.sleep(SLOW_SLEEP)
        if path == "/hold":
            self.hold()
        if path in ("/moved", "/temp"):
            self.answer(301 if path == "/moved" else 302, location="/ok")
        elif path == "/flaky":
            self.answer(500 if first_time else 200)
        elif path == "/no-head":
            self.answer(405 if method == "HEAD" else 200)
        else:
            self.answer(200 if path in ("/ok", "/slow", "/hold") else 404)

    def hold(self) -> None:
        with self.lock:
            Handler.holding += 1
            Handler.most_held = max(Handler.most_held, Handler.holding)
        time.sleep(0.1)
        with self.lock:
            Handler.holding -= 1

    def answer(self, status: int, location: str = "") -> None:
        with contextlib.suppress(OSError):  # /slow's client has long gone
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The base URL of a server on 127.0.0.1; daemon threads, so /slow never delays the exit."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
            patch.delenv(name, raising=False)  # 127.0.0.1 must be reached directly
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        httpd.daemon_threads = True
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
        httpd.shutdown()
        httpd.server_close()


def write_content(root: Path, urls: list[str]) -> Path:
    """The small fixture's timeline with one event per URL (the first one is cited twice)."""
    content = root / "content"
    shutil.copytree(SMALL / "content", content)
    shutil.rmtree(content / "events")
    (content / "events").mkdir()
    for number, url in enumerate(urls, start=1):
        event = (
            f"title: Event {number}\ndate: 2020-02-{number:02d}\nsummary: Something happened.\n"
            f"sources:\n  - publisher: Local\n    title: Report\n    url: {url}\n    published: 2020-02-01\n"
        )
        (content / "events" / f"2020-02-{number:02d}-event-{number}.yaml").write_text(event)
    return content


@dataclass
class Run:
    code: int
    out: str
    err: str
    report: dict[str, Any]
    base: str

    def link(self, path: str) -> dict[str, Any]:
        return next(r for r in self.report["links"] if r["url"] == self.base + path)


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check-links", *args])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def mixed(server: str, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """One run over every kind of link (the /slow timeout makes it the slowest part: ~1.5 s)."""
    root = tmp_path_factory.mktemp("mixed")
    paths = ["/gone", "/gone", "/ok", "/moved", "/temp", "/flaky?mixed", "/slow", "/no-head"]
    content = write_content(root, [server + path for path in paths])
    report = root / "report.json"
    code, out, err = run(
        "--content", str(content), "--timeout", "0.5", "--retries", "1", "--report", str(report)
    )
    return Run(code, out, err, json.loads(report.read_text()), server)


def test_each_link_is_classified(mixed: Run) -> None:
    results = {r["url"].removeprefix(mixed.base): r["result"] for r in mixed.report["links"]}
    assert results == {
        "/gone": "broken",
        "/ok": "ok",
        "/moved": "redirected",
        "/temp": "redirected",
        "/flaky?mixed": "ok",
        "/slow": "broken",
        "/no-head": "ok",
    }


def test_flaky_link_passes_on_retry(mixed: Run) -> None:
    assert mixed.link("/flaky?mixed")["attempts"] == 2
    assert mixed.link("/flaky?mixed")["status"] == 200


def test_slow_link_times_out_after_its_retries(mixed: Run) -> None:
    slow = mixed.link("/slow")
    assert (slow["error"], slow["attempts"], slow["status"]) == ("timed out after 0.5 s", 2, None)


def test_redirects_are_recorded_not_followed_silently(mixed: Run) -> None:
    moved, temp = mixed.link("/moved"), mixed.link("/temp")
    assert moved["redirects"] == [{"status": 301, "url": mixed.base + "/ok"}]
    assert moved["final_url"] == mixed.base + "/ok"
    assert moved["message"] == f"moved permanently (301) -> {mixed.base}/ok: update the link"
    assert temp["message"] == f"redirected temporarily (302) -> {mixed.base}/ok"


def test_broken_link_names_every_event_that_cites_it(mixed: Run) -> None:
    gone = mixed.link("/gone")
    assert (gone["status"], gone["message"]) == (404, "HTTP 404 Not Found")
    assert [c["event"] for c in gone["cited_by"]] == ["2020-02-01-event-1", "2020-02-02-event-2"]
    assert gone["cited_by"][0]["as"] == "source"
    assert gone["cited_by"][0]["path"].endswith("events/2020-02-01-event-1.yaml")
    assert f"BROKEN   {mixed.base}/gone\n         HTTP 404 Not Found\n         cited by 2020-02-01" in (
        mixed.out
    )
    assert f"MOVED    {mixed.base}/moved" in mixed.out
    assert f"REDIRECT {mixed.base}/temp" in mixed.out
    listed = [line.split()[0] for line in mixed.out.splitlines()[:-1] if not line.startswith(" ")]
    assert listed == ["BROKEN", "BROKEN", "MOVED", "REDIRECT"]  # ok links are not listed


def test_summary_report_and_exit_code(mixed: Run) -> None:
    assert mixed.code == 1
    last = mixed.out.splitlines()[-1]
    assert re.fullmatch(r"7 links checked: 3 ok, 2 redirected, 2 broken \(in 3 events\) in \d+\.\d+ s", last)
    assert mixed.report["summary"] == {
        "checked": 7,
        "ok": 3,
        "redirected": 2,
        "broken": 2,
        "events_with_broken_links": 3,
        "content_errors": 0,
    }
    assert [r["url"] for r in mixed.report["links"]] == sorted(r["url"] for r in mixed.report["links"])
    assert "7/7" not in mixed.err  # stderr is not a terminal here: no progress in the log


def test_refused_connection_is_broken_not_a_crash(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a free port that nobody listens on once closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    content = write_content(tmp_path, [f"http://127.0.0.1:{port}/nobody"])
    code, out, _ = run("--content", str(content), "--retries", "0")
    assert code == 1
    assert "connection refused" in out
    assert re.search(r"1 links checked: 0 ok, 0 redirected, 1 broken \(in 1 event\) in \d+\.\d+ s\n$", out)


def test_redirects_only_warn_and_invalid_events_are_skipped(server: str, tmp_path: Path) -> None:
    content = write_content(tmp_path, [server + "/ok", server + "/moved"])
    (content / "events" / "2020-03-01-bad.yaml").write_text("title: Bad\n")
    code, out, err = run("--content", str(content), "--only-broken")
    assert code == 0
    assert "MOVED" not in out
    assert re.search(r"2 links checked: 1 ok, 1 redirected, 0 broken \(in 0 events\) in \d+\.\d+ s\n$", out)
    assert "warning: the content has" in err and "checking the links of the 2 valid events only" in err


def test_head_refused_falls_back_to_get(server: str, tmp_path: Path) -> None:
    content = write_content(tmp_path, [server + "/no-head?fallback"])
    assert run("--content", str(content))[0] == 0
    assert Handler.hits["/no-head?fallback"] == 2  # HEAD (405), then GET


def test_at_most_two_requests_per_host_at_once(server: str, tmp_path: Path) -> None:
    content = write_content(tmp_path, [f"{server}/hold?{n}" for n in range(6)])
    assert run("--content", str(content), "--concurrency", "8")[0] == 0
    assert Handler.most_held == 2


@pytest.mark.parametrize(
    "args",
    [["--concurrency", "0"], ["--timeout", "0"], ["--retries", "-1"], ["--report", "/no/such/dir/r.json"]],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    code, _, err = run("--content", str(SMALL / "content"), *args)
    assert code == 2
    assert err.startswith("chronology check-links: ")


def test_not_a_content_folder_is_a_usage_error(tmp_path: Path) -> None:
    assert run("--content", str(tmp_path))[0] == 2


def test_links_are_gathered_once_with_source_and_archive_citations() -> None:
    content, _ = Builder(SMALL / "content", THEME, Path(os.devnull)).load()
    links = gather_links(content)
    siege = links["https://example.org/siege"]
    assert [(c.event, c.role) for c in siege] == [
        ("1098-11-siege-begins", "source"),
        ("1098-12-12-siege-ends", "source"),
    ]
    archive = links["https://web.archive.org/web/2000/https://example.org/siege"]
    assert [(c.event, c.role) for c in archive] == [("1098-12-12-siege-ends", "archive")]
    assert len(links) == 5  # poet, siege, its archived copy, the French article, market
