"""``chronology archive``: preserve every cited page in the Internet Archive, and say so in the file.

Links rot; a war chronology's sources vanish faster than most. For each source without an
``archive_url``, this asks the Internet Archive's Save Page Now service to take a snapshot
(``GET <endpoint>/save/<url>``), then writes the snapshot's address into the event file as an
``archive_url:`` line right after the source's ``url:`` line. The edit is a text insertion, so
comments and layout stay as the editor wrote them, and the file is validated again after it:
an edit that would make the file invalid is undone and reported.

It is polite and resumable: one request every ``--delay`` seconds, and a state file records
each finished URL, so an interrupted run picks up where it stopped (and a URL cited by several
events is submitted once). ``--dry-run`` lists what would be submitted; ``--endpoint`` points
at another server (the tests use a local one). A progress bar is drawn on a terminal only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO
from urllib.parse import urljoin

from .content import read_content
from .load import load_yaml_file
from .validate import event_from_document

DEFAULT_ENDPOINT = "https://web.archive.org"
DEFAULT_STATE = Path(".chronology-archive.json")
USER_AGENT = "chronology-generator (source preservation; +https://github.com/)"


@dataclass(frozen=True)
class Citation:
    """One source without an archived copy: where its ``url:`` line is, and the address."""

    path: Path
    line: int  # of the url: line, 1-based
    index: int
    url: str


@dataclass
class ArchiveState:
    """What earlier runs finished: URL -> snapshot address. Saved after every submission."""

    path: Path
    done: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> ArchiveState:
        if not path.is_file():
            return cls(path)
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(path, {str(k): str(v) for k, v in data.get("done", {}).items()})

    def save(self) -> None:
        text = json.dumps({"done": dict(sorted(self.done.items()))}, indent=1, ensure_ascii=False) + "\n"
        self.path.write_text(text, encoding="utf-8")


class ArchiveError(Exception):
    """The service did not return a snapshot for a URL."""


def unarchived(content_dir: Path) -> list[Citation]:
    """Every source of every valid event that has no ``archive_url``, in file order."""
    content = read_content(content_dir)
    citations = []
    for event in sorted(content.events.values(), key=lambda e: e.path):
        positions = content.positions.get(event.id, {})
        for index, source in enumerate(event.sources):
            line = positions.get(f"sources[{index}].url", (0, 0))[0]
            if source.archive_url is None and line:
                citations.append(Citation(Path(event.path), line, index, source.url))
    return citations


def submit(url: str, endpoint: str, timeout: float) -> str:
    """Ask Save Page Now for a snapshot of ``url``; returns the snapshot's address.

    The service answers with the snapshot's path in ``Content-Location`` (or redirects to it).
    """
    request = urllib.request.Request(
        endpoint.rstrip("/") + "/save/" + url, headers={"User-Agent": USER_AGENT}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            location = str(response.headers.get("Content-Location") or "")
            final = str(response.geturl())
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise ArchiveError(str(getattr(error, "reason", error))) from None
    if location:
        return urljoin(endpoint.rstrip("/") + "/", location)
    if "/web/" in final:
        return final
    raise ArchiveError("the service answered without a snapshot address")


def insert_archive_url(path: Path, line: int, snapshot: str) -> str | None:
    """Insert ``archive_url: <snapshot>`` after the ``url:`` line ``line``, indented like it;
    validate the file again and undo the edit if it is no longer valid. Returns a problem."""
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    url_line = lines[line - 1]
    key = url_line.lstrip(" -")
    if not key.startswith("url:"):
        return f"{path}:{line}: expected the source's url: line, found {url_line.strip()!r}; not edited"
    indent = " " * (len(url_line) - len(key))
    ending = "\r\n" if url_line.endswith("\r\n") else "\n"
    lines.insert(line, f"{indent}archive_url: {snapshot}{ending}")
    path.write_text("".join(lines), encoding="utf-8")
    document = load_yaml_file(path, str(path))
    if event_from_document(document) is None:
        path.write_text(original, encoding="utf-8")
        reasons = "; ".join(p.message for p in document.problems)
        return f"{path}:{line}: the edit made the file invalid ({reasons}); undone"
    return None


class Progress:
    """A one-line progress bar on a terminal; silent when the output is a file or a pipe."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.stream = total, stream
        self.shown = stream.isatty() and total > 0

    def update(self, done: int, label: str) -> None:
        if self.shown:
            filled = int(30 * done / self.total)
            self.stream.write(f"\r[{'#' * filled}{' ' * (30 - filled)}] {done}/{self.total} {label[:40]:<40}")
            self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")


@dataclass
class ArchiveSettings:
    endpoint: str = DEFAULT_ENDPOINT
    delay: float = 5.0
    timeout: float = 120.0
    state: Path = DEFAULT_STATE


def run(
    content_dir: Path,
    settings: ArchiveSettings,
    dry_run: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    stream: TextIO | None = None,
) -> int:
    """Archive every unarchived source; 0 when every one has a snapshot written, else 1."""
    citations = unarchived(content_dir)
    urls = list(dict.fromkeys(c.url for c in citations))
    if dry_run:
        for citation in citations:
            print(f"would submit {citation.url} ({citation.path}:{citation.line})")
        print(f"{len(urls)} URL{'s' if len(urls) != 1 else ''} to submit, cited {len(citations)} times")
        return 0
    state = ArchiveState.load(settings.state)
    progress = Progress(len(urls), stream or sys.stderr)
    failures = _submit_all(urls, state, settings, sleep, progress)
    progress.close()
    written, problems = _write_back(citations, state)
    for message in [*failures, *problems]:
        print(message)
    print(f"{len(urls) - len(failures)} of {len(urls)} URLs archived; {written} archive_url lines written")
    return 1 if failures or problems else 0


def _submit_all(
    urls: list[str],
    state: ArchiveState,
    settings: ArchiveSettings,
    sleep: Callable[[float], None],
    progress: Progress,
) -> list[str]:
    failures = []
    first = True
    for number, url in enumerate(urls, start=1):
        progress.update(number - 1, url)
        if url in state.done:
            continue
        if not first:
            sleep(settings.delay)  # rate limit: one request every `delay` seconds
        first = False
        try:
            state.done[url] = submit(url, settings.endpoint, settings.timeout)
        except ArchiveError as error:
            failures.append(f"{url}: not archived: {error}")
            continue
        state.save()
    progress.update(len(urls), "done")
    return failures


def _write_back(citations: list[Citation], state: ArchiveState) -> tuple[int, list[str]]:
    """Insert the snapshots, from the bottom of each file up, so earlier line numbers hold.
    Returns how many lines were written, and what could not be."""
    written, problems = 0, []
    for citation in sorted(citations, key=lambda c: (str(c.path), -c.line)):
        snapshot = state.done.get(citation.url)
        if snapshot is not None:
            problem = insert_archive_url(citation.path, citation.line, snapshot)
            if problem:
                problems.append(problem)
            else:
                written += 1
    return written, problems


def add_arguments(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    archive = commands.add_parser(
        "archive", help="snapshot every source without archive_url in the Internet Archive and record it"
    )
    archive.add_argument("--content", type=Path, default=Path("content"), help="content folder")
    archive.add_argument(
        "--dry-run", action="store_true", help="list what would be submitted, change nothing"
    )
    archive.add_argument("--delay", type=float, default=5.0, help="seconds between requests (default 5)")
    archive.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for each snapshot")
    archive.add_argument(
        "--state", type=Path, default=DEFAULT_STATE, help="file recording finished URLs, to resume a run"
    )
    archive.add_argument("--endpoint", default=DEFAULT_ENDPOINT, help="the Save Page Now server")
    return archive
