"""The content format, declared once.

The validator reads these declarations to check files, and the JSON Schema for editors' tools
and the documentation are generated from them, so the three cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    """One field of a content file: its kind of value, whether it is required, what it means."""

    name: str
    kind: str  # "text", "markdown", "date", "boolean", "ids", "url", "language", "sources", "number"
    required: bool
    description: str


EVENT_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("title", "text", True, "Headline, plain text, sentence case."),
        FieldSpec(
            "date",
            "date",
            True,
            "When it happened: YYYY, YYYY-MM or YYYY-MM-DD; the precision is how much you write.",
        ),
        FieldSpec("end", "date", False, "Last day of a multi-day event; not before `date`."),
        FieldSpec("approximate", "boolean", False, "true when the date itself is uncertain (shown as 'c.')."),
        FieldSpec("summary", "markdown", True, "Two to four neutral sentences; attribute contested claims."),
        FieldSpec("body", "markdown", False, "Longer text: context, and where sources disagree."),
        FieldSpec("tags", "ids", False, "Tag ids declared in content/timeline.yaml."),
        FieldSpec("actors", "ids", False, "Actor ids declared in content/timeline.yaml."),
        FieldSpec("places", "ids", False, "Place ids declared in content/timeline.yaml."),
        FieldSpec("sources", "sources", True, "At least one published source that backs the event."),
        FieldSpec("related", "ids", False, "Ids (file names without .yaml) of related events."),
        FieldSpec(
            "translations",
            "translations",
            False,
            "Language code -> {title, summary, body} in that language, e.g. translations: {ar: {...}}.",
        ),
    )
}

SOURCE_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("publisher", "text", True, "The outlet or organisation, e.g. Al Jazeera."),
        FieldSpec("title", "text", True, "The headline of the article, as published."),
        FieldSpec("url", "url", True, "The address of the article (http or https)."),
        FieldSpec("published", "date", True, "Publication date: YYYY-MM-DD, or YYYY-MM / YYYY if unknown."),
        FieldSpec("archive_url", "url", False, "An archived copy (web.archive.org, archive.today, ...)."),
        FieldSpec("language", "language", False, "Language code of the source if not English: ar, fr, ..."),
    )
}

TERM_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("name", "text", True, "The name readers see."),
        FieldSpec("description", "markdown", False, "One sentence."),
        FieldSpec("lat", "number", False, "Latitude in decimal degrees (places only)."),
        FieldSpec("lon", "number", False, "Longitude in decimal degrees (places only)."),
        FieldSpec("translations", "translations", False, "Language code -> {name, description}."),
    )
}

ERA_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("id", "text", True, "Short lowercase id used in URLs."),
        FieldSpec("name", "text", True, "The era's name."),
        FieldSpec("start", "date", False, "First day (omit for the first era)."),
        FieldSpec("end", "date", False, "Last day (omit for the current era)."),
        FieldSpec("description", "markdown", False, "One or two sentences."),
        FieldSpec("translations", "translations", False, "Language code -> {name, description}."),
    )
}

TIMELINE_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("title", "text", True, "The site's title."),
        FieldSpec("description", "markdown", True, "One or two sentences about the chronology."),
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
        FieldSpec("order", "number", False, "Position in the menu (smaller first)."),
    )
}

# Which fields of each kind of object a translation may carry (markdown ones are rendered).
TRANSLATABLE = {
    "event": ("title", "summary", "body"),
    "term": ("name", "description"),
    "era": ("name", "description"),
    "timeline": ("title", "description"),
}
MARKDOWN_FIELDS = {"summary", "body", "description"}

ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
EVENT_ID_PATTERN = r"(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)-(?P<slug>" + ID_PATTERN + ")"
ARCHIVE_HOSTS = (
    "web.archive.org", "archive.org", "archive.today", "archive.ph", "archive.is", "archive.li",
    "archive.vn", "archive.md", "webcitation.org", "perma.cc", "ghostarchive.org",
)  # fmt: skip
