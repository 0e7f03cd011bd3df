"""What an editor waits for under ``mkdocs serve`` after saving one event file.

``python -m benchmarks.serve_rebuild MKDOCS_YML EVENT_FILE REPORT.json [--dirty] [--profile]``

Replays what ``mkdocs.commands.serve.serve`` does, in one process: load the configuration with a
temporary ``site_dir`` and the serve URL, build; then, as the live-reload builder does on every
change, load the configuration again (new plugin instances, same module-level Builder cache) and
build again. Three builds are timed: the first (cold), one after EVENT_FILE's summary changed,
and one with nothing changed. ``--dirty`` replays ``mkdocs serve --dirty``; without it MkDocs
cleans the site folder before every build, exactly as plain ``mkdocs serve`` does.

The plugin's INFO line ("timeline: N events, R of P pages rendered, F files parsed") is captured
to report how much work each rebuild really did. For the edited cycle, ``page_s`` is the time from
the save to the edited event's page being on disk with the edit (its modification time), which is
what the editor waits for before the browser reloads; ``wall_s`` runs to the end of the cycle
(exports, search index, sitemap). ``--profile`` adds a fourth cycle, one more edit, under
cProfile, and writes its summary (the functions with the most cumulative and own time) to the
report: the fixed cost of a cycle is found there, not guessed.
"""

from __future__ import annotations

import cProfile
import json
import logging
import pstats
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import _serve_url

from .profile import function_name

_REPORT_LINE = re.compile(r"timeline: (\d+) events, (\d+) of (\d+) pages rendered, (\d+) files parsed")


class ReportCatcher(logging.Handler):
    """Keeps the plugin's last report line: the only outside view of pages rendered."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.last: dict[str, int] = {}

    def emit(self, record: logging.LogRecord) -> None:
        match = _REPORT_LINE.search(record.getMessage())
        if match:
            keys = ("events", "pages_rendered", "pages_planned", "files_parsed")
            self.last = dict(zip(keys, map(int, match.groups()), strict=True))


EDIT_MARK = "Edited during the benchmark."
PROFILE_TOP = 25


def edit_summary(event_file: Path) -> int:
    """Change one event's summary (and its size, so the mtime/size stamp surely changes);
    returns when the file was written (``time.time_ns``, the clock of file times)."""
    text = event_file.read_text(encoding="utf-8")
    edited = text.replace("summary: |\n  ", f"summary: |\n  {EDIT_MARK} ", 1)
    if edited == text:
        raise SystemExit(f"{event_file} has no block summary to edit")
    event_file.write_text(edited, encoding="utf-8")
    return event_file.stat().st_mtime_ns


def page_seconds(site_dir: str, event_file: Path, saved_ns: int) -> float | None:
    """Seconds from the save to the event's page on disk showing the edit; None if it does not."""
    page = Path(site_dir) / "events" / event_file.stem / "index.html"
    if not page.is_file() or EDIT_MARK not in page.read_text(encoding="utf-8"):
        return None
    return (page.stat().st_mtime_ns - saved_ns) / 1e9


def cpu_seconds() -> float:
    """CPU of this process and its joined workers so far (the render pool forks)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed_build(
    config_file: Path,
    site_dir: str,
    serve_url: str,
    dirty: bool,
    catcher: ReportCatcher,
    first: bool = False,
    profiler: cProfile.Profile | None = None,
) -> dict[str, Any]:
    """One live-reload cycle: load the config (as serve's ``get_config``), build, time both."""
    cpu = cpu_seconds()
    started = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    config: MkDocsConfig = load_config(config_file=str(config_file), site_dir=site_dir)
    if first:
        config.plugins.on_startup(command="serve", dirty=dirty)
    config.site_url = serve_url
    loaded = time.perf_counter()
    build(config, serve_url=serve_url, dirty=dirty)
    if profiler is not None:
        profiler.disable()
    done = time.perf_counter()
    return {
        "wall_s": done - started,
        "cpu_s": cpu_seconds() - cpu,
        "config_s": loaded - started,
        "build_s": done - loaded,
        **catcher.last,
    }


def profile_summary(profiler: cProfile.Profile, top: int = PROFILE_TOP) -> dict[str, Any]:
    """The profiled cycle's functions with the most cumulative time, and with the most own time."""
    entries: dict[Any, Any] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(value[2] for value in entries.values())

    def rows(column: int) -> list[dict[str, Any]]:
        ranked = sorted(entries.items(), key=lambda item: item[1][column], reverse=True)[:top]
        return [
            {
                "function": function_name(key),
                "calls": value[1],
                "own_s": round(value[2], 3),
                "cumulative_s": round(value[3], 3),
            }
            for key, value in ranked
        ]

    return {"total_s": round(total, 3), "cumulative": rows(3), "own": rows(2)}


def main(argv: list[str]) -> int:
    """Cold build, edited rebuild, unchanged rebuild (and a profiled edit); JSON to the report."""
    dirty, profiled = "--dirty" in argv, "--profile" in argv
    config_file, event_file, report = (Path(a) for a in argv if not a.startswith("--"))
    catcher = ReportCatcher()
    plugin_log = logging.getLogger("mkdocs.plugins.timeline")
    plugin_log.setLevel(logging.INFO)
    plugin_log.addHandler(catcher)
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")
    serve_url = _serve_url("127.0.0.1", 8000, "/")
    try:
        cold = timed_build(config_file, site_dir, serve_url, dirty, catcher, first=True)
        saved = edit_summary(event_file)
        edited = timed_build(config_file, site_dir, serve_url, dirty, catcher)
        edited["page_s"] = page_seconds(site_dir, event_file, saved)
        unchanged = timed_build(config_file, site_dir, serve_url, dirty, catcher)
        figures: dict[str, Any] = {"dirty": dirty, "cold": cold, "edited": edited, "unchanged": unchanged}
        if profiled:
            profiler = cProfile.Profile()
            edit_summary(event_file)
            figures["profiled"] = timed_build(
                config_file, site_dir, serve_url, dirty, catcher, profiler=profiler
            )
            figures["profile"] = profile_summary(profiler)
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
    report.write_text(json.dumps(figures), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
