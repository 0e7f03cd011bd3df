"""Prose pages and the completeness of each edition, as a reader finds them in a browser."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import harness
import pytest
import readers_site

if TYPE_CHECKING:
    from playwright.sync_api import Browser

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


PAGE_TYPES = {
    "home": "",
    "event": "events/2015-03-01-event-01/",
    "year": "years/2015/",
    "about": "about/",
    "open-data": "open-data/",
    "search": "search/?q=poet",
    "not-found": "404.html",
}


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_page_scrolls_sideways_at_320_pixels(
    site: Path, static_server: harness.ServeFn, new_page: harness.PageFactory, edition: str
) -> None:
    base = static_server(site) + EDITIONS[edition]
    for name, url in PAGE_TYPES.items():
        session = new_page(viewport_width=320, viewport_height=640)
        session.goto(base + url)
        wide = session.page.evaluate("document.documentElement.scrollWidth")
        assert wide <= 320, f"{name} is {wide}px wide at 320px"


@pytest.mark.parametrize("edition", EDITIONS)
def test_year_pages_lead_to_the_years_before_and_after(
    site: Path,
    static_server: harness.ServeFn,
    new_page: harness.PageFactory,
    axe: harness.AxeFn,
    edition: str,
) -> None:
    base = static_server(site) + EDITIONS[edition]
    session = new_page(viewport_width=390, viewport_height=844)
    session.goto(base + "years/2015/")
    page = session.page
    assert page.locator("a[rel=prev]").get_attribute("href") == "../../years/2014/"
    assert page.locator("a[rel=next]").get_attribute("href") == "../../years/2016/"
    one = {"en": "(1 event)", "ar": "(حدث واحد)"}[edition]  # 2014 has one event: no "(1 events)"
    assert one in page.locator("a[rel=prev]").inner_text()
    assert axe(page) == [], harness.format_axe_violations(axe(page))
    session.goto(base + "years/0973/")
    assert page.locator("a[rel=prev]").count() == 0 and page.locator("a[rel=next]").count() == 1
    session.goto(base + "events/2015-03-01-event-01/")  # event pages keep theirs
    assert page.locator(".event-nav a[rel=prev]").count() == 1


@pytest.mark.parametrize("edition", EDITIONS)
def test_each_edition_has_its_404_page_and_its_own_open_data(
    site: Path,
    static_server: harness.ServeFn,
    new_page: harness.PageFactory,
    axe: harness.AxeFn,
    edition: str,
) -> None:
    server = static_server(site)
    base = server + EDITIONS[edition]
    session = new_page(viewport_width=390, viewport_height=844)
    session.goto(base + "404.html")
    page = session.page
    assert page.evaluate("document.documentElement.lang") == edition
    assert page.locator("h1").count() == 1
    assert axe(page) == [], harness.format_axe_violations(axe(page))
    session.goto(base + "open-data/")
    assert " 1 events" not in page.locator("main").inner_text()
    for kind in ("text/calendar", "application/atom+xml"):
        href = page.locator(f"main a[type='{kind}']").first.get_attribute("href")
        response = page.request.get(base + "open-data/" + href)  # the edition's own file
        assert response.ok, href
        body = response.text()
        assert ("يحدث" in body) == (edition == "ar"), f"{href} is not in the edition's language"
    timeline = page.request.get(base + "data/timelinejs.json")
    assert timeline.ok


def test_arabic_citation_is_set_in_the_arabic_text_font(
    site: Path, static_server: harness.ServeFn, new_page: harness.PageFactory
) -> None:
    session = new_page(viewport_width=390, viewport_height=844)
    session.goto(static_server(site) + "ar/events/2015-03-01-event-01/")
    fonts = session.page.evaluate("getComputedStyle(document.querySelector('.cite-text')).fontFamily")
    assert "Naskh" in fonts and "mono" not in fonts.lower()


@pytest.mark.parametrize("edition", EDITIONS)
def test_dark_mode_era_labels_contrast(
    site: Path, static_server: harness.ServeFn, browser: Browser, edition: str
) -> None:
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(static_server(site) + EDITIONS[edition])
    ratios = page.evaluate(CONTRAST)
    context.close()
    assert ratios and min(ratios) >= 4.5, ratios


# The contrast of each era label with its band as drawn: the band's colour at its opacity over
# the page's background (WCAG relative luminance).
CONTRAST = """() => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const page = rgb(getComputedStyle(document.body).backgroundColor);
  return [...document.querySelectorAll('svg.overview-svg text.band-label')]
    .filter(t => t.getClientRects().length).map(t => {
      const band = getComputedStyle(t.previousElementSibling), alpha = Number(band.opacity);
      const drawn = rgb(band.fill).map((v, i) => alpha * v + (1 - alpha) * page[i]);
      const [light, dark] = [lum(drawn), lum(rgb(getComputedStyle(t).fill))].sort((a, b) => b - a);
      return (light + 0.05) / (dark + 0.05);
    });
}"""


def test_new_page_types_are_valid_html(site: Path, vnu: harness.VnuFn) -> None:
    files = [
        site / prefix / path
        for prefix in EDITIONS.values()
        for path in ("index.html", "years/2015/index.html", "about/index.html", "404.html")
    ]
    messages = vnu(files)
    assert messages == [], harness.format_vnu_messages(messages)
