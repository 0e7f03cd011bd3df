"""The Arabic edition of the fictional town (tests/fixtures/town) in a real browser: right-to-left
layout, language, accessibility, valid HTML, and screenshots of every page type at 375 px and
1280 px."""

from __future__ import annotations

from pathlib import Path

import harness
import pytest

PAGE_TYPES = {
    "home": "ar/",
    "event": "ar/events/2020-01-29-army-takes-town/",
    "year": "ar/years/2012/",
    "years-index": "ar/years/",
    "era": "ar/eras/hill-brigade-rule/",
    "tags-index": "ar/tags/",
    "tag": "ar/tags/siege/",
    "actor": "ar/actors/national-army/",
    "place": "ar/places/wadi-qamar/",
    "sources-index": "ar/sources/",
    "publisher": "ar/sources/example-news/",
    "about": "ar/about/",
    "search": "ar/search/?q=حصار",
    "open-data": "ar/open-data/",
}


@pytest.fixture(scope="module")
def built_site(town_site: Path) -> Path:
    return town_site


def test_arabic_page_types_are_rtl_accessible_and_clean(
    built_site: Path, static_server: harness.ServeFn, new_page: harness.PageFactory, axe: harness.AxeFn
) -> None:
    base = static_server(built_site)
    failures = []
    for name, url in PAGE_TYPES.items():
        for width in (375, 1280):
            session = new_page(viewport_width=width)
            session.goto(base + url)
            page = session.page
            assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
                "ar",
                "rtl",
            ]
            assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
            # nothing pushes the page sideways (an RTL page that overflows scrolls to the left)
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (
                f"{name} overflows"
            )
            harness.screenshot(page, f"arabic-{name}", width)
            if width == 1280:
                violations = axe(page)
                if violations:
                    failures.append(harness.format_axe_violations(violations, url=url))
            assert session.errors == [], f"{name} at {width}px: {session.errors}"
    assert not failures, "\n".join(failures)


def test_arabic_page_types_are_valid_html(built_site: Path, vnu: harness.VnuFn) -> None:
    files = [built_site / url.split("?")[0] / "index.html" for url in PAGE_TYPES.values()]
    messages = vnu(files)
    assert messages == [], harness.format_vnu_messages(messages)


def test_overview_runs_right_to_left_on_screen(
    built_site: Path, static_server: harness.ServeFn, new_page: harness.PageFactory
) -> None:
    session = new_page(viewport_width=1280)
    session.goto(static_server(built_site) + "ar/")
    boxes = session.page.locator("figure.overview circle.mark").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().x)"
    )
    assert boxes[0] > boxes[-1]  # the earliest event (c. 300 BCE) is drawn at the right


def test_language_switch_leads_to_the_same_page_in_english(
    built_site: Path, static_server: harness.ServeFn, new_page: harness.PageFactory
) -> None:
    base = static_server(built_site)
    session = new_page()
    session.goto(base + PAGE_TYPES["event"])
    session.page.locator(".language-switch a[hreflang=en]").click()
    session.page.wait_for_url(base + "events/2020-01-29-army-takes-town/")
    assert session.page.evaluate("document.documentElement.lang") == "en"
    session.page.locator(".language-switch a[hreflang=ar]").click()
    session.page.wait_for_url(base + PAGE_TYPES["event"])


def test_arabic_filters_and_search_work(
    built_site: Path, static_server: harness.ServeFn, new_page: harness.PageFactory
) -> None:
    base = static_server(built_site)
    session = new_page()
    session.goto(base + "ar/?tag=siege")
    session.page.locator("form.filter-form").wait_for()
    status = session.page.locator(".filter-status").inner_text()
    assert "أحداث" in status or "حدث" in status  # a counted phrase in Arabic
    session.goto(base + "ar/search/?q=" + "معمل الصابون")
    session.page.locator(".search-result-title a").first.wait_for()
    assert "معمل الصابون" in session.page.locator(".search-results").inner_text()
    assert session.errors == []
