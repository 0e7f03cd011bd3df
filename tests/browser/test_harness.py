"""Self-tests of the browser harness against a tiny fixture site."""

from __future__ import annotations

import struct
from pathlib import Path

import harness
import pytest

pytestmark = pytest.mark.browser

SITE = Path(__file__).resolve().parent / "fixtures" / "harness_site"
GOOD = SITE / "index.html"
MISSING_ALT = SITE / "missing-alt.html"
INVALID = SITE / "invalid.html"


def _open(new_page: harness.PageFactory, base_url: str, name: str, width: int = 1280) -> harness.PageSession:
    session = new_page(width)
    session.goto(base_url + name)
    return session


# --- static server -------------------------------------------------------


def test_static_server_serves_folder_index_and_assets(
    static_server: harness.ServeFn, new_page: harness.PageFactory
) -> None:
    base_url = static_server(SITE)
    assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/")
    session = _open(new_page, base_url, "")
    assert session.page.title() == "Harness fixture: good page"
    assert session.page.evaluate("document.querySelector('img').naturalWidth") == 40


def test_static_server_reuses_server_per_folder(static_server: harness.ServeFn) -> None:
    assert static_server(SITE) == static_server(SITE)


# --- error capture -------------------------------------------------------


def test_good_page_has_no_errors(static_server: harness.ServeFn, new_page: harness.PageFactory) -> None:
    session = _open(new_page, static_server(SITE), "index.html")
    assert session.errors == []


def test_implicit_favicon_404_is_not_an_error(
    static_server: harness.ServeFn, new_page: harness.PageFactory
) -> None:
    session = _open(new_page, static_server(SITE), "missing-alt.html")  # declares no icon
    session.page.wait_for_load_state("networkidle")
    assert session.errors == []


def test_console_and_page_errors_are_captured(
    static_server: harness.ServeFn, new_page: harness.PageFactory
) -> None:
    session = _open(new_page, static_server(SITE), "throws.html")
    joined = "\n".join(session.errors)
    assert "console.error: fixture console error" in joined
    assert "pageerror: " in joined and "fixture uncaught error" in joined


def test_missing_resource_is_captured(static_server: harness.ServeFn, new_page: harness.PageFactory) -> None:
    session = _open(new_page, static_server(SITE), "index.html")
    load_missing_image = (
        "() => new Promise((done) => { const img = new Image(); img.onerror = done; img.src = 'nope.png'; })"
    )
    session.page.evaluate(load_missing_image)
    assert any("404" in error for error in session.errors), session.errors


# --- axe-core ------------------------------------------------------------


def test_axe_finds_no_violation_on_good_page(
    static_server: harness.ServeFn, new_page: harness.PageFactory, axe: harness.AxeFn
) -> None:
    session = _open(new_page, static_server(SITE), "index.html")
    violations = axe(session.page)
    assert violations == [], harness.format_axe_violations(violations, session.page.url)


def test_axe_finds_image_alt_on_bad_page(
    static_server: harness.ServeFn, new_page: harness.PageFactory, axe: harness.AxeFn
) -> None:
    session = _open(new_page, static_server(SITE), "missing-alt.html")
    violations = axe(session.page)
    assert "image-alt" in {v["id"] for v in violations}
    message = harness.format_axe_violations(violations, session.page.url)
    assert "image-alt" in message and "img" in message


def test_axe_rules_can_be_disabled(
    static_server: harness.ServeFn, new_page: harness.PageFactory, axe: harness.AxeFn
) -> None:
    session = _open(new_page, static_server(SITE), "missing-alt.html")
    violations = axe(session.page, disable_rules=["image-alt"])
    assert "image-alt" not in {v["id"] for v in violations}


# --- vnu.jar -------------------------------------------------------------


@pytest.fixture(scope="module")
def vnu_results(vnu: harness.VnuFn) -> list[harness.VnuMessage]:
    """One java run over all fixture pages."""
    return vnu([GOOD, MISSING_ALT, INVALID])


def test_vnu_accepts_good_page(vnu_results: list[harness.VnuMessage]) -> None:
    messages = harness.vnu_messages_for(vnu_results, GOOD)
    assert messages == [], harness.format_vnu_messages(messages)
    assert harness.vnu_messages_for(vnu_results, MISSING_ALT), "file matching is broken"


def test_vnu_reports_invalid_page(vnu_results: list[harness.VnuMessage]) -> None:
    messages = harness.vnu_messages_for(vnu_results, INVALID)
    assert len(messages) >= 1
    report = harness.format_vnu_messages(messages)
    assert "invalid.html:" in report
    assert all(m["line"] is not None for m in messages), report


def test_vnu_checks_a_folder(vnu: harness.VnuFn) -> None:
    files_with_errors = {m["url"].rsplit("/", 1)[-1] for m in vnu([SITE])}
    assert files_with_errors == {"missing-alt.html", "invalid.html"}


# --- screenshots ---------------------------------------------------------


def test_screenshot_writes_png_at_requested_width(
    static_server: harness.ServeFn,
    new_page: harness.PageFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SCREENSHOT_DIR", str(tmp_path))
    session = _open(new_page, static_server(SITE), "index.html")
    path = harness.screenshot(session.page, "harness good/page", 375)
    assert path == tmp_path / "harness-good-page-375px.png"
    assert path in harness.SCREENSHOTS_TAKEN
    width, _height = _png_size(path)
    assert width == 375


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


# --- skip/fail policy (no browser needed) -------------------------------


def test_missing_tool_skips_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception, match="apt-get install"):
        harness.skip_or_fail(harness.INSTALL_CHROMIUM)


def test_missing_tool_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="apt-get install"):
        harness.skip_or_fail(harness.INSTALL_CHROMIUM)


def test_install_hints_name_the_commands() -> None:
    assert "npm ci" in harness.INSTALL_NODE_MODULES
    assert "default-jre-headless" in harness.INSTALL_JAVA
    assert "playwright install" in harness.INSTALL_CHROMIUM  # as a warning not to
