"""Does the test suite survive other content? Run it on a copy of the repository whose content a
fork has replaced.

Not collected by pytest (it runs the whole suite twice, which takes many minutes). Run it by hand
after moving or adding tests:

    .venv/bin/python tests/fork_check.py            # the events and vocabulary variants
    .venv/bin/python tests/fork_check.py paged tests/content tests/browser/test_content_site.py

``events``: content/events is replaced by 25 fictional, translated events that use the bundled
vocabulary (the ids declared in content/timeline.yaml). ``vocabulary``: content/timeline.yaml and
content/pages are replaced too (other title, eras, tags, actors, places; no methodology page).
``paged``: as ``events``, with 7 events a page, so every listing continues on page/2/ and beyond.
Other arguments are passed to pytest.
Everything written here is fictional test data with example.org sources. Exit status 0 when the
suite passes in every variant.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ("events", "vocabulary", "paged")

FIXTURE = ROOT / "tests" / "fixtures" / "fork"  # the fictional events, timeline and pages


def fictional_events() -> list[dict[str, str]]:
    """Twenty-five fictional events of a fictional town: date, slug, English and Arabic title."""
    events: list[dict[str, str]] = yaml.safe_load((FIXTURE / "events.yaml").read_text(encoding="utf-8"))
    return events


def write_events(folder: Path, timeline: dict[str, object]) -> None:
    """Twenty-five translated events that use the ids declared in ``timeline``."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    tags, actors, places = (list(timeline[g]) for g in ("tags", "actors", "places"))  # type: ignore[call-overload]
    events = fictional_events()
    for index, item in enumerate(events):
        when, slug, title, arabic = item["date"], item["slug"], item["title"], item["ar"]
        event_id = f"{when}-{slug}"
        event = {
            "title": title,
            "date": when,
            "summary": f"Fictional test event: {title.lower()}, as a made-up chronicle tells it.",
            "tags": [tags[index % len(tags)], tags[(index + 1) % len(tags)]],
            "actors": [actors[index % len(actors)]],
            "places": [places[index % len(places)]],
            "status": "single-source",  # one made-up source each, said so (the sourcing standard)
            "sources": [
                {
                    "publisher": ["Example Herald", "Sample Chronicle", "Test Review"][index % 3],
                    "title": f"{title} (test article)",
                    "url": f"https://example.org/{slug}?n={index}&lang=en",
                    "published": "2025-06-01",
                }
            ],
            "translations": {"ar": {"title": arabic, "summary": f"حدث تجريبي متخيَّل: {arabic}."}},
        }
        if index:
            event["related"] = [f"{events[index - 1]['date']}-{events[index - 1]['slug']}"]
        text = yaml.safe_dump(event, allow_unicode=True, sort_keys=False)
        (folder / f"{event_id}.yaml").write_text(text, encoding="utf-8")


def make_fork(variant: str, target: Path) -> None:
    """Copy the tracked files of the repository and replace its content as a fork would."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in listed.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    if (ROOT / "node_modules").is_dir():
        (target / "node_modules").symlink_to(ROOT / "node_modules")
    content = target / "content"
    if variant == "vocabulary":
        shutil.copy2(FIXTURE / "timeline.yaml", content / "timeline.yaml")
        shutil.rmtree(content / "pages")
        shutil.copytree(FIXTURE / "pages", content / "pages")
    timeline = yaml.safe_load((content / "timeline.yaml").read_text(encoding="utf-8"))
    if variant == "vocabulary":
        mkdocs = target / "mkdocs.yml"
        site_name = f'site_name: "{timeline["title"]}"'
        mkdocs.write_text(re.sub(r"(?m)^site_name: .*$", site_name, mkdocs.read_text()))
    if variant == "paged":
        mkdocs = target / "mkdocs.yml"
        mkdocs.write_text(re.sub(r"(?m)^(\s+per_page:) \d+$", r"\1 7", mkdocs.read_text()))
        assert "per_page: 7" in mkdocs.read_text()
    write_events(content / "events", timeline)


def run_suite(variant: str, pytest_args: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix=f"fork-{variant}-") as folder:
        fork = Path(folder)
        make_fork(variant, fork)
        env = os.environ | {"SCREENSHOT_DIR": str(fork / "screenshots")}
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *pytest_args]
        print(f"== {variant}: {' '.join(command)} in {fork}", flush=True)
        done = subprocess.run(command, cwd=fork, env=env, capture_output=True, text=True, check=False)
        lines = done.stdout.strip().splitlines()
        failures = [line for line in lines if line.startswith(("FAILED", "ERROR"))]
        print("\n".join(failures + lines[-1:]), flush=True)
        return done.returncode


def main(argv: list[str]) -> int:
    variants = [a for a in argv if a in VARIANTS] or ["events", "vocabulary"]
    pytest_args = [a for a in argv if a not in VARIANTS]
    codes = {variant: run_suite(variant, pytest_args) for variant in variants}
    print(codes)
    return max(codes.values())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
