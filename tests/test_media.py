"""Pictures of events (``media:``): what validate says about them, and how a build publishes them.

Each test copies the fictional town (tests/fixtures/town), whose caravanserai event has one
drawing (content/media/caravanserai-drawing.jpg), and changes what it needs.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from generator.build import Builder, BuildOptions
from generator.content import ContentReader
from generator.fields import MAX_MEDIA_BYTES
from generator.problems import Problem, Severity

from .conftest import THEME, TOWN

EVENT = "events/1566-caravanserai-built.yaml"
TODAY = date(2026, 12, 3)


@pytest.fixture
def town(tmp_path: Path) -> Path:
    """A copy of the town's content folder."""
    content = tmp_path / "content"
    shutil.copytree(TOWN / "content", content)
    return content


def set_media(content: Path, block: str) -> None:
    """Replace the caravanserai event's ``media:`` list with ``block`` (YAML, indented)."""
    path = content / EVENT
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("media:")] + "media:\n" + block, encoding="utf-8")


def media_problems(content: Path, allow_external: bool = False) -> list[Problem]:
    found, _ = ContentReader(content, content.parent, 1, allow_external).read(TODAY)
    return [p for p in found.problems if p.field.startswith("media")]


PICTURE = """\
- file: media/caravanserai-drawing.jpg
  alt: The caravanserai.
  caption: A drawing.
  credit: The museum
  licence: CC0 1.0
"""


def test_the_fixture_picture_is_valid_and_its_size_is_read(town: Path) -> None:
    content, _ = ContentReader(town, town.parent, 1).read(TODAY)
    assert media_problems(town) == []
    (picture,) = content.events["1566-caravanserai-built"].media
    assert (picture.width, picture.height) == (960, 600)
    assert re.fullmatch(r"media/[0-9a-f]{20}\.jpg", picture.published)
    assert content.media == {picture.published: town / "media" / "caravanserai-drawing.jpg"}


def test_a_missing_alt_is_an_error_at_its_line(town: Path) -> None:
    set_media(town, PICTURE.replace("  alt: The caravanserai.\n", ""))
    content, _ = ContentReader(town, town.parent, 1).read(TODAY)
    (problem,) = [p for p in content.problems if "alt" in p.message]
    assert problem.path.endswith(EVENT) and problem.field == "media[0]"
    assert problem.severity is Severity.ERROR and "fill in 'alt:'" in problem.hint
    assert problem.line == 17  # the picture's first line


def test_a_missing_file_names_file_line_and_field(town: Path) -> None:
    set_media(town, PICTURE.replace("caravanserai-drawing.jpg", "nowhere.jpg"))
    (problem,) = media_problems(town)
    assert problem.path.endswith(EVENT) and problem.line == 17
    assert problem.field == "media[0].file" and "media/nowhere.jpg does not exist" in problem.message
    assert "relative to the content folder" in problem.hint


def test_a_file_that_is_not_an_image_is_refused(town: Path) -> None:
    (town / "media" / "fake.jpg").write_text("<script>alert(1)</script>", encoding="utf-8")
    set_media(town, PICTURE.replace("caravanserai-drawing.jpg", "fake.jpg"))
    (problem,) = media_problems(town)
    assert problem.severity is Severity.ERROR and "is not an image Pillow can read" in problem.message


def test_a_picture_over_the_size_limit_is_refused(town: Path) -> None:
    big = town / "media" / "big.png"
    Image.effect_noise((1800, 1800), 120).convert("RGB").save(big)
    assert big.stat().st_size > MAX_MEDIA_BYTES
    set_media(town, PICTURE.replace("caravanserai-drawing.jpg", "big.png"))
    (problem,) = media_problems(town)
    assert "the limit is 5 MB" in problem.message and problem.hint == "resize or recompress it"


def test_a_path_out_of_the_content_folder_or_through_a_link_is_refused(town: Path) -> None:
    set_media(town, PICTURE.replace("media/caravanserai-drawing.jpg", "../secret.jpg"))
    (problem,) = media_problems(town)
    assert "not a plain path inside the content folder" in problem.message
    (town / "linked").symlink_to(town / "media", target_is_directory=True)
    set_media(town, PICTURE.replace("media/", "linked/"))
    (problem,) = media_problems(town)
    assert "symbolic link" in problem.message


def test_an_external_picture_without_the_setting_is_noted_as_a_link(town: Path) -> None:
    external = PICTURE.replace("file: media/caravanserai-drawing.jpg", "url: https://example.org/inn.jpg")
    set_media(town, external)
    (problem,) = media_problems(town)
    assert problem.severity is Severity.NOTICE and problem.field == "media[0].url"
    assert "shown as a link" in problem.message and "allow_external_media: true" in problem.hint
    assert media_problems(town, allow_external=True) == []
    set_media(town, external.replace("https://", "http://"))
    assert "must be served over https" in media_problems(town)[0].message


def test_file_and_url_together_are_an_error(town: Path) -> None:
    set_media(town, PICTURE + "  url: https://example.org/inn.jpg\n")
    (problem,) = media_problems(town)
    assert "either file or url, not both" in problem.message


# ---- the build -------------------------------------------------------------------------------
def build(content: Path, out: Path, **options: object) -> Path:
    Builder(content, THEME, out, BuildOptions(workers=1, **options), root=content.parent).build(TODAY)  # type: ignore[arg-type]
    return out


def test_the_event_page_shows_the_picture_as_a_figure_with_its_size(town: Path, tmp_path: Path) -> None:
    site = build(town, tmp_path / "site")
    for prefix in ("", "ar/"):
        page = (site / prefix / "events/1566-caravanserai-built/index.html").read_text(encoding="utf-8")
        (src,) = re.findall(r'<img src="([^"]+)"', page)
        assert re.search(r'width="960" height="600" loading="lazy"', page)
        assert "<figcaption>" in page and "CC0 1.0" in page and "Wadi Qamar museum (fictional)" in page
        copied = (site / prefix / "events/1566-caravanserai-built" / src).resolve()
        assert copied.read_bytes() == (town / "media/caravanserai-drawing.jpg").read_bytes()
        assert copied.is_relative_to(site.resolve())
    arabic = (site / "ar/events/1566-caravanserai-built/index.html").read_text(encoding="utf-8")
    assert (
        'alt="A long, low building of pale stone with six arches and a taller gate in the middle." lang="en"'
        in arabic
    )


def test_a_replaced_picture_is_published_under_a_new_name_and_the_old_one_removed(
    town: Path, tmp_path: Path
) -> None:
    builder = Builder(town, THEME, tmp_path / "site", BuildOptions(workers=1), root=town.parent)
    builder.build(TODAY)
    (before,) = (tmp_path / "site/media").iterdir()
    Image.new("RGB", (400, 300), "white").save(town / "media/caravanserai-drawing.jpg")
    builder.build(TODAY)
    (after,) = (tmp_path / "site/media").iterdir()
    assert after.name != before.name
    page = (tmp_path / "site/events/1566-caravanserai-built/index.html").read_text(encoding="utf-8")
    assert f"../../media/{after.name}" in page and 'width="400" height="300"' in page


def test_an_external_picture_is_a_link_unless_the_site_allows_it(town: Path, tmp_path: Path) -> None:
    set_media(
        town, PICTURE.replace("file: media/caravanserai-drawing.jpg", "url: https://example.org/inn.jpg")
    )
    page = "events/1566-caravanserai-built/index.html"
    plain = (build(town, tmp_path / "plain") / page).read_text(encoding="utf-8")
    assert "<img" not in plain.split('<main id="main">')[1]
    assert '<a href="https://example.org/inn.jpg" rel="noopener noreferrer">View the picture</a>' in plain
    allowed = (build(town, tmp_path / "allowed", allow_external_media=True) / page).read_text(
        encoding="utf-8"
    )
    assert '<img src="https://example.org/inn.jpg"' in allowed and 'referrerpolicy="no-referrer"' in allowed


def test_last_updated_is_on_the_event_and_the_home_page_in_both_editions(town: Path, tmp_path: Path) -> None:
    path = town / "events/1987-05-museum-opens.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "updated: '2025-06-30'\n", encoding="utf-8")
    site = build(town, tmp_path / "site")
    stamp = '<time datetime="2025-06-30">'
    for prefix, label in (("", "Last updated"), ("ar/", "آخر تحديث")):
        event = (site / prefix / "events/1987-05-museum-opens/index.html").read_text(encoding="utf-8")
        assert f'<p class="last-updated">{label}: {stamp}' in event
        home = (site / prefix / "index.html").read_text(encoding="utf-8")
        assert f'<p class="last-updated count home-updated">{label}: {stamp}' in home  # the newest
    untouched = (site / "events/0980-scholar-born/index.html").read_text(encoding="utf-8")
    assert "last-updated" not in untouched


# ---- Open Graph, Twitter card and share images ------------------------------------------------
def meta(page: str) -> dict[str, str]:
    """The page's Open Graph and Twitter properties (the last of a repeated one)."""
    return dict(re.findall(r'<meta (?:property|name)="((?:og|twitter):[\w:]+)" content="([^"]*)">', page))


def test_every_page_has_open_graph_and_twitter_card_tags(town: Path, tmp_path: Path) -> None:
    site = build(town, tmp_path / "site", site_url="https://example.org/town/")
    pages = sorted(site.rglob("index.html"))
    assert len(pages) > 100
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if '<meta name="robots" content="noindex' in text:
            continue  # embeds and old addresses' redirects: never the link someone shares
        tags = meta(text)
        wanted = {"og:title", "og:description", "og:url", "og:type", "og:locale", "og:image", "twitter:card"}
        assert wanted <= set(tags), page
        assert tags["og:url"].startswith("https://example.org/town/") and tags["og:image"].endswith(".png")
        assert tags["twitter:card"] == "summary_large_image"
    event = meta((site / "ar/events/1566-caravanserai-built/index.html").read_text(encoding="utf-8"))
    assert event["og:type"] == "article" and event["og:title"] == "بناء الخان"
    assert event["og:url"] == "https://example.org/town/ar/events/1566-caravanserai-built/"
    assert event["og:locale"] == "ar" and event["og:locale:alternate"] == "en"
    assert event["og:image"] == "https://example.org/town/ar/events/1566-caravanserai-built/share.png"
    home = meta((site / "index.html").read_text(encoding="utf-8"))
    assert home["og:type"] == "website" and home["og:image"] == "https://example.org/town/share.png"
    assert home["og:locale"] == "en"


def test_share_images_are_1200_by_630_and_the_same_bytes_every_build(town: Path, tmp_path: Path) -> None:
    first, second = build(town, tmp_path / "a"), build(town, tmp_path / "b")
    images = sorted(path.relative_to(first).as_posix() for path in first.rglob("share.png"))
    assert len(images) == 2 * (13 + 1)  # each event and each edition's own, in both editions
    for name in images:
        with Image.open(first / name) as image:
            assert image.size == (1200, 630) and image.format == "PNG"
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    english = (first / "events/1566-caravanserai-built/share.png").read_bytes()
    assert english != (first / "ar/events/1566-caravanserai-built/share.png").read_bytes()


def test_an_unchanged_event_is_not_drawn_again(
    town: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What ``mkdocs serve`` does on an edit: one event's images are drawn again, no other."""
    drawn: list[str] = []
    monkeypatch.setattr("generator.render.draw_card", lambda card: drawn.append(card.heading) or b"png")
    builder = Builder(town, THEME, tmp_path / "site", BuildOptions(workers=1), root=town.parent)
    builder.build(TODAY)
    assert len(drawn) == 2 * (13 + 1)
    drawn.clear()
    edited = town / "events/1987-05-museum-opens.yaml"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("title: The museum opens", "title: The town museum opens", 1), "utf-8")
    builder.build(TODAY)
    assert drawn == ["The town museum opens in the caravanserai", "افتتاح المتحف في الخان"]


def test_without_raqm_the_arabic_edition_shows_the_main_site_image(
    town: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Arabic drawn without shaping would be broken letters: better the English site's image."""
    monkeypatch.setattr("generator.build.has_raqm", lambda: False)
    site = build(town, tmp_path / "site")
    assert not list((site / "ar").rglob("share.png"))
    event = meta((site / "ar/events/1566-caravanserai-built/index.html").read_text(encoding="utf-8"))
    assert event["og:image"] == "../../../share.png" and (site / "share.png").is_file()


def test_without_raqm_no_arabic_is_drawn_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.share import Card, drawable

    monkeypatch.setattr("generator.share.has_raqm", lambda: False)
    card = drawable(Card("The walls of المعرة", "1098", "Wadi Qamar", "en", False))
    assert (card.heading, card.line, card.site) == ("", "1098", "Wadi Qamar")
