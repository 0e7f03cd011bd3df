"""The locator map and the embeds, in the built fictional town (tests/fixtures/town), both editions.

What a reader or an editor checks: each place with coordinates is a dot inside the map, the
outline is drawn, a place without coordinates is named as not drawn; each kind of embed exists,
without the site's header and menu, out of search engines, and the "Embed this" code on a page
points at that page's embed.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build import Builder, BuildOptions

from .conftest import THEME, TOWN

EDITIONS = ("", "ar/")
LOCATED = {"wadi-qamar", "sabun-mill", "main-square"}  # caravanserai has no coordinates


class Elements(HTMLParser):
    """Every element of a page as (tag, attributes), in order, with the text of each."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {name: value or "" for name, value in attrs}))
        self.text.append("")

    def handle_data(self, data: str) -> None:
        if self.text:
            self.text[-1] += data

    def all(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        return [
            attrs
            for name, attrs in self.found
            if name == tag
            and all(wanted[key] in attrs.get(key.rstrip("_").replace("_", "-"), "").split() for key in wanted)
        ]


def parse(page: Path) -> Elements:
    parser = Elements()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def maps(page: Path) -> list[str]:
    """The SVG source of each locator map on a page (wide and narrow)."""
    return re.findall(r"<svg class=\"locator-svg.*?</svg>", page.read_text(encoding="utf-8"), re.S)


def svg_parts(svg: str) -> Elements:
    parser = Elements()
    parser.feed(svg)
    return parser


@pytest.mark.parametrize("edition", EDITIONS)
def test_places_index_map_has_a_dot_inside_the_map_for_each_place_with_coordinates(
    town_site: Path, edition: str
) -> None:
    page = town_site / edition / "places" / "index.html"
    drawn = maps(page)
    assert len(drawn) == 2  # wide screens and phones
    for svg in drawn:
        parts = svg_parts(svg)
        (root,) = parts.all("svg")
        assert root["role"] == "img" and parts.all("title") and parts.all("desc")
        _, _, width, height = (float(n) for n in root["viewbox"].split())
        dots = parts.all("circle", class_="map-place")
        assert {dot["data-place"] for dot in dots} == LOCATED
        for dot in dots:
            assert 0 < float(dot["cx"]) < width and 0 < float(dot["cy"]) < height
        assert any(len(path["d"]) > 20 for path in parts.all("path", class_="map-land"))  # the outline
        assert "Old caravanserai" not in svg and "الخان القديم" not in svg
    text = page.read_text(encoding="utf-8")
    name = "الخان القديم" if edition else "Old caravanserai"
    caption = text[text.index('<figcaption id="locator-caption">') : text.index("</figcaption>")]
    assert name in caption  # named as not drawn, for want of coordinates
    assert "35.100, 36.200" in text  # the text list keeps every place's coordinates


@pytest.mark.parametrize("edition", EDITIONS)
def test_place_page_map_shows_the_place_and_its_neighbours(town_site: Path, edition: str) -> None:
    page = town_site / edition / "places" / "sabun-mill" / "index.html"
    for svg in maps(page):
        parts = svg_parts(svg)
        (current,) = parts.all("circle", class_="map-current")
        assert current["data-place"] == "sabun-mill"
        assert {dot["data-place"] for dot in parts.all("circle", class_="map-place")} == LOCATED
    caption = parse(page).all("a")
    assert {a["href"] for a in caption} >= {"../../places/wadi-qamar/", "../../places/main-square/"}
    # a place without coordinates has no map, only its text
    assert maps(town_site / edition / "places" / "caravanserai" / "index.html") == []


def test_map_labels_keep_their_side_of_the_dot_in_both_directions(town_site: Path) -> None:
    """East stays on the right in Arabic; a label right of its dot is anchored at its left edge,
    which right-to-left text calls its end (the browser test measures where labels land)."""
    anchors = {"": {"left": "start", "right": "end"}, "ar/": {"left": "end", "right": "start"}}
    for edition, anchor in anchors.items():
        svg = svg_parts(maps(town_site / edition / "places" / "index.html")[0])
        dots = {dot["data-place"]: float(dot["cx"]) for dot in svg.all("circle", class_="map-place")}
        assert dots == {
            d["data-place"]: float(d["cx"])
            for d in svg_parts(maps(town_site / "places" / "index.html")[0]).all("circle")
        }
        labels = svg.all("text", class_="map-label")
        assert labels
        for label in labels:
            edge = label["data-edge"]
            assert label["text-anchor"] == anchor.get(edge, "middle")
            if edge != "middle":  # the label starts beyond its dot, on the side away from it
                assert (float(label["x"]) > dots[label["data-place"]]) == (edge == "left")


EMBEDS = {
    "whole": ("embed/", ""),
    "era": ("embed/eras/hill-brigade-rule/", "eras/hill-brigade-rule/"),
    "tag": ("embed/tags/siege/", "tags/siege/"),
    "event": ("embed/events/2014-12-15-mill-base-falls/", "events/2014-12-15-mill-base-falls/"),
}


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("kind", EMBEDS)
def test_embed_pages_have_no_site_chrome_and_point_to_the_full_page(
    town_site: Path, edition: str, kind: str
) -> None:
    embed, full = EMBEDS[kind]
    page = town_site / edition / embed / "index.html"
    parts = parse(page)
    assert not parts.all("header", class_="site-header") and not parts.all("nav", class_="site-nav")
    assert not parts.all("footer") and not parts.all("form")
    assert {"name": "robots", "content": "noindex"} in parts.all("meta")
    (canonical,) = parts.all("link", rel="canonical")
    assert (page.parent / canonical["href"]).resolve() == (town_site / edition / full).resolve()
    assert parts.all("base") == [{"target": "_blank"}]  # links open the full site in a new tab
    event_links = [a["href"] for a in parts.all("a") if "events/" in a["href"]]
    assert event_links and all("embed/" not in href for href in event_links)
    for href in event_links:
        assert (page.parent / href.split("#")[0] / "index.html").resolve().is_file()


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("kind", EMBEDS)
def test_embed_code_on_a_page_points_to_its_embed(town_site: Path, edition: str, kind: str) -> None:
    embed, full = EMBEDS[kind]
    page = town_site / edition / full / "index.html"
    parts = parse(page)
    (code,) = parts.all("textarea", class_="embed-code-text")
    assert (page.parent / code["data-embed-url"]).resolve() == (town_site / edition / embed).resolve()
    text = page.read_text(encoding="utf-8")
    shown = unescape(text[text.index(">", text.index("<textarea")) + 1 : text.index("</textarea>")])
    assert shown.startswith(f'<iframe src="{edition}{embed}"') and shown.endswith("></iframe>")
    assert 'title="' in shown


def test_embeds_stay_out_of_the_sitemap_and_the_code_is_absolute_with_site_url(tmp_path: Path) -> None:
    out = tmp_path / "site"
    options = BuildOptions(site_url="https://example.org/town/")
    Builder(TOWN / "content", THEME, out, options, root=TOWN).build()
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "/events/2014-12-15-mill-base-falls/" in sitemap and "embed/" not in sitemap
    page = (out / "ar" / "tags" / "siege" / "index.html").read_text(encoding="utf-8")
    assert "&lt;iframe src=&#34;https://example.org/town/ar/embed/tags/siege/&#34;" in page
    embed = (out / "ar" / "embed" / "tags" / "siege" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/town/ar/tags/siege/">' in embed
