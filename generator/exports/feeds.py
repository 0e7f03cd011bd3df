"""Atom feeds: ``feeds/atom.xml`` for every event, ``feeds/tags/<tag>.xml`` per declared tag.

"Newest additions first": events have no 'added' field, so an entry's date is the commit that
first added its file when the content folder is in a git repository, else the later of the
event's own (last) day and its newest source's publication (``ExportContext.added_time``).
Each feed holds the latest ``FEED_SIZE`` entries. Entry ids are the event's public address
when ``site_url`` is set, else a ``urn:uuid`` derived from the chronology's title and the
event id; links are relative when there is no ``site_url``.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from ..model import Event
from ..organise import term_url
from .common import ExportContext, iso_time, stable_uuid, xml_text

FEED_URL = "feeds/atom.xml"
FEED_SIZE = 50


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


def _entry(context: ExportContext, event: Event, feed_url: str) -> str:
    added = iso_time(context.added_time(event))
    site = context.site
    sources = "".join(
        f'<li><a href="{xml_text(s.url)}">{xml_text(s.title)}</a>, {xml_text(s.publisher)}, '
        f"{xml_text(s.published.display())}</li>"
        for s in event.sources
    )
    content = (
        f"<p><strong>{xml_text(event.date_display)}</strong></p>{event.summary_html}"
        f"<p>Sources:</p><ol>{sources}</ol>"
    )
    categories = "".join(
        f'  <category term="{xml_text(tag)}" label="{xml_text(site.term("tag", tag).name)}"/>\n'
        for tag in event.tags
    )
    return (
        "<entry>\n"
        f"  <title>{xml_text(event.title)}</title>\n"
        f'  <link rel="alternate" type="text/html" href="{xml_text(context.event_link(event, feed_url))}"/>\n'
        f"  <id>{xml_text(_entry_id(context, event))}</id>\n"
        f"  <published>{added}</published>\n"
        f"  <updated>{added}</updated>\n"
        f"{categories}"
        f'  <summary type="text">{xml_text(event.date_display + ": " + event.title)}</summary>\n'
        f'  <content type="html">{xml_text(content)}</content>\n'
        "</entry>\n"
    )


def atom_feed(
    context: ExportContext, events: Sequence[Event], feed_url: str, title: str, page_url: str
) -> bytes:
    """One Atom 1.0 document; ``updated`` is the newest entry's date, never the build time."""
    site = context.site
    entries = newest_first(context, events, FEED_SIZE)
    all_events = site.events
    newest = max((context.added_time(e) for e in (entries or all_events)), default=0)
    feed_id = context.absolute(feed_url) or f"urn:uuid:{stable_uuid(site, feed_url)}"
    self_href = xml_text(context.absolute(feed_url) or "")
    self_link = f'<link rel="self" type="application/atom+xml" href="{self_href}"/>\n' if self_href else ""
    head = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{xml_text(site.timeline.language)}">\n'
        f"<title>{xml_text(title)}</title>\n"
        f"<subtitle>{xml_text(site.timeline.title)}: the latest {FEED_SIZE} events added</subtitle>\n"
        f'<link rel="alternate" type="text/html" href="{xml_text(context.link(page_url, feed_url))}"/>\n'
        f"{self_link}"
        f"<id>{xml_text(feed_id)}</id>\n"
        f"<updated>{iso_time(newest)}</updated>\n"
        f"<author><name>{xml_text(site.timeline.title)}</name></author>\n"
        "<generator>chronology-generator</generator>\n"
    )
    body = "".join(_entry(context, event, feed_url) for event in entries)
    return (head + body + "</feed>\n").encode("utf-8")


def all_feeds(context: ExportContext) -> dict[str, bytes]:
    """The site feed and one feed per declared tag (empty tags get an empty, valid feed)."""
    site = context.site
    feeds = {FEED_URL: atom_feed(context, site.events, FEED_URL, site.timeline.title, "")}
    for tag_id, listing in site.terms["tag"].items():
        url = tag_feed_url(tag_id)
        title = f"{listing.name} · {site.timeline.title}"
        feeds[url] = atom_feed(context, listing.events, url, title, term_url("tag", tag_id))
    return feeds
