"""What an editor waits for under ``mkdocs serve`` after saving one event file.

``python -m benchmarks.serve_rebuild MKDOCS_YML EVENT_FILE REPORT.json [--dirty]``

Replays what ``mkdocs.commands.serve.serve`` does, in one process: load the configuration with a
temporary ``site_dir`` and the serve URL, build; then, as the live-reload builder does on every
change, load the configuration again (new plugin instances, same module-level Builder cache) and
build again. Three builds are timed: the first (cold), one after EVENT_FILE's summary changed,
and one with nothing changed. ``--dirty`` replays ``mkdocs serve --dirty``; without it MkDocs
cleans the site folder before every build, exactly as plain ``mkdocs serve`` does.

The plugin's INFO line ("timeline: N events, R of P pages rendered, F files parsed") is captured
to report how much work each rebuild really did.
"""

from __future__ import annotations

import json
import logging
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


def edit_summary(event_file: Path) -> None:
    """Change one event's summary (and its size, so the mtime/size stamp surely changes)."""
    text = event_file.read_text(encoding="utf-8")
    edited = text.replace("summary: |\n  ", "summary: |\n  Edited during the benchmark. ", 1)
    if edited == text:
        raise SystemExit(f"{event_file} has no block summary to edit")
    event_file.write_text(edited, encoding="utf-8")


def cpu_seconds() -> float:
    """CPU of this process and its joined workers so far (the render pool forks)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed_build(
    config_file: Path, site_dir: str, serve_url: str, dirty: bool, catcher: ReportCatcher, first: bool = False
) -> dict[str, Any]:
    """One live-reload cycle: load the config (as serve's ``get_config``), build, time both."""
    cpu = cpu_seconds()
    started = time.perf_counter()
    config: MkDocsConfig = load_config(config_file=str(config_file), site_dir=site_dir)
    if first:
        config.plugins.on_startup(command="serve", dirty=dirty)
    config.site_url = serve_url
    loaded = time.perf_counter()
    build(config, serve_url=serve_url, dirty=dirty)
    done = time.perf_counter()
    return {
        "wall_s": done - started,
        "cpu_s": cpu_seconds() - cpu,
        "config_s": loaded - started,
        "build_s": done - loaded,
        **catcher.last,
    }


def main(argv: list[str]) -> int:
    """Cold build, edited rebuild, unchanged rebuild; JSON to the report path."""
    dirty = "--dirty" in argv
    config_file, event_file, report = (Path(a) for a in argv if a != "--dirty")
    catcher = ReportCatcher()
    plugin_log = logging.getLogger("mkdocs.plugins.timeline")
    plugin_log.setLevel(logging.INFO)
    plugin_log.addHandler(catcher)
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")
    serve_url = _serve_url("127.0.0.1", 8000, "/")
    try:
        cold = timed_build(config_file, site_dir, serve_url, dirty, catcher, first=True)
        edit_summary(event_file)
        edited = timed_build(config_file, site_dir, serve_url, dirty, catcher)
        unchanged = timed_build(config_file, site_dir, serve_url, dirty, catcher)
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
    figures = {"dirty": dirty, "cold": cold, "edited": edited, "unchanged": unchanged}
    report.write_text(json.dumps(figures), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
