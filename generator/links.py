"""``chronology check-links``: fetch every cited source and archive URL, report the dead ones.

Sources rot: articles move, sites close. This checks each distinct URL once (many events cite
the same article), politely (a few requests at a time, at most two per host, a User-Agent that
says who is asking), and patiently (timeouts, retries with backoff for errors that pass). It
never follows a redirect silently: a permanent one means the editor should update the link.
Only the standard library is used, so the checker adds no dependency to the site build.
"""

from __future__ import annotations

import http.client
import json
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import urljoin, urlsplit

from .content import Content
from .problems import errors
from .progress import Progress, format_seconds

USER_AGENT = "chronology-generator-link-checker/0.1 (checks the sources a chronology site cites; urllib)"
HEAD_REFUSED = frozenset({403, 405, 501})  # servers that dislike HEAD often answer GET
PERMANENT = frozenset({301, 308})
MAX_REDIRECTS = 5
PER_HOST = 2
READ_LIMIT = 4096  # a GET only needs the status; do not download whole pages


@dataclass(frozen=True)
class CheckSettings:
    concurrency: int = 8
    timeout: float = 15.0
    retries: int = 2
    backoff: float = 0.5  # seconds before the first retry; doubles each time


@dataclass(frozen=True, order=True)
class Citation:
    """An event that cites a URL, and whether as its source or as the archived copy."""

    event: str
    path: str
    role: str  # "source" or "archive"


@dataclass
class LinkResult:
    url: str
    status: int | None = None  # the last HTTP status seen (after redirects)
    final_url: str = ""
    redirects: list[tuple[int, str]] = field(default_factory=list)  # (status, target) per hop
    error: str = ""
    attempts: int = 0
    cited_by: list[Citation] = field(default_factory=list)

    @property
    def kind(self) -> str:
        if self.error or self.status is None or not 200 <= self.status < 300:
            return "broken"
        return "redirected" if self.redirects else "ok"

    @property
    def permanent(self) -> bool:
        """Every hop is 301/308: the old address is gone for good, so the link should change."""
        return bool(self.redirects) and all(status in PERMANENT for status, _ in self.redirects)

    @property
    def message(self) -> str:
        """What an editor should read: the error, or where the link now leads."""
        if self.error:
            return self.error
        if self.status is not None and self.status >= 400:
            return f"HTTP {self.status} {http.client.responses.get(self.status, '')}".rstrip()
        if not self.redirects:
            return f"HTTP {self.status}"
        hops = " ".join(str(status) for status, _ in self.redirects)
        if self.permanent:
            return f"moved permanently ({hops}) -> {self.final_url}: update the link"
        return f"redirected temporarily ({hops}) -> {self.final_url}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Turn redirects into HTTPErrors so that every hop is seen and recorded."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def gather_links(content: Content) -> dict[str, list[Citation]]:
    """Each distinct URL once, with every event that cites it (a URL is fetched only once)."""
    links: dict[str, set[Citation]] = {}
    for event in content.events.values():
        for source in event.sources:
            links.setdefault(source.url, set()).add(Citation(event.id, event.path, "source"))
            if source.archive_url:
                links.setdefault(source.archive_url, set()).add(Citation(event.id, event.path, "archive"))
    return {url: sorted(citations) for url, citations in sorted(links.items())}


class Checker:
    """Fetches URLs with bounded concurrency overall and per host."""

    def __init__(self, settings: CheckSettings) -> None:
        self.settings = settings
        self.opener = urllib.request.build_opener(_NoRedirect())
        self._hosts: dict[str, threading.Semaphore] = {}
        self._lock = threading.Lock()

    def check(self, url: str) -> LinkResult:
        """Follow up to MAX_REDIRECTS hops by hand, recording each, to the final status."""
        result = LinkResult(url, final_url=url)
        try:
            for _ in range(MAX_REDIRECTS + 1):
                status, location = self._with_retries(result.final_url, result)
                result.status = status
                if not (300 <= status < 400 and location):
                    return result
                result.final_url = urljoin(result.final_url, location)
                result.redirects.append((status, result.final_url))
            result.error = f"more than {MAX_REDIRECTS} redirects"
        except (OSError, http.client.HTTPException, ValueError) as error:
            result.error = describe(error, self.settings.timeout)
        return result

    def _with_retries(self, url: str, result: LinkResult) -> tuple[int, str | None]:
        """Retry what may pass (timeouts, dropped connections, 429, 5xx); a DNS failure will not."""
        retries = self.settings.retries
        for attempt in range(retries + 1):
            result.attempts += 1
            try:
                status, location = self._head_then_get(url)
            except (OSError, http.client.HTTPException) as error:
                if attempt == retries or _is_dns_failure(error):
                    raise
            else:
                if attempt == retries or not (status == 429 or status >= 500):
                    return status, location
            time.sleep(self.settings.backoff * 2**attempt)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _head_then_get(self, url: str) -> tuple[int, str | None]:
        status, location = self._request(url, "HEAD")
        if status in HEAD_REFUSED:
            status, location = self._request(url, "GET")
        return status, location

    def _request(self, url: str, method: str) -> tuple[int, str | None]:
        """One HTTP exchange, holding the host's slot so no site gets more than PER_HOST at once."""
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        with self._host_slot(url):
            try:
                with self.opener.open(request, timeout=self.settings.timeout) as response:
                    if method == "GET":
                        response.read(READ_LIMIT)
                    return int(response.status), None
            except urllib.error.HTTPError as error:
                location = error.headers.get("Location") if error.headers else None
                error.close()
                return error.code, location

    def _host_slot(self, url: str) -> threading.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            return self._hosts.setdefault(host, threading.Semaphore(PER_HOST))


def _is_dns_failure(error: BaseException) -> bool:
    reason = getattr(error, "reason", None)
    return isinstance(error, socket.gaierror) or isinstance(reason, socket.gaierror)


def describe(error: BaseException, timeout: float) -> str:
    """A short, human reason for a failed fetch ('connection refused', not a traceback)."""
    reason = getattr(error, "reason", error)
    if isinstance(reason, socket.gaierror):
        return f"DNS lookup failed: {reason.strerror or reason}"
    if isinstance(reason, TimeoutError):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, OSError) and reason.strerror:
        return f"connection error: {reason.strerror}"
    return f"{type(reason).__name__}: {reason}" if str(reason) else type(reason).__name__


def check_all(
    links: dict[str, list[Citation]], settings: CheckSettings, on_done: Callable[[], None] = lambda: None
) -> list[LinkResult]:
    """Check every URL concurrently; results come back sorted by URL whatever the finishing order."""
    checker = Checker(settings)
    results: list[LinkResult] = []
    with ThreadPoolExecutor(max_workers=settings.concurrency) as pool:
        futures = [pool.submit(checker.check, url) for url in links]
        for future in as_completed(futures):
            result = future.result()
            result.cited_by = links[result.url]
            results.append(result)
            on_done()
    return sorted(results, key=lambda r: r.url)


def summarise(results: Iterable[LinkResult]) -> dict[str, int]:
    results = list(results)
    counts = {kind: sum(r.kind == kind for r in results) for kind in ("ok", "redirected", "broken")}
    broken_events = {c.event for r in results if r.kind == "broken" for c in r.cited_by}
    return {"checked": len(results), **counts, "events_with_broken_links": len(broken_events)}


def summary_line(summary: dict[str, int]) -> str:
    events = summary["events_with_broken_links"]
    return (
        f"{summary['checked']} links checked: {summary['ok']} ok, {summary['redirected']} redirected, "
        f"{summary['broken']} broken (in {events} event{'s' if events != 1 else ''})"
    )


def format_result(result: LinkResult) -> str:
    label = {"broken": "BROKEN", "redirected": "MOVED" if result.permanent else "REDIRECT"}
    lines = [f"{label.get(result.kind, 'OK'):8} {result.url}", f"         {result.message}"]
    lines += [f"         cited by {c.event} ({c.path}) as {c.role}" for c in result.cited_by]
    return "\n".join(lines)


def report_json(results: list[LinkResult], summary: dict[str, int], content_errors: int) -> str:
    """Stable (sorted, no timestamps) so that two reports can be diffed."""
    records = [
        {
            "url": r.url,
            "result": r.kind,
            "status": r.status,
            "final_url": r.final_url,
            "redirects": [{"status": status, "url": target} for status, target in r.redirects],
            "error": r.error or None,
            "message": r.message,
            "attempts": r.attempts,
            "cited_by": [{"event": c.event, "path": c.path, "as": c.role} for c in r.cited_by],
        }
        for r in results
    ]
    document = {"summary": {**summary, "content_errors": content_errors}, "links": records}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def run(
    content: Content,
    settings: CheckSettings,
    report: Path | None = None,
    only_broken: bool = False,
    out: IO[str] | None = None,
    err: IO[str] | None = None,
) -> int:
    """The command: exit 1 if any link is broken; redirects are only warnings (exit 0)."""
    out, err = out or sys.stdout, err or sys.stderr
    content_errors = len(errors(content.problems))
    if content_errors:
        err.write(
            f"warning: the content has {content_errors} errors; checking the links of the "
            f"{len(content.events)} valid events only (run chronology validate)\n"
        )
    links = gather_links(content)
    progress = Progress("links", len(links), err)
    results = check_all(links, settings, progress.advance) if links else []
    progress.close()
    shown = ("broken",) if only_broken else ("broken", "redirected")
    for kind in shown:
        for result in (r for r in results if r.kind == kind):
            out.write(format_result(result) + "\n")
    summary = summarise(results)
    if report is not None:
        report.write_text(report_json(results, summary, content_errors), encoding="utf-8")
    out.write(f"{summary_line(summary)} in {format_seconds(progress.elapsed())}\n")
    return 1 if summary["broken"] else 0
