"""Helpers for browser-level tests of the generated site.

Everything here is plain functions and small dataclasses, usable with or
without pytest fixtures (see ``conftest.py`` for the fixtures built on them).

Tooling (see the developer guide):

* Debian's ``chromium`` (``/usr/bin/chromium``) driven by Playwright for
  Python. Never run ``playwright install``.
* axe-core from ``node_modules/axe-core/axe.min.js`` for accessibility.
* The Nu HTML checker from ``node_modules/vnu-jar/build/dist/vnu.jar``, run
  with the machine's ``java``.

Playwright is imported lazily so that importing this module (and therefore
collecting the test suite) works even where Playwright is not installed.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypedDict

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request

REPO_ROOT: Path = Path(__file__).resolve().parents[2]
NODE_MODULES: Path = REPO_ROOT / "node_modules"
AXE_SCRIPT: Path = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR: Path = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
DEFAULT_SCREENSHOT_DIR: Path = REPO_ROOT / "tests" / "screenshots"

CHROMIUM_PATH: str = "/usr/bin/chromium"
# Without these flags Chromium stalls on a machine with no network.
CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
DEFAULT_VIEWPORT_HEIGHT: int = 900
# The screens the layout tests check: a desktop, a common phone, and the narrowest phone we support.
DESKTOP: tuple[int, int] = (1280, 800)
PHONE: tuple[int, int] = (390, 844)
SMALL_PHONE: tuple[int, int] = (320, 640)
VIEWPORTS: tuple[tuple[int, int], ...] = (DESKTOP, PHONE, SMALL_PHONE)
VNU_TIMEOUT_SECONDS: float = 600.0

INSTALL_CHROMIUM: str = (
    "Chromium not found at /usr/bin/chromium. Install Debian's package: "
    "`sudo apt-get update && sudo apt-get install -y --no-install-recommends "
    "chromium fonts-dejavu-core`. Do NOT run `playwright install`."
)
INSTALL_PLAYWRIGHT: str = (
    "Python package `playwright` is not installed. Install the test extra: "
    "`.venv/bin/pip install -e '.[test]'` (do NOT run `playwright install`)."
)
INSTALL_NODE_MODULES: str = (
    "{what} not found. Install the npm test tools from the repository root: "
    "`npm ci --ignore-scripts` (needs node and npm: "
    "`sudo apt-get install -y nodejs npm`)."
)
INSTALL_JAVA: str = (
    "`java` not found (needed by the Nu HTML checker). Install it: "
    "`sudo apt-get install -y default-jre-headless`."
)


# --------------------------------------------------------------------------
# Prerequisites
# --------------------------------------------------------------------------


class MissingPrerequisite(RuntimeError):
    """A tool the browser tests need is not installed; the message says how to get it."""


def in_ci() -> bool:
    """Return True when running under CI (environment variable ``CI=true``)."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def chromium_problem() -> str | None:
    """Return an install hint if Playwright or Chromium is missing, else None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return INSTALL_PLAYWRIGHT
    if not os.access(CHROMIUM_PATH, os.X_OK):
        return INSTALL_CHROMIUM
    return None


def axe_problem() -> str | None:
    """Return an install hint if axe-core's script is missing, else None."""
    if not AXE_SCRIPT.is_file():
        return INSTALL_NODE_MODULES.format(what=str(AXE_SCRIPT))
    return None


def vnu_problem() -> str | None:
    """Return an install hint if vnu.jar or java is missing, else None."""
    if not VNU_JAR.is_file():
        return INSTALL_NODE_MODULES.format(what=str(VNU_JAR))
    if shutil.which("java") is None:
        return INSTALL_JAVA
    return None


def skip_or_fail(reason: str) -> NoReturn:
    """Skip the current test with ``reason``, or fail it when running in CI (CI=true)."""
    if in_ci():
        pytest.fail(f"CI=true, so a missing tool is a failure: {reason}", pytrace=False)
    pytest.skip(reason)


def _require(problem: str | None) -> None:
    if problem is not None:
        raise MissingPrerequisite(problem)


# --------------------------------------------------------------------------
# Browser
# --------------------------------------------------------------------------


def launch_browser(playwright: Playwright) -> Browser:
    """Launch Debian's headless Chromium through an already started Playwright."""
    _require(chromium_problem())
    return playwright.chromium.launch(
        headless=True,
        executable_path=CHROMIUM_PATH,
        args=list(CHROMIUM_ARGS),
    )


@dataclass
class PageSession:
    """A page in its own browser context, plus everything it reported as an error.

    ``errors`` collects console messages of type ``error``, uncaught page
    errors (exceptions) and failed requests, each as one readable string.
    The 404 of Chromium's own automatic ``/favicon.ico`` request is ignored.
    """

    page: Page
    errors: list[str] = field(default_factory=list)

    def goto(self, url: str) -> None:
        """Navigate to ``url`` and fail loudly on an HTTP error status."""
        response = self.page.goto(url)
        if response is not None and not response.ok:
            raise AssertionError(f"GET {url} returned HTTP {response.status}")

    def close(self) -> None:
        """Close the page's browser context."""
        self.page.context.close()


def new_page(
    browser: Browser,
    viewport_width: int = 1280,
    viewport_height: int = DEFAULT_VIEWPORT_HEIGHT,
) -> PageSession:
    """Open a page in a fresh context with the given viewport, recording errors."""
    context = browser.new_context(viewport={"width": viewport_width, "height": viewport_height})
    session = PageSession(page=context.new_page())
    _record_errors(session)
    return session


def _record_errors(session: PageSession) -> None:
    def on_console(message: ConsoleMessage) -> None:
        location = message.location.get("url", "")
        if message.type == "error" and not _is_implicit_favicon(location):
            session.errors.append(f"console.error: {message.text} ({location})")

    def on_page_error(error: Exception) -> None:
        session.errors.append(f"pageerror: {error}")

    def on_request_failed(request: Request) -> None:
        if request.failure == "net::ERR_ABORTED":
            return  # cancelled by a navigation away from the page, not a broken resource
        session.errors.append(f"requestfailed: {request.url} ({request.failure})")

    session.page.on("console", on_console)
    session.page.on("pageerror", on_page_error)
    session.page.on("requestfailed", on_request_failed)


def _is_implicit_favicon(url: str) -> bool:
    """Chromium asks for /favicon.ico by itself, after ``load``; its 404 is noise."""
    return urllib.parse.urlparse(url).path == "/favicon.ico"


# --------------------------------------------------------------------------
# Static file server
# --------------------------------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler that does not log every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        """Discard the access log line."""


@dataclass
class StaticServer:
    """A ThreadingHTTPServer serving one folder on 127.0.0.1 in a daemon thread."""

    root: Path
    httpd: http.server.ThreadingHTTPServer
    thread: threading.Thread

    @property
    def base_url(self) -> str:
        """URL of the served folder, ending in a slash."""
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}/"

    def url(self, relative: str = "") -> str:
        """Absolute URL of ``relative`` (a path inside the served folder)."""
        return self.base_url + relative.lstrip("/")

    def stop(self) -> None:
        """Shut the server down and wait for its thread."""
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


def serve_directory(path: Path) -> StaticServer:
    """Serve ``path`` over HTTP on 127.0.0.1 with a free port; call ``.stop()`` when done."""
    root = Path(path).resolve()
    if not root.is_dir():
        raise NotADirectoryError(f"cannot serve {root}: not a directory")
    handler = functools.partial(QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name=f"static-server:{root.name}", daemon=True)
    thread.start()
    return StaticServer(root=root, httpd=httpd, thread=thread)


# --------------------------------------------------------------------------
# axe-core
# --------------------------------------------------------------------------


class AxeNode(TypedDict):
    """One element that failed an axe rule."""

    target: list[Any]
    html: str
    failureSummary: str


class AxeViolation(TypedDict):
    """One failed axe rule with the elements that failed it."""

    id: str
    impact: str | None
    help: str
    helpUrl: str
    nodes: list[AxeNode]


_AXE_RUN_JS = """
async (options) => {
  const results = await axe.run(document, options);
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target,
      html: n.html,
      failureSummary: n.failureSummary || "",
    })),
  }));
}
"""


def run_axe(
    page: Page,
    *,
    tags: Sequence[str] | None = None,
    disable_rules: Sequence[str] = (),
) -> list[AxeViolation]:
    """Inject axe-core into ``page`` and return ``axe.run()``'s violations.

    ``tags`` limits the rules (e.g. ``["wcag2a", "wcag2aa"]``); by default all
    non-experimental rules run, best practices included. ``disable_rules``
    turns single rules off by id.
    """
    _require(axe_problem())
    page.add_script_tag(path=str(AXE_SCRIPT))
    options: dict[str, Any] = {}
    if tags:
        options["runOnly"] = {"type": "tag", "values": list(tags)}
    if disable_rules:
        options["rules"] = {rule: {"enabled": False} for rule in disable_rules}
    violations: list[AxeViolation] = page.evaluate(_AXE_RUN_JS, options)
    return violations


def format_axe_violations(violations: Sequence[AxeViolation], url: str = "") -> str:
    """Render axe violations as a readable multi-line assertion message."""
    if not violations:
        return f"no accessibility violations{f' on {url}' if url else ''}"
    lines = [f"{len(violations)} accessibility violation(s){f' on {url}' if url else ''}:"]
    for violation in violations:
        lines.append(
            f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            target = ", ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {node['html'][:200]}")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Nu HTML checker (vnu.jar)
# --------------------------------------------------------------------------


class VnuMessage(TypedDict):
    """One message of the Nu HTML checker, reduced to what a test reports."""

    url: str
    type: str
    subType: str
    line: int | None
    column: int | None
    message: str
    extract: str


def run_vnu(paths: Sequence[Path], *, warnings: bool = False) -> list[VnuMessage]:
    """Check many HTML files with one ``java -jar vnu.jar`` run; return its messages.

    Only errors (and non-document errors such as an unreadable file) are
    returned unless ``warnings`` is True. A folder in ``paths`` is checked
    recursively, skipping non-HTML files.
    """
    _require(vnu_problem())
    if not paths:
        return []
    completed = subprocess.run(
        _vnu_command(paths, warnings=warnings),
        capture_output=True,
        text=True,
        timeout=VNU_TIMEOUT_SECONDS,
        check=False,
    )
    return _parse_vnu_output(completed.stdout, completed.stderr)


def _vnu_command(paths: Sequence[Path], *, warnings: bool) -> list[str]:
    command = ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout"]
    if not warnings:
        command.append("--errors-only")
    if any(Path(p).is_dir() for p in paths):
        command.append("--skip-non-html")
    command.extend(str(Path(p).resolve()) for p in paths)
    return command


def _parse_vnu_output(stdout: str, stderr: str) -> list[VnuMessage]:
    try:
        raw = json.loads(stdout)
    except json.JSONDecodeError as error:
        raise RuntimeError(
            f"vnu.jar printed no JSON ({error}).\nstdout: {stdout[:2000]}\nstderr: {stderr[:2000]}"
        ) from error
    return [_vnu_message(item) for item in raw.get("messages", [])]


def _vnu_message(item: dict[str, Any]) -> VnuMessage:
    return VnuMessage(
        url=str(item.get("url", "")),
        type=str(item.get("type", "")),
        subType=str(item.get("subType", "")),
        line=item.get("lastLine"),
        column=item.get("firstColumn", item.get("lastColumn")),
        message=str(item.get("message", "")),
        extract=str(item.get("extract", "")),
    )


def vnu_messages_for(messages: Sequence[VnuMessage], path: Path) -> list[VnuMessage]:
    """Return the messages of one checked file (matched by its file: URL)."""
    target = Path(path).resolve()
    return [m for m in messages if vnu_message_path(m) == target]


def vnu_message_path(message: VnuMessage) -> Path | None:
    """The local file a message is about (vnu writes ``file:/abs/path``), or None."""
    parsed = urllib.parse.urlparse(message["url"])
    if parsed.scheme != "file":
        return None
    return Path(urllib.parse.unquote(parsed.path))


def format_vnu_messages(messages: Sequence[VnuMessage]) -> str:
    """Render vnu messages as readable ``file:line:column: message`` lines."""
    if not messages:
        return "no HTML validation messages"
    lines = [f"{len(messages)} HTML validation message(s):"]
    for message in messages:
        location = _display_path(message)
        if message["line"] is not None:
            location += f":{message['line']}:{message['column'] or 0}"
        kind = message["subType"] or message["type"]
        lines.append(f"- {location}: {kind}: {message['message']}")
        if message["extract"]:
            lines.append(f"    {message['extract'].strip()[:200]!r}")
    return "\n".join(lines)


def _display_path(message: VnuMessage) -> str:
    path = vnu_message_path(message)
    if path is None:
        return message["url"]
    try:
        return str(path.relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------
# Screenshots
# --------------------------------------------------------------------------

SCREENSHOTS_TAKEN: list[Path] = []
"""Every screenshot written in this process, in order (listed at session end)."""


def screenshot_dir() -> Path:
    """Folder for screenshots: ``$SCREENSHOT_DIR`` or ``tests/screenshots/``."""
    configured = os.environ.get("SCREENSHOT_DIR", "").strip()
    return Path(configured) if configured else DEFAULT_SCREENSHOT_DIR


def screenshot(page: Page, name: str, width: int | None = None) -> Path:
    """Save a full-page PNG of ``page`` as ``<name>-<width>px.png`` and return its path.

    If ``width`` differs from the page's viewport, the viewport is resized to
    that width first (height kept). The path is printed and recorded in
    ``SCREENSHOTS_TAKEN``.
    """
    viewport = page.viewport_size or {"width": 1280, "height": DEFAULT_VIEWPORT_HEIGHT}
    if width is not None and width != viewport["width"]:
        page.set_viewport_size({"width": width, "height": viewport["height"]})
    used_width = width if width is not None else viewport["width"]
    folder = screenshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{_safe_name(name)}-{used_width}px.png"
    page.screenshot(path=str(path), full_page=True)
    SCREENSHOTS_TAKEN.append(path)
    print(f"screenshot: {path}")
    return path


def _safe_name(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")
    return cleaned or "page"


# --------------------------------------------------------------------------
# Types of the conftest fixtures (for annotating test functions)
# --------------------------------------------------------------------------

ServeFn = Callable[[Path], str]
"""``static_server`` fixture: folder -> base URL ending in '/'."""
PageFactory = Callable[..., PageSession]
"""``new_page`` fixture: (viewport_width=1280, viewport_height=900) -> PageSession."""
AxeFn = Callable[..., list[AxeViolation]]
"""``axe`` fixture: (page, *, tags=None, disable_rules=()) -> violations."""
VnuFn = Callable[..., list[VnuMessage]]
"""``vnu`` fixture: (paths, *, warnings=False) -> messages."""
