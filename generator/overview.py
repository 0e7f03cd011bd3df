"""Layout of the visual overview: a timeline drawn at build time as inline SVG.

History is uneven: one event in 973, three in 1098, dozens between 2011 and 2024. A linear
axis would squash the dense years into a sliver, so the axis is *broken*: years with events
are grouped into clusters separated by long empty gaps, each cluster gets room in proportion
to how many events it holds (with a minimum), and the gaps are drawn as breaks.

This module computes geometry only; the template ``partials/overview.html`` draws it. It is
laid out twice: on a 1000-unit-wide viewBox for wide screens (``WIDE``) and on a 340-unit one
for phones (``NARROW``), where one unit is about one CSS pixel, so labels stay readable instead
of shrinking to 6 px in a scroll box. Events closer than a mark's width are drawn as one mark
with their count. Above ``MAX_MARKS`` events, marks are aggregated per year so the page stays
small at any scale.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .dates import historical_year
from .model import Era, Event

GAP_YEARS = 10  # an empty stretch longer than this becomes a break in the axis
MAX_MARKS = 400
LABEL_CHAR_WIDTH = 7.2  # an era name's width per character at the label's font size


@dataclass(frozen=True, slots=True)
class Scale:
    """The drawing's proportions: its width and the room its parts need, in viewBox units."""

    width: float
    break_width: float
    min_cluster_width: float
    cluster_padding: float
    mark_spacing: float  # events closer than this share one mark, with their count
    tick_spacing: float


WIDE = Scale(1000.0, 18.0, 44.0, 10.0, 15.0, 46.0)
NARROW = Scale(340.0, 10.0, 24.0, 5.0, 17.0, 36.0)
WIDTH = WIDE.width


@dataclass(frozen=True, slots=True)
class Cluster:
    """A run of years drawn to scale; clusters are separated by breaks."""

    first_year: int
    last_year: int
    x: float
    width: float
    padding: float = WIDE.cluster_padding

    def position(self, moment: float) -> float:
        """x for a fractional year inside the cluster."""
        span = self.last_year + 1 - self.first_year
        inner = self.width - 2 * self.padding
        return self.x + self.padding + (moment - self.first_year) / span * inner


@dataclass(frozen=True, slots=True)
class Band:
    era: Era
    index: int  # colour of the era, by its order
    x: float
    width: float
    label: bool  # room to write the era's name inside the band


@dataclass(frozen=True, slots=True)
class Mark:
    """One event, or events too close to tell apart (or, aggregated, one year's events)."""

    x: float
    events: tuple[Event, ...]  # empty when aggregated per year: the mark stands for a count
    year: int
    last_year: int
    count: int
    radius: float

    @property
    def event(self) -> Event | None:
        """The event a single mark stands for; a cluster links to its year instead."""
        return self.events[0] if len(self.events) == 1 else None

    @property
    def ids(self) -> str:
        """The ids of the events drawn, for the filters to count what matches."""
        return " ".join(event.id for event in self.events)


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    year: int


@dataclass(frozen=True, slots=True)
class Overview:
    clusters: tuple[Cluster, ...]
    breaks: tuple[float, ...]
    bands: tuple[Band, ...]
    marks: tuple[Mark, ...]
    ticks: tuple[Tick, ...]
    aggregated: bool
    first_year: int
    last_year: int
    count: int
    width: float = WIDTH

    @property
    def legend(self) -> list[tuple[int, Era]]:
        """The eras drawn, once each, in order, with their colour index."""
        seen: dict[str, tuple[int, Era]] = {}
        for band in self.bands:
            seen.setdefault(band.era.id, (band.index, band.era))
        return sorted(seen.values(), key=lambda pair: pair[0])


def moment(event: Event) -> float:
    """An event's place in time as a fractional year (the middle of its period if coarse)."""
    first, last = event.date.first_day(), event.date.last_day()
    day_of_year = ((first[1] - 1) * 30.5 + first[2] + (last[1] - 1) * 30.5 + last[2]) / 2
    return first[0] + min(day_of_year / 366, 0.999)


def lay_out(events: Sequence[Event], eras: Sequence[Era], scale: Scale = WIDE) -> Overview | None:
    """Geometry of the overview for these events (in date order), or None without events."""
    if not events:
        return None
    clusters = _clusters(events, scale)
    aggregated = len(events) > MAX_MARKS
    marks = _year_marks(events, clusters) if aggregated else _event_marks(events, clusters, scale)
    breaks = tuple(round(c.x - scale.break_width / 2, 1) for c in clusters[1:])
    return Overview(
        clusters,
        breaks,
        _bands(clusters, eras),
        marks,
        _ticks(clusters, scale),
        aggregated,
        events[0].year,
        events[-1].year,
        len(events),
        scale.width,
    )


def _clusters(events: Sequence[Event], scale: Scale) -> tuple[Cluster, ...]:
    counts = Counter(event.year for event in events)
    runs: list[list[int]] = []
    for year in sorted(counts):
        if runs and year - runs[-1][-1] <= GAP_YEARS:
            runs[-1].append(year)
        else:
            runs.append([year])
    # room in proportion to the events held, above a minimum that keeps lone events readable
    weights = [float(sum(counts[y] for y in run)) for run in runs]
    free = scale.width - scale.break_width * (len(runs) - 1) - scale.min_cluster_width * len(runs)
    total = sum(weights)
    clusters, x = [], 0.0
    for run, weight in zip(runs, weights, strict=True):
        width = scale.min_cluster_width + max(free, 0) * weight / total
        clusters.append(Cluster(run[0], run[-1], x, width, scale.cluster_padding))
        x += width + scale.break_width
    return tuple(clusters)


def _cluster_of(clusters: Sequence[Cluster], year: int) -> Cluster:
    return next(c for c in clusters if c.first_year <= year <= c.last_year)


def _event_marks(events: Sequence[Event], clusters: Sequence[Cluster], scale: Scale) -> tuple[Mark, ...]:
    """One mark per event; events closer than a mark's width share one mark with their count,
    drawn at their mean position, so no mark hides another."""
    groups: list[list[tuple[float, Event]]] = []
    for event in events:
        x = _cluster_of(clusters, event.year).position(moment(event))
        if groups and x - sum(x for x, _ in groups[-1]) / len(groups[-1]) < scale.mark_spacing:
            groups[-1].append((x, event))
        else:
            groups.append([(x, event)])
    marks = []
    for group in groups:
        members = tuple(event for _, event in group)
        count = len(members)
        radius = 4.5 if count == 1 else (6.5 if count < 10 else 7.5)
        x = sum(x for x, _ in group) / count
        marks.append(Mark(round(x, 1), members, members[0].year, members[-1].year, count, radius))
    return tuple(marks)


def _year_marks(events: Sequence[Event], clusters: Sequence[Cluster]) -> tuple[Mark, ...]:
    """One mark per year, its size growing with the year's number of events."""
    counts = Counter(event.year for event in events)
    largest = max(counts.values())
    return tuple(
        Mark(
            round(_cluster_of(clusters, year).position(year + 0.5), 1),
            (),
            year,
            year,
            count,
            round(2.5 + 7.5 * math.sqrt(count / largest), 1),
        )
        for year, count in sorted(counts.items())
    )


def _bands(clusters: Sequence[Cluster], eras: Sequence[Era]) -> tuple[Band, ...]:
    bands: list[Band] = []
    labelled: set[str] = set()
    for cluster in clusters:
        for index, era in enumerate(eras):
            start = max(_era_edge(era, start=True), cluster.first_year)
            end = min(_era_edge(era, start=False), cluster.last_year + 1)
            if end <= start:
                continue
            x0, x1 = cluster.position(start), cluster.position(end)
            if x0 == cluster.position(cluster.first_year):
                x0 = cluster.x
            if x1 == cluster.position(cluster.last_year + 1):
                x1 = cluster.x + cluster.width
            room = (x1 - x0) >= LABEL_CHAR_WIDTH * len(era.name) + 8 and era.id not in labelled
            if room:
                labelled.add(era.id)
            bands.append(Band(era, index, round(x0, 1), round(x1 - x0, 1), room))
    return tuple(bands)


def _era_edge(era: Era, start: bool) -> float:
    date = era.start if start else era.end
    if date is None:
        return -math.inf if start else math.inf
    year, month, day = date.first_day() if start else date.last_day()
    fraction = ((month - 1) * 30.5 + day) / 366
    return year + (fraction - 1 / 366 if start else fraction)


def _ticks(clusters: Sequence[Cluster], scale: Scale) -> tuple[Tick, ...]:
    """Year labels: each cluster's first year, then round years where they fit."""
    ticks: list[Tick] = []
    for cluster in clusters:
        span = cluster.last_year + 1 - cluster.first_year
        step = next(
            (s for s in (1, 2, 5, 10, 25, 50, 100) if cluster.width / span * s >= scale.tick_spacing), 100
        )
        # round as readers count: 300 BCE (astronomical -299), not astronomical -300 (301 BCE)
        years = [cluster.first_year] + [
            y
            for y in range(cluster.first_year + 1, cluster.last_year + 1)
            if abs(historical_year(y)) % step == 0
        ]
        last_x = -math.inf
        for year in years:
            x = cluster.position(year)
            if x - last_x >= scale.tick_spacing or year == cluster.first_year:
                ticks.append(Tick(round(x, 1), year))
                last_x = x
    return tuple(ticks)


def mirror(overview: Overview) -> Overview:
    """The same overview read right to left (earliest on the right), for RTL editions."""
    width = overview.width
    return replace(
        overview,
        clusters=tuple(replace(c, x=round(width - c.x - c.width, 1)) for c in overview.clusters),
        breaks=tuple(round(width - x, 1) for x in overview.breaks),
        bands=tuple(replace(b, x=round(width - b.x - b.width, 1)) for b in overview.bands),
        marks=tuple(replace(m, x=round(width - m.x, 1)) for m in overview.marks),
        ticks=tuple(replace(t, x=round(width - t.x, 1)) for t in overview.ticks),
    )
