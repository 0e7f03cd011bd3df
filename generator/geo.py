"""Layout of the locator map: places drawn at build time as inline SVG over country outlines.

The outlines are Natural Earth's 1:50m countries (public domain), derived once by
``tools/map_outline.mjs`` into ``theme/data/outline.json``; the build only reads that JSON, so
it needs no node, no tile server and makes no request. The map is cropped to the places'
bounding box with padding, in an equirectangular projection scaled by the cosine of the middle
latitude (true shapes at the scale of a town and its region). The map is never mirrored in a
right-to-left edition: east stays on the right; only label anchors change (in the template).

This module computes geometry only; the template ``partials/locator_map.html`` draws it. Like
the overview it is laid out twice: on a 640-unit-wide viewBox for wide screens and a 340-unit
one for phones, where one unit is about one CSS pixel, so labels stay readable. A label that
would overlap another label, a dot or the edge is left out (the place is still drawn, and every
place is listed as text beside the map); the current place and busier places are labelled first.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .model import Term

OUTLINE_FILE = "data/outline.json"  # in the theme: a project may override it with its own
WIDE_WIDTH = 640.0
NARROW_WIDTH = 340.0
MIN_SPAN = 0.6  # degrees of latitude: below this, dots a street apart would fill the map
PADDING = 0.25  # of the places' span, on every side
ASPECTS = (1.5, 2.0)  # width over height: a landscape, short enough to leave the list in view
DOT = 4.5  # a place's radius; the current place's is larger
CURRENT_DOT = 6.5
FONT_SIZE = 13.0
CHAR_WIDTH = 0.62 * FONT_SIZE  # a generous estimate for Latin and Arabic letters
NEIGHBOURS = 4  # other places drawn on a place's own map
SIMPLIFY = 0.8  # outline points closer than this (viewBox units) to the last kept one are dropped

Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True, slots=True)
class Outline:
    """Country outlines: (name, rings), each ring its bounds (west, south, east, north) and its
    (lon, lat) points; the bounds let a map skip the rings it cannot show without reading them."""

    source: str
    licence: str
    countries: tuple[tuple[str, tuple[tuple[Box, tuple[tuple[float, float], ...]], ...]], ...]


@dataclass(frozen=True, slots=True)
class Label:
    x: float
    y: float
    edge: str  # which part of the label is at (x, y) on screen: "left", "right" or "middle"


@dataclass(frozen=True, slots=True)
class Pin:
    """A place on the map: its dot, and its label if one fits."""

    term: Term
    x: float
    y: float
    radius: float
    current: bool
    label: Label | None


@dataclass(frozen=True, slots=True)
class LocatorMap:
    width: float
    height: float
    countries: tuple[tuple[str, str], ...]  # (name, SVG path data) of each country in view
    pins: tuple[Pin, ...]
    font_size: float = FONT_SIZE


@dataclass(frozen=True, slots=True)
class PlaceMaps:
    """What a page shows: the map at both sizes, the places drawn and those without coordinates."""

    wide: LocatorMap
    narrow: LocatorMap
    drawn: tuple[Term, ...]
    not_drawn: tuple[Term, ...]
    current: Term | None = None


@lru_cache(maxsize=4)
def load_outline(path: Path) -> Outline:
    """Decode ``outline.json``: each ring is its first point then steps, in 1/scale degrees."""
    data = json.loads(path.read_text(encoding="utf-8"))
    scale = float(data["scale"])
    countries = []
    for country in data["countries"]:
        rings = []
        for steps in country["rings"]:
            x, y, points = 0, 0, []
            for index in range(0, len(steps), 2):
                x, y = x + steps[index], y + steps[index + 1]
                points.append((x / scale, y / scale))
            lons, lats = [lon for lon, _ in points], [lat for _, lat in points]
            rings.append(((min(lons), min(lats), max(lons), max(lats)), tuple(points)))
        countries.append((str(country["name"]), tuple(rings)))
    return Outline(str(data["source"]), str(data["licence"]), tuple(countries))


def located(places: Iterable[Term]) -> list[Term]:
    return [place for place in places if place.lat is not None and place.lon is not None]


def neighbours(place: Term, places: Sequence[Term], count: int = NEIGHBOURS) -> list[Term]:
    """The place and the ``count`` located places nearest to it (then by id: deterministic)."""
    others = [other for other in located(places) if other.id != place.id]
    others.sort(key=lambda other: (_distance(place, other), other.id))
    return [place, *others[:count]]


def place_maps(
    outline: Outline, places: Sequence[Term], shown: Sequence[Term], current: Term | None = None
) -> PlaceMaps | None:
    """The maps of ``shown`` places (``places`` are all of them, by weight of their events);
    None when none of them has coordinates."""
    drawn = located(shown)
    if not drawn:
        return None
    priority = {place.id: rank for rank, place in enumerate(places)}
    order = sorted(drawn, key=lambda p: (p is not current, priority.get(p.id, len(places)), p.id))
    not_drawn = tuple(place for place in shown if place not in drawn)
    wide, narrow = (_lay_out(outline, order, current, width) for width in (WIDE_WIDTH, NARROW_WIDTH))
    return PlaceMaps(wide, narrow, tuple(drawn), not_drawn, current)


def _distance(a: Term, b: Term) -> float:
    """Distance on the sphere, in radians (haversine); only its order matters."""
    lat1, lon1, lat2, lon2 = (
        math.radians(v) for v in (a.lat or 0.0, a.lon or 0.0, b.lat or 0.0, b.lon or 0.0)
    )
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * math.asin(min(1.0, math.sqrt(h)))


def _extent(places: Sequence[Term]) -> tuple[float, float, float, float, float]:
    """West, south, east, north and the x stretch (cosine of the middle latitude) of the view."""
    lats = [p.lat for p in places if p.lat is not None]
    lons = [p.lon for p in places if p.lon is not None]
    middle_lat = (min(lats) + max(lats)) / 2
    stretch = max(0.2, math.cos(math.radians(middle_lat)))
    height = max(max(lats) - min(lats), MIN_SPAN) * (1 + 2 * PADDING)
    width = max((max(lons) - min(lons)) * stretch, MIN_SPAN) * (1 + 2 * PADDING)  # in degrees of latitude
    width = min(max(width, height * ASPECTS[0]), 360 * stretch)
    height = min(max(height, width / ASPECTS[1]), 180)
    middle_lon = (min(lons) + max(lons)) / 2
    half_lon, half_lat = width / stretch / 2, height / 2
    return middle_lon - half_lon, middle_lat - half_lat, middle_lon + half_lon, middle_lat + half_lat, stretch


def _lay_out(outline: Outline, places: Sequence[Term], current: Term | None, width: float) -> LocatorMap:
    west, south, east, north, stretch = _extent(places)
    scale = width / ((east - west) * stretch)
    height = round((north - south) * scale, 1)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * stretch * scale, (north - lat) * scale

    countries = _countries(outline, (west, south, east, north, stretch, width))
    pins = [
        (place, *project(place.lon or 0.0, place.lat or 0.0), CURRENT_DOT if place is current else DOT)
        for place in places
    ]
    dots: list[Box] = [(x - r, y - r, x + r, y + r) for _, x, y, r in pins]
    labels: list[Box] = []
    placed = []
    for index, (place, x, y, radius) in enumerate(pins):
        others = dots[:index] + dots[index + 1 :]
        label = _place_label(place.name, x, y, radius, width, height, [*others, *labels])
        if label is not None:
            labels.append(label_box(label, place.name))
        placed.append(Pin(place, round(x, 1), round(y, 1), radius, place is current, label))
    return LocatorMap(width, height, tuple(countries), tuple(placed))


# Country shapes of a view, by its extent and width: every edition draws the same place maps
# (only the labels differ), and clipping the outlines is most of a map's cost. The outline is
# kept beside its shapes, so that a new outline at the same address is never served old ones.
MAX_KEPT_VIEWS = 10_000  # two widths of a map per located place: bounded at any scale
_COUNTRIES: dict[tuple[float, ...], tuple[Outline, tuple[tuple[str, str], ...]]] = {}


def _countries(
    outline: Outline, extent: tuple[float, float, float, float, float, float]
) -> tuple[tuple[str, str], ...]:
    """(name, SVG path) of each country seen in the view ``extent`` (west, south, east, north,
    x stretch, width)."""
    kept = _COUNTRIES.get(extent)
    if kept is not None and kept[0] is outline:
        return kept[1]
    west, south, east, north, stretch, width = extent
    scale = width / ((east - west) * stretch)
    height = round((north - south) * scale, 1)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * stretch * scale, (north - lat) * scale

    countries = []
    view = (west - 1, south - 1, east + 1, north + 1)  # rings crossing the edge are clipped below
    for name, rings in outline.countries:
        paths = [
            _path(_clip([project(lon, lat) for lon, lat in ring], width, height))
            for bounds, ring in rings
            if _intersect(bounds, view)
        ]
        data = " ".join(path for path in paths if path)
        if data:
            countries.append((name, data))
    if len(_COUNTRIES) >= MAX_KEPT_VIEWS:
        _COUNTRIES.clear()
    _COUNTRIES[extent] = (outline, tuple(countries))
    return tuple(countries)


def _place_label(
    text: str, x: float, y: float, radius: float, width: float, height: float, taken: list[Box]
) -> Label | None:
    """The first of right, left, above, below the dot where the label fits inside the map
    without touching another dot or label."""
    gap = radius + 3
    candidates = (
        Label(x + gap, y + FONT_SIZE * 0.35, "left"),
        Label(x - gap, y + FONT_SIZE * 0.35, "right"),
        Label(x, y - gap - 3, "middle"),
        Label(x, y + gap + FONT_SIZE * 0.8, "middle"),
    )
    for label in candidates:
        box = label_box(label, text)
        inside = box[0] >= 2 and box[1] >= 2 and box[2] <= width - 2 and box[3] <= height - 2
        if inside and not any(_intersect(box, other) for other in taken):
            return Label(round(label.x, 1), round(label.y, 1), label.edge)
    return None


def label_box(label: Label, text: str) -> Box:
    """The room a label takes: from its baseline, a letter's height up and a descender down."""
    size = len(text) * CHAR_WIDTH
    left = {"left": label.x, "right": label.x - size, "middle": label.x - size / 2}[label.edge]
    return left, label.y - FONT_SIZE * 0.95, left + size, label.y + FONT_SIZE * 0.3


def _intersect(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _clip(points: list[tuple[float, float]], width: float, height: float) -> list[tuple[float, float]]:
    """Sutherland-Hodgman clipping to the view with a margin, so a country's path holds only
    what can be seen (Russia's outline is not copied into a map of a Syrian town)."""
    margin = 4.0
    # each edge: the axis it cuts, where, and whether the inside lies above that value
    edges = ((0, -margin, True), (0, width + margin, False), (1, -margin, True), (1, height + margin, False))
    for axis, limit, above in edges:

        def inside(point: tuple[float, float]) -> bool:
            return point[axis] >= limit if above else point[axis] <= limit  # noqa: B023 (used at once)

        result = []
        for index, point in enumerate(points):
            previous = points[index - 1]
            if inside(point):
                if not inside(previous):
                    result.append(_crossing(previous, point, axis, limit))
                result.append(point)
            elif inside(previous):
                result.append(_crossing(previous, point, axis, limit))
        points = result
        if not points:
            break
    return points


def _crossing(a: tuple[float, float], b: tuple[float, float], axis: int, limit: float) -> tuple[float, float]:
    t = (limit - a[axis]) / (b[axis] - a[axis])
    return (limit, a[1] + t * (b[1] - a[1])) if axis == 0 else (a[0] + t * (b[0] - a[0]), limit)


def _path(points: list[tuple[float, float]]) -> str:
    """SVG path data of a ring, without points too close to draw apart."""
    kept: list[tuple[float, float]] = []
    for point in points:
        if not kept or abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) >= SIMPLIFY:
            kept.append(point)
    if len(kept) < 3:
        return ""
    return "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in kept) + "Z"
