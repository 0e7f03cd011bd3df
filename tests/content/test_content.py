"""Content checks: whatever content/ holds validates, builds with MkDocs --strict in every edition,
and gives a site whose every event has its page, every internal link resolves, and whose open data
agrees with the content.

These tests name no event, term or phrase of the bundled chronology: a fork that replaces content/
keeps them (tests/fork_check.py proves it). What the generator does is tested on fixtures under
tests/fixtures/ in the other test files.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import icalendar
import jsonschema
import pytest

from generator.cli import main
from generator.dates import Precision
from generator.locale import load_locale
from generator.model import Event, Timeline
from generator.strings import interface_strings
from generator.theming import Theme

from ..conftest import CONTENT, THEME, load_content

FEED_SIZE = 50  # the most entries a feed holds; the newest additions are kept


@cache
def events() -> tuple[Event, ...]:
    """The events of content/, in the order the home page lists them."""
    return tuple(sorted(load_content(CONTENT).events.values(), key=lambda e: e.sort_key))


@cache
def timeline() -> Timeline:
    found = load_content(CONTENT).timeline
    assert found is not None, "content/timeline.yaml is missing or invalid"
    return found


def edition_prefixes() -> dict[str, str]:
    """Each language of the site and the folder its edition is written to ('' for the main one)."""
    languages = timeline().languages
    return {language: "" if language == languages[0] else f"{language}/" for language in languages}


class PageParser(HTMLParser):
    """The links, ids, language and hreflang alternates of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.lang = ""
        self.alternates: dict[str, str] = {}
        self.source_links: list[str] = []  # the cited articles, in order
        self.entries: list[str] = []  # the ids of the events listed, in order
        self.heading = ""  # the text of the h1
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = values.get("lang", "")
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        for name in ("href", "src", "xlink:href"):
            if name in values:
                self.links.append(values[name])
        self._in_heading = self._in_heading or tag == "h1"
        if tag == "article" and "entry" in values.get("class", "").split():
            self.entries.append(values.get("id", ""))
        if tag == "a" and "source-title" in values.get("class", "").split():
            self.source_links.append(values.get("href", ""))
        if tag == "link" and values.get("rel") == "alternate" and values.get("hreflang"):
            self.alternates[values["hreflang"]] = values.get("href", "")

    def handle_endtag(self, tag: str) -> None:
        self._in_heading = self._in_heading and tag != "h1"

    def handle_data(self, data: str) -> None:
        if self._in_heading:
            self.heading += data


@cache
def parsed(page: Path) -> PageParser:
    parser = PageParser()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def resolve(site: Path, page: str, link: str) -> tuple[str, str] | None:
    """The site file an internal link leads to and its fragment; None for links that leave the site."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("//"):
        return None
    if not parts.path:
        return page, parts.fragment
    if parts.path.startswith("/"):  # the 404 page's links: servers show it at any address
        path = posixpath.normpath(unquote(parts.path).lstrip("/") or ".")
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if path == "." or (site / path).is_dir():
        path = posixpath.join(path, "index.html").removeprefix("./")
    return path, parts.fragment


def listing_pages(folder: Path) -> list[Path]:
    """A listing's first page and the pages that continue it (``page/2/`` ...), in reading order."""
    more = sorted((folder / "page").glob("*/index.html"), key=lambda p: int(p.parent.name))
    return [folder / "index.html", *more]


def listed(folder: Path) -> list[str]:
    """The ids of the events a paginated listing shows, in order."""
    return [entry for page in listing_pages(folder) for entry in parsed(page).entries]


def test_validate_reports_no_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--content", str(CONTENT)]) == 0
    out = capsys.readouterr().out
    assert f"{len(events())} valid events, 0 errors" in out, out


def test_every_event_file_is_a_valid_event() -> None:
    files = sorted(p.stem for p in (CONTENT / "events").rglob("*.yaml"))
    assert files and sorted(event.id for event in events()) == files


def test_every_edition_lists_every_event_on_its_home_pages_in_date_order(content_site: Path) -> None:
    for language, prefix in edition_prefixes().items():
        homes = listing_pages(content_site / prefix)
        assert all(parsed(home).lang == language for home in homes), f"{language}: wrong lang on home pages"
        assert listed(content_site / prefix) == [event.id for event in events()], f"{language} home pages"


def test_every_year_era_and_term_has_a_page_listing_its_events(content_site: Path) -> None:
    folders: dict[str, list[str]] = {}
    for event in events():
        era = timeline().era_of(event.date)
        kinds = [f"years/{event.year:04d}", *([f"eras/{era.id}"] if era else [])]
        kinds += [f"{kind}/{term}" for kind in ("tags", "actors", "places") for term in getattr(event, kind)]
        for folder in kinds:
            folders.setdefault(folder, []).append(event.id)
    for kind in ("tags", "actors", "places"):
        for term in getattr(timeline(), kind):
            folders.setdefault(f"{kind}/{term}", [])
    for era in timeline().eras:
        folders.setdefault(f"eras/{era.id}", [])
    for prefix in edition_prefixes().values():
        for folder, ids in folders.items():
            assert (content_site / prefix / folder / "index.html").is_file(), f"no {prefix}{folder}/ page"
            assert listed(content_site / prefix / folder) == ids, f"{prefix}{folder}/ lists other events"


def test_every_event_has_a_page_in_every_edition_with_its_title_and_sources(content_site: Path) -> None:
    for language, prefix in edition_prefixes().items():
        for event in events():
            page = content_site / prefix / "events" / event.id / "index.html"
            assert page.is_file(), f"no {language} page for {event.path}"
            assert parsed(page).lang == language
            translation = event.translations.get(language)
            title = (translation.get("title") if translation else "") or event.title
            assert parsed(page).heading.strip() == title, f"{page}: the {language} title"
            cited = [source.url for source in event.sources]
            assert parsed(page).source_links == cited, f"{page}: the source links"


def test_every_page_has_its_counterpart_in_every_edition(content_site: Path) -> None:
    prefixes = edition_prefixes()
    others = tuple(prefix for prefix in prefixes.values() if prefix)
    main_pages = {p for p in html_pages(content_site) if not p.startswith(others)} - {"404.html"}
    for language, prefix in prefixes.items():
        pages = {p.removeprefix(prefix) for p in html_pages(content_site / prefix)}
        assert "404.html" in pages, f"{language} edition: no 404 page"  # servers show the main one
        if prefix:
            assert pages - {"404.html"} == main_pages, f"{language} edition: pages missing or extra"
        for name in sorted(main_pages):
            alternates = parsed(content_site / prefix / name).alternates
            assert set(alternates) == set(prefixes), f"{prefix}{name}: hreflang alternates"
            for other, other_prefix in prefixes.items():
                target = resolve(content_site, prefix + name, alternates[other])
                assert target == (other_prefix + name, ""), f"{prefix}{name}: the {other} alternate"


def test_every_internal_link_resolves(content_site: Path) -> None:
    broken = []
    for page in html_pages(content_site):
        for link in parsed(content_site / page).links:
            target = resolve(content_site, page, link)
            if target is None:
                continue
            path, fragment = target
            if path.startswith("../") or not (content_site / path).is_file():
                broken.append(f"{page}: {link} -> {path} does not exist")
            elif fragment and path.endswith(".html") and fragment not in parsed(content_site / path).ids:
                broken.append(f"{page}: {link} -> no id {fragment!r} in {path}")
    assert broken == [], "\n".join(broken[:50])


def test_every_edition_has_every_interface_string() -> None:
    theme = Theme.with_overrides([THEME])
    strings = interface_strings(theme)
    for language in timeline().languages[1:]:
        table = load_locale(theme, language).strings
        missing = [s for s in strings if s.removeprefix("PLURAL ") not in table]
        assert missing == [], f"theme/i18n/{language}.yaml lacks: {missing}"


def test_json_and_csv_hold_every_event_and_validate_against_their_schemas(content_site: Path) -> None:
    data = content_site / "data"
    document = json.loads((data / "events.json").read_text(encoding="utf-8"))
    schema = json.loads((data / "events.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)
    rows = list(
        csv.DictReader(io.StringIO((data / "events.csv").read_text(encoding="utf-8-sig"), newline=""))
    )
    row_schema = json.loads((data / "events.csv.schema.json").read_text(encoding="utf-8"))
    for row in rows:
        jsonschema.Draft202012Validator(row_schema).validate(row)
    ids = [event.id for event in events()]
    assert [record["id"] for record in document["events"]] == ids
    assert [row["id"] for row in rows] == ids


def test_feeds_parse_and_hold_the_newest_events_of_each_tag(content_site: Path) -> None:
    feeds = content_site / "feeds"
    corrections = sum(len(event.corrections) for event in events())
    expected = {"atom.xml": len(events()), "corrections.xml": corrections} | {
        f"tags/{tag}.xml": sum(tag in event.tags for event in events()) for tag in timeline().tags
    }
    assert sorted(p.relative_to(feeds).as_posix() for p in feeds.rglob("*.xml")) == sorted(expected)
    for name, count in expected.items():
        feed = feedparser.parse((feeds / name).read_bytes())
        assert not feed.bozo, (name, feed.get("bozo_exception"))
        assert len(feed.entries) == min(count, FEED_SIZE), name


def test_icalendar_holds_every_event_known_to_the_day(content_site: Path) -> None:
    calendar = icalendar.Calendar.from_ical((content_site / "data" / "events.ics").read_bytes())
    summaries = sorted(str(vevent["SUMMARY"]) for vevent in calendar.walk("VEVENT"))
    known = [
        event.title
        for event in events()
        if event.date.precision is Precision.DAY
        and (event.end is None or event.end.precision is Precision.DAY)
    ]
    assert summaries == sorted(known)


def test_every_prose_page_is_built_in_every_edition(content_site: Path) -> None:
    pages = {re.sub(r"\.\w+\.md$|\.md$", "", p.name) for p in (CONTENT / "pages").glob("*.md")}
    for prefix in edition_prefixes().values():
        for name in pages:
            assert (content_site / prefix / name / "index.html").is_file(), f"no {prefix}{name}/ page"
