"""The MkDocs adapter, driven the way `mkdocs serve` drives it: config reloaded every rebuild."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import SMALL


def rendered_counts(caplog: pytest.LogCaptureFixture) -> list[tuple[int, int]]:
    found = re.findall(r"(\d+) of (\d+) pages rendered", caplog.text)
    return [(int(a), int(b)) for a, b in found]


def test_serve_rebuild_after_one_edit_renders_only_affected_pages(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    shutil.copytree(SMALL, project, ignore=shutil.ignore_patterns("expected"))
    config_file = project / "mkdocs.yml"
    monkeypatch.chdir(project)
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.timeline")
    site = tmp_path / "served"

    config = load_config(str(config_file), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
        event = project / "content" / "events" / "2020-01-29-market-reopens.yaml"
        event.write_text(event.read_text().replace("Traders reopened", "Traders at last reopened"))
        build(load_config(str(config_file), site_dir=str(site)))  # serve reloads the config each time
    finally:  # MkDocs keeps plugin instances per process: leave this one as a plain build finds it
        config.plugins.on_startup(command="build", dirty=False)

    (first_rendered, total), (second_rendered, second_total) = rendered_counts(caplog)
    assert first_rendered == total == second_total
    assert 0 < second_rendered < total / 2
    page = site / "events" / "2020-01-29-market-reopens" / "index.html"
    assert "Traders at last reopened" in page.read_text()
    assert (
        len(list(site.rglob("index.html"))) == total - 1
    )  # every page back after the clean (404.html aside)
