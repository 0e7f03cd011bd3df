"""What a reader does: filter the chronology (with and without JavaScript), search, follow the
overview's marks, read in dark mode. Runs on the fictional town of tests/fixtures/town built by
MkDocs."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import harness
import pytest

TOWN = Path(__file__).resolve().parents[1] / "fixtures" / "town"


@pytest.fixture(scope="module")
def site_url(town_site: Path, static_server: harness.ServeFn) -> str:
    return static_server(town_site)


def visible_entry_ids(session: harness.PageSession) -> list[str]:
    return session.page.locator("article.entry:visible").evaluate_all("els => els.map(e => e.id)")


def test_filters_without_javascript_are_links_to_static_pages(site_url: str, browser: object) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(site_url)
    page.locator("details.filters summary").click()  # folded into one line until opened
    links = page.locator("[data-filters] .filter-links a")
    targets = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert targets == [
        "./eras/",
        "./tags/",
        "./actors/",
        "./places/",
        "./years/",
        "./corrections/",
        "./search/",
    ]
    page.locator("[data-filters] a", has_text="By tag").click()
    assert page.url == site_url + "tags/"
    assert page.locator("h1").inner_text() == "Tags"
    context.close()


def test_filters_with_javascript_combine_and_keep_state_in_the_url(
    site_url: str, new_page: harness.PageFactory
) -> None:
    session = new_page()
    session.goto(site_url)
    page = session.page
    page.locator("details.filters summary").click()
    form = page.locator("form.filter-form")
    form.wait_for()
    everything = visible_entry_ids(session)
    page.select_option("select[name=tag]", "siege")
    sieges = visible_entry_ids(session)
    assert 0 < len(sieges) < len(everything)
    for entry_id in sieges:
        assert "siege" in page.locator(f'[id="{entry_id}"]').get_attribute("data-tag").split()
    page.select_option("select[name=era]", "hill-brigade-rule")
    combined = visible_entry_ids(session)
    assert 0 < len(combined) < len(sieges)
    assert "tag=siege" in page.url and "era=hill-brigade-rule" in page.url
    assert (
        page.locator(".filter-status").inner_text() == f"{len(combined)} events match." or len(combined) == 1
    )

    shared = new_page()  # the filtered address, opened by someone else
    shared.goto(page.url)
    shared.page.locator("form.filter-form").wait_for()
    assert visible_entry_ids(shared) == combined
    assert shared.page.locator("select[name=tag]").input_value() == "siege"

    page.locator("button.filter-clear").click()
    page.wait_for_function("() => !location.search")
    assert visible_entry_ids(session) == everything
    assert session.errors == [] and shared.errors == []


def test_filters_are_reachable_by_keyboard(site_url: str, new_page: harness.PageFactory) -> None:
    session = new_page()
    session.goto(site_url)
    session.page.locator("details.filters summary").click()
    session.page.locator("form.filter-form").wait_for()
    session.page.locator("select[name=era]").focus()
    session.page.keyboard.press("Tab")
    focused = session.page.evaluate("document.activeElement.name")
    assert focused == "tag"


def test_search_finds_events_by_title_actor_and_place(site_url: str, new_page: harness.PageFactory) -> None:
    session = new_page()
    session.goto(site_url)
    session.page.fill("#site-search-input", "sabun mill")
    session.page.keyboard.press("Enter")
    session.page.wait_for_url("**/search/?q=sabun+mill")
    results = session.page.locator(".search-result-title a")
    results.first.wait_for()
    titles = results.all_inner_texts()
    assert any("Sabun mill" in title for title in titles)
    assert "found" in session.page.locator("[data-search-status]").inner_text()
    target = urljoin(session.page.url, results.first.get_attribute("href"))
    results.first.click()
    session.page.wait_for_url(target)
    assert session.page.locator("h1").count() == 1
    assert session.errors == []


def test_search_with_no_match_says_so(site_url: str, new_page: harness.PageFactory) -> None:
    session = new_page()
    session.goto(site_url + "search/?q=zzzyxw")
    session.page.wait_for_function(
        "() => document.querySelector('[data-search-status]').textContent.includes('0 events')"
    )
    assert session.page.locator(".search-result").count() == 0


def test_every_overview_mark_links_to_an_existing_event_page(
    site_url: str, new_page: harness.PageFactory
) -> None:
    session = new_page()
    session.goto(site_url)
    marks = session.page.locator("figure.overview svg.overview-wide a").evaluate_all(
        "els => els.map(e => [e.getAttribute('href'), e.dataset.ids])"
    )
    events = sorted(p.stem for p in (TOWN / "content" / "events").glob("*.yaml"))
    assert sorted(i for _, ids in marks for i in ids.split()) == events  # each event in one mark
    for href, ids in marks:  # a lone event's mark leads to its page, a counted mark to its year
        single = len(ids.split()) == 1
        assert href == (f"./events/{ids}/" if single else f"./years/{ids[:4]}/")
    hrefs = [href for href, _ in marks]
    target = urljoin(site_url, hrefs[-1])
    session.goto(target)
    assert session.page.url == target


def test_dark_mode_has_no_accessibility_violations(
    site_url: str, browser: object, axe: harness.AxeFn
) -> None:
    context = browser.new_context(color_scheme="dark")  # type: ignore[attr-defined]
    page = context.new_page()
    for path in ("", "events/2020-01-29-army-takes-town/", "search/?q=siege"):
        page.goto(site_url + path)
        violations = axe(page)
        assert violations == [], harness.format_axe_violations(violations, url=path)
    harness.screenshot(page, "site-search-dark", 375)
    context.close()


def test_print_shows_source_addresses_and_hides_navigation(
    site_url: str, new_page: harness.PageFactory
) -> None:
    session = new_page()
    session.goto(site_url + "events/2020-01-29-army-takes-town/")
    page = session.page
    page.emulate_media(media="print")
    printed = page.evaluate(
        "getComputedStyle(document.querySelector('.event-sources a.source-title'), '::after').content"
    )
    href = page.locator(".event-sources a.source-title").first.get_attribute("href")
    assert href and href in printed  # the URL is printed after the source's title
    assert page.locator(".site-nav").is_hidden() and page.locator(".site-search").is_hidden()
    pdf = page.pdf()  # Chromium's print pipeline accepts the page
    assert pdf.startswith(b"%PDF")
