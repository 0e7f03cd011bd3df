"""The search and filter index: one compact JSON file the browser loads on demand.

Search (``/search/``) and the chronology's filters run in the reader's browser from this file,
so they work on any static host. Events are stored as short arrays and terms by index to keep
the file small (about 300 bytes an event); summaries are cut to a snippet. Pages work without
it: with JavaScript off, the filters are links to the static tag, actor, place and era pages.
"""

from __future__ import annotations

import json
from typing import Any

from .locale import Locale
from .markup import plain_text
from .model import Event
from .organise import TERM_KINDS, Site, event_url

SNIPPET_LENGTH = 240
INDEX_URL = "search/index.json"


def snippet(html: str) -> str:
    """Plain text of sanitised summary HTML, cut at a word boundary."""
    text = " ".join(plain_text(html).split())
    if len(text) <= SNIPPET_LENGTH:
        return text
    return text[:SNIPPET_LENGTH].rsplit(" ", 1)[0] + "…"


def _event_row(
    site: Site, event: Event, locale: Locale | None, terms: dict[str, dict[str, int]], eras: dict[str, int]
) -> list[Any]:
    era = site.era_of.get(event.id)
    return [
        event.id,
        event_url(event.id),
        event.title,
        locale.when(event) if locale else event.date_display,
        event.date.iso(),
        eras[era.id] if era else -1,
        [[terms[kind][term_id] for term_id in getattr(event, kind + "s")] for kind in TERM_KINDS],
        snippet(event.summary_html),
    ]


def _positions(site: Site) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    terms = {kind: {term_id: i for i, term_id in enumerate(site.timeline.terms(kind))} for kind in TERM_KINDS}
    eras = {era.id: i for i, era in enumerate(site.timeline.eras)}
    return terms, eras


def _header(site: Site) -> dict[str, Any]:
    return {
        "version": 1,
        "fields": ["id", "url", "title", "date", "iso", "era", "terms", "text"],
        "eras": [[era.id, era.name] for era in site.timeline.eras],
        "terms": {
            kind: [[t, term.name] for t, term in site.timeline.terms(kind).items()] for kind in TERM_KINDS
        },
    }


def search_index_json(
    site: Site, locale: Locale | None = None, rows: dict[str, tuple[object, str]] | None = None
) -> bytes:
    """The index as compact JSON; with ``rows`` (mkdocs serve), unchanged events' rows are reused."""
    terms, eras = _positions(site)
    language = locale.language if locale else ""
    stamp_base = (site.timeline.revision, language)
    parts = []
    for event in site.events:
        key, stamp = f"{language}:{event.id}", (event.revision, stamp_base)
        kept = rows.get(key) if rows is not None else None
        if kept is None or kept[0] != stamp:
            kept = (stamp, _dumps(_event_row(site, event, locale, terms, eras)))
            if rows is not None:
                rows[key] = kept
        parts.append(kept[1])
    head = _dumps({**_header(site), "events": []})
    return (head[: -len("[]}")] + "[" + ",".join(parts) + "]}").encode("utf-8")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
