"""Prose pages and the completeness of each edition, as a reader finds them in a browser."""

from __future__ import annotations

from pathlib import Path

import harness
import pytest
import readers_site

EDITIONS = {"en": "", "ar": "ar/"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return readers_site.build(tmp_path_factory.mktemp("prose"))


@pytest.mark.parametrize("edition", EDITIONS)
def test_prose_page_keeps_its_heading_levels_and_its_links_work(
    site: Path, static_server: harness.ServeFn, new_page: harness.PageFactory, edition: str
) -> None:
    base = static_server(site) + EDITIONS[edition]
    session = new_page(viewport_width=390, viewport_height=844)
    session.goto(base + "about/")
    page = session.page
    outline = page.locator("main :is(h1, h2, h3, h4, h5, h6)").evaluate_all(
        "els => els.map(e => [e.tagName, e.textContent.trim()])"
    )
    assert outline == [
        ["H1", "About this chronology"],
        ["H2", "How it is made"],
        ["H3", "Details"],
    ]
    page.locator("main a", has_text="methodology").click()
    page.wait_for_url(base + "methodology/")
    assert session.errors == []
