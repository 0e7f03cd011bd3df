"""A realistic site (the fictional town of tests/fixtures/town) in a real browser: every page
type loads cleanly, is accessible (axe-core), is valid HTML (Nu checker), and its source links
lead where they say.

Screenshots of every page type at 375 px and 1280 px are written for people to look at
(``SCREENSHOT_DIR``, default tests/screenshots/).
"""

from __future__ import annotations

import re
from pathlib import Path

import harness
import pytest
from playwright.sync_api import Route

TOWN = Path(__file__).resolve().parents[1] / "fixtures" / "town"

PAGE_TYPES = {
    "home": "",
    "event": "events/2020-01-29-army-takes-town/",
    "year": "years/2012/",
    "years-index": "years/",
    "era": "eras/hill-brigade-rule/",
    "eras-index": "eras/",
    "tag": "tags/",
    "actor": "actors/",
    "place": "places/",
    "sources-index": "sources/",
    "publisher": "sources/example-news/",
    "about": "about/",
    "methodology": "methodology/",
    "not-found": "404.html",
}


@pytest.fixture(scope="module")
def built_site(town_site: Path) -> Path:
    """The fixture built by MkDocs, as a reader gets it (content/ has tests/browser/test_content_site.py)."""
    return town_site


@pytest.fixture(scope="module")
def page_urls(built_site: Path) -> dict[str, str]:
    """One real page per type; term pages are the first listed in their index."""
    urls = dict(PAGE_TYPES)
    for kind in ("tag", "actor", "place"):
        first = sorted((built_site / f"{kind}s").glob("*/index.html"))[0]
        urls[kind] = f"{kind}s/{first.parent.name}/"
    return urls


def test_every_page_type_loads_without_errors_and_passes_axe(
    built_site: Path,
    page_urls: dict[str, str],
    static_server: harness.ServeFn,
    new_page: harness.PageFactory,
    axe: harness.AxeFn,
) -> None:
    base = static_server(built_site)
    failures = []
    for name, url in page_urls.items():
        for width in (375, 1280):
            session = new_page(viewport_width=width)
            session.goto(base + url)
            assert session.page.locator("h1").count() == 1, f"{name}: one h1 per page"
            harness.screenshot(session.page, f"site-{name}", width)
            if width == 1280:
                violations = axe(session.page)
                if violations:
                    failures.append(harness.format_axe_violations(violations, url=base + url))
            assert session.errors == [], f"{name} at {width}px: {session.errors}"
    assert not failures, "\n".join(failures)


def test_every_page_type_is_valid_html(
    built_site: Path, page_urls: dict[str, str], vnu: harness.VnuFn
) -> None:
    files = [
        built_site / (url + "index.html" if url.endswith("/") or not url else url)
        for url in page_urls.values()
    ]
    messages = vnu(files)
    assert messages == [], harness.format_vnu_messages(messages)


def test_home_lists_every_event_and_links_to_its_page(
    built_site: Path, static_server: harness.ServeFn, new_page: harness.PageFactory
) -> None:
    base = static_server(built_site)
    session = new_page()
    session.goto(base)
    event_ids = sorted(p.stem for p in (TOWN / "content" / "events").glob("*.yaml"))
    entries = session.page.locator("article.entry")
    assert sorted(entries.evaluate_all("els => els.map(e => e.id)")) == event_ids
    shown_order = entries.evaluate_all(
        "els => els.map(e => e.querySelector('.entry-date time')?.getAttribute('datetime') ?? e.id)"
    )
    # HTML's datetime has no year before 1: the event of 300 BCE has none, and comes first
    assert shown_order[0] == "0300-bce-settlement-founded"
    assert shown_order[1:] == sorted(shown_order[1:], key=lambda d: (d + "-00-00")[:10])
    session.page.locator(f'[id="{event_ids[0]}"] .entry-title a').click()
    assert session.page.url == f"{base}events/{event_ids[0]}/"
    assert session.errors == []


def test_event_page_source_link_leads_to_the_cited_article(
    built_site: Path, static_server: harness.ServeFn, new_page: harness.PageFactory
) -> None:
    """Follow a source link. The network is closed, so the outside site is a local stub."""
    base = static_server(built_site)
    session = new_page()
    visited: list[str] = []

    def stub(route: Route) -> None:
        visited.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>stub</title><h1>article</h1>")

    session.page.context.route(re.compile(r"^https://"), stub)
    session.goto(base + PAGE_TYPES["event"])
    link = session.page.locator(".event-sources a.source-title").first
    href = link.get_attribute("href")
    assert href == "https://example.org/news/2020/1/29/army-takes-wadi-qamar"
    link.click()
    session.page.wait_for_url(href)
    assert visited == [href]
    assert session.page.locator("h1").inner_text() == "article"
