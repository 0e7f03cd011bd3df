"""Organise stage: validated events into the site's structure.

Sorts events, indexes them by year, era, tag, actor, place and publisher, gives every page a
URL, and plans the pages to render. Each planned page carries a *key*: a digest of everything
it shows. A serve rebuild renders only pages whose key changed, which is what keeps one edited
event at 10,000 events cheap. Every list is paginated, so no page grows with the site.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .model import Era, Event, ProsePage, Term, Timeline
from .overview import lay_out, mirror

TERM_KINDS = ("tag", "actor", "place")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """A URL-safe slug. Text with no Latin letters (Arabic names) gets a stable digest slug."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", folded.lower()).strip("-")[:60].strip("-")
    if not slug:
        slug = "n-" + hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()
    return slug


# URLs: relative to the site root, always ending with "/" (directory URLs) or a file name.
def event_url(event_id: str) -> str:
    return f"events/{event_id}/"


def year_url(year: int) -> str:
    return f"years/{year:04d}/"


def era_url(era_id: str) -> str:
    return f"eras/{era_id}/"


def term_url(kind: str, term_id: str) -> str:
    return f"{kind}s/{term_id}/"


def publisher_url(slug: str) -> str:
    return f"sources/{slug}/"


def paged_url(url: str, number: int) -> str:
    return url if number == 1 else f"{url}page/{number}/"


@dataclass(frozen=True, slots=True)
class Publisher:
    slug: str
    name: str
    events: tuple[Event, ...]


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
        year: Listing("year", str(year), str(year), year_url(year), tuple(items))
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


@dataclass(frozen=True, slots=True)
class Pagination:
    number: int
    count: int
    base_url: str

    def url(self, number: int) -> str:
        return paged_url(self.base_url, number)

    @property
    def previous_url(self) -> str | None:
        return self.url(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.number + 1) if self.number < self.count else None


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


def _digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


def _revisions(events: Iterable[Event]) -> tuple[str, ...]:
    return tuple(event.revision for event in events)


def plan_pages(
    site: Site, per_page: int, salt: str = "", prefix: str = "", rtl: bool = False
) -> list[PagePlan]:
    """Every page of one edition, in a stable order.

    ``salt`` changes all keys (theme edits); ``prefix`` is the edition's folder (``ar/``), and
    ``rtl`` mirrors the overview for right-to-left languages. The main edition has the 404 page.
    """
    # what every page shows: the theme, the edition, the timeline's data, the menu of prose pages
    base = (salt, prefix, site.timeline.revision, tuple((p.slug, p.revision) for p in site.pages))
    plans: list[PagePlan] = []
    plans.extend(
        _listing_pages(
            site, "", "home.html", site.events, per_page, base, listing=None, with_overview=True, rtl=rtl
        )
    )
    for event in site.events:
        plans.append(_event_page(site, event, base))
    for kind, listings in (
        ("year", site.years),
        ("era", site.eras),
        ("tag", site.terms["tag"]),
        ("actor", site.terms["actor"]),
        ("place", site.terms["place"]),
        ("publisher", site.publishers),
    ):
        index_url = "sources/" if kind == "publisher" else f"{kind}s/"
        summary = tuple((item.id, item.name, len(item.events)) for item in listings.values())
        plans.append(
            PagePlan(
                index_url,
                "index.html",
                {"kind": kind, "listings": list(listings.values())},
                _digest(base, kind, summary),
            )
        )
        for listing in listings.values():
            plans.extend(
                _listing_pages(
                    site,
                    listing.url,
                    "listing.html",
                    listing.events,
                    per_page,
                    base,
                    listing,
                    with_overview=kind == "era",
                    rtl=rtl,
                )
            )
    for page in site.pages:
        plans.append(PagePlan(f"{page.slug}/", "page.html", {"page": page}, _digest(base, page.revision)))
    plans.append(PagePlan("search/", "search.html", {}, _digest(base, "search")))
    plans.append(_open_data_page(site, base))
    if not prefix:
        plans.append(PagePlan("404.html", "404.html", {}, _digest(base, "404")))
    return [replace(plan, url=prefix + plan.url) for plan in plans] if prefix else plans


def _open_data_page(site: Site, base: tuple[object, ...]) -> PagePlan:
    """The page that lists and documents the export files (written by ``exports``)."""
    day_events = sum(1 for e in site.events if e.date.day is not None and (e.end is None or e.end.day))
    tags = list(site.terms["tag"].values())
    context = {"total": len(site.events), "day_events": day_events, "tags": tags}
    key = _digest(base, "open-data", len(site.events), day_events, tuple((t.id, len(t.events)) for t in tags))
    return PagePlan("open-data/", "open-data.html", context, key)


def _listing_pages(
    site: Site,
    url: str,
    template: str,
    events: Sequence[Event],
    per_page: int,
    base: tuple[object, ...],
    listing: Listing | None,
    with_overview: bool = False,
    rtl: bool = False,
) -> list[PagePlan]:
    count = max(1, -(-len(events) // per_page))
    plans = []
    for number in range(1, count + 1):
        chunk = events[(number - 1) * per_page : number * per_page]
        pagination = Pagination(number, count, url)
        # the overview shows every event of the listing, so only the first page carries it:
        # an edit then re-renders one page, not every page of a long chronology
        overview = lay_out(events, site.timeline.eras) if with_overview and number == 1 else None
        if overview is not None and rtl:
            overview = mirror(overview)
        shown = _revisions(events) if overview else ()
        key = _digest(base, template, url, number, count, len(events), _revisions(chunk), shown)
        context = {
            "listing": listing,
            "chunk": chunk,  # grouped by era and year when rendered: most pages are not, on a rebuild
            "pagination": pagination,
            "total": len(events),
            "overview": overview,
        }
        plans.append(PagePlan(paged_url(url, number), template, context, key))
    return plans


def _event_page(site: Site, event: Event, base: tuple[object, ...]) -> PagePlan:
    previous, following = site.previous(event), site.next(event)
    related = site.related(event)
    key = _digest(
        base,
        event.revision,
        previous and previous.revision,
        following and following.revision,
        _revisions(related),
        tuple(site.publisher_slug[source.publisher] for source in event.sources),  # links to them
    )
    context = {
        "event": event,
        "previous": previous,
        "next": following,
        "related": related,
        "era": site.era_of.get(event.id),
    }
    return PagePlan(event_url(event.id), "event.html", context, key)
