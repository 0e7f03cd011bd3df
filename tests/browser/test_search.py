"""Search in a real browser: Arabic forms and transliterations of the town's name find events in
both editions, and a query downloads a few small files, never the whole index (issues 15, 17)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import harness
import pytest
from playwright.sync_api import Response

from generator.build import Builder, BuildOptions

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ["الصليبيين", "المعرة", "معره النعمان", "Maarat", "Maaret", "Ma'arrat", "Marat"]
BUDGET = 300 * 1024  # bytes to the first result (issue 17's target, there at 50,000 events)


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("search") / "site"
    Builder(ROOT / "content", ROOT / "theme", out, BuildOptions(), root=ROOT).build()
    return out


def search(session: harness.PageSession, url: str) -> tuple[list[str], dict[str, int]]:
    """The result titles shown for a search page's query, and the bytes of every file the
    query fetched after the page itself (by URL)."""
    responses: list[Response] = []
    session.page.on("response", lambda response: responses.append(response))
    session.goto(url)
    session.page.locator(".search-result-title a").first.wait_for()
    titles = session.page.locator(".search-result-title").all_inner_texts()
    fetched = {r.url: len(r.body()) for r in responses if "/search/" in r.url and r.url.endswith(".json")}
    return titles, fetched


@pytest.mark.parametrize("edition", ["", "ar/"])
def test_arabic_forms_and_transliterations_find_events_in_both_editions(
    built_site: Path, static_server: harness.ServeFn, new_page: harness.PageFactory, edition: str
) -> None:
    base = static_server(built_site)
    for query in QUERIES:
        session = new_page()
        titles, fetched = search(session, f"{base}{edition}search/?q={quote(query)}")
        assert titles, f"{query!r} found nothing in the {edition or 'main'} edition"
        assert not any(url.endswith("/search/index.json") for url in fetched), "the whole index was fetched"
        assert 0 < sum(fetched.values()) <= BUDGET, f"{query!r}: {fetched}"
        assert session.errors == []
        status = session.page.locator("[data-search-status]").inner_text()
        assert str(len(titles)) in status or len(titles) == 20  # first page of a longer list


def test_more_results_load_on_demand(
    built_site: Path, static_server: harness.ServeFn, new_page: harness.PageFactory
) -> None:
    base = static_server(built_site)
    session = new_page()
    titles, _ = search(session, f"{base}search/?q=Maaret")
    assert len(titles) == 20
    more = session.page.locator(".search-more")
    more.click()
    session.page.locator(".search-result").nth(20).wait_for()
    assert session.page.locator(".search-result").count() > 20
    assert session.errors == []
