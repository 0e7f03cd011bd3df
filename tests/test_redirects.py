"""Permalinks that survive renames: ``previous_ids``, the redirect pages at old addresses, the
exports that carry the old ids, and ``validate --base REF``, which catches a rename without one."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.build import Builder, BuildOptions
from generator.cli import main

from .conftest import SMALL, THEME, TOWN

SITE_URL = "https://example.org/wadi/"
RENAMED = "2020-01-29-army-takes-town"  # the town fixture's event that was 2020-01-army-takes-town
OLD = "2020-01-army-takes-town"


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("town") / "site"
    Builder(TOWN / "content", THEME, out, BuildOptions(workers=1, site_url=SITE_URL), root=TOWN).build()
    return out


@pytest.mark.parametrize("edition", ["", "ar/"])
def test_the_old_address_leads_to_the_renamed_event_in_both_editions(town: Path, edition: str) -> None:
    page = (town / edition / "events" / OLD / "index.html").read_text(encoding="utf-8")
    new = f"../../events/{RENAMED}/"
    assert f'<link rel="canonical" href="{SITE_URL}{edition}events/{RENAMED}/">' in page
    assert f'<meta http-equiv="refresh" content="0; url={new}">' in page
    assert '<meta name="robots" content="noindex">' in page
    link = re.search(r'<a href="([^"]+)">([^<]+)</a>', page)
    assert link is not None and link.group(1) == new
    event_page = (town / edition / "events" / RENAMED / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<h1[^>]*>(.*?)</h1>", event_page, re.S)
    assert title is not None and link.group(2) in title.group(1)  # the edition's own title
    assert f'lang="{"ar" if edition else "en"}"' in page


def test_old_addresses_are_not_in_the_sitemap_but_are_in_the_exports(town: Path) -> None:
    sitemap = (town / "sitemap.xml").read_text(encoding="utf-8")
    assert f"events/{RENAMED}/" in sitemap and OLD not in sitemap
    records = {e["id"]: e for e in json.loads((town / "data" / "events.json").read_text())["events"]}
    assert records[RENAMED]["previous_ids"] == [OLD]
    assert records["2019-07-22-market-air-raid"]["previous_ids"] == []
    slides = json.loads((town / "data" / "timelinejs.json").read_text())["events"]
    assert next(s for s in slides if s["unique_id"] == RENAMED)["chronology"]["previous_ids"] == [OLD]
    header = (town / "data" / "events.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert "previous_ids" in header


# ---- validate ------------------------------------------------------------------------------
EVENT = """title: The market reopens again
date: 2020-02-02
summary: Traders returned to the old market.
sources:
  - publisher: Example Gazette
    title: Market reopens
    url: https://example.org/market-2
    published: 2020-02-02
previous_ids: {ids}
"""


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        ("[1098-11-siege-begins]", "'1098-11-siege-begins' is still the id of an event"),
        ("[2020-02-02-market-again]", "an event's previous id cannot be its current one"),
        ("[Market Again]", "'Market Again' is not an event id"),
        ("[market-again]", "'market-again' is not an event id"),
    ],
)
def test_validate_rejects_a_previous_id_that_cannot_be_one(
    small_content: Path, ids: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = small_content / "events" / "2020-02-02-market-again.yaml"
    path.write_text(EVENT.format(ids=ids), encoding="utf-8")
    assert main(["validate", "--content", str(small_content)]) == 1
    out = capsys.readouterr().out
    assert re.search(rf"{re.escape(path.as_posix())}:9:\d+: previous_ids\[0\]: {re.escape(message)}", out)


def test_validate_names_line_field_and_message_for_a_current_id(
    small_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = small_content / "events" / "2020-02-02-market-again.yaml"
    path.write_text(EVENT.format(ids="[2020-01-market, 1098-11-siege-begins]"), encoding="utf-8")
    assert main(["validate", "--content", str(small_content)]) == 1
    out = capsys.readouterr().out
    assert (
        f"{path.as_posix()}:9:32: previous_ids[1]: '1098-11-siege-begins' is still the id of an event" in out
    )


def test_validate_rejects_an_old_id_claimed_by_two_events(
    small_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("2020-02-02-market-again", "2020-02-02-market-reopened"):
        text = EVENT.format(ids="[2020-01-market]").replace("Market reopens", name)
        (small_content / "events" / f"{name}.yaml").write_text(text, encoding="utf-8")
    assert main(["validate", "--content", str(small_content)]) == 1
    out = capsys.readouterr().out
    assert "previous_ids[0]: '2020-01-market' is also a previous id of 2020-02-02-market-again" in out
    assert out.count("is also a previous id") == 1


# ---- validate --base -------------------------------------------------------------------------
def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding the small fixture's content, committed on ``main``."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    project = tmp_path / "project"
    shutil.copytree(SMALL / "content", project / "content")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "content")
    git(project, "commit", "-q", "-m", "published")
    monkeypatch.chdir(project)
    return project


def test_a_rename_without_previous_ids_fails_against_the_base(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = repo / "content" / "events"
    git(repo, "mv", "content/events/1098-11-siege-begins.yaml", "content/events/1098-11-20-siege-begins.yaml")
    moved = events / "1098-11-20-siege-begins.yaml"
    moved.write_text(moved.read_text().replace("date: 1098-11", "date: 1098-11-20"), encoding="utf-8")
    siege_ends = events / "1098-12-12-siege-ends.yaml"  # its related id follows the rename
    related = siege_ends.read_text().replace("[1098-11-siege-begins]", "[1098-11-20-siege-begins]")
    siege_ends.write_text(related, encoding="utf-8")
    # the working copy is what counts, committed or not; the base is read from git alone
    assert main(["validate", "--base", "main"]) == 1
    out = capsys.readouterr().out
    assert (
        "content/events/1098-11-20-siege-begins.yaml:1:1: previous_ids: the event id "
        "'1098-11-siege-begins' existed at main and has vanished" in out
    )
    hint = "hint: add previous_ids: [1098-11-siege-begins] to the renamed event (probably 1098-11-20-siege"
    assert hint in out
    moved.write_text(moved.read_text() + "previous_ids: [1098-11-siege-begins]\n", encoding="utf-8")
    assert main(["validate", "--base", "main"]) == 0
    git(repo, "commit", "-qam", "renamed")
    assert main(["validate", "--base", "HEAD~1"]) == 0


def test_a_deleted_event_is_reported_at_its_old_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "content" / "events" / "0973-poet-born.yaml").unlink()
    assert main(["validate", "--base", "main", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert "::error file=content/events/0973-poet-born.yaml,line=1" in out
    assert "'0973-poet-born' existed at main" in out


def test_an_unknown_base_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--base", "origin/main"]) == 2
    assert "git fetch origin main" in capsys.readouterr().err
    assert main(["validate", "--base=--output=x"]) == 2  # never read as an option of git
    assert "'--output=x' is not a revision" in capsys.readouterr().err
