"""What the chronology's filters download: the small filters file, and for words only the
shards of the text index that hold them (and, where the chronology is paginated, the records of
the results shown), never a whole index of the chronology."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import harness
import pytest
import readers_site


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The readers' fixture with 5 events a page: filtered results replace the list."""
    folder = tmp_path_factory.mktemp("paged")
    content = readers_site.write_content(folder)
    site = folder / "site"
    command = [sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(site)]
    subprocess.run([*command, "--per-page", "5"], check=True, cwd=folder, capture_output=True)
    return site


def _record(session: harness.PageSession, base: str) -> None:
    sizes: dict[str, int] = {}

    def on_response(response: object) -> None:
        url = response.url  # type: ignore[attr-defined]
        if url.startswith(base) and "/search/" in url:
            sizes[url.removeprefix(base)] = len(response.body())  # type: ignore[attr-defined]

    session.page.on("response", on_response)
    session.fetched = sizes  # type: ignore[attr-defined]


@pytest.mark.parametrize("edition", ["", "ar/"])
def test_a_filter_downloads_the_filters_file_and_words_only_their_shards(
    paged: Path, static_server: harness.ServeFn, new_page: harness.PageFactory, edition: str
) -> None:
    base = static_server(paged) + edition
    session = new_page(viewport_width=390, viewport_height=844)
    _record(session, base)
    session.goto(base + "?tag=siege")
    page = session.page
    page.locator("form.filter-form").wait_for()
    page.locator("#chronology:not([aria-busy])").wait_for(state="attached")
    fetched = session.fetched  # type: ignore[attr-defined]
    # 12 sieges on a paginated chronology: they are listed in its place, their records read
    # from the text index's chunks (16 events a file); no word, so no shard of words
    assert page.locator(".filter-results .search-result").count() == 12
    assert page.locator("#chronology").is_hidden()
    assert fetched["search/filters.json"] < 2_000  # 28 events, with their ids
    assert sorted(fetched) == [
        "search/docs/0.json",
        "search/docs/1.json",
        "search/filters.json",
        "search/shards.json",
    ]
    page.locator("form.filter-form input[name=q]").fill("railway")
    page.locator("form.filter-form select[name=tag]").select_option("")
    page.wait_for_function("location.search === '?q=railway'")
    assert page.locator(".filter-results .search-result").count() == 1
    assert "railway" in page.locator(".filter-results").inner_text().lower()
    words = {url for url in fetched if url.startswith("search/terms/")}
    assert len(words) == 1 and "search/shards.json" in fetched
    assert all(
        url in ("search/filters.json", "search/shards.json")
        or url.startswith(("search/terms/", "search/docs/"))
        for url in fetched
    ), fetched
    assert session.errors == []
