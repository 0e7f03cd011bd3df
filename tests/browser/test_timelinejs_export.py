"""The TimelineJS export runs no script when a newsroom loads it in the real TimelineJS 3.9.11.

TimelineJS inserts most of what it reads as HTML: it sanitises ``headline``, ``text``, media
``caption`` and ``credit`` with DOMPurify, but strips the markup of ``group`` and
``display_date`` by decoding them to text, then inserts that text as HTML. So a tag named
``&lt;img onerror=...&gt;`` becomes a live element unless the export encodes it for that path.
Every field gets two payloads (raw HTML and HTML written as entities); each sets
``window.__xss`` to its field's name if it runs, and each must be shown as the site shows it:
plain-text fields exactly as written, Markdown fields with the entities decoded.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import harness
import pytest

from generator.build import Builder, BuildOptions

TIMELINEJS_DIST = harness.NODE_MODULES / "@knight-lab" / "timelinejs" / "dist"
THEME = Path(__file__).resolve().parents[2] / "theme"
PLAIN_FIELDS = ("title", "era", "group", "headline", "publisher", "credit")
MARKDOWN_FIELDS = ("description", "text")


def payload(field: str) -> str:
    """Raw markup and markup written as entities, both setting ``window.__xss`` if they run."""
    return (
        f"<img src=x onerror=window.__xss='{field}'> &lt;img src=x onerror=window.__xss='{field}-entity'&gt;"
    )


def yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


TIMELINE_YAML = f"""\
title: {yaml_string("Title " + payload("title"))}
description: {yaml_string("Description " + payload("description"))}
language: en
eras:
  - id: all
    name: {yaml_string("Era " + payload("era"))}
tags:
  g:
    name: {yaml_string("Group " + payload("group"))}
"""

EVENT_YAML = f"""\
title: {yaml_string("Headline " + payload("headline"))}
date: 2020-01-02
summary: {yaml_string("Summary " + payload("text"))}
tags: [g]
sources:
  - publisher: {yaml_string("Publisher " + payload("publisher"))}
    title: {yaml_string("Credit " + payload("credit"))}
    url: https://example.org/report
    published: 2020-01-02
"""

SECOND_EVENT_YAML = """\
title: A second event, so that the timeline has a range
date: 2020-03-04
summary: Nothing to see.
tags: [g]
sources:
  - publisher: Example Gazette
    title: A report
    url: https://example.org/second
    published: 2020-03-04
"""

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>embed</title>
<link rel="stylesheet" href="timelinejs/css/timeline.css">
<script src="timelinejs/js/timeline.js"></script></head>
<body><div id="embed" style="width: 1200px; height: 700px"></div>
<script>
window.timeline = new TL.Timeline("embed", "data/timelinejs.json", {hash_bookmark: false});
window.timeline.on("loaded", () => { window.__loaded = true; });
</script></body></html>
"""


@pytest.fixture(scope="module")
def embed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {"2020-01-02-payload": EVENT_YAML, "2020-03-04-second": SECOND_EVENT_YAML}
    return embedded(tmp_path_factory.mktemp("timelinejs"), TIMELINE_YAML, files)


def embedded(root: Path, timeline: str, events: dict[str, str]) -> Path:
    """A site of ``events`` (id -> YAML) built, and its timelinejs.json in a TimelineJS page."""
    if not (TIMELINEJS_DIST / "js" / "timeline.js").is_file():
        harness.skip_or_fail(harness.INSTALL_NODE_MODULES.format(what=str(TIMELINEJS_DIST)))
    content = root / "content"
    (content / "events").mkdir(parents=True)
    (content / "timeline.yaml").write_text(timeline, encoding="utf-8")
    for event_id, text in events.items():
        (content / "events" / f"{event_id}.yaml").write_text(text, encoding="utf-8")
    site = root / "site"
    Builder(content, THEME, site, BuildOptions(workers=1), root=root).build()
    embed = root / "embed"
    (embed / "data").mkdir(parents=True)
    shutil.copy(site / "data" / "timelinejs.json", embed / "data" / "timelinejs.json")
    shutil.copytree(TIMELINEJS_DIST, embed / "timelinejs")
    (embed / "index.html").write_text(PAGE, encoding="utf-8")
    return embed


def test_timelinejs_runs_no_script_from_the_export_and_shows_it_as_text(
    embed_folder: Path, static_server: harness.ServeFn, new_page: harness.PageFactory
) -> None:
    session = new_page()
    session.goto(static_server(embed_folder) + "index.html")
    session.page.wait_for_function("() => window.__loaded === true", timeout=20_000)
    shown = ""
    for slide in range(3):  # show every slide in turn: the title, then each event
        session.page.evaluate("(n) => window.timeline.goTo(n)", slide)
        session.page.wait_for_timeout(1_000)
        shown += session.page.locator("#embed").inner_text()
    assert session.page.evaluate("() => window.__xss") is None
    assert session.page.locator("#embed img[src='x']").count() == 0
    for field in PLAIN_FIELDS:  # plain text: shown exactly as written, entities and all
        assert payload(field) in shown, field
    for field in MARKDOWN_FIELDS:  # the sanitiser drops the raw tag; the entities are text
        assert f"<img src=x onerror=window.__xss='{field}-entity'>" in shown, field


def ancient_event(date: str) -> str:
    return (
        f"title: An event of {date}\ndate: {date}\nsummary: It happened.\nsources:\n"
        "  - {publisher: Example, title: Report, url: 'https://example.org/r', published: 2001}\n"
    )


def test_timelinejs_shows_years_before_the_common_era_as_the_site_does(
    tmp_path: Path, static_server: harness.ServeFn, new_page: harness.PageFactory
) -> None:
    """TimelineJS's own wording of each exported date (not the display_date we also send) is the
    site's: its year -350 reads "350 BCE", so 350 BCE is exported as -350, not -349."""
    dates = {"0350-bce-a": "0350 BCE", "0044-03-15-bce-b": "0044-03-15 BCE", "0001-bce-c": "0001 BCE"}
    events = {event_id: ancient_event(date) for event_id, date in dates.items()}
    timeline = "title: Antiquity\ndescription: Long ago.\nlanguage: en\neras: [{id: all, name: All}]\n"
    embed = embedded(tmp_path, timeline, events)
    session = new_page()
    session.goto(static_server(embed) + "index.html")
    session.page.wait_for_function("() => window.__loaded === true", timeout=20_000)
    shown = session.page.evaluate(
        """() => Object.fromEntries(window.timeline.config.events.map(e => [e.unique_id,
            window.timeline.language.formatDate(e.start_date.data.date_obj, e.start_date.data.format)
                .replace(/<[^>]+>/g, "")]))"""
    )
    assert shown == {"0350-bce-a": "350 BCE", "0044-03-15-bce-b": "March 15, 44 BCE", "0001-bce-c": "1 BCE"}
