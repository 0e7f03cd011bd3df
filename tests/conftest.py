"""Shared test set-up: paths, the golden-file update switch, and small content builders."""

from __future__ import annotations

import resource
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "theme"
SMALL = ROOT / "tests" / "fixtures" / "small"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/fixtures/small/expected/ from the current build instead of comparing",
    )


@pytest.fixture
def small_content(tmp_path: Path) -> Path:
    """A writable copy of the small fixture content folder."""
    target = tmp_path / "content"
    shutil.copytree(SMALL / "content", target)
    return target


@pytest.fixture
def write_event(small_content: Path) -> Callable[[str, str], Path]:
    """Write an event file into the copied fixture content and return its path."""

    def write(name: str, text: str) -> Path:
        path = small_content / "events" / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def _address_space_mib() -> int:
    """This process's virtual size now (Linux: VmSize in /proc/self/status)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) // 1024
    return 0


@pytest.fixture(autouse=True)
def memory_limit(request: pytest.FixtureRequest) -> Iterator[None]:
    """``@pytest.mark.memory_limit(MIB)``: the test may grow the process by at most MIB.

    Resource-exhaustion tests (alias bombs, huge files) run under this limit, so a regression
    fails with MemoryError instead of eating the machine's memory.
    """
    marker = request.node.get_closest_marker("memory_limit")
    if marker is None or not Path("/proc/self/status").exists():
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = (_address_space_mib() + int(marker.args[0])) * 1024 * 1024
    resource.setrlimit(
        resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard)
    )
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
