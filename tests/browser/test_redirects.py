"""An event's old address in a real browser, in both editions: it leads to the renamed event's
page, and the page a reader may glimpse there is accessible (axe-core) and valid HTML (Nu).

The fictional town's ``2020-01-29-army-takes-town`` was ``2020-01-army-takes-town``
(``previous_ids`` in tests/fixtures/town).
"""

from __future__ import annotations

from pathlib import Path

import harness
import pytest
from playwright.sync_api import Route

OLD, NEW = "events/2020-01-army-takes-town/", "events/2020-01-29-army-takes-town/"
EDITIONS = {"en": "", "ar": "ar/"}


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_old_address_opens_the_renamed_event(
    town_site: Path, static_server: harness.ServeFn, new_page: harness.PageFactory, edition: str
) -> None:
    base = static_server(town_site) + EDITIONS[edition]
    session = new_page(viewport_width=390, viewport_height=844)
    session.goto(base + OLD)
    session.page.wait_for_url(base + NEW)
    assert session.page.locator("h1").count() == 1
    assert session.page.locator("html").get_attribute("lang") == edition
    assert session.errors == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_redirect_page_passes_axe(
    town_site: Path,
    static_server: harness.ServeFn,
    new_page: harness.PageFactory,
    axe: harness.AxeFn,
    edition: str,
) -> None:
    """Checked as it is, but held still: the refresh would leave before axe has looked."""
    url = static_server(town_site) + EDITIONS[edition] + OLD
    session = new_page()

    def held(route: Route) -> None:
        page = route.fetch().text()
        assert 'http-equiv="refresh"' in page
        still = page.replace('http-equiv="refresh"', 'data-held="refresh"')
        route.fulfill(body=still, content_type="text/html")

    session.page.route(url, held)
    session.goto(url)
    link = session.page.get_by_role("link")
    assert link.count() == 1 and link.get_attribute("href") == "../../" + NEW
    violations = axe(session.page)
    assert violations == [], harness.format_axe_violations(violations, url=url)


def test_redirect_pages_are_valid_html(town_site: Path, vnu: harness.VnuFn) -> None:
    files = [town_site / prefix / OLD / "index.html" for prefix in EDITIONS.values()]
    messages = vnu(files)
    assert messages == [], harness.format_vnu_messages(messages)
