"""Content check in a real browser: this repository's own site, whatever content/ holds.

Every edition's home pages list every event in date order and lead to its page; the overview's
marks lead to event pages; one page of every type in every edition loads without errors, passes
axe-core and is valid HTML (prose pages and summaries are written by editors, so their markup is
checked here). Nothing here names an event or term of the bundled chronology: a fork with other
content keeps these tests (see tests/fork_check.py). The generator's own browser tests run on
tests/fixtures/town.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import harness
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"


def event_ids() -> list[str]:
    return sorted(p.stem for p in (CONTENT / "events").rglob("*.yaml"))


def edition_prefixes() -> list[str]:
    """The folder of each edition: '' for the main language, then 'ar/' and so on."""
    languages = yaml.safe_load((CONTENT / "timeline.yaml").read_text(encoding="utf-8"))["languages"]
    return ["", *(f"{language}/" for language in languages[1:])]


def first(site: Path, folder: str) -> str:
    """The first page listed in a folder of the site, as a URL path ending in '/'."""
    pages = sorted((site / folder).glob("*/index.html"))
    assert pages, f"nothing in {folder}"
    return f"{folder}/{pages[0].parent.name}/"


def page_types(site: Path, prefix: str) -> dict[str, str]:
    """One page of every type in one edition, found in the build rather than named."""
    urls = {"home": prefix, "search": prefix + "search/", "open-data": prefix + "open-data/"}
    for folder in ("events", "years", "eras", "tags", "actors", "places", "sources"):
        urls[f"{folder}-index"] = (
            prefix + folder + "/" if (site / prefix / folder / "index.html").is_file() else ""
        )
        urls[folder] = first(site, prefix + folder)
    for page in sorted((CONTENT / "pages").glob("*.md")):
        name = page.name.split(".")[0]
        urls[f"page-{name}"] = f"{prefix}{name}/"
    if not prefix:
        urls["not-found"] = "404.html"
    return {name: url for name, url in urls.items() if url or name == "home"}


@pytest.fixture(scope="module")
def base(content_site: Path, static_server: harness.ServeFn) -> str:
    return static_server(content_site)


def entry_ids_in_order(session: harness.PageSession, base: str, home: str) -> tuple[list[str], list[str]]:
    """Event ids and their datetime on a home page and the pages that continue it."""
    ids: list[str] = []
    dates: list[str] = []
    url: str | None = base + home
    while url:
        session.goto(url)
        entries = session.page.locator("article.entry")
        ids += entries.evaluate_all("els => els.map(e => e.id)")
        dates += entries.evaluate_all("els => els.map(e => e.querySelector('time').getAttribute('datetime'))")
        following = session.page.locator("a[rel=next]")
        url = urljoin(session.page.url, following.first.get_attribute("href")) if following.count() else None
    return ids, dates


def test_every_edition_lists_every_event_in_date_order_and_links_to_it(
    base: str, new_page: harness.PageFactory
) -> None:
    for prefix in edition_prefixes():
        session = new_page()
        ids, dates = entry_ids_in_order(session, base, prefix)
        assert sorted(ids) == event_ids(), f"{prefix or 'main'} edition"
        assert dates == sorted(dates, key=lambda d: (d + "-00-00")[:10])
        session.goto(base + prefix)
        session.page.locator(f'[id="{ids[0]}"] .entry-title a').click()
        assert session.page.url == f"{base}{prefix}events/{ids[0]}/"
        assert session.errors == []


def test_every_overview_mark_links_to_an_existing_event_page(
    base: str, new_page: harness.PageFactory
) -> None:
    session = new_page()
    session.goto(base)
    marks = session.page.locator("figure.overview svg.overview-wide a").evaluate_all(
        "els => els.map(e => [e.getAttribute('href'), e.dataset.ids])"
    )
    assert sorted(i for _, ids in marks for i in ids.split()) == event_ids()  # each in one mark
    for href, ids in marks:  # a lone event's mark leads to its page, a counted mark to its year
        assert href == (f"./events/{ids}/" if " " not in ids else f"./years/{ids[:4]}/")
    hrefs = [href for href, _ in marks]
    for href in (hrefs[0], hrefs[-1]):
        target = urljoin(base, href)
        session.goto(target)
        assert session.page.url == target and session.page.locator("h1").count() == 1


def test_a_page_of_every_type_in_every_edition_loads_cleanly_and_passes_axe(
    content_site: Path, base: str, new_page: harness.PageFactory, axe: harness.AxeFn
) -> None:
    failures = []
    for prefix in edition_prefixes():
        for name, url in page_types(content_site, prefix).items():
            session = new_page(viewport_width=1280)
            session.goto(base + url)
            assert session.page.locator("h1").count() == 1, f"{url}: one h1 per page"
            harness.screenshot(session.page, f"content-{prefix.strip('/') or 'main'}-{name}", 1280)
            violations = axe(session.page)
            if violations:
                failures.append(harness.format_axe_violations(violations, url=base + url))
            assert session.errors == [], f"{url}: {session.errors}"
    assert not failures, "\n".join(failures)


def test_a_page_of_every_type_in_every_edition_is_valid_html(content_site: Path, vnu: harness.VnuFn) -> None:
    files = [
        content_site / (url + "index.html" if url.endswith("/") or not url else url)
        for prefix in edition_prefixes()
        for url in page_types(content_site, prefix).values()
    ]
    messages = vnu(files)
    assert messages == [], harness.format_vnu_messages(messages)
