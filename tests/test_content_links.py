"""Nothing outside the content folder is read or published, whatever the link form, and raw
HTML or SVG from content/ is published only where the site's configuration allows it."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.content import ContentReader
from generator.rawfiles import UnsafeSvgError, sanitise_svg

from .conftest import SMALL

EVIL_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)">'
    '<script>alert(2)</script><circle cx="5" cy="5" r="4" fill="red" onclick="alert(3)"/>'
    '<a xlink:href="javascript:alert(4)"><rect width="2" height="2"/></a>'
    '<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/></foreignObject>'
    '<use href="https://evil.example/sprite.svg#x"/><use href="#ok"/>'
    '<rect style="fill:url(https://evil.example/x)" fill="url(#grad)" width="1" height="1"/></svg>'
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The small fixture site, plus a folder outside its content that holds a secret."""
    root = tmp_path / "project"
    shutil.copytree(SMALL, root, ignore=shutil.ignore_patterns("expected"))
    outside = tmp_path / "outside"
    (outside / "events").mkdir(parents=True)
    (outside / "secret.txt").write_text("the build machine's secret\n")
    (outside / "leak.md").write_text("---\ntitle: Leak\n---\n\nthe secret page\n")
    event = next((root / "content" / "events").glob("*.yaml"))
    (outside / "events" / "2020-01-01-outside.yaml").write_text(event.read_text())
    return root


def mkdocs_build(root: Path, monkeypatch: pytest.MonkeyPatch, extra: str = "") -> Path:
    monkeypatch.chdir(root)
    config_file = root / "mkdocs.yml"
    if extra:
        text = config_file.read_text()
        config_file.write_text(text.replace("      per_page: 2\n", "      per_page: 2\n" + extra))
    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return root / "site"


def published(site: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in site.rglob("*") if p.is_file())


@pytest.mark.parametrize("absolute", [True, False])
def test_linked_folder_in_events_is_skipped_with_a_warning(project: Path, absolute: bool) -> None:
    outside = project.parent / "outside" / "events"
    link = project / "content" / "events" / "more"
    link.symlink_to(outside if absolute else Path("../../../outside/events"))
    content, _ = ContentReader(project / "content", project).read()
    assert "2020-01-01-outside" not in content.events
    warnings = [p for p in content.problems if p.path == "content/events/more"]
    assert len(warnings) == 1 and "symbolic link" in warnings[0].message


def test_link_inside_the_content_folder_is_skipped_too(project: Path) -> None:
    """Nested links are not followed even when they stay inside: an event must not count twice."""
    (project / "content" / "events" / "again").symlink_to(Path("."))
    content, _ = ContentReader(project / "content", project).read()
    assert any(p.path == "content/events/again" for p in content.problems)
    assert not any("same id" in p.message for p in content.problems)


def test_content_folder_linked_outside_the_project_is_refused(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.move(project / "content", elsewhere)
    (project / "content").symlink_to(elsewhere)
    content, _ = ContentReader(project / "content", project).read()
    assert content.events == {} and content.timeline is None
    (problem,) = content.problems
    assert problem.path == "content" and "outside the project" in problem.message


def test_linked_pages_folder_publishes_nothing_from_outside(
    project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    pages = project / "content" / "pages"
    shutil.rmtree(pages)
    pages.symlink_to(project.parent / "outside")
    caplog.set_level(logging.WARNING)
    site = mkdocs_build(project, monkeypatch)
    text = published(site)
    assert "the build machine's secret" not in text and "the secret page" not in text
    assert "content/pages" in caplog.text and "symbolic link" in caplog.text


@pytest.mark.parametrize("kind", ["folder", "file", "relative-file"])
def test_links_among_the_pages_publish_nothing_from_outside(
    project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, kind: str
) -> None:
    pages = project / "content" / "pages"
    outside = project.parent / "outside"
    if kind == "folder":
        (pages / "files").symlink_to(outside)
    elif kind == "file":
        (pages / "secret.txt").symlink_to(outside / "secret.txt")
    else:
        (pages / "secret.txt").symlink_to(Path("../../../outside/secret.txt"))
    caplog.set_level(logging.WARNING)
    site = mkdocs_build(project, monkeypatch)
    assert "the build machine's secret" not in published(site)
    assert "is not published" in caplog.text and "symbolic link" in caplog.text


def test_raw_html_and_svg_are_not_published_by_default(
    project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    pages = project / "content" / "pages"
    (pages / "evil.html").write_text("<script>alert(1)</script>")
    (pages / "evil.svg").write_text(EVIL_SVG)
    (pages / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    caplog.set_level(logging.WARNING)
    site = mkdocs_build(project, monkeypatch)
    assert not (site / "evil.html").exists() and not (site / "evil.svg").exists()
    assert (site / "map.png").read_bytes() == b"\x89PNG\r\n\x1a\n"  # an ordinary image is published
    assert "content/pages/evil.html is not published: raw HTML" in caplog.text
    assert "content/pages/evil.svg is not published: SVG" in caplog.text


def test_allowed_svg_is_sanitised_and_allowed_html_published(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = project / "content" / "pages"
    (pages / "evil.svg").write_text(EVIL_SVG)
    (pages / "note.html").write_text("<p>kept as written</p>")
    site = mkdocs_build(project, monkeypatch, "      allow_svg: true\n      allow_raw_html: true\n")
    svg = (site / "evil.svg").read_text()
    for needle in ("script", "onload", "onclick", "javascript", "foreignObject", "iframe", "evil.example"):
        assert needle not in svg, needle
    assert 'r="4"' in svg and 'href="#ok"' in svg and 'fill="url(#grad)"' in svg
    assert (site / "note.html").read_text() == "<p>kept as written</p>"


@pytest.mark.parametrize(
    "data",
    [
        b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
        b"<html><body>not svg</body></html>",
        b"<svg",
    ],
)
def test_svg_that_is_not_plain_svg_is_refused(data: bytes) -> None:
    with pytest.raises(UnsafeSvgError):
        sanitise_svg(data)
