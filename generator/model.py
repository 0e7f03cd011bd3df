"""The model: what an event, a source, an era and a timeline *are*, once validated.

Frozen dataclasses built once at the edge (``validate.py``); every later stage and every
template receives these, never raw YAML. Each object remembers its file for error messages.
Text fields hold the editor's Markdown and the sanitised HTML made from it.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .dates import EventDate, display_span
from .fields import FACT_LABELS, MEDIA_SUFFIXES


@dataclass(frozen=True, slots=True)
class Source:
    """A published report that backs an event."""

    publisher: str
    title: str
    url: str
    published: EventDate
    archive_url: str | None = None
    language: str | None = None
    supports: str | None = None  # which statement of the event this source backs


@dataclass(frozen=True, slots=True)
class Correction:
    """A change made to an event after it was published: when, what, and why."""

    date: EventDate
    change: str
    reason: str


@dataclass(frozen=True, slots=True)
class Media:
    """A picture of an event: a file under the content folder or an external https address.

    ``published`` (the copy's path in the site), ``width`` and ``height`` are set by the read
    stage once it has opened the file (``media.check_media_files``); external images have none.
    """

    alt: str
    caption: str
    credit: str
    licence: str
    file: str | None = None
    url: str | None = None
    source: str | None = None
    published: str = ""
    width: int = 0
    height: int = 0

    @property
    def external_image(self) -> bool:
        """An address whose path ends as an image file's does (``.jpg``, ``.png`` ...): the only
        external media a site that allows them loads as a picture. A video, a post or a page
        (imported from TimelineJS) stays a link."""
        if not self.url:
            return False
        return posixpath.splitext(urlsplit(self.url).path)[1].lower() in MEDIA_SUFFIXES


@dataclass(frozen=True, slots=True)
class Translation:
    """An object's text in another language: whichever of its text fields were translated.

    Events translate ``title``, ``summary`` and ``body``; tags, actors, places and eras translate
    ``name`` and ``description``; the timeline its ``title`` and ``description``. Markdown fields
    carry their sanitised HTML under ``<field>_html``.
    """

    fields: dict[str, str]

    def get(self, name: str) -> str:
        return self.fields.get(name, "")


@dataclass(frozen=True, slots=True)
class Event:
    """One dated happening, as one file in ``content/events/`` describes it."""

    id: str
    path: str
    title: str
    date: EventDate
    summary: str
    summary_html: str
    sources: tuple[Source, ...]
    end: EventDate | None = None
    approximate: bool = False
    body: str = ""
    body_html: str = ""
    tags: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    previous_ids: tuple[str, ...] = ()  # ids the event had before a rename: redirected to it
    status: str | None = None  # one of fields.STATUSES; None when not yet assessed
    disputed_by: str = ""
    time: str = ""  # of the day, "14:30" or "14:30 UTC+3"; only with a full date
    end_time: str = ""  # when it ended, on the end day (or the day itself); only with ``time``
    display_date: str = ""  # shown instead of the computed date and time ("Fourth century")
    # facts a conflict dataset gives (fields.FACT_LABELS), kept as they are
    event_type: str = ""
    sub_event_type: str = ""
    interaction: str = ""
    fatalities: int | None = None  # 0 is a fact ("no deaths reported"), None is unknown
    corrections: tuple[Correction, ...] = ()
    updated: EventDate | None = None  # explicit, else the latest correction's date
    media: tuple[Media, ...] = ()
    revision: str = ""  # digest of the file's text: what serve rebuilds compare
    translations: dict[str, Translation] = field(default_factory=dict)
    # set on an edition's copy: the fields shown in the main language for want of a translation
    untranslated: frozenset[str] = frozenset()

    @property
    def sort_key(self) -> tuple[tuple[int, int, int], tuple[int, int, int], str]:
        """Chronological order: first possible day, then the coarser date first, then id."""
        return (self.date.first_day(), self.date.last_day(), self.id)

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def known_to_the_day(self) -> bool:
        """Its start, and its end if any, are known to the day."""
        return self.date.day is not None and (self.end is None or self.end.day is not None)

    @property
    def on_calendar(self) -> bool:
        """What a calendar file can hold: known to the day, in a year from 1 on (RFC 5545 dates
        have four digits and no era, and calendar programs start long after)."""
        return self.known_to_the_day and not self.date.before_common_era

    @property
    def date_display(self) -> str:
        return self.shown_when(display_span(self.date, self.end, self.approximate), "{date}, {time}")

    @property
    def datetime(self) -> str:
        """The date, with the time of day when known (``2020-01-29T14:30``): for ``<time>`` and
        JSON-LD. The time-zone note is words for readers, so it is left out."""
        return self.date.iso() + ("T" + self.time.split(" ")[0] if self.time else "")

    @property
    def end_datetime(self) -> str:
        """The last day (the date itself without an end), with ``end_time`` when known."""
        last = (self.end or self.date).iso()
        return last + ("T" + self.end_time.split(" ")[0] if self.end_time else "")

    @property
    def html_datetime(self) -> str:
        """``datetime`` for HTML's ``<time>``, whose years start at 1: "" before the common era."""
        return "" if self.date.before_common_era else self.datetime

    def shown_when(self, span: str, with_time: str, with_end: bool = True) -> str:
        """What readers see as the date: the editor's ``display_date`` as written, else ``span``
        (the computed date) with the time of day put in by ``with_time`` ("{date}, {time}"),
        as a range "14:30 – 16:00" when the event has an end time (unless ``with_end`` is
        false: the page then marks the end up as a time of its own)."""
        if self.display_date:
            return self.display_date
        if not self.time:
            return span
        clock = f"{self.time} – {self.end_time}" if self.end_time and with_end else self.time
        return with_time.replace("{date}", span).replace("{time}", clock)

    @property
    def facts(self) -> tuple[tuple[str, str], ...]:
        """(label, value) of each dataset fact the event has, in the order of ``FACT_LABELS``."""
        found = ((label, getattr(self, name)) for name, label in FACT_LABELS.items())
        return tuple(
            (label, f"{value:,}" if isinstance(value, int) else value)
            for label, value in found
            if value not in ("", None)
        )


@dataclass(frozen=True, slots=True)
class Term:
    """A declared tag, actor or place: the id events use, the name readers see."""

    kind: str  # "tag", "actor" or "place"
    id: str
    name: str
    description: str = ""
    description_html: str = ""
    lat: float | None = None
    lon: float | None = None
    translations: dict[str, Translation] = field(default_factory=dict)
    untranslated: frozenset[str] = frozenset()
    aliases: tuple[str, ...] = ()  # other spellings search matches (any language), never shown


@dataclass(frozen=True, slots=True)
class Era:
    """A period of the town's history; events fall into the era whose span holds their date."""

    id: str
    name: str
    start: EventDate | None
    end: EventDate | None
    description: str = ""
    description_html: str = ""
    translations: dict[str, Translation] = field(default_factory=dict)
    untranslated: frozenset[str] = frozenset()

    def contains(self, date: EventDate) -> bool:
        day = date.first_day()
        after_start = self.start is None or self.start.first_day() <= day
        before_end = self.end is None or day <= self.end.last_day()
        return after_start and before_end


@dataclass(frozen=True, slots=True)
class Timeline:
    """Site-level data from ``content/timeline.yaml``."""

    title: str
    description: str
    description_html: str
    language: str
    eras: tuple[Era, ...]
    tags: dict[str, Term] = field(default_factory=dict)
    actors: dict[str, Term] = field(default_factory=dict)
    places: dict[str, Term] = field(default_factory=dict)
    revision: str = ""
    languages: tuple[str, ...] = ("en",)  # the first is the main language; others are editions
    translations: dict[str, Translation] = field(default_factory=dict)
    untranslated: frozenset[str] = frozenset()

    def terms(self, kind: str) -> dict[str, Term]:
        return {"tag": self.tags, "actor": self.actors, "place": self.places}[kind]

    def era_of(self, date: EventDate) -> Era | None:
        return next((era for era in self.eras if era.contains(date)), None)


@dataclass(frozen=True, slots=True)
class ProsePage:
    """An about or methodology page from ``content/pages/``."""

    slug: str
    path: str
    title: str
    description: str
    order: int
    html: str
    revision: str = ""
    language: str = ""  # "" for the main language; "ar" for about.ar.md
    untranslated: bool = False
    heading: str = ""  # the text of the page's own "# heading", shown as its h1; else the title
    links: tuple[tuple[int, str], ...] = ()  # (line in the file, target) of each Markdown link
