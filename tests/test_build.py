"""Whole builds of the small fixture site: golden output, determinism, failures, serve rebuilds."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import Builder, BuildOptions
from generator.problems import ContentError

from .conftest import SMALL, THEME, TOWN

EXPECTED = SMALL / "expected"


def build(content: Path, out: Path, **options: object) -> Builder:
    builder = Builder(content, THEME, out, BuildOptions(per_page=2, **options), root=content.parent)  # type: ignore[arg-type]
    builder.build()
    return builder


# Share images are pixels from FreeType and HarfBuzz: tests/test_media.py checks their size and
# that they are deterministic; the golden tree holds the pages that point to them.
SHARE_IMAGES = "share.png"


def _not_golden(out: Path) -> Callable[[str, list[str]], list[str]]:
    """What the expected tree leaves out: the theme's assets and the share images."""
    return lambda folder, names: [
        name for name in names if name == SHARE_IMAGES or (Path(folder) == out and name == "assets")
    ]


def tree(folder: Path) -> dict[str, bytes]:
    """A built site's files, less the theme's assets: those are copied through as they are, so
    the expected tree does not keep copies of them (they are compared with the theme instead)."""
    return {
        name: p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and p.name != SHARE_IMAGES
        and not (name := p.relative_to(folder).as_posix()).startswith("assets/")
    }


def test_small_site_matches_the_expected_output(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Compare with tests/fixtures/small/expected; `pytest --update-golden` rewrites it."""
    out = tmp_path / "site"
    build(SMALL / "content", out)
    assets = {p.name: p.read_bytes() for p in (out / "assets").iterdir()}
    assert assets == {p.name: p.read_bytes() for p in (THEME / "assets").iterdir()}, (
        "assets copied as they are"
    )
    if request.config.getoption("--update-golden"):
        shutil.rmtree(EXPECTED, ignore_errors=True)
        shutil.copytree(out, EXPECTED, ignore=_not_golden(out))
        pytest.skip("expected output rewritten; review the diff with git")
    actual, expected = tree(out), tree(EXPECTED)
    assert sorted(actual) == sorted(expected), (
        "pages added or missing: run pytest --update-golden if intended"
    )
    changed = [name for name in expected if actual[name] != expected[name]]
    assert not changed, (
        f"pages differ from the expected output: {changed} (pytest --update-golden if intended)"
    )


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    build(SMALL / "content", tmp_path / "one")
    build(SMALL / "content", tmp_path / "two", workers=1)
    comparison = filecmp.dircmp(tmp_path / "one", tmp_path / "two")
    assert tree(tmp_path / "one") == tree(tmp_path / "two"), comparison.report()


def test_parallel_build_equals_serial_build(
    tmp_path: Path, small_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("generator.build.PARALLEL_THRESHOLD", 1)
    build(small_content, tmp_path / "parallel", workers=2)
    build(small_content, tmp_path / "serial", workers=1)
    assert tree(tmp_path / "parallel") == tree(tmp_path / "serial")


def test_every_event_has_a_page_and_is_on_a_home_page_in_date_order(tmp_path: Path) -> None:
    out = tmp_path / "site"
    builder = build(SMALL / "content", out)
    content, _ = builder.load()
    ordered = sorted(content.events.values(), key=lambda e: e.sort_key)
    homes = [out / "index.html", *sorted((out / "page").glob("*/index.html"))]
    listed = "".join(page.read_text() for page in homes)
    positions = [listed.index(f'id="{event.id}"') for event in ordered]
    assert positions == sorted(positions)
    for event in ordered:
        page = (out / "events" / event.id / "index.html").read_text()
        assert event.title in page
        assert f'href="{event.sources[0].url.replace("&", "&amp;")}"' in page


def test_an_invalid_event_fails_the_build_with_every_problem(tmp_path: Path, small_content: Path) -> None:
    (small_content / "events" / "2020-02-01-bad.yaml").write_text("title: NO\ndate: 2020-02-01\n")
    with pytest.raises(ContentError) as failure:
        build(small_content, tmp_path / "site")
    report = str(failure.value)
    assert "2020-02-01-bad.yaml:1:8: title: YAML reads 'NO' as a boolean" in report
    assert "required field 'summary'" in report and "required field 'sources'" in report
    assert not (tmp_path / "site" / "index.html").exists()


def test_mkdocs_build_fails_with_the_same_message(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(SMALL, project, ignore=shutil.ignore_patterns("expected"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../theme", str(THEME)))
    (project / "content" / "events" / "2020-02-01-bad.yaml").write_text("title: NO\ndate: 2020-02-01\n")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "content/events/2020-02-01-bad.yaml:1:8: title: YAML reads 'NO' as a boolean" in result.stderr


def test_serve_rebuild_renders_only_pages_that_show_the_changed_event(
    tmp_path: Path, small_content: Path
) -> None:
    out = tmp_path / "site"
    builder = build(small_content, out, serving=True)  # keeps export pieces between builds
    before = tree(out)
    event_file = small_content / "events" / "2020-01-29-market-reopens.yaml"
    event_file.write_text(event_file.read_text().replace("Traders reopened", "Traders finally reopened"))
    report = builder.build()
    assert report.files_parsed == 1
    assert 0 < report.pages_rendered < report.pages_planned / 2
    after = tree(out)
    assert after.keys() == before.keys()
    changed = {name for name in after if after[name] != before[name]}
    assert "events/2020-01-29-market-reopens/index.html" in changed
    assert "events/0973-poet-born/index.html" not in changed  # does not show the edited event
    fresh = tmp_path / "fresh"
    build(small_content, fresh)
    assert tree(fresh) == after  # the incremental result equals a full build


def test_deleting_an_event_removes_its_page_on_rebuild(tmp_path: Path, small_content: Path) -> None:
    out = tmp_path / "site"
    builder = build(small_content, out)
    (small_content / "events" / "2020-01-29-market-reopens.yaml").unlink()
    builder.build()
    assert not (out / "events" / "2020-01-29-market-reopens").exists()
    assert "market-reopens" not in (out / "index.html").read_text()


def test_realistic_site_builds_strict_with_mkdocs(town_site: Path) -> None:
    """The fictional town (tests/fixtures/town): every event, in both editions, with its sources."""
    events = sorted((TOWN / "content" / "events").glob("*.yaml"))
    assert len(events) == 13
    for event in events:
        for edition in ("", "ar/"):
            page = town_site / edition / "events" / event.stem / "index.html"
            assert page.exists(), f"no page for {event.name}"
            assert 'class="source-title" href="https://example.org/' in page.read_text()


def test_render_workers_stay_within_the_memory_budget() -> None:
    from generator.build import workers_within_budget

    assert workers_within_budget(2, budget_mib=1_000_000) == 2
    assert workers_within_budget(2, budget_mib=1) == 1  # never fewer than this process itself
    assert workers_within_budget(1, budget_mib=1_000_000) == 1


def test_an_event_before_the_common_era_has_its_pages_first(town_site: Path) -> None:
    """0300 BCE (tests/fixtures/town): its own page and year page, first on the home page and
    the year index, an expanded ISO year in JSON-LD, and the era word in each edition."""
    event_id = "0300-bce-settlement-founded"
    page = (town_site / "events" / event_id / "index.html").read_text(encoding="utf-8")
    assert "c. 300 BCE" in page
    assert '"startDate":"-0299"' in page  # ISO 8601's expanded year: 1 BCE is 0000
    assert 'href="../../years/0300-bce/">All events of 300 BCE</a>' in page
    year = (town_site / "years" / "0300-bce" / "index.html").read_text(encoding="utf-8")
    assert "<h1>300 BCE" in year and f"events/{event_id}/" in year
    home = (town_site / "index.html").read_text(encoding="utf-8")
    assert home.index(event_id) < home.index("0980-scholar-born")
    assert "13 events, 300 BCE–2024." in home
    years = (town_site / "years" / "index.html").read_text(encoding="utf-8")
    assert years.index("years/0300-bce/") < years.index("years/0980/")
    arabic = (town_site / "ar" / "events" / event_id / "index.html").read_text(encoding="utf-8")
    assert "300 ق.م" in arabic
    nearest = (town_site / "events" / "0980-scholar-born" / "index.html").read_text(encoding="utf-8")
    assert f'rel="prev" href="../../events/{event_id}/"' in nearest
