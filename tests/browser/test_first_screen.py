"""The home page's first screen and its overview, in both editions, on a desktop and on phones.

What a reader checks: the chronology starts on the first screen, nothing scrolls sideways, the
overview fits the screen with labels that can be read, its era labels sit in their bands in
either direction, it can be walked with the keyboard, and the filters change the list, the
overview, the count read aloud and the address.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import harness
import pytest
import readers_site
from harness import DESKTOP, PHONE, VIEWPORTS

if TYPE_CHECKING:
    from playwright.sync_api import Browser

EDITIONS = {"en": "", "ar": "ar/"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return readers_site.build(tmp_path_factory.mktemp("readers"))


def _open(new_page: harness.PageFactory, url: str, width: int, height: int) -> harness.PageSession:
    session = new_page(viewport_width=width, viewport_height=height)
    session.goto(url)
    return session


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_first_screen_shows_the_chronology(
    site: Path,
    static_server: harness.ServeFn,
    new_page: harness.PageFactory,
    axe: harness.AxeFn,
    edition: str,
    width: int,
    height: int,
) -> None:
    session = _open(new_page, static_server(site) + EDITIONS[edition], width, height)
    page = session.page
    box = page.evaluate("""() => {
        const top = sel => document.querySelector(sel).getBoundingClientRect();
        const chart = [...document.querySelectorAll('.overview-svg')].find(s => s.getClientRects().length);
        return {entry: top('article.entry .entry-title').bottom, header: top('.site-header').height,
                title: top('h1').top, overview: chart.getBoundingClientRect().bottom,
                scroll: document.documentElement.scrollWidth}
    }""")
    harness.screenshot(page, f"first-screen-{edition}-{height}", width)
    assert box["scroll"] <= width, f"the page scrolls sideways at {width}px"
    # a desktop, a common phone and a small one: the first event's title shows without scrolling
    assert box["entry"] <= height, f"the first event's title ends at {box['entry']:.0f}px, below the screen"
    assert box["overview"] < height
    if width < 600:
        assert box["header"] <= 80, f"the phone header takes {box['header']:.0f}px"
    assert axe(page) == [], harness.format_axe_violations(axe(page))
    assert session.errors == []


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_overview_fits_and_its_era_labels_sit_in_their_bands(
    site: Path,
    static_server: harness.ServeFn,
    new_page: harness.PageFactory,
    edition: str,
    width: int,
    height: int,
) -> None:
    session = _open(new_page, static_server(site) + EDITIONS[edition], width, height)
    found = session.page.evaluate("""() => {
        const chart = [...document.querySelectorAll('.overview-svg')].find(s => s.getClientRects().length);
        const box = e => e.getBoundingClientRect();
        const labels = [...chart.querySelectorAll('text.band-label')].map(t => {
            const band = box(t.previousElementSibling), label = box(t);
            const inside = label.left >= band.left - 0.5 && label.right <= band.right + 0.5;
            return {name: t.textContent, inside};
        });
        const ticks = [...chart.querySelectorAll('text.tick-label')].map(t => box(t).height);
        const marks = [...chart.querySelectorAll('a.overview-mark circle')].map(box);
        const overlaps = marks.slice(1).filter((m, i) => m.left < marks[i].right && marks[i].left < m.right);
        const counted = [...chart.querySelectorAll('a.overview-mark')].filter(a => a.dataset.count > 1);
        return {labels, ticks, overlaps: overlaps.length, chart: box(chart), clusters: counted.length}
    }""")
    assert found["chart"]["left"] >= 0 and found["chart"]["right"] <= width  # no scroll box
    assert found["labels"], "no era is labelled on the overview"
    assert all(label["inside"] for label in found["labels"]), found["labels"]
    assert min(found["ticks"]) >= 10, f"year labels {min(found['ticks']):.1f}px high"
    assert found["overlaps"] == 0, "marks drawn over each other"
    assert found["clusters"] >= 1  # the dozen events of spring 2015 share a counted mark


@pytest.mark.parametrize("edition", EDITIONS)
def test_overview_is_one_tab_stop_walked_with_the_arrow_keys(
    site: Path, static_server: harness.ServeFn, new_page: harness.PageFactory, edition: str
) -> None:
    session = _open(new_page, static_server(site) + EDITIONS[edition], *DESKTOP)
    page = session.page
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.overview-svg')"):
            break
    else:
        pytest.fail("the overview cannot be reached with the Tab key")
    first = page.evaluate("document.activeElement.querySelector('title').textContent")
    stroke = page.evaluate("getComputedStyle(document.activeElement.querySelector('circle')).strokeWidth")
    assert float(stroke.removesuffix("px")) >= 3  # a visible focus ring
    page.keyboard.press("ArrowLeft" if edition == "ar" else "ArrowRight")  # forward in time
    second = page.evaluate("document.activeElement.querySelector('title').textContent")
    assert second != first and page.evaluate("document.activeElement.closest('.overview-svg') !== null")
    page.keyboard.press("Tab")  # one Tab leaves the overview
    assert page.evaluate("document.activeElement.closest('.overview-svg') === null")


@pytest.mark.parametrize("edition", EDITIONS)
def test_home_page_has_about_one_tab_stop_per_entry(
    site: Path, static_server: harness.ServeFn, new_page: harness.PageFactory, edition: str
) -> None:
    session = _open(new_page, static_server(site) + EDITIONS[edition], *DESKTOP)
    counts = session.page.evaluate("""() => ({
        stops: [...document.querySelectorAll('*')]
            .filter(e => e.tabIndex >= 0 && e.getClientRects().length)
            // a folded <details> (the embed code) is one stop, its summary, until it is opened
            .filter(e => e.tagName === 'SUMMARY' || !e.closest('details:not([open])')).length,
        entries: document.querySelectorAll('article.entry').length,
        headings: document.querySelectorAll('.era-heading a, .year-heading a').length})""")
    # one per entry and per era or year heading; the header, overview, legend and footer besides
    assert counts["stops"] <= counts["entries"] + counts["headings"] + 35, counts


@pytest.mark.parametrize("edition", EDITIONS)
def test_filters_update_list_overview_count_and_address(
    site: Path, static_server: harness.ServeFn, new_page: harness.PageFactory, edition: str
) -> None:
    base = static_server(site) + EDITIONS[edition]
    session = _open(new_page, base, *PHONE)
    page = session.page
    page.locator("details.filters summary").click()
    page.locator("form.filter-form select[name=tag]").select_option("siege")
    status = page.locator("[data-filter-status]")
    assert status.get_attribute("aria-live") == "polite"
    assert "12" in status.inner_text()
    assert page.locator("article.entry:visible").count() == 12
    assert parse_qs(urlsplit(page.url).query) == {"tag": ["siege"]}
    assert page.locator("a.overview-mark.mark-off").count() >= 1  # years without a siege dimmed
    page.locator("form.filter-form input[name=q]").fill("railway")
    page.wait_for_function("location.search.includes('q=')")
    assert page.locator("article.entry:visible").count() == 0
    page.locator("form.filter-form button[type=reset]").click()
    page.wait_for_function("location.search === ''")
    assert page.locator("article.entry:visible").count() == len(readers_site.DATES)
    # a shared address opens filtered
    session.goto(base + "?q=railway")
    page.locator("form.filter-form").wait_for()
    page.locator("#chronology:not([aria-busy])").wait_for(state="attached")  # the words looked up
    assert page.locator("article.entry:visible").count() == 1
    assert page.locator("details.filters").get_attribute("open") is not None
    assert session.errors == []


def test_filters_without_javascript_are_links(
    site: Path, static_server: harness.ServeFn, browser: Browser
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": PHONE[0], "height": PHONE[1]})
    page = context.new_page()
    page.goto(static_server(site))
    page.locator("details.filters summary").click()
    assert page.locator(".filter-links a[href='./tags/']").is_visible()
    context.close()
