"""Import 20,000 ACLED-shaped rows and print the time: ``python -m benchmarks.import_acled``.

The rows are synthetic but have ACLED's column names and shape (its own ids, three
``time_precision`` values, event and sub-event types, interaction codes, fatalities, places
with admin areas and country, an outlet list in ``source``), spread over six years and one
place for every five rows (4,000 for 20,000 rows: a ``timeline.yaml`` of about 0.5 MB, twice
the 256 KiB a content file may have, which the vocabulary's own limit allows). The import
runs twice into a fresh content folder: the first writes every file, the second (the same
export again) finds every file unchanged, which is what re-running an updated export mostly is.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import tempfile
import time
from pathlib import Path

from generator.cli import main as chronology

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]  # fmt: skip
TYPES = ("Battles", "Protests", "Riots", "Explosions/Remote violence")
ACTORS = ("Town council", "Civil defence", "Traders union", "Local militia", "Police")


def places(count: int) -> list[tuple[str, str, str]]:
    """One place for every five rows, in 7 districts of 3 provinces."""
    return [(f"Place {n}", f"District {n % 7}", f"Province {n % 3}") for n in range(max(1, count // 5))]


def timeline_yaml(count: int) -> str:
    """A timeline declaring the tags, actors and places the rows use (as an editor would)."""
    lines = ["title: Benchmark", "description: ACLED-shaped rows.", "eras:", "  - id: all", "    name: All"]
    lines.append("tags:")
    lines += [f"  {_slug(name)}:\n    name: {name}" for name in TYPES]
    lines.append("actors:")
    lines += [f"  {_slug(name)}:\n    name: {name}" for name in ACTORS]
    lines.append("places:")
    for location, admin2, admin1 in places(count):
        key = _slug(f"{location} {admin2} {admin1} Syria")
        name = f"{location}, {admin2}, {admin1}, Syria"
        lines.append(f"  {key}:\n    name: {name}\n    lat: 35.6\n    lon: 36.6")
    return "\n".join(lines) + "\n"


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def rows(count: int) -> list[dict[str, str]]:
    made, where = [], places(count)
    for n in range(count):
        location, admin2, admin1 = where[n % len(where)]
        made.append(
            dict.fromkeys(COLUMNS, "")
            | {
                "event_id_cnty": f"SYN{n + 1}",
                "event_date": f"{2018 + n % 6}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                "time_precision": str(n % 3 + 1),
                "event_type": TYPES[n % len(TYPES)],
                "sub_event_type": "Armed clash",
                "interaction": str(10 + n % 8),
                "actor1": ACTORS[n % len(ACTORS)],
                "country": "Syria",
                "admin1": admin1,
                "admin2": admin2,
                "location": location,
                "latitude": "35.6",
                "longitude": "36.6",
                "source": "Example Radio; Example Gazette",
                "notes": f"SYNTHETIC ROW {n + 1}: an event reported by two outlets, with a short note.",
                "fatalities": str(n % 4),
            }
        )
    return made


def measure(count: int) -> tuple[list[tuple[float, float]], str]:
    """(wall, CPU) seconds of the first import and of the same import again; the summary line.

    CPU seconds are given too: on a shared machine the wall time mostly measures the others.
    """
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        content = root / "content"
        (content / "events").mkdir(parents=True)
        (content / "timeline.yaml").write_text(timeline_yaml(count), encoding="utf-8")
        export = root / "acled.csv"
        with export.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, COLUMNS)
            writer.writeheader()
            writer.writerows(rows(count))
        args = ["import", "csv", str(export), "--preset", "acled", "--content", str(content)]
        args += ["--source-url", "https://example.org/acled.csv", "--source-published", "2024-01-01"]
        times, output = [], ""
        for _ in range(2):
            captured = io.StringIO()
            start, cpu = time.perf_counter(), time.process_time()
            with contextlib.redirect_stdout(captured):
                chronology(args)
            times.append((time.perf_counter() - start, time.process_time() - cpu))
            output = captured.getvalue().strip().splitlines()[-1]
        return times, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    count = parser.parse_args().rows
    times, summary = measure(count)
    (first, first_cpu), (again, again_cpu) = times
    print(f"{count:,} ACLED-shaped rows: first import {first:.1f} s wall ({first_cpu:.1f} s CPU),")
    print(f"  same export again {again:.1f} s wall ({again_cpu:.1f} s CPU)\n  {summary}")


if __name__ == "__main__":
    main()
