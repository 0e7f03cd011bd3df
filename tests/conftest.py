"""Shared test set-up: paths, the golden-file update switch, and small content builders."""

from __future__ import annotations

import shutil
from collections.abc import Callable
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
