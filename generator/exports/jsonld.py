"""Per-event metadata for the page head: schema.org JSON-LD and Open Graph / Twitter tags.

The JSON-LD is built here as a dict and serialised with ``<``, ``>``, ``&`` and the line
separators written as ``\\u`` escapes, so no event text (``</script>`` in a title) can end the
``<script>`` element early. Templates call ``event_json_ld(event)`` and ``event_social(event)``.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from ..markup import plain_text
from ..model import Event, Source
from ..organise import Site, event_url

_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)
DESCRIPTION_LIMIT = 300


def script_json(value: Any) -> Markup:
    """JSON that is safe inside ``<script type="application/ld+json">``."""
    return Markup(json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE))


def _citation(source: Source) -> dict[str, Any]:
    citation: dict[str, Any] = {
        "@type": "CreativeWork",
        "name": source.title,
        "url": source.url,
        "publisher": {"@type": "Organization", "name": source.publisher},
        "datePublished": source.published.iso(),
    }
    if source.language:
        citation["inLanguage"] = source.language
    if source.archive_url:
        citation["archivedAt"] = source.archive_url
    return citation


def _places(site: Site, event: Event) -> list[dict[str, Any]]:
    places = []
    for place_id in event.places:
        term = site.term("place", place_id)
        place: dict[str, Any] = {"@type": "Place", "name": term.name}
        if term.lat is not None and term.lon is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": term.lat, "longitude": term.lon}
        places.append(place)
    return places


def _images(site_url: str, event: Event) -> list[str]:
    """The addresses of the event's pictures: a published file under the site (only when its
    address is known), an external image as it is; a video or a page is not an image."""
    found = []
    for item in event.media:
        if item.published and site_url:
            found.append(site_url + item.published)
        elif item.external_image and item.url:
            found.append(item.url)
    return found


def description(event: Event) -> str:
    """The summary as one line of plain text, cut at a word near ``DESCRIPTION_LIMIT``."""
    text = " ".join(plain_text(event.summary_html).split())
    if len(text) <= DESCRIPTION_LIMIT:
        return text
    return text[:DESCRIPTION_LIMIT].rsplit(" ", 1)[0] + "…"


def event_json_ld(site: Site, site_url: str, event: Event, language: str = "") -> dict[str, Any]:
    """A schema.org Event: dates at their own precision (ISO 8601 allows 1098 and 1098-11).

    ``inLanguage`` is the edition's language (``language``), or the main one for an event
    shown untranslated there, so a search engine files each page under the language it is in.
    """
    main = site.timeline.language
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": (site_url + event_url(event.id)) if site_url else None,
        "name": event.title,
        "inLanguage": main if "title" in event.untranslated else language or main,
        "startDate": event.datetime,
        "endDate": event.end_datetime,
        "description": description(event),
        "url": (site_url + event_url(event.id)) if site_url else None,
        "location": _places(site, event),
        "keywords": [site.term("tag", t).name for t in event.tags],
        "citation": [_citation(source) for source in event.sources],
        "image": _images(site_url, event),
    }
    return {key: value for key, value in data.items() if value not in (None, [])}


class PageMetadata:
    """The template helpers, bound to one site and its public address."""

    def __init__(self, site: Site, site_url: str, language: str = "") -> None:
        self.site = site
        self.site_url = site_url
        self.language = language  # the edition's

    def json_ld(self, event: Event) -> Markup:
        return script_json(event_json_ld(self.site, self.site_url, event, self.language))

    def description(self, event: Event) -> str:
        return description(event)

    def globals(self) -> dict[str, Any]:
        return {"event_json_ld": self.json_ld, "event_description": self.description}
