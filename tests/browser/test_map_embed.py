"""The locator map and the embeds of the fictional town (tests/fixtures/town) in Chromium, both
editions: accessible (axe), valid (Nu), no sideways scrolling at three screen sizes, map labels
beside their dots in right-to-left text, and an embed working inside an <iframe> of another site."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import harness
import pytest
from harness import DESKTOP, PHONE, VIEWPORTS

if TYPE_CHECKING:
    from playwright.sync_api import Browser

EDITIONS = ("", "ar/")
PAGES = {
    "places-index": "places/",
    "place": "places/sabun-mill/",
    "embed-whole": "embed/",
    "embed-era": "embed/eras/hill-brigade-rule/",
    "embed-tag": "embed/tags/siege/",
    "embed-event": "embed/events/2014-12-15-mill-base-falls/",
}


@pytest.mark.parametrize("edition", EDITIONS)
def test_map_and_embed_pages_are_accessible_and_fit_every_screen(
    town_site: Path,
    static_server: harness.ServeFn,
    new_page: harness.PageFactory,
    axe: harness.AxeFn,
    edition: str,
) -> None:
    base = static_server(town_site) + edition
    failures = []
    for name, url in PAGES.items():
        for width, height in VIEWPORTS:
            session = new_page(viewport_width=width, viewport_height=height)
            session.goto(base + url)
            page = session.page
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > width:
                failures.append(f"{edition}{url} is {wide}px wide at {width}px")
            violations = axe(page)
            if violations:
                failures.append(harness.format_axe_violations(violations, url=edition + url))
            if session.errors:
                failures.append(f"{edition}{url} at {width}px: {session.errors}")
            harness.screenshot(page, f"map-embed-{edition.strip('/') or 'en'}-{name}", width)
            session.close()
    assert not failures, "\n".join(failures)


def test_map_and_embed_pages_are_valid_html(town_site: Path, vnu: harness.VnuFn) -> None:
    files = [town_site / edition / url / "index.html" for edition in EDITIONS for url in PAGES.values()]
    files += [town_site / edition / url / "index.html" for edition in EDITIONS for url in ("", "tags/siege/")]
    messages = vnu(files)
    assert messages == [], harness.format_vnu_messages(messages)


MEASURE_LABELS = """svg => {
  const box = svg.getBoundingClientRect();
  const dots = {};
  svg.querySelectorAll("circle[data-place]").forEach(c => {
    dots[c.dataset.place] = c.getBoundingClientRect();
  });
  return [...svg.querySelectorAll("text[data-place]")].map(t => {
    const r = t.getBoundingClientRect(), d = dots[t.dataset.place];
    return {place: t.dataset.place, edge: t.dataset.edge,
            inside: r.left >= box.left - 1 && r.right <= box.right + 1
              && r.top >= box.top - 1 && r.bottom <= box.bottom + 1,
            right_of_dot: r.left >= d.right - 1, left_of_dot: r.right <= d.left + 1};
  });
}"""


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize(("width", "height"), (DESKTOP, PHONE))
def test_map_labels_sit_beside_their_dots_inside_the_map(
    town_site: Path,
    static_server: harness.ServeFn,
    new_page: harness.PageFactory,
    edition: str,
    width: int,
    height: int,
) -> None:
    """In Arabic the text runs right to left but east stays on the right: a label drawn right of
    its dot must not flip onto the dot or out of the map."""
    session = new_page(viewport_width=width, viewport_height=height)
    session.goto(static_server(town_site) + edition + "places/")
    svg = session.page.locator("svg[data-locator-map]:visible")
    labels = svg.evaluate(MEASURE_LABELS)
    assert labels, "no label on the map"
    for label in labels:
        assert label["inside"], label
        if label["edge"] == "left":
            assert label["right_of_dot"], label
        if label["edge"] == "right":
            assert label["left_of_dot"], label


def test_an_embed_renders_inside_an_iframe_of_another_site_and_opens_links_in_a_new_tab(
    town_site: Path, tmp_path: Path, static_server: harness.ServeFn, new_page: harness.PageFactory
) -> None:
    embed = static_server(town_site) + "ar/embed/tags/siege/"
    article = tmp_path / "article"
    article.mkdir()
    (article / "index.html").write_text(
        '<!doctype html><html lang="en"><title>An article</title><h1>An article</h1>'
        f'<iframe src="{embed}" title="The sieges" width="100%" height="600" style="border:0"></iframe>',
        encoding="utf-8",
    )
    session = new_page(viewport_width=PHONE[0], viewport_height=PHONE[1])
    session.goto(static_server(article))
    frame = session.page.frame_locator("iframe")
    heading = frame.locator("h1")
    assert heading.is_visible()
    assert frame.locator("article.entry").count() >= 2
    assert frame.locator(".site-header, .site-nav").count() == 0
    harness.screenshot(session.page, "map-embed-in-iframe", PHONE[0])
    with session.page.context.expect_page() as opened:
        frame.locator("article.entry h4 a").first.click()
    full = opened.value
    full.wait_for_load_state()
    assert "/ar/events/" in full.url and "/embed/" not in full.url
    assert full.locator(".site-header").count() == 1
    assert session.page.url == static_server(article)  # the article stays where it was
    assert session.errors == []


def test_embed_code_is_complete_with_javascript_and_readable_without(
    town_site: Path, static_server: harness.ServeFn, new_page: harness.PageFactory, browser: Browser
) -> None:
    base = static_server(town_site)
    url = "ar/events/2014-12-15-mill-base-falls/"
    session = new_page(viewport_width=PHONE[0], viewport_height=PHONE[1])
    session.goto(base + url)
    page = session.page
    page.locator(".embed-code summary").click()
    code = page.locator(".embed-code-text").input_value()
    assert code.startswith(f'<iframe src="{base}ar/embed/events/2014-12-15-mill-base-falls/"')
    page.locator(".embed-copy").click()
    assert page.locator(".embed-copied").inner_text() == "نُسخت."
    harness.screenshot(page, "map-embed-code-box", PHONE[0])
    context = browser.new_context(java_script_enabled=False, viewport={"width": PHONE[0], "height": PHONE[1]})
    try:
        plain = context.new_page()
        plain.goto(base + url)
        plain.locator(".embed-code summary").click()
        assert plain.locator(".embed-code-text").is_visible()
        assert (
            "ar/embed/events/2014-12-15-mill-base-falls/" in plain.locator(".embed-code-text").input_value()
        )
        assert not plain.locator(".embed-copy").is_visible()  # a button that could not work is not shown
    finally:
        context.close()
