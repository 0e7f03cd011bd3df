"""The plugin inside someone else's MkDocs site: Material, MkDocs' own theme, a prefix, overrides.

A newsroom adds the chronology to the documentation site it already has. Its own pages, its
navigation and its search must survive; the chronology lives under ``prefix`` with the packaged
timeline templates, links back to the host's home, and the build passes ``--strict``.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from .conftest import SMALL

EVENT_ID = "2020-01-29-market-reopens"


def host_project(tmp_path: Path, theme: str, prefix: str | None = "timeline/", extra: str = "") -> Path:
    """A documentation site with two ordinary pages, search, and the timeline plugin."""
    project = tmp_path / "host"
    shutil.copytree(SMALL / "content", project / "content")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Welcome\n\nThe newsroom's guide to its archive.\n")
    (project / "docs" / "guide.md").write_text("# Style guide\n\nWe attribute every casualty figure.\n")
    plugin = "  - timeline:\n      content_dir: content\n      per_page: 2\n"
    if prefix is not None:
        plugin += f"      prefix: {prefix}\n"
    (project / "mkdocs.yml").write_text(
        textwrap.dedent(
            f"""\
            site_name: Newsroom archive
            site_url: https://example.org/archive/
            theme:
              name: {theme}
            nav:
              - Home: index.md
              - Style guide: guide.md
            plugins:
              - search
            """
        )
        + plugin
        + extra
    )
    return project


def build_site(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return project / "site"


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_host_pages_nav_and_search_survive_beside_the_chronology(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, theme: str
) -> None:
    site = build_site(host_project(tmp_path, theme), monkeypatch)

    home = (site / "index.html").read_text()
    guide = (site / "guide" / "index.html").read_text()
    assert "The newsroom" in home and "We attribute every casualty figure" in guide
    assert "Style guide" in home  # the host's navigation
    index = json.loads((site / "search" / "search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert {"", "guide/"} <= locations  # the host's search still indexes its pages

    chronology = (site / "timeline" / "index.html").read_text()
    assert 'class="site-header"' in chronology  # the packaged timeline templates
    assert (site / "timeline" / "events" / EVENT_ID / "index.html").is_file()
    assert (site / "timeline" / "assets" / "style.css").is_file()
    assert not (site / "events").exists()  # nothing of the chronology outside its prefix
    back = re.search(r'class="host-home"><a href="([^"]+)">([^<]+)<', chronology)
    assert back is not None and back.group(2) == "Back to Newsroom archive"
    assert (site / "timeline" / back.group(1) / "index.html").resolve() == (site / "index.html").resolve()
    event = (site / "timeline" / "events" / EVENT_ID / "index.html").read_text()
    assert f'href="https://example.org/archive/timeline/events/{EVENT_ID}/"' in event  # canonical


@pytest.mark.parametrize("host_robots", [None, "User-agent: *\nDisallow: /drafts/\n"])
def test_crawlers_find_both_sitemaps_through_robots_txt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, host_robots: str | None
) -> None:
    """The host's sitemap lists only its own pages; robots.txt names the chronology's too,
    keeping whatever rules the host wrote."""
    project = host_project(tmp_path, "mkdocs")
    if host_robots is not None:
        (project / "docs" / "robots.txt").write_text(host_robots)
    site = build_site(project, monkeypatch)
    lines = (site / "robots.txt").read_text().splitlines()
    chronology_sitemap = (site / "timeline" / "sitemap.xml").read_text()
    assert f"https://example.org/archive/timeline/events/{EVENT_ID}/" in chronology_sitemap
    assert "Sitemap: https://example.org/archive/timeline/sitemap.xml" in lines
    if host_robots is None:
        assert "Sitemap: https://example.org/archive/sitemap.xml" in lines  # the host's own
        assert "timeline/" not in (site / "sitemap.xml").read_text()
    else:
        assert lines[:2] == host_robots.splitlines()  # the host's rules kept, first
    assert len(lines) == len(set(lines))


def test_a_host_page_inside_the_chronology_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Without a prefix the chronology owns the site root: a host page there would be lost."""
    project = host_project(tmp_path, "mkdocs", prefix=None)
    (project / "docs" / "index.md").unlink()
    (project / "docs" / "events.md").write_text("# Events we host\n")
    with pytest.raises((PluginError, Abort)):
        build_site(project, monkeypatch)
    assert "the page events.md would be written to events/index.html" in caplog.text
    assert "set the plugin's prefix" in caplog.text


@pytest.mark.parametrize("prefix", ["../outside/", "a/../../b"])
def test_a_prefix_cannot_leave_the_site_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prefix: str
) -> None:
    with pytest.raises((PluginError, Abort)):
        build_site(host_project(tmp_path, "mkdocs", prefix=prefix), monkeypatch)


def test_serve_rebuilds_keep_chronology_pages_and_drop_deleted_host_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Under serve, the chronology's unchanged pages are kept through MkDocs' clean, but a host
    page that was deleted must not come back with them."""
    project = host_project(tmp_path, "mkdocs")
    monkeypatch.chdir(project)
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.timeline")
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
        (project / "docs" / "guide.md").unlink()
        config = load_config(str(project / "mkdocs.yml"))
        config.nav = [{"Home": "index.md"}]
        build(config)
    finally:
        config.plugins.on_startup(command="build", dirty=False)
    site = project / "site"
    assert not (site / "guide").exists()
    assert (site / "timeline" / "events" / EVENT_ID / "index.html").is_file()
    rendered = re.findall(r"(\d+) of (\d+) pages rendered", caplog.text)
    assert rendered[-1][0] == "0"  # nothing changed in the chronology: nothing re-rendered


def test_project_theme_folder_overrides_single_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A project's theme/ replaces one partial, one string and one asset; the rest is packaged."""
    project = host_project(tmp_path, "mkdocs")
    overrides = project / "theme"
    (overrides / "partials").mkdir(parents=True)
    packaged = SMALL.parent.parent.parent / "theme"
    entry = (packaged / "partials" / "event_entry.html").read_text()
    (overrides / "partials" / "event_entry.html").write_text('<p class="house-style">house</p>\n' + entry)
    (overrides / "i18n").mkdir()
    (overrides / "i18n" / "en.yaml").write_text('"Skip to the content": "Jump to the chronology"\n')
    (overrides / "assets").mkdir()
    (overrides / "assets" / "style.css").write_text("body { color: #123; }\n")

    site = build_site(project, monkeypatch)
    home = (site / "timeline" / "index.html").read_text()
    assert 'class="house-style"' in home
    assert "Jump to the chronology" in home
    assert (site / "timeline" / "assets" / "style.css").read_text() == "body { color: #123; }\n"
    assert (site / "timeline" / "assets" / "chronology.js").is_file()  # not overridden: packaged
    assert not (site / "theme").exists() and not (site / "timeline" / "i18n").exists()
