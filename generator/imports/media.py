"""A TimelineJS slide's media: the event's ``media`` entry, kept apart from its sources.

TimelineJS shows media beside a slide; they illustrate, they do not back the event, so they
are never cited (a page on a photo or video host is never taken as the source either:
``MEDIA_HOSTS``). A slide's media becomes one entry of the event's ``media`` list:

- ``url``: an https address (a protocol-relative ``//host/...`` is read as https, as a page
  served over https loads it). A picture, a video, a post, a map or a Wikipedia page alike:
  the event page shows what is not an image file as a link.
- ``alt``: TimelineJS's ``alt``, else the caption's text, as TimelineJS itself does
  (``media/types/Image.js``); ``caption`` and ``credit`` as text (their markup is dropped, never
  copied as HTML); ``link`` (where TimelineJS links the media) is the entry's ``source``.
- No licence: TimelineJS has none, and we never invent one (an external ``url`` needs none).

Media whose url is HTML (a ``<blockquote>`` quote, an ``<iframe>`` embed) is text: the quote
goes into the event's body as a Markdown block quote, and a link inside it (a tweet's address,
an iframe's ``src``) is the media entry's url. What cannot become an entry (no description, no
credit, no https address) is reported once per file with its rows (``LEFT_OUT``), and the event
is imported without it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from .htmltext import LinkReader, html_to_text

# Sites that host photos, videos and sound: a credit linking one names who made the media,
# not a report of the event, so such a link is never taken as the source.
MEDIA_HOSTS = (
    "flickr.com", "staticflickr.com", "youtube.com", "youtu.be", "vimeo.com", "instagram.com",
    "soundcloud.com", "commons.wikimedia.org", "upload.wikimedia.org", "gettyimages.com",
)  # fmt: skip
# why a slide's media could not become an entry -> what the file's problem says, and the hint
LEFT_OUT: dict[str, tuple[str, str, str]] = {
    "alt": (
        "slide's media has no description (alt): add one",
        "slides' media have no description (alt): add one",
        "give the media an alt, or a caption to take it from (the sheet's Media Caption); the events "
        "were imported without it: import again with --force once it has one",
    ),
    "credit": (
        "slide's media has no credit: add who made it",
        "slides' media have no credit: add who made them",
        "give the media a credit (the sheet's Media Credit); the events were imported without it",
    ),
    "address": (
        "slide's media is not at an https address (http://, or a path on the site it came from)",
        "slides' media are not at an https address (http://, or a path on the site they came from)",
        "give the full https address; the events were imported without it",
    ),
}


def is_media_page(url: str) -> bool:
    """Whether ``url`` is on a photo, video or sound host (``MEDIA_HOSTS``, or a subdomain)."""
    host = urlsplit(url).hostname or ""
    return any(host == name or host.endswith("." + name) for name in MEDIA_HOSTS)


def _text(media: dict[str, Any], key: str) -> str:
    return html_to_text(str(media.get(key) or "").strip())


def slide_media(item: dict[str, Any]) -> tuple[dict[str, str], list[str], str]:
    """The slide's media as an entry of the event's ``media`` ({} when it has none or cannot be
    one), why it cannot (keys of ``LEFT_OUT``), and the text of a quote given as HTML."""
    media = item.get("media")
    url = str(media.get("url") or "").strip() if isinstance(media, dict) else ""
    if not isinstance(media, dict) or not url:
        return {}, [], ""
    quote = ""
    if url.startswith("<"):  # HTML: text, never copied as HTML
        quote = html_to_text(url)
        found = LinkReader.first(url, embeds=True)
        if found is None:
            return {}, [], quote
        url = found[0]
    url = "https:" + url if url.startswith("//") else url
    caption = _text(media, "caption")
    link = str(media.get("link") or "").strip()
    entry = {
        "url": url,
        "alt": html_to_text(str(media.get("alt") or "")) or caption,
        "caption": caption,
        "credit": _text(media, "credit"),
        "source": link if link.startswith(("https://", "http://")) else "",
    }
    missing = [
        reason
        for reason, ok in (
            ("address", url.startswith("https://")),
            ("alt", entry["alt"]),
            ("credit", entry["credit"]),
        )
        if not ok
    ]
    if missing:
        return {}, missing, quote
    return {key: value for key, value in entry.items() if value}, [], quote


def media_values(item: dict[str, Any]) -> dict[str, Any]:
    """The row values a slide's media gives: ``media`` (one entry, or none), ``media_left_out``
    (why it is not an entry: reported once per file by the importer) and, for a quote given as
    HTML, the ``body`` that quotes it."""
    media, left_out, quote = slide_media(item)
    values: dict[str, Any] = {"media": [media] if media else [], "media_left_out": left_out}
    if quote:
        values["body"] = quoted(quote, _text(item["media"], "caption"), _text(item["media"], "credit"))
    return values


def quoted(quote: str, caption: str, credit: str) -> str:
    """A quote given as media, as Markdown for the body: the caption, the quote, who said it."""
    lines = [f"{caption}:", ""] if caption else []
    lines += ["> " + line if line else ">" for line in quote.split("\n")]
    if credit:
        lines += [">", f"> — {credit}"]
    return "\n".join(lines)


def left_out_notes(reasons: dict[str, list[int]]) -> list[tuple[str, str]]:
    """(message, hint) for each reason media were left out, with the count and first rows."""
    found = []
    for reason in (name for name in LEFT_OUT if name in reasons):
        rows = reasons[reason]
        one, many, hint = LEFT_OUT[reason]
        message = one if len(rows) == 1 else many
        first = ", ".join(str(row) for row in rows[:5])
        shown = f"row{'s' if len(rows) > 1 else ''} {first}" if len(rows) <= 5 else f"first 5 rows: {first}"
        found.append((f"{len(rows):,} {message} ({shown})", hint))
    return found
