"""Plan stage: the pages of one edition, each with its template, its context and its key.

A page's *key* is a digest of everything it shows. A serve rebuild renders only pages whose key
changed, which is what keeps one edited event at 10,000 events cheap. Every list is paginated,
so no page grows with the site. The plan reads the organised site (``organise``) and the
overview's geometry (``overview``) and hands both to the render stage.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from .dates import EventDate
from .geo import Outline, neighbours, place_maps
from .model import Event, Term
from .organise import Listing, PagePlan, Site, corrections_newest_first, embed_url, event_url, paged_url
from .overview import NARROW, WIDE, Overview, Scale, lay_out, mirror
from .share import DRAWING_VERSION, SHARE_FILE

T = TypeVar("T")

SHARE_TEMPLATE = "share.png"  # not a template: the render stage draws these (``share.draw_card``)

REDIRECT_TEMPLATE = "redirect.html"  # old addresses: no sitemap entry, never a search result


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


def _digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


class PlanMemo:
    """What planning worked out in the last ``mkdocs serve`` rebuild, by what it was made from.

    Every rebuild plans every page again, and most of that is digesting the same parts into
    the same keys and laying out the same overviews. Kept for one edition, two generations:
    what this build used and what the last one made, so that nothing outlives the build after
    the one that stopped asking for it. A one-off build plans without one.
    """

    def __init__(self) -> None:
        self.kept: dict[tuple[object, ...], object] = {}
        self.used: dict[tuple[object, ...], object] = {}

    def next_build(self) -> None:
        self.kept, self.used = self.used, {}

    def get(self, parts: tuple[object, ...], make: Callable[[], T]) -> T:
        """``make()``, or what it made last time from the same (hashable) ``parts``."""
        if parts in self.used:
            value: T = self.used[parts]  # type: ignore[assignment]
            return value
        found = self.kept.get(parts, _MISSING)
        value = make() if found is _MISSING else found  # type: ignore[assignment]
        self.used[parts] = value
        return value


_MISSING = object()


@dataclass(frozen=True)
class PageKeys:
    """Digests every page key from ``base`` (what every page shows) and the page's own parts."""

    base: tuple[object, ...]
    memo: PlanMemo | None = None
    shown: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # _entries_shown

    def digest(self, *parts: object) -> str:
        if self.memo is None:
            return _digest(self.base, *parts)
        return self.memo.get(("key", self.base, *parts), lambda: _digest(self.base, *parts))


def _entries_shown(site: Site, events: Sequence[Event], base: PageKeys) -> tuple[object, ...]:
    """What a list of entries shows: each event, and the publisher pages its sources link to
    (a slug changes when a look-alike publisher appears: "Town Crier" and "Town-Crier").
    Worked out once per event and plan: an event is listed on a dozen pages."""
    shown = base.shown
    for event in events:
        if event.id not in shown:
            slugs = tuple(site.publisher_slug[source.publisher] for source in event.sources)
            shown[event.id] = (event.revision, slugs)
    return tuple(shown[event.id] for event in events)


def _revisions(events: Iterable[Event]) -> tuple[str, ...]:
    return tuple(event.revision for event in events)


def plan_pages(
    site: Site,
    per_page: int,
    salt: str = "",
    prefix: str = "",
    rtl: bool = False,
    outline: Outline | None = None,
    share_images: bool = False,
    memo: PlanMemo | None = None,
) -> list[PagePlan]:
    """Every page of one edition, in a stable order.

    ``salt`` changes all keys (theme edits); ``prefix`` is the edition's folder (``ar/``), and
    ``rtl`` mirrors the overview for right-to-left languages. Every edition has its 404 page
    (``ar/404.html``); servers show the main edition's. With an ``outline``, the places index
    and each place page carry a locator map (its layout reads only ``timeline.yaml``, which
    ``base`` covers). ``memo`` (mkdocs serve) keeps keys and overviews between rebuilds.
    """
    # what every page shows: the theme, the edition, the timeline's data, the menu of prose pages
    base = PageKeys(
        (salt, prefix, site.timeline.revision, tuple((p.slug, p.revision) for p in site.pages)), memo
    )
    plans: list[PagePlan] = []
    home = _listing_pages(
        site, "", "home.html", site.events, per_page, base, listing=None, with_overview=True, rtl=rtl
    )
    newest = last_updated(site.events)  # "Last updated" on the home page: the newest of all
    plans.extend(
        replace(
            plan, context={**plan.context, "last_updated_date": newest}, key=base.digest(plan.key, newest)
        )
        for plan in home
    )
    for event in site.events:
        plans.append(_event_page(site, event, base))
        plans += [_redirect_page(event, old, base) for old in event.previous_ids]
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
                {"kind": kind, "listings": list(listings.values()), **_maps(site, outline, kind)},
                base.digest(kind, summary),
            )
        )
        ordered = list(listings.values())
        for index, listing in enumerate(ordered):
            # a year leads to the year before and after it, as an event does to its neighbours
            neighbours = (
                (
                    ordered[index - 1] if index else None,
                    ordered[index + 1] if index + 1 < len(ordered) else None,
                )
                if kind == "year"
                else (None, None)
            )
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
                    neighbours=neighbours,
                    extra=_maps(site, outline, kind, listing.term),
                )
            )
    for page in site.pages:
        plans.append(PagePlan(f"{page.slug}/", "page.html", {"page": page}, base.digest(page.revision)))
    plans.append(PagePlan("search/", "search.html", {}, base.digest("search")))
    plans.append(_corrections_page(site, base))
    plans.append(_open_data_page(site, base))
    plans.append(PagePlan("404.html", "404.html", {}, base.digest("404")))
    plans += _embed_pages(site, per_page, base, rtl)
    if share_images:
        plans += _share_images(site, base)
    return [replace(plan, url=prefix + plan.url) for plan in plans] if prefix else plans


def _share_images(site: Site, base: PageKeys) -> list[PagePlan]:
    """Each event's share image beside its page, and the edition's own for its other pages;
    drawn again only when what they show changes (title, date, site name, drawing)."""
    plans = [PagePlan(SHARE_FILE, SHARE_TEMPLATE, {"card_event": None}, base.digest(DRAWING_VERSION))]
    for event in site.events:
        key = base.digest(DRAWING_VERSION, event.revision)
        plans.append(PagePlan(event_url(event.id) + SHARE_FILE, SHARE_TEMPLATE, {"card_event": event}, key))
    return plans


def last_updated(events: Iterable[Event]) -> EventDate | None:
    """The newest ``updated`` date (explicit or from a correction) of any event."""
    dates = [event.updated for event in events if event.updated is not None]
    return max(dates, key=lambda when: (when.last_day(), when.first_day())) if dates else None


def _open_data_page(site: Site, base: PageKeys) -> PagePlan:
    """The page that lists and documents the export files (written by ``exports``)."""
    day_events = sum(1 for e in site.events if e.on_calendar)
    # known to the day but before the common era: not in the calendar file, and said so
    ancient_day_events = sum(1 for e in site.events if e.known_to_the_day and not e.on_calendar)
    tags = list(site.terms["tag"].values())
    counts = {"total": len(site.events), "day_events": day_events, "ancient_day_events": ancient_day_events}
    context = {**counts, "tags": tags}
    key = base.digest("open-data", *counts.values(), tuple((t.id, len(t.events)) for t in tags))
    return PagePlan("open-data/", "open-data.html", context, key)


def _corrections_page(site: Site, base: PageKeys) -> PagePlan:
    """The site-wide list of corrections; it shows each corrected event's title and corrections."""
    corrections = corrections_newest_first(site.events)
    key = base.digest("corrections", _revisions(event for event, _ in corrections))
    return PagePlan("corrections/", "corrections.html", {"corrections": corrections}, key)


def _listing_pages(
    site: Site,
    url: str,
    template: str,
    events: Sequence[Event],
    per_page: int,
    base: PageKeys,
    listing: Listing | None,
    with_overview: bool = False,
    rtl: bool = False,
    neighbours: tuple[Listing | None, Listing | None] = (None, None),
    extra: Mapping[str, object] | None = None,
) -> list[PagePlan]:
    count = max(1, -(-len(events) // per_page))
    plans = []
    for number in range(1, count + 1):
        chunk = events[(number - 1) * per_page : number * per_page]
        pagination = Pagination(number, count, url)
        # the overview shows every event of the listing, so only the first page carries it:
        # an edit then re-renders one page, not every page of a long chronology
        drawn = with_overview and number == 1
        overview = _overview(events, site, WIDE, rtl, base) if drawn else None
        shown = _revisions(events) if overview else ()
        beside = tuple((other.url, len(other.events)) if other else None for other in neighbours)
        key = base.digest(
            template, url, number, count, len(events), _entries_shown(site, chunk, base), shown, beside
        )
        context = {
            "listing": listing,
            "chunk": chunk,  # grouped by era and year when rendered: most pages are not, on a rebuild
            "pagination": pagination,
            "total": len(events),
            "overview": overview,
            "overview_narrow": _overview(events, site, NARROW, rtl, base) if drawn else None,
            "previous_listing": neighbours[0],
            "next_listing": neighbours[1],
            **(extra or {}),
        }
        plans.append(PagePlan(paged_url(url, number), template, context, key))
    return plans


def _overview(
    events: Sequence[Event], site: Site, scale: Scale, rtl: bool, base: PageKeys
) -> Overview | None:
    """The overview at one scale (wide screens, phones), mirrored for right-to-left editions;
    laid out again (mkdocs serve) only when an event it draws or the timeline changed."""

    def draw() -> Overview | None:
        overview = lay_out(events, site.timeline.eras, scale)
        return mirror(overview) if overview is not None and rtl else overview

    if base.memo is None:
        return draw()
    return base.memo.get(("overview", base.base, scale, rtl, _revisions(events)), draw)


def _redirect_page(event: Event, old_id: str, base: PageKeys) -> PagePlan:
    """The page at an event's earlier address (``previous_ids``): it leads to the event's page."""
    key = base.digest(old_id, event.revision)
    return PagePlan(event_url(old_id), REDIRECT_TEMPLATE, {"event": event}, key)


def _event_page(site: Site, event: Event, base: PageKeys) -> PagePlan:
    previous, following = site.previous(event), site.next(event)
    related = site.related(event)
    key = base.digest(
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


def _maps(site: Site, outline: Outline | None, kind: str, place: Term | None = None) -> dict[str, object]:
    """The locator map of a place page (the place and its nearest neighbours) or of the places
    index (every place); places declared first in ``timeline.yaml`` are labelled first."""
    if outline is None or kind != "place":
        return {}
    if place is not None and place.lat is None:
        return {"place_map": None}  # nothing to locate it by: the page says so in its text
    places = list(site.timeline.places.values())
    shown = neighbours(place, places) if place is not None else places
    return {"place_map": place_maps(outline, places, shown, place)}


def _embed_pages(site: Site, per_page: int, base: PageKeys, rtl: bool) -> list[PagePlan]:
    """Pages without the site's header, menu and footer, for an ``<iframe>`` in an article: the
    whole chronology, each era, each tag (paginated as their full pages are) and each event."""
    embed = {"embed": True}
    plans = _listing_pages(
        site, embed_url(""), "embed.html", site.events, per_page, base, None, True, rtl, extra=embed
    )
    for listing in (*site.eras.values(), *site.terms["tag"].values()):
        url, with_overview = embed_url(listing.url), listing.kind == "era"
        plans += _listing_pages(
            site, url, "embed.html", listing.events, per_page, base, listing, with_overview, rtl, extra=embed
        )
    for event in site.events:
        publishers = tuple(site.publisher_slug[source.publisher] for source in event.sources)
        key = base.digest("embed", event.revision, publishers)
        context = {"event": event, "era": site.era_of.get(event.id), **embed}
        plans.append(PagePlan(embed_url(event_url(event.id)), "embed_event.html", context, key))
    return plans
