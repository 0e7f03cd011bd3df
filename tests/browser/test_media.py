"""An event's picture, as a reader sees it: the caravanserai of tests/fixtures/town (built by
MkDocs), in both editions, on a desktop and two phones. It loads from the site itself (no
third-party request), keeps its proportions, overflows nothing, and the page passes axe-core
and the Nu checker."""

from __future__ import annotations

from pathlib import Path

import harness
import pytest
from harness import VIEWPORTS

EVENT = "events/1566-caravanserai-built/"


@pytest.mark.parametrize("edition", ["", "ar/"])
def test_the_picture_fits_every_screen_and_the_page_passes_axe(
    town_site: Path,
    static_server: harness.ServeFn,
    new_page: harness.PageFactory,
    axe: harness.AxeFn,
    edition: str,
) -> None:
    base = static_server(town_site)
    for width, height in VIEWPORTS:
        session = new_page(viewport_width=width, viewport_height=height)
        page = session.page
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))  # noqa: B023
        session.goto(base + edition + EVENT)
        figure = page.locator("figure.event-media")
        figure.scroll_into_view_if_needed()
        image = figure.locator("img")
        image.evaluate("img => img.decode()")  # lazy: loaded once scrolled to
        box = image.bounding_box()
        assert box is not None and box["width"] <= width
        assert abs(box["height"] / box["width"] - 600 / 960) < 0.01, "the picture is stretched"
        assert image.evaluate("img => img.naturalWidth") == 960
        assert figure.locator("figcaption").inner_text().count("CC0 1.0") == 1
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        assert all(url.startswith(base) for url in requested), "a request left the site"
        violations = axe(page)
        assert violations == [], harness.format_axe_violations(violations, page.url)
        harness.screenshot(page, f"media-{edition.strip('/') or 'en'}-{width}x{height}")
        assert session.errors == []


def test_the_event_pages_with_a_picture_pass_the_nu_checker(town_site: Path, vnu: harness.VnuFn) -> None:
    files = [town_site / edition / EVENT / "index.html" for edition in ("", "ar/")]
    messages = vnu(files)
    assert messages == [], harness.format_vnu_messages(messages)
