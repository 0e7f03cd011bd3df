"""Run one module as ``python -m MODULE ARGS`` in this process, then report what it cost.

``python -m benchmarks._measure RESULT.json MODULE [ARGS...]``

The benchmark starts this wrapper in a fresh interpreter for every step, so imports and start-up
count as they do for a user. It runs the target in-process (``runpy``), so afterwards
``getrusage`` sees the target itself (``RUSAGE_SELF``) and every worker it forked and waited
for (``RUSAGE_CHILDREN``; multiprocessing pools join their workers on exit).

Memory: Linux ``ru_maxrss`` is per process, and for children it is the largest single child,
not a sum. ``peak_mib`` is therefore the largest single process (this one or one worker).
``peak_sum_mib`` adds this process's peak and the largest child's, as a coarse upper figure:
forked workers share pages with their parent copy-on-write and each counts them in its own RSS,
so it double-counts shared memory (but it is not a strict bound when several workers peak at
once). To see the real total, a thread also samples the proportional set size (PSS, shared
pages split between sharers) of this process and all its descendants every 50 ms:
``tree_pss_peak_mib`` is the largest such sum seen, i.e. the physical memory of the whole run.
"""

from __future__ import annotations

import json
import os
import resource
import runpy
import sys
import threading
import time
from pathlib import Path
from typing import Any


def run_module(module: str, args: list[str]) -> int:
    """Run ``module`` as ``__main__`` with ``args``; returns its exit status."""
    sys.argv = [module, *args]
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as exit_:
        code = exit_.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0


class TreeSampler(threading.Thread):
    """Samples the summed PSS of this process tree; the peak is the run's physical memory."""

    def __init__(self, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.peak_kib = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            self.peak_kib = max(self.peak_kib, sum(_pss_kib(pid) for pid in _tree(os.getpid())))

    def stop(self) -> float:
        """Stop sampling; returns the peak in MiB."""
        self.stopped.set()
        self.join()
        return self.peak_kib / 1024


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants, from /proc/<pid>/task/*/children (Linux)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo += [int(child) for child in task.read_text().split()]
            except OSError:
                continue
    return found


def _pss_kib(pid: int) -> int:
    """Proportional set size of one process in KiB; 0 if it has gone."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def usage() -> dict[str, Any]:
    """CPU seconds and peak RSS (MiB) of this process and its waited-for children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "cpu_self_s": own.ru_utime + own.ru_stime,
        "cpu_children_s": children.ru_utime + children.ru_stime,
        "cpu_s": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
        "maxrss_self_mib": own.ru_maxrss / 1024,
        "maxrss_children_mib": children.ru_maxrss / 1024,
        "peak_mib": max(own.ru_maxrss, children.ru_maxrss) / 1024,
        "peak_sum_mib": (own.ru_maxrss + children.ru_maxrss) / 1024,
    }


def main(argv: list[str]) -> int:
    """Measure, then write the figures as JSON (a file, so the target's output cannot mix in)."""
    if len(argv) < 2:
        print("usage: python -m benchmarks._measure RESULT.json MODULE [ARGS...]", file=sys.stderr)
        return 2
    result, module, args = Path(argv[0]), argv[1], argv[2:]
    sampler = TreeSampler()
    sampler.start()
    started = time.perf_counter()
    status = run_module(module, args)
    wall = time.perf_counter() - started
    figures = {"exit": status, "inner_wall_s": wall, "tree_pss_peak_mib": sampler.stop(), **usage()}
    result.write_text(json.dumps(figures), encoding="utf-8")
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
