"""Pytest fixtures for browser tests (Chromium via Playwright, axe-core, vnu.jar).

Missing tools make these tests SKIP with an install hint on a person's
machine, and FAIL when ``CI=true``. Helpers live in ``harness.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# Make `import harness` work under any --import-mode, not just the default.
_HERE = Path(__file__).resolve().parent
if str(_HERE) not in sys.path:
    sys.path.insert(0, str(_HERE))

import harness  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Browser

BROWSER_MARKER = "browser"


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``browser`` marker."""
    config.addinivalue_line(
        "markers",
        f"{BROWSER_MARKER}: needs Chromium/axe-core/vnu.jar (deselect with -m 'not browser')",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test collected under tests/browser/ with ``browser``."""
    for item in items:
        if _HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(BROWSER_MARKER)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """List the screenshots written during the run."""
    if harness.SCREENSHOTS_TAKEN:
        terminalreporter.write_sep("-", "screenshots")
        for path in harness.SCREENSHOTS_TAKEN:
            terminalreporter.write_line(str(path))


def _check(problem: str | None) -> None:
    if problem is not None:
        harness.skip_or_fail(problem)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium (/usr/bin/chromium) driven by Playwright, per session."""
    _check(harness.chromium_problem())
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        launched = harness.launch_browser(playwright)
        yield launched
        launched.close()
    finally:
        playwright.stop()


@pytest.fixture(scope="session")
def static_server() -> Iterator[harness.ServeFn]:
    """Factory: ``static_server(folder) -> base_url`` (ends in '/'); servers stop at session end.

    Serving the same folder twice reuses its server.
    """
    servers: dict[Path, harness.StaticServer] = {}

    def serve(folder: Path) -> str:
        root = Path(folder).resolve()
        if root not in servers:
            servers[root] = harness.serve_directory(root)
        return servers[root].base_url

    yield serve
    for server in servers.values():
        server.stop()


@pytest.fixture
def new_page(browser: Browser) -> Iterator[harness.PageFactory]:
    """Factory: ``new_page(viewport_width=1280, viewport_height=900) -> PageSession``.

    Each page gets its own context; all are closed after the test.
    """
    sessions: list[harness.PageSession] = []

    def open_page(
        viewport_width: int = 1280,
        viewport_height: int = harness.DEFAULT_VIEWPORT_HEIGHT,
    ) -> harness.PageSession:
        session = harness.new_page(browser, viewport_width, viewport_height)
        sessions.append(session)
        return session

    yield open_page
    for session in sessions:
        session.close()


@pytest.fixture(scope="session")
def axe() -> harness.AxeFn:
    """``axe(page, *, tags=None, disable_rules=()) -> violations``.

    Skips (fails in CI) if axe-core is missing.
    """
    _check(harness.axe_problem())
    return harness.run_axe


@pytest.fixture(scope="session")
def vnu() -> harness.VnuFn:
    """``vnu(paths, *, warnings=False) -> messages``: one java run over all paths.

    Skips (fails in CI) if vnu.jar or java is missing.
    """
    _check(harness.vnu_problem())
    return harness.run_vnu
