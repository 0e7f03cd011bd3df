"""Share images: the 1200x630 picture a chat or social network shows beside a link.

Each event gets one per edition (its title, date and the site's name), each edition one for its
other pages (the site's name and description), drawn with Pillow in the bundled DejaVu Sans
(``generator/fonts``, Bitstream Vera licence with public-domain changes: see its LICENSE),
which covers Latin and Arabic.

Arabic must be *shaped* (letters joined, right to left), which Pillow does only through its raqm
layout (HarfBuzz and FriBidi). Without raqm an edition whose text needs it gets no drawn
images of its own: its pages point to the main edition's site image instead of showing broken
Arabic; a text in another edition that needs shaping is left out of its image (``drawable``).

The same card gives the same bytes: no timestamps, no metadata beyond the pixels, and a fixed
zlib level. The build draws an image only when its page key changed (``plan``), so ``mkdocs
serve`` does not redraw unchanged events.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from dataclasses import dataclass, replace
from math import ceil
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

SIZE = (1200, 630)
SHARE_FILE = "share.png"
MARGIN = 72
FONTS = Path(__file__).parent / "fonts"
REGULAR, BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
# what a drawn image depends on besides its card: bump when the drawing below changes
DRAWING_VERSION = "3"
BACKGROUND, TEXT, MUTED, ACCENT = "#fdfcf9", "#1d1d1f", "#55585e", "#8a2c0d"  # theme/assets/style.css
TITLE_SIZES = (64, 56, 48, 42)  # the largest that fits in MAX_TITLE_LINES
MAX_TITLE_LINES = 4


@dataclass(frozen=True)
class Card:
    """What one share image says, in one language and direction."""

    heading: str  # the event's title, or the site's description on a site image
    line: str  # the event's date; "" on a site image
    site: str  # the site's name
    language: str
    rtl: bool


def has_raqm() -> bool:
    return bool(features.check("raqm"))


def needs_shaping(text: str) -> bool:
    """Text in a script whose letters join or that runs right to left (Arabic, Hebrew, ...)."""
    return any(unicodedata.bidirectional(char) in ("R", "AL", "AN") for char in text)


def drawable(card: Card) -> Card:
    """``card`` without the texts this machine cannot shape (Arabic without raqm): a share
    image with less text is better than one with broken letters."""
    if has_raqm():
        return card
    heading, line, site = (
        "" if needs_shaping(text) else text for text in (card.heading, card.line, card.site)
    )
    return replace(card, heading=heading, line=line, site=site)


@functools.cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    engine = ImageFont.Layout.RAQM if has_raqm() else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(path), size, layout_engine=engine)


def draw_card(card: Card) -> bytes:
    """The PNG of ``card``: site name on top, the heading large, the date under it."""
    card = drawable(card)
    canvas = _Canvas(card)
    canvas.line(card.site, _font(REGULAR, 34), MUTED, MARGIN + 20)
    font, lines = _fit_heading(card)
    top = MARGIN + 110
    for number, words in enumerate(lines):
        canvas.line(words, font, TEXT, top + number * int(font.size * 1.25))
    if card.line:
        canvas.line(card.line, _font(REGULAR, 38), ACCENT, SIZE[1] - MARGIN - 38)
    return canvas.png()


# The image is drawn straight into a 16-colour palette: index 0 is the background, then shades
# of each ink over it, as many as the ink's text needs (the large heading most). FreeType's
# anti-aliased coverage of each line picks the shade, so the whole picture is never quantised
# (that took half of the drawing time, and a share image is drawn for every event in every
# edition), and four bits a pixel, run-length compressed, encode in half the time of eight
# with zlib's default strategy, in files smaller than the quantised ones were.
SHADES_OF = {TEXT: 7, MUTED: 4, ACCENT: 4}
PNG_BITS = 4
Z_RLE = 3  # zlib's strategy for runs of one value: most of each row is background


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _palette() -> list[int]:
    """Background, then for each ink its shades from faint to full, as flat RGB values."""
    background = _rgb(BACKGROUND)
    values = list(background)
    for ink, count in SHADES_OF.items():
        for level in range(1, count + 1):
            share = level / count
            values += [round(b + (i - b) * share) for b, i in zip(background, _rgb(ink), strict=True)]
    return values


def _shade(ink: str) -> list[int]:
    """Coverage 0-255 -> palette index of ``ink`` at that coverage (0: background)."""
    inks = list(SHADES_OF)
    first = 1 + sum(SHADES_OF[other] for other in inks[: inks.index(ink)])
    levels = [round(value * SHADES_OF[ink] / 255) for value in range(256)]
    return [first + level - 1 if level else 0 for level in levels]


PALETTE = _palette()
assert len(PALETTE) <= 3 * 2**PNG_BITS
SHADES = {ink: bytes(_shade(ink)) for ink in SHADES_OF}
COVERED = bytes(255 if value else 0 for value in SHADES[MUTED])  # where a line's shade replaces the picture


class _Canvas:
    """Lines of text from the card's starting side (the left, or the right for RTL editions),
    each drawn as coverage and stored as palette indices of its ink."""

    def __init__(self, card: Card) -> None:
        self.card = card
        self.x, self.anchor = (SIZE[0] - MARGIN, "ra") if card.rtl else (MARGIN, "la")
        self.indices = Image.new("L", SIZE, 0)
        ImageDraw.Draw(self.indices).rectangle((0, 0, SIZE[0], 14), fill=SHADES[ACCENT][255])
        self.coverage = Image.new("L", SIZE, 0)
        self.draw = ImageDraw.Draw(self.coverage)

    def line(self, text: str, font: ImageFont.FreeTypeFont, ink: str, top: int) -> None:
        direction, language = _layout(self.card)
        xy = (self.x, top)
        self.draw.text(xy, text, 255, font, self.anchor, direction=direction, language=language)
        left, upper, right, lower = self.draw.textbbox(
            xy, text, font, self.anchor, direction=direction, language=language
        )
        box = (max(0, int(left)), max(0, int(upper)), min(SIZE[0], ceil(right)), min(SIZE[1], ceil(lower)))
        if box[0] < box[2] and box[1] < box[3]:
            # bytes.translate, not Image.point: Pillow rounds each of a table's 256 entries in
            # Python on every call, a tenth of the image's cost over its nine lines
            size, coverage = (box[2] - box[0], box[3] - box[1]), self.coverage.crop(box).tobytes()
            shades = Image.frombytes("L", size, coverage.translate(SHADES[ink]))
            self.indices.paste(shades, box[:2], Image.frombytes("L", size, coverage.translate(COVERED)))

    def png(self) -> bytes:
        self.indices.putpalette(PALETTE)
        buffer = io.BytesIO()
        self.indices.save(buffer, "PNG", bits=PNG_BITS, compress_type=Z_RLE)
        return buffer.getvalue()


def _layout(card: Card) -> tuple[str | None, str | None]:
    """Direction and language for raqm; the basic layout takes neither."""
    return ("rtl" if card.rtl else "ltr", card.language) if has_raqm() else (None, None)


def _fit_heading(card: Card) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest heading size whose words wrap into MAX_TITLE_LINES; the last line is cut
    with an ellipsis when even the smallest does not fit."""
    room = SIZE[0] - 2 * MARGIN
    for size in TITLE_SIZES:
        font = _font(BOLD, size)
        lines = _wrap(card, card.heading, font, room)
        if len(lines) <= MAX_TITLE_LINES:
            return font, lines
    lines = lines[:MAX_TITLE_LINES]
    last = lines[-1]
    while last and _width(card, last + " …", font) > room:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    lines[-1] = last + " …"
    return font, lines


def _wrap(card: Card, text: str, font: ImageFont.FreeTypeFont, room: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and _width(card, lines[-1] + " " + word, font) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _width(card: Card, text: str, font: ImageFont.FreeTypeFont) -> float:
    direction, language = _layout(card)
    return float(font.getlength(text, direction=direction, language=language))
