"""Where the build's time goes: the core build under cProfile, on one worker.

``python -m benchmarks.profile CONTENT OUT [--top 15] [--json FILE]``

The benchmark runs this at one size and prints the summary beside its table, so an optimisation
is judged by the profile it changed, not by a guess. One worker (no forked render pool) keeps
every call in the one profiled process; the build's own stage timings (load, organise, render
and write, exports) are printed too. The summary lists the functions with the most time of
their own (``tottime``), which is where the work really is, and a few cumulative figures for
the calls that dominated the first profiles (Jinja's ``runtime.call``, markupsafe's escaping,
Markdown, nh3, YAML).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from generator.build import Builder, BuildOptions
from generator.theming import Theme

# cumulative time of these (file suffix, function name) pairs is reported by name
WATCHED = {
    "jinja2 runtime.call (macro/function calls from templates)": ("jinja2/runtime.py", "call"),
    "jinja2 macro bodies": ("jinja2/runtime.py", "_invoke"),
    "markupsafe escape": ("markupsafe/__init__.py", "escape"),
    "Markdown": ("markdown/core.py", "convert"),
    "nh3 clean": ("~", "<built-in method nh3.nh3.clean>"),
    "YAML load": ("yaml/__init__.py", "load"),
    "writing files": ("generator/write.py", "write_bytes"),
    "share images (drawing)": ("generator/share.py", "draw_card"),
    "place maps (layout)": ("generator/geo.py", "place_maps"),
}


def profile_build(content: Path, out: Path, top: int) -> dict[str, Any]:
    """Build ``content`` into ``out`` on one worker under cProfile; return the summary."""
    shutil.rmtree(out, ignore_errors=True)
    builder = Builder(content, Theme.with_overrides(), out, BuildOptions(workers=1), root=content.parent)
    # CPU time, not wall time: on a shared machine the wall clock also counts other processes
    profiler = cProfile.Profile(time.process_time)
    started, cpu = time.perf_counter(), time.process_time()
    profiler.enable()
    report = builder.build()
    profiler.disable()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    stats = pstats.Stats(profiler)
    entries: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = sum(value[2] for value in entries.values())
    rows = sorted(entries.items(), key=lambda item: item[1][2], reverse=True)[:top]
    functions = [
        {
            "function": function_name(key),
            "calls": value[1],
            "own_s": round(value[2], 3),
            "cumulative_s": round(value[3], 3),
            "own_share": round(value[2] / total, 3) if total else 0,
        }
        for key, value in rows
    ]
    watched = {}
    for label, (suffix, name) in WATCHED.items():
        hits = [v for k, v in entries.items() if k[0].endswith(suffix) and k[2] == name]
        watched[label] = {
            "calls": sum(v[1] for v in hits),
            "cumulative_s": round(sum(v[3] for v in hits), 3),
        }
    return {
        "events": report.events,
        "pages": report.pages_planned,
        "profiled_wall_s": round(wall, 3),
        "profiled_cpu_s": round(cpu, 3),
        "profiled_total_s": round(total, 3),
        "stages_s": {name: round(seconds, 3) for name, seconds in report.timings.items()},
        "top": functions,
        "watched": watched,
    }


def function_name(key: tuple[str, int, str]) -> str:
    """``jinja2/runtime.py:call`` rather than a full path: short enough for a table."""
    path, line, function = key
    if path == "~":
        return function
    parts = Path(path).parts
    short = "/".join(parts[-2:]) if len(parts) > 1 else path
    return f"{short}:{line}:{function}"


def format_profile(summary: dict[str, Any]) -> str:
    """The summary as the benchmark prints it."""
    stages = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in summary["stages_s"].items())
    lines = [
        f"profile: {summary['events']:,} events, {summary['pages']:,} pages, one worker, "
        f"{summary['profiled_cpu_s']:.2f} CPU s under cProfile (wall {summary['profiled_wall_s']:.2f} s; "
        f"stages, wall: {stages})",
        f"{'own s':>7}  {'share':>5}  {'cum s':>7}  {'calls':>9}  function",
    ]
    for row in summary["top"]:
        lines.append(
            f"{row['own_s']:7.2f}  {row['own_share']:5.1%}  {row['cumulative_s']:7.2f}  "
            f"{row['calls']:9,}  {row['function']}"
        )
    lines.append("watched (cumulative):")
    for label, figures in summary["watched"].items():
        lines.append(f"  {label}: {figures['cumulative_s']:.2f} s in {figures['calls']:,} calls")
    return "\n".join(lines)


def format_comparison(before: dict[str, Any], after: dict[str, Any]) -> str:
    """Two summaries side by side (an earlier commit's, saved with ``--json``, and this one's):
    the profiled CPU seconds, the watched figures and the heaviest functions of either."""
    label = f"{before.get('code_revision', 'before')} -> {after.get('code_revision', 'after')}"
    lines = [
        f"profile before/after ({label}): {before['events']:,} -> {after['events']:,} events, "
        f"CPU s under cProfile {before['profiled_cpu_s']:.2f} -> {after['profiled_cpu_s']:.2f} "
        f"({_change(before['profiled_cpu_s'], after['profiled_cpu_s'])})",
        f"{'before s':>9}  {'after s':>9}  {'change':>7}  cumulative",
    ]
    for name in {**before["watched"], **after["watched"]}:
        old, new = (side["watched"].get(name, {}).get("cumulative_s") for side in (before, after))
        lines.append(f"{_seconds(old)}  {_seconds(new)}  {_change(old, new):>7}  {name}")
    lines.append(f"{'before s':>9}  {'after s':>9}  {'change':>7}  own time")
    own_before, own_after = _own_times(before), _own_times(after)
    for name in sorted(
        {**own_before, **own_after}, key=lambda n: -max(own_before.get(n, 0), own_after.get(n, 0))
    ):
        old, new = own_before.get(name), own_after.get(name)
        lines.append(f"{_seconds(old)}  {_seconds(new)}  {_change(old, new):>7}  {name}")
    lines.append("(a function outside a side's top list shows '-' there: it cost less than its last row)")
    return "\n".join(lines)


def _seconds(value: float | None) -> str:
    return f"{value:9.2f}" if value is not None else f"{'-':>9}"


def _change(old: float | None, new: float | None) -> str:
    if not old or new is None:
        return "-"
    return f"{(new - old) / old:+.0%}"


def _own_times(summary: dict[str, Any]) -> dict[str, float]:
    """Own seconds of the top functions by file and name: line numbers move between commits."""
    times: dict[str, float] = {}
    for row in summary["top"]:
        parts = row["function"].split(":")
        name = f"{parts[0]}:{parts[-1]}" if len(parts) == 3 else row["function"]
        times[name] = times.get(name, 0.0) + row["own_s"]
    return times


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--before", type=Path, help="an earlier --json summary: print the change")
    args = parser.parse_args(argv)
    summary = profile_build(args.content, args.out, args.top)
    print(format_profile(summary))
    if args.before:
        print(format_comparison(json.loads(args.before.read_text(encoding="utf-8")), summary))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
