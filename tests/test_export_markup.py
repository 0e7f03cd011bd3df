"""The markup inside the export files: escaped by its writer, in the site's main language."""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.exports import export_context, iter_exports
from generator.exports.common import ExportContext
from generator.exports.feeds import FEED_URL, all_feeds
from generator.exports.timelinejs import event_slide
from generator.imports import SourceReader, read_timelinejs
from generator.load import load_yaml_file
from generator.locale import Locale
from generator.model import Event, Source
from generator.organise import Site, organise
from generator.validate import event_from_document, timeline_from_document

from .conftest import SMALL, THEME

ATOM = "{http://www.w3.org/2005/Atom}"


def small_site(replace_sources: tuple[Source, ...] = ()) -> Site:
    """The small fixture site, its first event's sources optionally replaced."""
    content = SMALL / "content"
    timeline = timeline_from_document(load_yaml_file(content / "timeline.yaml", "timeline.yaml"))
    assert timeline is not None
    events: list[Event] = []
    for path in sorted((content / "events").glob("*.yaml")):
        event = event_from_document(load_yaml_file(path, f"content/events/{path.name}"))
        assert event is not None
        events.append(event)
    if replace_sources:
        events[0] = dataclasses.replace(events[0], sources=replace_sources)
    return organise(timeline, events, [])


def hostile_source(site: Site) -> Source:
    """A source whose every text tries to end its element or attribute."""
    return Source(
        publisher='The "Gazette" <b>',
        title="</a><script>alert(1)</script> & 'quotes'",
        url="https://example.org/report?a=1&b=%22two%22",
        published=site.events[0].sources[0].published,
    )


def arabic() -> Locale:
    strings = yaml.safe_load((THEME / "i18n" / "ar.yaml").read_text(encoding="utf-8"))
    return Locale("ar", strings)


class Elements(HTMLParser):
    """The tags of an HTML fragment, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def tags_of(fragment: str) -> list[str]:
    parser = Elements()
    parser.feed(fragment)
    return parser.tags


def test_a_hostile_source_cannot_break_out_of_the_timelinejs_source_list() -> None:
    plain = small_site()
    source = hostile_source(plain)
    site = small_site((source,))
    slide = event_slide(ExportContext(site), site.events[0])
    assert "script" not in tags_of(slide["text"]["text"])
    reader = SourceReader()
    reader.feed(slide["text"]["text"])
    assert reader.sources == [
        {
            "publisher": source.publisher,
            "title": source.title,
            "url": source.url,
            "published": source.published.iso(),
        }
    ]


def test_a_hostile_source_stays_text_in_the_atom_feed() -> None:
    plain = small_site()
    source = hostile_source(plain)
    site = small_site((source,))
    feed = ET.fromstring(all_feeds(ExportContext(site))[FEED_URL])
    contents = [entry.findtext(f"{ATOM}content") or "" for entry in feed.iter(f"{ATOM}entry")]
    hostile = next(html for html in contents if 'The "Gazette"' in html)
    assert "script" not in tags_of(hostile) and "b" not in tags_of(hostile)
    assert tags_of(hostile).count("a") == 1


def test_the_export_files_speak_the_main_language() -> None:
    site = small_site()
    context = ExportContext(site, locale=arabic())
    slide = event_slide(context, site.event("1098-12-12-siege-ends"))
    assert "<p>المصادر:</p>" in slide["text"]["text"]
    assert ">رابط دائم</a>" in slide["text"]["text"]
    assert slide["start_date"]["display_date"] == "12 كانون الأول 1098"
    poet = event_slide(context, site.event("0973-poet-born"))
    assert poet["start_date"]["display_date"] == "نحو 973"
    feed = ET.fromstring(all_feeds(context)[FEED_URL])
    assert feed.findtext(f"{ATOM}subtitle") == f"{site.timeline.title}: آخر 50 حدثًا أُضيفت"
    assert "المصادر:" in (feed.findtext(f"{ATOM}entry/{ATOM}content") or "")


def test_english_is_the_default_language_of_the_export_files() -> None:
    site = small_site()
    slide = event_slide(ExportContext(site), site.event("1098-12-12-siege-ends"))
    assert "<p>Sources:</p>" in slide["text"]["text"] and ">Permalink</a>" in slide["text"]["text"]


@pytest.mark.parametrize("locale", [None, "ar"])
def test_the_importer_reads_summary_and_sources_back_in_any_language(
    tmp_path: Path, locale: str | None
) -> None:
    site = small_site()
    context = ExportContext(site, locale=arabic() if locale else None)
    event = site.event("1098-12-12-siege-ends")
    path = tmp_path / "timelinejs.json"
    # the slide as a tool that keeps only TimelineJS's own keys leaves it (no "chronology")
    slide = {k: v for k, v in event_slide(context, event).items() if k != "chronology"}
    path.write_text(json.dumps({"events": [slide]}), encoding="utf-8")
    (row,) = read_timelinejs(path).rows
    assert row.values["summary"].startswith("The walls were taken")
    assert "المصادر" not in row.values["summary"] and "Sources" not in row.values["summary"]
    assert [source["url"] for source in row.values["sources"]] == [s.url for s in event.sources]
    poet = site.event("0973-poet-born")
    slide = {k: v for k, v in event_slide(context, poet).items() if k != "chronology"}
    path.write_text(json.dumps({"events": [slide]}), encoding="utf-8")
    (row,) = read_timelinejs(path).rows
    assert row.values["approximate"] == "true" and row.values["date"] == "0973"


def exported(site: Site, project: Path) -> dict[str, bytes]:
    """Every export file of ``site``, as the build would write it."""
    files = {}
    for url, chunks in iter_exports(export_context(site, "", None, project)):
        files[url] = b"".join(
            chunk if isinstance(chunk, bytes) else chunk.encode("utf-8") for chunk in chunks
        )
    return files


def test_a_site_in_arabic_gets_arabic_export_files_without_being_told(tmp_path: Path) -> None:
    """write_exports without a locale uses the packaged theme's strings of the main language."""
    english = small_site()
    timeline = dataclasses.replace(english.timeline, language="ar", languages=("ar",))
    site = organise(timeline, english.events, [])
    files = exported(site, tmp_path)
    slides = json.loads(files["data/timelinejs.json"])["events"]
    assert all("<p>المصادر:</p>" in slide["text"]["text"] for slide in slides)
    feed = ET.fromstring(files[FEED_URL])
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    assert "آخر 50 حدثًا" in (feed.findtext(f"{ATOM}subtitle") or "")
