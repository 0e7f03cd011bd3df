"""Atom feeds: ``feeds/atom.xml`` for every event, ``feeds/tags/<tag>.xml`` per declared tag.

"Newest additions first": events have no 'added' field, so an entry's date is the commit that
first added its file when the content folder is in a git repository, else the later of the
event's own (last) day and its newest source's publication (``ExportContext.added_time``).
Each feed holds the latest ``FEED_SIZE`` entries. Entry ids are the event's public address
when ``site_url`` is set, else a ``urn:uuid`` derived from the chronology's title and the
event id; links are relative when there is no ``site_url``. The XML, and the HTML of each
entry's content, are written by ``MarkupWriter``, which escapes every value.
"""

from __future__ import annotations

import functools
import heapq
from collections.abc import Sequence
from datetime import UTC, datetime

from ..model import Correction, Event
from ..organise import corrections_newest_first, term_url
from .common import ExportContext, iso_time, stable_uuid, status_line
from .writer import MarkupWriter

FEED_URL = "feeds/atom.xml"
CORRECTIONS_FEED_URL = "feeds/corrections.xml"
FEED_SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"


def tag_feed_url(tag_id: str) -> str:
    return f"feeds/tags/{tag_id}.xml"


def newest_first(context: ExportContext, events: Sequence[Event], limit: int | None = None) -> list[Event]:
    """Latest additions first; ties (one commit adds many files) by event date, then id.

    With ``limit``, only the first ones are picked (a heap, not a sort of every event).
    """

    def key(e: Event) -> tuple[int, tuple[int, ...], str]:
        return (-context.added_time(e), tuple(-n for n in e.date.first_day()), e.id)

    return heapq.nsmallest(limit, events, key=key) if limit is not None else sorted(events, key=key)


def _entry_id(context: ExportContext, event: Event) -> str:
    return context.absolute(f"events/{event.id}/") or f"urn:uuid:{stable_uuid(context.site, event.id)}"


def entry_html(context: ExportContext, event: Event) -> str:
    """The entry's content: its date, the summary, and the sources, in the site's language."""
    words = context.words
    html = MarkupWriter(html=True)
    html.start("p").element("strong", words.when(event)).end("p")
    status = status_line(words, event)
    if status:
        html.element("p", status)
    html.trusted(context.summary_html(event))
    html.element("p", words.t("Sources:")).start("ol")
    for source in event.sources:
        html.start("li").element("a", source.title, {"href": source.url})
        html.text(f", {source.publisher}, {words.day(source.published)}").end("li")
    return html.end("ol").getvalue()


def _feed_head(
    context: ExportContext, feed_url: str, title: str, page_url: str, newest: int, subtitle: str = ""
) -> MarkupWriter:
    """The feed element and the header every feed shares: title, links to the page it follows
    and to itself, a stable id, the newest entry's time, author and generator."""
    site = context.site
    xml = MarkupWriter(declaration=True)
    xml.start("feed", {"xmlns": ATOM, "xml:lang": site.timeline.language}).newline()
    xml.element("title", title).newline()
    if subtitle:
        xml.element("subtitle", subtitle).newline()
    alternate = context.link(page_url, feed_url)
    xml.element("link", attributes={"rel": "alternate", "type": "text/html", "href": alternate}).newline()
    self_href = context.absolute(feed_url)
    if self_href:
        xml.element("link", attributes={"rel": "self", "type": "application/atom+xml", "href": self_href})
        xml.newline()
    xml.element("id", self_href or f"urn:uuid:{stable_uuid(site, feed_url)}").newline()
    xml.element("updated", iso_time(newest)).newline()
    xml.start("author").element("name", site.timeline.title).end("author").newline()
    xml.element("generator", "chronology-generator").newline()
    return xml


def _entry_head(
    xml: MarkupWriter, context: ExportContext, event: Event, feed_url: str, entry_id: str, stamp: str
) -> None:
    """An entry's opening lines, shared by both feeds: title, link to the event, id and dates."""
    xml.start("entry").newline("  ").element("title", event.title).newline("  ")
    link = context.event_link(event, feed_url)
    xml.element("link", attributes={"rel": "alternate", "type": "text/html", "href": link}).newline("  ")
    xml.element("id", entry_id).newline("  ")
    xml.element("published", stamp).newline("  ").element("updated", stamp).newline("  ")


def _entry(xml: MarkupWriter, context: ExportContext, event: Event, feed_url: str) -> None:
    words = context.words
    _entry_head(xml, context, event, feed_url, _entry_id(context, event), iso_time(context.added_time(event)))
    for tag in event.tags:
        label = context.site.term("tag", tag).name
        xml.element("category", attributes={"term": tag, "label": label}).newline("  ")
    xml.element("summary", f"{words.when(event)}: {event.title}", {"type": "text"}).newline("  ")
    # made once per event and kept (serve): an event is in several feeds, and its summary's
    # Markdown was most of a rebuilt feed's cost
    content = context.piece("feed-html", event, functools.partial(entry_html, context, event))
    xml.element("content", content, {"type": "html"}).newline()
    xml.end("entry").newline()


def atom_feed(
    context: ExportContext, events: Sequence[Event], feed_url: str, title: str, page_url: str
) -> bytes:
    """One Atom 1.0 document; ``updated`` is the newest entry's date, never the build time."""
    site = context.site
    entries = newest_first(context, events, FEED_SIZE)
    newest = max((context.added_time(e) for e in (entries or site.events)), default=0)
    subtitle = context.words.t(
        "{title}: the latest {count} events added", title=site.timeline.title, count=FEED_SIZE
    )
    xml = _feed_head(context, feed_url, title, page_url, newest, subtitle)
    for event in entries:
        _entry(xml, context, event, feed_url)
    return xml.end("feed").newline().getvalue().encode("utf-8")


def all_feeds(context: ExportContext) -> dict[str, bytes]:
    """The site feed and one feed per declared tag (empty tags get an empty, valid feed)."""
    site = context.site
    feeds = {FEED_URL: _kept_feed(context, site.events, FEED_URL, site.timeline.title, "")}
    corrected = tuple((event.id, event.revision) for event in site.events if event.corrections)
    feeds[CORRECTIONS_FEED_URL] = context.whole(
        "feed", CORRECTIONS_FEED_URL, corrected, lambda: corrections_feed(context)
    )
    for tag_id, listing in site.terms["tag"].items():
        url = tag_feed_url(tag_id)
        title = f"{listing.name} · {site.timeline.title}"
        feeds[url] = _kept_feed(context, listing.events, url, title, term_url("tag", tag_id))
    return feeds


def _kept_feed(
    context: ExportContext, events: Sequence[Event], feed_url: str, title: str, page_url: str
) -> bytes:
    """``atom_feed``, or the same bytes as the last serve rebuild when none of its possible
    entries changed (an empty feed's date is the newest of the whole site's events)."""
    shown = events or context.site.events
    inputs = (title, page_url, bool(events), tuple((e.id, e.revision, context.added_time(e)) for e in shown))
    make = functools.partial(atom_feed, context, events, feed_url, title, page_url)
    return context.whole("feed", feed_url, inputs, make)


def _correction_entry(
    xml: MarkupWriter, context: ExportContext, event: Event, correction: Correction, number: int
) -> None:
    """One correction: the event's title, when, what changed and why, linking to the event."""
    words = context.words
    entry_id = f"urn:uuid:{stable_uuid(context.site, f'{event.id}/corrections/{number}')}"
    _entry_head(xml, context, event, CORRECTIONS_FEED_URL, entry_id, iso_time(_day_time(correction)))
    html = MarkupWriter(html=True)
    html.start("p").element("strong", words.day(correction.date)).text(": " + correction.change).end("p")
    html.element("p", correction.reason)
    xml.element("summary", f"{words.day(correction.date)}: {correction.change}", {"type": "text"})
    xml.newline("  ").element("content", html.getvalue(), {"type": "html"}).newline()
    xml.end("entry").newline()


def _day_time(correction: Correction) -> int:
    year, month, day = correction.date.first_day()
    return int(datetime(year, month, day, tzinfo=UTC).timestamp())


def corrections_feed(context: ExportContext) -> bytes:
    """``feeds/corrections.xml``: the latest corrections, newest first; ``updated`` is the newest
    correction's day (or the epoch when there is none), never the build time."""
    site = context.site
    corrections = corrections_newest_first(site.events)
    entries = corrections[:FEED_SIZE]
    newest = _day_time(entries[0][1]) if entries else 0
    title = context.words.t("{title}: corrections", title=site.timeline.title)
    xml = _feed_head(context, CORRECTIONS_FEED_URL, title, "corrections/", newest)
    numbers = {
        id(correction): index
        for event in site.events
        for index, correction in enumerate(event.corrections, 1)
    }
    for event, correction in entries:
        _correction_entry(xml, context, event, correction, numbers[id(correction)])
    return xml.end("feed").newline().getvalue().encode("utf-8")
