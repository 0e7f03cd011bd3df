"""A TimelineJS slide's media (a photo, a video, a page), kept apart from its sources.

TimelineJS shows media beside a slide; they illustrate, they do not back the event, so they
are never cited. Each slide's media is read here into one record, ``{url, credit, caption,
thumbnail}``: the one place that maps onto the event's ``media`` field once the content
format has it. Until then the importer counts them in its notes and leaves them out.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from .htmltext import html_to_text

MEDIA_KEYS = ("url", "credit", "caption", "thumbnail")
# Sites that host photos, videos and sound: a credit linking one names who made the media,
# not a report of the event, so such a link is never taken as the source.
MEDIA_HOSTS = (
    "flickr.com", "staticflickr.com", "youtube.com", "youtu.be", "vimeo.com", "instagram.com",
    "soundcloud.com", "commons.wikimedia.org", "upload.wikimedia.org", "gettyimages.com",
)  # fmt: skip


def is_media_page(url: str) -> bool:
    """Whether ``url`` is on a photo, video or sound host (``MEDIA_HOSTS``, or a subdomain)."""
    host = urlsplit(url).hostname or ""
    return any(host == name or host.endswith("." + name) for name in MEDIA_HOSTS)


def slide_media(item: dict[str, Any]) -> dict[str, str]:
    """The slide's media as plain text fields ({} without a URL); credit and caption lose markup."""
    media = item.get("media")
    if not isinstance(media, dict) or not str(media.get("url") or "").strip():
        return {}
    found = {key: str(media.get(key) or "").strip() for key in MEDIA_KEYS}
    found["credit"], found["caption"] = html_to_text(found["credit"]), html_to_text(found["caption"])
    return {key: value for key, value in found.items() if value}


def media_note(rows_media: list[dict[str, str]]) -> str:
    """What the notes say about the media left out, or ""."""
    count = sum(1 for media in rows_media if media)
    if not count:
        return ""
    return f"{count} slides have media (photos, videos, pages): not imported yet, and never cited as sources"
