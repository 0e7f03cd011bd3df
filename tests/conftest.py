"""Shared test set-up: paths, the golden-file update switch, small content builders, and the
sites built once per session by MkDocs.

Generator tests use fixtures under tests/fixtures/ only; tests/content/ and
tests/browser/test_content_site.py check whatever is in content/ (see tests/README.md).
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.build import Builder, Content

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "theme"
CONTENT = ROOT / "content"  # only tests/content/ and tests/browser/test_content_site.py read it
FIXTURES = ROOT / "tests" / "fixtures"
SMALL = FIXTURES / "small"
TOWN = FIXTURES / "town"  # a realistic bilingual site of a fictional town, for whole-site tests


def mkdocs_build(project: Path, out: Path) -> Path:
    """``mkdocs build --strict`` in ``project`` into ``out``, as a reader's site is built."""
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"mkdocs build --strict failed in {project}:\n{done.stderr}"
    return out


def load_content(content_dir: Path) -> Content:
    """The events and timeline of a content folder, parsed and checked by the generator."""
    content, _ = Builder(content_dir, THEME, Path(os.devnull)).load()
    return content


@pytest.fixture(scope="session")
def town_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional town fixture (tests/fixtures/town) built by MkDocs, once per session."""
    return mkdocs_build(TOWN, tmp_path_factory.mktemp("town") / "site")


@pytest.fixture(scope="session")
def content_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's own site (whatever content/ holds) built by MkDocs, once per session."""
    return mkdocs_build(ROOT, tmp_path_factory.mktemp("content") / "site")


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


# ---- imports (tests/test_imports*.py) ----------------------------------------------------
@pytest.fixture
def empty_content(tmp_path: Path) -> Path:
    """The small fixture's timeline.yaml with no events: where imports land."""
    content = tmp_path / "content"
    shutil.copytree(SMALL / "content", content)
    for path in (content / "events").glob("*.yaml"):
        path.unlink()
    return content


ACLED_PLACES = """
  old-town-maarrat-an-nu-man-idleb-syria:
    name: Old town (Idleb, Syria)
  kaliganj-jhenaidah-khulna-bangladesh:
    name: Kaliganj (Khulna, Bangladesh)
  kaliganj-nadia-west-bengal-india:
    name: Kaliganj (West Bengal, India)
"""


@pytest.fixture
def acled_content(empty_content: Path) -> Path:
    """The small timeline with the places of the ACLED fixture, keyed by name, admin areas, country."""
    timeline = empty_content / "timeline.yaml"
    text = timeline.read_text(encoding="utf-8")
    timeline.write_text(text.replace("places:\n", "places:" + ACLED_PLACES, 1), encoding="utf-8")
    return empty_content
