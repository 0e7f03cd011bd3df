"""The content format, declared once.

Every field of an event file (and of its sources, the site's eras and terms, a page's front
matter) is declared here, with its kind of value, whether it is required, its length limit and
what it means. Everything else is derived from these declarations, so nothing can drift apart:

- the validator (``validate.py``) reports unknown and missing fields and applies the limits;
- the JSON Schema of an event file (``schema.event_schema``), which editors' tools read;
- the JSON Schemas of the export records (``events.json``, ``events.csv``);
- the field tables in CONTRIBUTING.md (``schema.field_table``; a test keeps them current).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Ids (tags, actors, places, eras, slugs): lowercase words joined by single hyphens. Every id
# becomes a folder name, and file systems refuse names over 255 bytes: ids are kept far shorter.
ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
MAX_ID_LENGTH = 100
# An event's id is its file name: the date as far as it is known (``EventDate.id_part``), then a
# slug. A date before the common era ends with "-bce" (``0350-bce-siege``, ``0044-03-15-bce-ides``)
# and may have more than four digits (``65000000-bce-impact``); that form is tried first, so a
# slug cannot begin with "bce".
_ID_DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
EVENT_ID_PATTERN = (
    r"(?P<date>\d{4,}(?:-\d{2}(?:-\d{2})?)?-bce|" + _ID_DATE + r")-(?P<slug>" + ID_PATTERN + ")"
)
EVENT_ID = re.compile(EVENT_ID_PATTERN)
# A language code (BCP 47, as far as editions and sources need it): en, ar, pt-BR.
# At most three subtags (sr-Latn-RS): a tag names an edition's folder, so it stays short.
LANGUAGE_PATTERN = r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}"


def id_length_problem(value: str) -> str:
    """What is wrong with an id's length (it names a folder), or "" when it fits."""
    if len(value) > MAX_ID_LENGTH:
        return (
            f"is {len(value)} characters long; ids become folder names and may have at most {MAX_ID_LENGTH}"
        )
    return ""


def portable_pattern(pattern: str) -> str:
    """``pattern`` without Python's named groups, for JSON Schema (ECMA-262 regular expressions)."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a content file: its kind of value, whether it is required, what it means.

    ``max_length`` (text) and ``bounds`` (numbers) are limits the validator enforces and the
    schemas state, so an editor's tool flags what the build would refuse.
    """

    name: str
    # file fields: "text", "texts", "markdown", "date", "boolean", "id", "ids", "event-ids", "url",
    # "archive-url", "language", "languages", "number", "sources", "translations", "eras",
    # "terms", "status", "corrections", "media", "media-file", "time", "count"; fields only the
    # exports have: "event-id", "link", "precision"
    kind: str
    required: bool
    description: str
    max_length: int | None = None
    bounds: tuple[float, float] | None = None


MAX_TITLE_LENGTH = 160
MAX_SUMMARY_LENGTH = 2_000  # the longest real summary is under 500 characters
MAX_BODY_LENGTH = 20_000
MAX_ALIAS_LENGTH = 100
MAX_NOTE_LENGTH = 500  # a source's `supports`, a correction's change or reason: a sentence or two
MAX_LABEL_LENGTH = 100  # a display date, an ACLED event type: a few words
# A time of day, 24-hour, with an optional note on the time zone: 14:30, 06:05:30 UTC+3.
TIME_PATTERN = r"(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?: [^\s].{0,39})?"
MAX_COUNT = 10_000_000  # a count of people (ACLED's fatalities): far above any real event

# Structured facts conflict datasets give (ACLED's columns): kept as they are, shown on the
# event page under these labels (interface strings, translated in theme/i18n), in every export.
FACT_LABELS: dict[str, str] = {
    "event_type": "Event type",
    "sub_event_type": "Sub-event type",
    "interaction": "Interaction",
    "fatalities": "Fatalities",
}

# How well an event is verified, in the spirit of Airwars' grading: the value an editor writes,
# then what it means (readers see it, translated, on the event page and in every export).
STATUSES: dict[str, str] = {
    "confirmed": "Confirmed by two or more independent sources.",
    "single-source": "Reported by a single source only.",
    "contested": "Sources give conflicting accounts.",
    "disputed": "Disputed by a named party.",
}
# The short label shown beside an event (an interface string, translated in theme/i18n).
STATUS_LABELS: dict[str, str] = {
    "confirmed": "Confirmed",
    "single-source": "Single source",
    "contested": "Contested",
    "disputed": "Disputed",
}


EVENT_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("title", "text", True, "Headline: plain text, neutral, sentence case.", MAX_TITLE_LENGTH),
        FieldSpec(
            "date",
            "date",
            True,
            "When it happened: YYYY-MM-DD, or YYYY-MM / YYYY when the sources give no more (years "
            "before 1000 take four digits: 0973). Before the common era add BCE: 0350 BCE, "
            "0044-03-15 BCE, 65000000 BCE. Must match the start of the file name "
            "(0350-bce-... for 0350 BCE).",
        ),
        FieldSpec(
            "end", "date", False, "The last day of an event that lasted several days; not before `date`."
        ),
        FieldSpec(
            "approximate", "boolean", False, "true when the date itself is uncertain (shown as 'c. 1566')."
        ),
        FieldSpec(
            "time",
            "time",
            False,
            "Time of day, 24-hour HH:MM (or HH:MM:SS), with an optional time-zone note: `14:30 UTC+3`. "
            "Needs a full date.",
        ),
        FieldSpec(
            "end_time",
            "time",
            False,
            "Time of day it ended, written as `time` is: on the `end` day, or on `date`'s day when "
            "there is no `end`. Needs `time` and full dates.",
        ),
        FieldSpec(
            "display_date",
            "text",
            False,
            "What readers see instead of the computed date, e.g. `Fourth century` or `Spring 1566`; "
            "`date` still sorts the event.",
            MAX_LABEL_LENGTH,
        ),
        FieldSpec(
            "summary",
            "markdown",
            True,
            "Two to four neutral sentences of Markdown, in your own words; attribute contested claims.",
            MAX_SUMMARY_LENGTH,
        ),
        FieldSpec(
            "body",
            "markdown",
            False,
            "Longer Markdown: background, and where sources disagree.",
            MAX_BODY_LENGTH,
        ),
        FieldSpec("tags", "ids", False, "Tag ids declared in content/timeline.yaml."),
        FieldSpec("actors", "ids", False, "Actor ids declared in content/timeline.yaml."),
        FieldSpec("places", "ids", False, "Place ids declared in content/timeline.yaml."),
        FieldSpec("sources", "sources", True, "At least one published source that backs the event."),
        FieldSpec(
            "status",
            "status",
            False,
            "How well the sources establish the event: "
            + "; ".join(
                f"`{name}` ({meaning[:1].lower() + meaning[1:-1]})" for name, meaning in STATUSES.items()
            )
            + ". See the sourcing standard.",
        ),
        FieldSpec(
            "disputed_by",
            "text",
            False,
            "Who disputes the event (with `status: disputed`), e.g. Russia's defence ministry.",
            MAX_NOTE_LENGTH,
        ),
        FieldSpec(
            "corrections",
            "corrections",
            False,
            "What was corrected after publication, oldest first: each with date, change and reason.",
        ),
        FieldSpec(
            "updated",
            "date",
            False,
            "When the event was last substantially changed (default: the latest correction's date).",
        ),
        FieldSpec("related", "event-ids", False, "Ids (file names without .yaml) of closely related events."),
        FieldSpec(
            "previous_ids",
            "event-ids",
            False,
            "The event's earlier ids, after a rename: the old address then leads to the new page.",
        ),
        FieldSpec(
            "media",
            "media",
            False,
            "Pictures shown on the event's page, each with file or url, alt and credit (and the "
            "licence of a file).",
        ),
        FieldSpec(
            "event_type", "text", False, "The dataset's event type (ACLED: e.g. Battles).", MAX_LABEL_LENGTH
        ),
        FieldSpec(
            "sub_event_type",
            "text",
            False,
            "The dataset's sub-event type (ACLED: e.g. Armed clash).",
            MAX_LABEL_LENGTH,
        ),
        FieldSpec(
            "interaction",
            "text",
            False,
            "Who acted on whom, as the dataset codes it (ACLED's interaction).",
            MAX_LABEL_LENGTH,
        ),
        FieldSpec(
            "fatalities",
            "count",
            False,
            "Reported deaths, a whole number (ACLED's fatalities; 0 when none).",
            bounds=(0, MAX_COUNT),
        ),
        FieldSpec(
            "translations",
            "translations",
            False,
            "Language code -> {title, summary, body, disputed_by, display_date} in that language, "
            "e.g. translations: {ar: {...}}.",
        ),
    )
}

SOURCE_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("publisher", "text", True, "The outlet or organisation, e.g. Al Jazeera."),
        FieldSpec("title", "text", True, "The headline of the article, as published."),
        FieldSpec("url", "url", True, "The address of the article (http or https), copied from the browser."),
        FieldSpec("published", "date", True, "Publication date: YYYY-MM-DD, or YYYY-MM / YYYY if unknown."),
        FieldSpec(
            "archive_url", "archive-url", False, "An archived copy (web.archive.org, archive.today, ...)."
        ),
        FieldSpec("language", "language", False, "Language code of the source if not English: ar, fr, ..."),
        FieldSpec(
            "supports",
            "text",
            False,
            "Which statement of the event this source backs: a short quote or note.",
            MAX_NOTE_LENGTH,
        ),
    )
}

CORRECTION_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("date", "date", True, "When the correction was made: YYYY-MM-DD, not in the future."),
        FieldSpec("change", "text", True, "What changed, in a sentence.", MAX_NOTE_LENGTH),
        FieldSpec("reason", "text", True, "Why: the source or finding behind the change.", MAX_NOTE_LENGTH),
    )
}

# A picture: a file under the content folder (published with the site) or an https address
# (shown as a link unless the site allows third-party images: allow_external_media).
MAX_MEDIA_BYTES = 5 * 1024 * 1024
MEDIA_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}  # Pillow's name -> suffix
MEDIA_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif"})
MEDIA_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec(
            "file",
            "media-file",
            False,
            "An image under the content folder, e.g. media/market.jpg: JPEG, PNG, WebP or GIF, at most "
            f"{MAX_MEDIA_BYTES // 1024 // 1024} MB. Give file or url, not both.",
        ),
        FieldSpec(
            "url",
            "url",
            False,
            "An https address of an image elsewhere, or of a video, post or page (imported from "
            "TimelineJS); shown as a link, and an image loaded only if the site sets "
            "allow_external_media: true.",
        ),
        FieldSpec(
            "alt", "text", True, "What the image shows, for readers who cannot see it.", MAX_NOTE_LENGTH
        ),
        FieldSpec("caption", "text", False, "The caption under the image.", MAX_NOTE_LENGTH),
        FieldSpec("credit", "text", True, "Who made it, e.g. a photographer and agency.", MAX_NOTE_LENGTH),
        FieldSpec(
            "licence",
            "text",
            False,
            "Its licence or permission, e.g. CC BY 4.0: required with `file` (the site publishes a "
            "copy); with `url` the picture stays where it is, so give it when you know it.",
            MAX_NOTE_LENGTH,
        ),
        FieldSpec("source", "url", False, "Where the image was published, if anywhere."),
    )
}

TERM_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("name", "text", True, "The name readers see."),
        FieldSpec("description", "markdown", False, "One sentence.", MAX_SUMMARY_LENGTH),
        FieldSpec("lat", "number", False, "Latitude in decimal degrees (places only).", bounds=(-90, 90)),
        FieldSpec("lon", "number", False, "Longitude in decimal degrees (places only).", bounds=(-180, 180)),
        FieldSpec(
            "aliases",
            "texts",
            False,
            "Other spellings readers search for, in any language: transliterations, short forms "
            "(e.g. [Maarat al-Numan, Ma'arrat al-Nu'man, المعرة]). Searched, never shown.",
            MAX_ALIAS_LENGTH,
        ),
        FieldSpec("translations", "translations", False, "Language code -> {name, description}."),
    )
}

ERA_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("id", "id", True, "Short lowercase id used in URLs."),
        FieldSpec("name", "text", True, "The era's name."),
        FieldSpec("start", "date", False, "First day (omit for the first era)."),
        FieldSpec("end", "date", False, "Last day (omit for the current era)."),
        FieldSpec("description", "markdown", False, "One or two sentences.", MAX_SUMMARY_LENGTH),
        FieldSpec("translations", "translations", False, "Language code -> {name, description}."),
    )
}

TIMELINE_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("title", "text", True, "The site's title."),
        FieldSpec(
            "description", "markdown", True, "One or two sentences about the chronology.", MAX_SUMMARY_LENGTH
        ),
        FieldSpec("language", "language", False, "Language of the site's text (default en)."),
        FieldSpec(
            "languages",
            "languages",
            False,
            "Editions of the site, main language first, e.g. [en, ar]; others live under /ar/.",
        ),
        FieldSpec("translations", "translations", False, "Language code -> {title, description}."),
        FieldSpec("eras", "eras", True, "The periods the chronology is divided into, in order."),
        FieldSpec("tags", "terms", False, "Tag id -> {name, description}."),
        FieldSpec("actors", "terms", False, "Actor id -> {name, description}."),
        FieldSpec("places", "terms", False, "Place id -> {name, description, lat, lon}."),
    )
}

PAGE_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("title", "text", True, "The page title."),
        FieldSpec("description", "text", False, "One sentence, for search engines and the menu."),
        FieldSpec("order", "number", False, "Position in the menu (smaller first).", bounds=(-1e6, 1e6)),
    )
}

# Which fields of each kind of object a translation may carry (markdown ones are rendered).
TRANSLATABLE = {
    "event": ("title", "summary", "body", "disputed_by", "display_date"),
    "term": ("name", "description"),
    "era": ("name", "description"),
    "timeline": ("title", "description"),
}
MARKDOWN_FIELDS = {"summary", "body", "description"}

ARCHIVE_HOSTS = (
    "web.archive.org", "archive.org", "archive.today", "archive.ph", "archive.is", "archive.li",
    "archive.vn", "archive.md", "webcitation.org", "perma.cc", "ghostarchive.org",
)  # fmt: skip

# The export records (events.json, events.csv): every event field, plus what the build derives.
DERIVED_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("id", "event-id", True, "The file name without .yaml."),
        FieldSpec("url", "link", True, "The event's page (absolute when site_url is set)."),
        FieldSpec("precision", "precision", True, "How much of the date is known."),
        FieldSpec("era", "id", False, "The era the date falls in."),
    )
}
RECORD_ORDER = (
    "id", "url", "title", "date", "precision", "end", "approximate", "time", "end_time", "display_date",
    "era", "summary", "body", "tags", "actors", "places", "related", "previous_ids", *FACT_LABELS, "status",
    "disputed_by", "updated", "sources", "corrections", "media", "translations",
)  # fmt: skip
RECORD_FIELDS: dict[str, FieldSpec] = {
    name: {**EVENT_FIELDS, **DERIVED_FIELDS}[name] for name in RECORD_ORDER
}
