"""The search and filter index: one compact JSON file the browser loads on demand.

Search (``/search/``) and the chronology's filters run in the reader's browser from this file,
so they work on any static host. Events are stored as short arrays and terms by index to keep
the file small (about 300 bytes an event); summaries are cut to a snippet. Pages work without
it: with JavaScript off, the filters are links to the static tag, actor, place and era pages.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .organise import TERM_KINDS, Site, event_url

SNIPPET_LENGTH = 240
INDEX_URL = "search/index.json"
_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def snippet(html: str) -> str:
    """Plain text of sanitised summary HTML, cut at a word boundary."""
    text = _SPACE.sub(" ", _TAGS.sub("", html)).strip()
    text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    if len(text) <= SNIPPET_LENGTH:
        return text
    return text[:SNIPPET_LENGTH].rsplit(" ", 1)[0] + "…"


def search_index(site: Site) -> dict[str, Any]:
    """Terms once, then each event as [id, url, title, date shown, iso date, era, terms, text]."""
    eras = [era.id for era in site.timeline.eras]
    terms = {kind: list(site.timeline.terms(kind)) for kind in TERM_KINDS}
    position = {kind: {term_id: i for i, term_id in enumerate(ids)} for kind, ids in terms.items()}
    era_position = {era_id: i for i, era_id in enumerate(eras)}
    events = []
    for event in site.events:
        era = site.era_of.get(event.id)
        events.append(
            [
                event.id,
                event_url(event.id),
                event.title,
                event.date_display,
                event.date.iso(),
                era_position[era.id] if era else -1,
                [[position[kind][term_id] for term_id in getattr(event, kind + "s")] for kind in TERM_KINDS],
                snippet(event.summary_html),
            ]
        )
    return {
        "version": 1,
        "fields": ["id", "url", "title", "date", "iso", "era", "terms", "text"],
        "eras": [[era.id, era.name] for era in site.timeline.eras],
        "terms": {kind: [[t, site.timeline.terms(kind)[t].name] for t in ids] for kind, ids in terms.items()},
        "events": events,
    }


def search_index_json(site: Site) -> bytes:
    return json.dumps(search_index(site), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
