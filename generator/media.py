"""Pictures of events: the image files under the content folder, checked and published.

The validator reads an event's ``media`` list (``validate._media``); this module, which knows
the content folder, opens each local file: it must lie inside the content folder (no symbolic
link on the way, as for every file published from there), be a real JPEG, PNG, WebP or GIF
that Pillow opens, and stay under ``MAX_MEDIA_BYTES``. Its width and height go on the page
(so nothing jumps while it loads) and it is published as ``media/<digest>.<suffix>``: the name
changes with the bytes, so a replaced picture is never served stale from a cache.

External pictures (``url``) are never loaded by the site unless it sets
``allow_external_media``: a reader's browser would otherwise tell a third party what they read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from .fields import MAX_MEDIA_BYTES, MEDIA_FORMATS
from .model import Event, Media
from .problems import Problem, Severity
from .rawfiles import link_escape

MEDIA_FOLDER = "media/"
_ROTATED = (5, 6, 7, 8)  # EXIF orientations that swap width and height when the browser applies them


@dataclass(frozen=True)
class MediaFile:
    """A checked image: where the site publishes it, its displayed size, and the file itself."""

    published: str
    width: int
    height: int
    path: Path


class ImageProblem(ValueError):
    """Why a file cannot be published as a picture; the second argument is the hint."""


def inspect_image(path: Path) -> MediaFile:
    """Open ``path`` as an image; raise ImageProblem saying why it cannot be a picture."""
    size = path.stat().st_size
    if size > MAX_MEDIA_BYTES:
        limit = MAX_MEDIA_BYTES // 1024 // 1024
        raise ImageProblem(
            f"is {size / 1024 / 1024:.1f} MB; the limit is {limit} MB", "resize or recompress it"
        )
    data = path.read_bytes()
    try:
        with Image.open(path) as image:
            kind, (width, height) = image.format, image.size
            rotated = image.getexif().get(0x0112) in _ROTATED
            image.verify()  # reads the whole file: a truncated or forged image fails here
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ImageProblem(
            f"is not an image Pillow can read ({error})", "export it again as JPEG or PNG"
        ) from None
    if kind not in MEDIA_FORMATS:
        raise ImageProblem(f"is a {kind} image, not JPEG, PNG, WebP or GIF", "convert it, e.g. to JPEG")
    digest = hashlib.blake2b(data, digest_size=10).hexdigest()
    if rotated:
        width, height = height, width
    return MediaFile(f"{MEDIA_FOLDER}{digest}{MEDIA_FORMATS[kind]}", width, height, path)


class MediaChecker:
    """Checks the local pictures of every event, remembering each file by (mtime, size)."""

    def __init__(self, content_dir: Path) -> None:
        self.content_dir = content_dir
        self.seen: dict[Path, tuple[tuple[int, int], MediaFile | ImageProblem]] = {}

    def check(
        self,
        events: Mapping[str, Event],
        positions: Mapping[str, Mapping[str, tuple[int, int]]],
        allow_external: bool,
    ) -> tuple[dict[str, Event], list[Problem], dict[str, Path]]:
        """Events with their pictures' sizes filled in, the problems, and the files to publish
        (site path -> file). An event's revision changes with its pictures' bytes, so its pages
        are rendered again when a picture is replaced."""
        problems: list[Problem] = []
        files: dict[str, Path] = {}
        checked: dict[str, Event] = {}
        for event_id, event in events.items():
            if event.media:
                found = positions.get(event_id, {})
                media = tuple(
                    self._one(event, item, index, found, allow_external, problems, files)
                    for index, item in enumerate(event.media)
                )
                stamp = "".join(f"{item.published}{item.width}x{item.height}" for item in media)
                event = replace(event, media=media, revision=event.revision + ":" + _short(stamp))
            checked[event_id] = event
        return checked, problems, files

    def _one(
        self,
        event: Event,
        item: Media,
        index: int,
        positions: Mapping[str, tuple[int, int]],
        allow_external: bool,
        problems: list[Problem],
        files: dict[str, Path],
    ) -> Media:
        """One picture with its published path and size, or as it was (its problem reported)."""
        field = f"media[{index}].{'file' if item.file else 'url'}"
        line, column = positions.get(field, (1, 1))
        where = (event.path, line, column, field)
        if item.file is None:
            if not allow_external:
                message = "an external picture is shown as a link: the site loads nothing from third parties"
                hint = (
                    "copy the image into the content folder (with its licence), or set "
                    "allow_external_media: true in the plugin's options"
                )
                problems.append(Problem(*where, message, hint, Severity.NOTICE))
            return item
        found = self._file(item.file)
        if isinstance(found, ImageProblem):
            problems.append(Problem(*where, f"{item.file} {found.args[0]}", found.args[1]))
            return item
        files[found.published] = found.path
        return replace(item, published=found.published, width=found.width, height=found.height)

    def _file(self, name: str) -> MediaFile | ImageProblem:
        path = self.content_dir / name
        escape = link_escape(path, self.content_dir)
        if escape:
            return ImageProblem(f"is not published: {escape}", "replace the link with the file itself")
        if not path.is_file():
            return ImageProblem("does not exist", "check the path: it is relative to the content folder")
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self.seen.get(path)
        if cached is None or cached[0] != stamp:
            try:
                result: MediaFile | ImageProblem = inspect_image(path)
            except ImageProblem as problem:
                result = problem
            cached = self.seen[path] = (stamp, result)
        return cached[1]


def _short(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=6).hexdigest()
