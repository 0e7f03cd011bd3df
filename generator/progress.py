"""Progress bars for long runs: a bar on a terminal, nothing at all in a log.

A build of 10,000 events or a check of a few thousand links takes long enough that someone at a
terminal wants to see it move; a CI log wants none of it (a carriage-return bar is one unreadable
line there). So a bar is drawn only when the stream is a terminal and ``CI`` is not set, and a
command always ends with one summary line of its own (counts and time) that reads the same in
both places. Any command can reuse it (``import``, ``archive``)::

    progress = Progress("links", total=len(urls))
    for url in urls:
        check(url)
        progress.advance()
    progress.close()
    print(f"{len(urls)} links checked in {format_seconds(progress.elapsed())}")

Standard library only; the bar is redrawn at most ten times a second, so advancing it once per
item costs nothing measurable even at 50,000 items.
"""

from __future__ import annotations

import os
import sys
import time
from typing import IO

WIDTH = 20  # characters of bar
REDRAW_SECONDS = 0.1


def wants_bar(stream: IO[str]) -> bool:
    """A bar only for a person at a terminal: not in CI, not into a file or a pipe."""
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def format_seconds(seconds: float) -> str:
    """``0.42 s``, ``12.3 s``, ``2 min 05 s``: precise when short, readable when long."""
    if seconds < 10:
        return f"{seconds:.2f} s"
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s"


class Progress:
    """Counts items done out of ``total`` and draws ``label [####------] done/total`` on a terminal.

    ``total`` may be 0 when unknown: the line then shows the count alone. ``enabled`` overrides
    the terminal test (tests pass True with a string stream). ``close`` ends the bar's line so
    what is printed next starts on a fresh one; calling it twice is harmless.
    """

    def __init__(
        self,
        label: str,
        total: int = 0,
        stream: IO[str] | None = None,
        enabled: bool | None = None,
    ) -> None:
        self.label, self.total, self.done = label, total, 0
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = wants_bar(self.stream) if enabled is None else enabled
        self.started = time.perf_counter()
        self._drawn_at = float("-inf")
        self._open = False

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self._drawn_at >= REDRAW_SECONDS or self.done >= self.total > 0:
            self._draw(now)

    def status(self, text: str) -> None:
        """What is happening before the counting starts (``reading content``), on the bar's line."""
        if self.enabled:
            self._open = True
            self.stream.write(f"\r{self.label}: {text} {format_seconds(self.elapsed())}\x1b[K")
            self.stream.flush()

    def set_total(self, total: int) -> None:
        """For work whose size is known only once it starts (pages, once the site is planned)."""
        self.total = total

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def close(self) -> None:
        if self.enabled and self._open:
            if self.done:  # the final count, which throttling may have skipped
                self._draw(time.perf_counter())
            self.stream.write("\n")
            self.stream.flush()
            self._open = False

    def _draw(self, now: float) -> None:
        self._drawn_at = now
        self._open = True
        self.stream.write("\r" + self.line() + "\x1b[K")  # clear what a longer line left behind
        self.stream.flush()

    def line(self) -> str:
        """The bar as text: ``pages [#####---------------] 2,500/10,000 3.1 s``."""
        took = format_seconds(self.elapsed())
        if self.total <= 0:
            return f"{self.label}: {self.done:,} {took}"
        filled = min(WIDTH, WIDTH * self.done // self.total)
        bar = "#" * filled + "-" * (WIDTH - filled)
        return f"{self.label} [{bar}] {self.done:,}/{self.total:,} {took}"
