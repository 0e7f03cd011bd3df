"""The locator map's geometry: the outline file, the crop, clipping and label placement."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.geo import (
    LocatorMap,
    Outline,
    label_box,
    load_outline,
    neighbours,
    place_maps,
)
from generator.model import Term
from generator.theming import packaged_theme_dir

SQUARE = Outline(
    "test",
    "public domain",
    (("Square", (((30.0, 30.0, 40.0, 40.0), ((30.0, 30.0), (40.0, 30.0), (40.0, 40.0), (30.0, 40.0))),)),),
)


def place(place_id: str, lat: float | None, lon: float | None, name: str = "") -> Term:
    return Term("place", place_id, name or place_id.title(), lat=lat, lon=lon)


def test_outline_file_decodes_to_degrees(tmp_path: Path) -> None:
    path = tmp_path / "outline.json"
    path.write_text(
        json.dumps(
            {
                "source": "s",
                "licence": "l",
                "scale": 100,
                "countries": [{"name": "Tri", "rings": [[3600, 3500, 100, 0, -50, 100, -50, -100]]}],
            }
        )
    )
    outline = load_outline(path)
    ((name, ((bounds, points),)),) = outline.countries
    assert name == "Tri" and points == ((36.0, 35.0), (37.0, 35.0), (36.5, 36.0), (36.0, 35.0))
    assert bounds == (36.0, 35.0, 37.0, 36.0)


def test_bundled_outline_holds_the_countries_with_their_licence() -> None:
    outline = load_outline(packaged_theme_dir() / "data" / "outline.json")
    names = {name for name, _ in outline.countries}
    assert {"Syria", "Turkey", "Lebanon", "France"} <= names
    assert "Natural Earth" in outline.source and "ublic domain" in outline.licence


def test_no_map_without_coordinates_and_places_without_them_are_listed() -> None:
    assert place_maps(SQUARE, [], [place("a", None, None)]) is None
    maps = place_maps(SQUARE, [], [place("a", 35.0, 35.0), place("b", None, None)])
    assert maps is not None
    assert [p.id for p in maps.drawn] == ["a"] and [p.id for p in maps.not_drawn] == ["b"]


def test_places_a_street_apart_get_a_regional_map_with_the_outline_clipped_to_it() -> None:
    maps = place_maps(SQUARE, [], [place("a", 35.0, 35.0), place("b", 35.0001, 35.0001)])
    assert maps is not None
    wide = maps.wide
    assert wide.width == 640 and 320 <= wide.height <= 427  # landscape, from 2:1 to 3:2
    ((_, path),) = wide.countries  # the square covers the view: its path is the view's edges
    numbers = [float(n) for n in path.replace("M", " ").replace("L", " ").replace("Z", " ").split()]
    assert min(numbers) == -4.0 and max(numbers) == 644.0


def test_neighbours_are_the_nearest_places_with_coordinates() -> None:
    town = place("town", 35.0, 36.0)
    others = [place("near", 35.1, 36.0), place("far", 40.0, 40.0), place("none", None, None), town]
    assert [p.id for p in neighbours(town, others, count=1)] == ["town", "near"]


def check_map(drawn: LocatorMap) -> None:
    boxes = []
    for pin in drawn.pins:
        assert 0 <= pin.x <= drawn.width and 0 <= pin.y <= drawn.height
        if pin.label:
            box = label_box(pin.label, pin.term.name)
            assert box[0] >= 0 and box[2] <= drawn.width and box[1] >= 0 and box[3] <= drawn.height
            boxes.append(box)
    for index, a in enumerate(boxes):
        for b in boxes[index + 1 :]:
            assert not (a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(-60, 70), st.floats(-170, 170), st.text("abcdefghij ", min_size=1, max_size=24)),
        min_size=1,
        max_size=12,
    ),
    st.floats(0.001, 8),
)
def test_every_dot_is_inside_and_no_two_labels_overlap(
    points: list[tuple[float, float, str]], spread: float
) -> None:
    lat0, lon0 = points[0][0], points[0][1]
    places = [
        place(f"p{i}", lat0 + (lat - lat0) % spread, lon0 + (lon - lon0) % spread, name)
        for i, (lat, lon, name) in enumerate(points)
    ]
    maps = place_maps(SQUARE, places, places, places[0])
    assert maps is not None
    assert (
        maps.wide.pins[0].term is places[0] and maps.wide.pins[0].label is not None
    )  # the current place first
    check_map(maps.wide)
    check_map(maps.narrow)
