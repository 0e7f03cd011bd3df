"""Organise stage: validated events into the site's structure.

Sorts events, indexes them by year, era, tag, actor, place and publisher, and gives every page
a URL. Which pages are rendered, with what, is the next stage's job (``plan``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .dates import EventDate
from .model import Correction, Era, Event, ProsePage, Term, Timeline
from .slugs import slugify

TERM_KINDS = ("tag", "actor", "place")


# URLs: relative to the site root, always ending with "/" (directory URLs) or a file name.
def event_url(event_id: str) -> str:
    return f"events/{event_id}/"


def year_slug(year: int) -> str:
    """A year's folder name: ``0973``, and before the common era ``0350-bce`` (as in event ids)."""
    return EventDate(year).id_part()


def year_url(year: int) -> str:
    return f"years/{year_slug(year)}/"


def era_url(era_id: str) -> str:
    return f"eras/{era_id}/"


def term_url(kind: str, term_id: str) -> str:
    return f"{kind}s/{term_id}/"


def publisher_url(slug: str) -> str:
    return f"sources/{slug}/"


EMBED_FOLDER = "embed/"  # pages for an <iframe> elsewhere: embed/, embed/eras/x/, embed/events/x/


def embed_url(url: str) -> str:
    """The embed of a page: ``eras/x/`` -> ``embed/eras/x/`` (the home page's is ``embed/``)."""
    return EMBED_FOLDER + url


def paged_url(url: str, number: int) -> str:
    return url if number == 1 else f"{url}page/{number}/"


@dataclass(frozen=True, slots=True)
class Listing:
    """A named group of events with its own page: a year, an era, a tag, an actor, a place."""

    kind: str  # "year", "era", "tag", "actor", "place", "publisher"
    id: str
    name: str
    url: str
    events: tuple[Event, ...]
    description_html: str = ""
    term: Term | None = None
    era: Era | None = None
    year: int | None = None  # a year's listing: its name is shown in the reader's language


@dataclass
class Site:
    """Everything the templates can ask about: the timeline, sorted events and their indexes."""

    timeline: Timeline
    events: list[Event]
    pages: list[ProsePage]
    position: dict[str, int] = field(default_factory=dict)
    era_of: dict[str, Era | None] = field(default_factory=dict)
    years: dict[int, Listing] = field(default_factory=dict)
    eras: dict[str, Listing] = field(default_factory=dict)
    terms: dict[str, dict[str, Listing]] = field(default_factory=dict)
    publishers: dict[str, Listing] = field(default_factory=dict)
    publisher_slug: dict[str, str] = field(default_factory=dict)

    def event(self, event_id: str) -> Event:
        return self.events[self.position[event_id]]

    def previous(self, event: Event) -> Event | None:
        index = self.position[event.id]
        return self.events[index - 1] if index > 0 else None

    def next(self, event: Event) -> Event | None:
        index = self.position[event.id]
        return self.events[index + 1] if index + 1 < len(self.events) else None

    def related(self, event: Event) -> list[Event]:
        """Related events both ways: those it names and those that name it, in date order."""
        ids = set(event.related) | self._named_by.get(event.id, set())
        return sorted((self.event(i) for i in ids if i in self.position), key=lambda e: e.sort_key)

    def term(self, kind: str, term_id: str) -> Term:
        return self.timeline.terms(kind)[term_id]

    @property
    def _named_by(self) -> dict[str, set[str]]:
        cached: dict[str, set[str]] | None = self.__dict__.get("_named_by_cache")
        if cached is None:
            cached = {}
            for event in self.events:
                for other in event.related:
                    cached.setdefault(other, set()).add(event.id)
            self.__dict__["_named_by_cache"] = cached
        return cached


def organise(timeline: Timeline, events: Iterable[Event], pages: Iterable[ProsePage]) -> Site:
    """Sort the events and build every index the site shows."""
    ordered = sorted(events, key=lambda e: e.sort_key)
    site = Site(timeline, ordered, sorted(pages, key=lambda p: (p.order, p.slug)))
    site.position = {event.id: index for index, event in enumerate(ordered)}
    by_year: dict[int, list[Event]] = {}
    by_era: dict[str, list[Event]] = {era.id: [] for era in timeline.eras}
    by_term: dict[str, dict[str, list[Event]]] = {kind: {} for kind in TERM_KINDS}
    by_publisher: dict[str, list[Event]] = {}
    for event in ordered:
        by_year.setdefault(event.year, []).append(event)
        era = timeline.era_of(event.date)
        site.era_of[event.id] = era
        if era is not None:
            by_era[era.id].append(event)
        for kind in TERM_KINDS:
            for term_id in getattr(event, kind + "s"):
                by_term[kind].setdefault(term_id, []).append(event)
        for name in dict.fromkeys(source.publisher for source in event.sources):
            by_publisher.setdefault(name, []).append(event)
    site.years = {
        year: Listing(
            "year", year_slug(year), EventDate(year).display(), year_url(year), tuple(items), year=year
        )
        for year, items in sorted(by_year.items())
    }
    site.eras = {
        era.id: Listing(
            "era", era.id, era.name, era_url(era.id), tuple(by_era[era.id]), era.description_html, era=era
        )
        for era in timeline.eras
    }
    for kind in TERM_KINDS:
        declared = timeline.terms(kind)
        site.terms[kind] = {
            term.id: Listing(
                kind,
                term.id,
                term.name,
                term_url(kind, term.id),
                tuple(by_term[kind].get(term.id, ())),
                term.description_html,
                term=term,
            )
            for term in sorted(declared.values(), key=lambda t: t.name.casefold())
        }
    site.publisher_slug = _publisher_slugs(by_publisher)
    site.publishers = {
        site.publisher_slug[name]: Listing(
            "publisher",
            site.publisher_slug[name],
            name,
            publisher_url(site.publisher_slug[name]),
            tuple(items),
        )
        for name, items in sorted(by_publisher.items(), key=lambda kv: kv[0].casefold())
    }
    return site


def _publisher_slugs(by_publisher: dict[str, list[Event]]) -> dict[str, str]:
    """Stable slugs for publisher names; two names with one slug get -2, -3 in name order."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(by_publisher):
        base = slugify(name)
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        slugs[name] = slug
    return slugs


@dataclass(frozen=True, slots=True)
class PagePlan:
    """One page to render: where it goes, with which template, from what, and its key."""

    url: str
    template: str
    context: dict[str, Any]
    key: str


def group_by_era_and_year(
    site: Site, events: Sequence[Event]
) -> list[tuple[Era | None, list[tuple[int, list[Event]]]]]:
    """Events (already in order) as [(era, [(year, events)])], the home page's shape."""
    groups: list[tuple[Era | None, list[tuple[int, list[Event]]]]] = []
    for event in events:
        era = site.era_of.get(event.id)
        if not groups or groups[-1][0] is not era:
            groups.append((era, []))
        years = groups[-1][1]
        if not years or years[-1][0] != event.year:
            years.append((event.year, []))
        years[-1][1].append(event)
    return groups


def corrections_newest_first(events: Iterable[Event]) -> list[tuple[Event, Correction]]:
    """Every correction of every event, newest first (then by event, in chronological order)."""
    found = [(event, correction) for event in events for correction in event.corrections]
    return sorted(found, key=lambda pair: tuple(-n for n in pair[1].date.first_day()))
