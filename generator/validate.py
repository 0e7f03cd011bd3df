"""Validate stage: loaded documents become model objects, or problems an editor can act on.

Checks run in two layers. ``event_from_document`` looks at one file alone (so it can run in
parallel and be cached by file); ``check_references`` then looks across files: declared tags,
actors and places, related ids, eras, near-duplicate events.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date as calendar_date
from typing import Any

from .dates import EventDate
from .fields import (
    CORRECTION_FIELDS,
    ERA_FIELDS,
    EVENT_FIELDS,
    EVENT_ID,
    FACT_LABELS,
    ID_PATTERN,
    MARKDOWN_FIELDS,
    MAX_COUNT,
    MEDIA_FIELDS,
    MEDIA_SUFFIXES,
    PAGE_FIELDS,
    SOURCE_FIELDS,
    STATUSES,
    TERM_FIELDS,
    TIME_PATTERN,
    TIMELINE_FIELDS,
    TRANSLATABLE,
    FieldSpec,
    id_length_problem,
)  # fmt: skip
from .load import Document, PageSource
from .markup import (
    MARKUP_HINT,
    MAX_PAGE_LENGTH,
    NO_TEXT,
    MarkupError,
    citation_numbers,
    markdown_links,
    page_link,
    plain_text,
    render_inline,
    render_markdown,
    render_page,
)
from .model import Correction, Era, Event, Media, ProsePage, Source, Term, Timeline, Translation
from .problems import Problem, Severity
from .values import LANGUAGE, MAX_IDS, Fields

_ID = re.compile(ID_PATTERN)
_REFERENCE_FIELDS = (
    "tags", "actors", "places", "related", "previous_ids", "date", "title", "translations", "sources",
    "status", "summary", "body", "media",
)  # fmt: skip


def revision_of(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice an editor most likely meant by a mistyped ``word``, if any is close enough."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    match = closest(word, choices)
    return f"did you mean '{match}'?" if match else ""


def _limit(spec: FieldSpec) -> int:
    """The declared length limit of a Markdown field (every one has a limit)."""
    assert spec.max_length is not None, spec.name
    return spec.max_length


def _bounds(spec: FieldSpec) -> tuple[float, float]:
    """The declared range of a number field."""
    assert spec.bounds is not None, spec.name
    return spec.bounds


def check_known(fields: Fields, specs: Mapping[str, FieldSpec], what: str) -> None:
    """Every field of the mapping is declared in ``specs`` and every required one is there.

    A misspelt required field is one mistake, not two: the unknown-field report covers it.
    """
    misspelt = _report_unknown(fields, specs, what)
    for spec in specs.values():
        if spec.required and fields.data.get(spec.name) is None and spec.name not in misspelt:
            fields.report(
                fields.path(spec.name) if spec.name in fields.data else fields.prefix,
                f"required field '{spec.name}' is missing or empty",
                f"fill in '{spec.name}:' ({spec.description})",
            )


def _report_unknown(fields: Fields, specs: Mapping[str, FieldSpec], what: str) -> set[str]:
    """Report each undeclared field; returns the declared names they are likely misspellings of."""
    misspelt: set[str] = set()
    for name in fields.data:
        if name not in specs:
            match = closest(name, specs)
            if match:
                misspelt.add(match)
            fields.report(
                fields.path(name),
                f"unknown field '{name}' in {what}",
                did_you_mean(name, specs) or f"the fields are: {', '.join(specs)}",
            )
    return misspelt


def read_translations(fields: Fields, kind: str, cite: str = "") -> dict[str, Translation]:
    """``translations: {ar: {title: ..., summary: ...}}``: each field needs its original.

    ``kind`` ("event", "era", "term", "timeline") says which fields may be translated; ``cite``
    is the event's id, which inline citations (``[^1]``) link with.
    """
    value = fields.data.get("translations")
    if value is None:
        return {}
    if not isinstance(value, dict):
        fields.report(
            fields.path("translations"),
            "must map language codes to translated fields",
            "e.g. translations:\n  ar:\n    title: ...",
        )
        return {}
    allowed = TRANSLATABLE[kind]
    result: dict[str, Translation] = {}
    for language, item in value.items():
        path = fields.path(f"translations.{language}")
        if not LANGUAGE.fullmatch(language):
            fields.report(path, f"'{language}' is not a language code", "e.g. ar, fr")
            continue
        if not isinstance(item, dict):
            fields.report(path, f"must hold the translated fields: {', '.join(allowed)}", "")
            continue
        inner = Fields(fields.document, item, path)
        translated = _translated_fields(inner, allowed, fields.data, cite)
        fields.ok &= inner.ok
        if inner.ok and translated:
            result[language] = Translation(translated)
    return result


def _translated_fields(
    inner: Fields, allowed: tuple[str, ...], original: Mapping[str, Any], cite: str = ""
) -> dict[str, str]:
    """One language's translated texts (Markdown ones also rendered, as ``<name>_html``)."""
    translated: dict[str, str] = {}
    for name in inner.data:
        if name not in allowed:
            inner.report(
                inner.path(name),
                f"'{name}' cannot be translated here",
                did_you_mean(name, allowed) or f"translate {', '.join(allowed)}",
            )
        elif original.get(name) is None:
            inner.report(
                inner.path(name),
                f"a translation of '{name}' needs the original '{name}' first",
                f"write '{name}:' in the main language too",
            )
        else:
            is_markdown = name in MARKDOWN_FIELDS
            text = inner.markdown(name, _translated_limit(name)) if is_markdown else inner.text(name)
            if text is not None:
                translated[name] = text
                if is_markdown:
                    translated[f"{name}_html"] = render_markdown(text, cite)
    return translated


def _translated_limit(name: str) -> int:
    """A translation has the limit of its original: a summary's 2,000 characters, not a body's."""
    spec = EVENT_FIELDS.get(name) or TERM_FIELDS[name]
    return _limit(spec)


def event_from_document(document: Document, today: calendar_date | None = None) -> Event | None:
    """Check one event file on its own and build the Event, or None if it has errors."""
    event_id = document.path.rsplit("/", 1)[-1].removesuffix(".yaml")
    if not isinstance(document.data, dict):
        if not document.problems:
            document.problems.append(
                document.problem(
                    "", "an event file must be a mapping of fields", "start from `chronology new`"
                )
            )
        return None
    fields = Fields(document, document.data, "")
    check_known(fields, EVENT_FIELDS, "an event")
    title = fields.text("title", EVENT_FIELDS["title"].max_length)
    start = fields.date("date")
    end = fields.date("end")
    approximate = fields.boolean("approximate") if "approximate" in document.data else False
    summary = fields.markdown("summary", _limit(EVENT_FIELDS["summary"]))
    body = (
        fields.markdown("body", _limit(EVENT_FIELDS["body"])) if document.data.get("body") is not None else ""
    )
    tags, actors, places = fields.id_list("tags"), fields.id_list("actors"), fields.id_list("places")
    related = fields.id_list("related")
    previous_ids = _previous_ids(fields, event_id)
    translations = read_translations(fields, "event", event_id)
    today = today or calendar_date.today()
    sources = _sources(document, fields, today)
    status, disputed_by = _status(fields)
    time, end_time, display_date = _when_shown(fields, start, end)
    facts = _facts(fields)
    corrections = _corrections(document, fields, start, today)
    updated = _updated(fields, corrections, today)
    media = _media(document, fields)
    _check_citations(document, fields, len(sources))
    if start is not None and end is not None and end.last_day() < start.first_day():
        fields.report(
            "end",
            f"ends ({end.written()}) before it starts ({start.written()})",
            "swap the dates, or correct the end date",
        )
    _check_file_name(fields, event_id, start)
    if event_id in related:
        fields.report("related", "an event cannot be related to itself", "remove its own id")
    if not fields.ok or title is None or start is None or summary is None or not sources:
        return None
    return Event(
        id=event_id,
        path=document.path,
        title=title,
        date=start,
        end=end,
        approximate=approximate,
        summary=summary,
        summary_html=render_markdown(summary, event_id),
        body=body or "",
        body_html=render_markdown(body or "", event_id),
        sources=sources,
        tags=tags,
        actors=actors,
        places=places,
        related=related,
        previous_ids=previous_ids,
        status=status,
        disputed_by=disputed_by or "",
        time=time,
        end_time=end_time,
        display_date=display_date,
        **facts,
        corrections=corrections,
        updated=updated,
        media=media,
        # the path too: a renamed file changes the event's id, and so every page that links it
        revision=revision_of(document.path + "\n" + document.text),
        translations=translations,
    )


def _previous_ids(fields: Fields, event_id: str) -> tuple[str, ...]:
    """``previous_ids``: each an event id (date and slug) other than the event's own.

    Whether another event still has, or also claims, one of them is checked across files.
    """
    previous = fields.id_list("previous_ids")
    for index, old in enumerate(previous):
        path = f"previous_ids[{index}]"
        if old == event_id:
            fields.report(path, "an event's previous id cannot be its current one", "remove it")
        elif EVENT_ID.fullmatch(old) is None or id_length_problem(old):
            fields.report(
                path,
                f"'{old}' is not an event id",
                "write the old file name without .yaml, e.g. 2011-06-army-enters-town",
            )
    return previous


def _when_shown(fields: Fields, start: EventDate | None, end: EventDate | None) -> tuple[str, str, str]:
    """``time`` and ``end_time`` (of a day: they need full dates) and ``display_date``, the
    words readers see. ``end_time`` is on the ``end`` day, or on ``date``'s without an end."""
    time = _time_of_day(fields, "time", start)
    end_time = _time_of_day(fields, "end_time", end or start)
    if end_time and not time:
        fields.report("end_time", "an end time needs a start time", "add time: HH:MM, or remove end_time")
        end_time = ""
    elif end_time and (end is None or end == start) and _clock(end_time) < _clock(time):
        fields.report(
            "end_time",
            f"ends ({end_time}) before it starts ({time}) on the same day",
            "give the end day as end: YYYY-MM-DD, or correct the time",
        )
        end_time = ""
    display_date = fields.text("display_date", EVENT_FIELDS["display_date"].max_length) or ""
    return time, end_time, display_date


def _time_of_day(fields: Fields, name: str, day: EventDate | None) -> str:
    """A time of day, 24-hour (with an optional zone note), on ``day``, which must be a full date."""
    time = fields.scalar(name, "a time of day") or ""
    if time and not re.fullmatch(TIME_PATTERN, time):
        fields.report(
            name, f"{time!r} is not a time of day", "write HH:MM, 24-hour, e.g. 14:30 or 14:30 UTC+3"
        )
        return ""
    if time and day is not None and day.day is None:
        where = "the end date" if name == "end_time" and "end" in fields.data else "the date"
        fields.report(
            name, f"a time needs a full date (YYYY-MM-DD) as {where}", "give the day, or remove the time"
        )
        return ""
    return time


def _clock(time: str) -> str:
    """``HH:MM[:SS]`` of a time, zero-padded, so that text order is time order."""
    clock = time.split(" ")[0]
    return clock if clock.count(":") == 2 else clock + ":00"


def _facts(fields: Fields) -> dict[str, Any]:
    """The dataset facts (``FACT_LABELS``): labels as text, ``fatalities`` a whole number."""
    facts: dict[str, Any] = {}
    for name in FACT_LABELS:
        spec = EVENT_FIELDS[name]
        if spec.kind == "text":
            facts[name] = fields.text(name, spec.max_length) or ""
            continue
        value = fields.scalar(name, "a whole number")
        if value is None:
            continue
        if not value.strip().isdigit() or spec.bounds is None or int(value) > spec.bounds[1]:
            fields.report(name, f"{value!r} is not a count", f"write a whole number from 0 to {MAX_COUNT:,}")
            continue
        facts[name] = int(value)
    return facts


def _status(fields: Fields) -> tuple[str | None, str | None]:
    """``status`` from the declared vocabulary; ``disputed_by`` names who, with ``disputed``."""
    status = fields.scalar("status", "one of " + ", ".join(STATUSES))
    if status is not None and status not in STATUSES:
        fields.report(
            "status",
            f"'{status}' is not a status",
            did_you_mean(status, STATUSES) or "use one of: " + ", ".join(STATUSES),
        )
        status = None
    disputed_by = fields.text("disputed_by", EVENT_FIELDS["disputed_by"].max_length)
    if status == "disputed" and not disputed_by:
        fields.report(
            "status",
            "a disputed event names who disputes it",
            "add disputed_by: (e.g. Russia's defence ministry)",
        )
    if disputed_by and status != "disputed" and "status" in fields.data:
        fields.report(
            "disputed_by",
            "only a disputed event names who disputes it",
            "set status: disputed, or remove disputed_by",
        )
    return status, disputed_by


def mapping_entries(
    document: Document,
    fields: Fields,
    name: str,
    table: Mapping[str, FieldSpec],
    what: str,
    hint: str,
    *,
    at_least_one: bool = False,
) -> Iterator[Fields]:
    """Each entry of a list of mappings (``sources``, ``corrections``) as ``Fields`` whose keys
    are checked against ``table``.

    A value that is not such a list is reported once, an entry that is not a mapping once each;
    the caller reads each entry's fields and folds its ``ok`` into ``fields``.
    """
    value = fields.data.get(name)
    if value is None:
        return
    if not isinstance(value, list) or (at_least_one and not value):
        fields.report(
            name,
            f"must be a list of at least one {what}" if at_least_one else f"must be a list of {what}s",
            hint,
        )
        return
    required = ", ".join(key for key, spec in table.items() if spec.required)
    for index, item in enumerate(value):
        path = f"{name}[{index}]"
        if not isinstance(item, dict):
            fields.report(path, f"a {what} must be a mapping with {required}", "")
            continue
        inner = Fields(document, item, path)
        check_known(inner, table, f"a {what}")
        yield inner


def _corrections(
    document: Document, fields: Fields, start: EventDate | None, today: calendar_date
) -> tuple[Correction, ...]:
    """``corrections``: dated to the day, oldest first, after the event began and not in the future."""
    corrections: list[Correction] = []
    hint = "- date: 2026-12-03\n  change: ...\n  reason: ..."
    for inner in mapping_entries(document, fields, "corrections", CORRECTION_FIELDS, "correction", hint):
        when = inner.date("date")
        change = inner.text("change", CORRECTION_FIELDS["change"].max_length)
        reason = inner.text("reason", CORRECTION_FIELDS["reason"].max_length)
        if when is not None:
            _check_correction_date(inner, when, start, today, corrections[-1].date if corrections else None)
        fields.ok &= inner.ok
        if inner.ok and when is not None and change and reason:
            corrections.append(Correction(when, change, reason))
    return tuple(corrections)


def _media(document: Document, fields: Fields) -> tuple[Media, ...]:
    """``media``: each picture names a file under the content folder or an https address, and
    says what it shows and who made it. A file also needs its licence (the site publishes a
    copy); an address is only linked or loaded where it is, so its licence is given when known,
    never guessed. The file itself is checked by the read stage (``media.check_media_files``),
    which knows the content folder."""
    found: list[Media] = []
    hint = "- file: media/photo.jpg\n  alt: ...\n  caption: ...\n  credit: ...\n  licence: ..."
    for inner in mapping_entries(document, fields, "media", MEDIA_FIELDS, "picture", hint):
        alt, caption, credit, licence = (
            inner.text(name, MEDIA_FIELDS[name].max_length)
            for name in ("alt", "caption", "credit", "licence")
        )
        file, url, source = _media_file(inner), inner.url("url"), inner.url("source")
        if ("file" in inner.data) == ("url" in inner.data):
            inner.report(
                inner.prefix,
                "a picture needs either file or url, not both or neither",
                "file: media/photo.jpg",
            )
        elif url is not None and not url.startswith("https://"):
            inner.report(
                inner.path("url"), "an external image must be served over https", "use its https:// address"
            )
        if file is not None and inner.data.get("licence") is None:
            inner.report(
                inner.prefix,
                "a picture published from the content folder needs its licence",
                "licence: CC BY 4.0 (or the permission you have); never guess one",
            )
        fields.ok &= inner.ok
        if inner.ok and alt and credit:
            found.append(Media(alt, caption or "", credit, licence or "", file=file, url=url, source=source))
    return tuple(found)


def _media_file(fields: Fields) -> str | None:
    """A picture's ``file``: a plain relative path inside the content folder, with a known suffix."""
    value = fields.scalar("file", "a path such as media/photo.jpg")
    if value is None:
        return None
    normal = posixpath.normpath(value)
    if value.startswith("/") or "\\" in value or normal.startswith("..") or normal != value:
        fields.report(
            fields.path("file"),
            f"{value!r} is not a plain path inside the content folder",
            "write it relative to the content folder: media/photo.jpg",
        )
        return None
    if posixpath.splitext(value)[1].lower() not in MEDIA_SUFFIXES:
        fields.report(
            fields.path("file"), f"{value!r} is not a JPEG, PNG, WebP or GIF file", "convert it, e.g. to JPEG"
        )
        return None
    return value


def _check_correction_date(
    fields: Fields, when: EventDate, start: EventDate | None, today: calendar_date, previous: EventDate | None
) -> None:
    """A correction is dated to the day, not in the future, not before the event, oldest first."""
    path = fields.path("date")
    if when.day is None:
        fields.report(path, f"{when.written()} is not a day", "date a correction to the day: YYYY-MM-DD")
    elif when.first_day() > today.timetuple()[:3]:
        fields.report(path, f"{when.written()} is in the future", "date the correction the day it was made")
    elif start is not None and when.last_day() < start.first_day():
        fields.report(
            path, f"{when.written()} is before the event itself ({start.written()})", "check the date"
        )
    elif previous is not None and when.first_day() < previous.first_day():
        fields.report(
            path, f"{when.written()} is before the correction above it", "list corrections oldest first"
        )


def _updated(fields: Fields, corrections: tuple[Correction, ...], today: calendar_date) -> EventDate | None:
    """``updated`` as written, else the latest correction's date; never in the future or before
    a listed correction (the page would then say it was updated before it was corrected)."""
    latest = corrections[-1].date if corrections else None
    updated = fields.date("updated")
    if updated is None:
        return latest
    if updated.first_day() > today.timetuple()[:3]:
        fields.report("updated", f"{updated.written()} is in the future", "use the day of the last change")
    elif latest is not None and updated.last_day() < latest.first_day():
        fields.report(
            "updated",
            f"{updated.written()} is before the latest correction ({latest.written()})",
            "remove updated:, or correct it",
        )
    return updated


def _check_citations(document: Document, fields: Fields, count: int) -> None:
    """Every ``[^n]`` in the summary and body (and their translations) names one of the sources."""
    texts = ["summary", "body"]
    translations = fields.data.get("translations")
    if isinstance(translations, dict):
        for language, item in translations.items():
            if isinstance(item, dict):
                texts += [f"translations.{language}.{name}" for name in ("summary", "body") if name in item]
    for path in texts:
        text = _at(fields.data, path)
        if not isinstance(text, str):
            continue
        for number, offset in citation_numbers(text):
            if not 1 <= number <= count:
                line, column = document.position(path)
                line += _block_offset(document.text, line) + text[:offset].count("\n")
                plural = "s" if count != 1 else ""
                fields.ok = False
                document.problems.append(
                    Problem(
                        document.path,
                        line,
                        column,
                        path,
                        f"[^{number}] cites source {number}, but the event lists {count} source{plural}",
                        "number the sources from 1 in the order of sources:, or add the missing source",
                    )
                )


def _at(data: Mapping[str, Any], path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _block_offset(text: str, line: int) -> int:
    """1 when the field on ``line`` is a block scalar (``summary: |``): its text starts below."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return 0
    return 1 if re.search(r":\s*[|>][-+0-9]*\s*(#.*)?$", lines[line - 1]) else 0


_TEXTS = ("summary", "body")  # an event's Markdown texts (and their translations')


def reference_positions(document: Document) -> dict[str, tuple[int, int]]:
    """The positions the cross-file checks need, kept after the document is dropped; for the
    summary and body (and their translations) also the line their text starts on
    (``summary@text``), which is the next line for a block (``summary: |``)."""
    kept = {k: v for k, v in document.positions.items() if k.startswith(_REFERENCE_FIELDS)}
    texts = [k for k in kept if k in _TEXTS or (k.startswith("translations.") and k.endswith(_TEXTS))]
    for name in texts:
        line, column = kept[name]
        kept[f"{name}@text"] = (line + _block_offset(document.text, line), column)
    return kept


def _check_file_name(fields: Fields, event_id: str, start: EventDate | None) -> None:
    match = EVENT_ID.fullmatch(event_id)
    too_long = id_length_problem(event_id)
    if too_long:
        fields.report("", f"the file name (the event's id) {too_long}", "shorten the slug after the date")
    elif match is None:
        fields.report(
            "",
            f"file name '{event_id}.yaml' does not follow YYYY-MM-DD-short-slug.yaml",
            "use the date, then lowercase words joined by hyphens: 2020-01-29-army-enters-town.yaml"
            " (before the common era: 0350-bce-siege-of-x.yaml)",
        )
    elif start is not None and match["date"] != start.id_part():
        fields.report(
            "date",
            f"date {start.written()} does not match the file name ({match['date']}-...)",
            f"rename the file to {start.id_part()}-{match['slug']}.yaml or correct the date",
        )


def _sources(document: Document, fields: Fields, today: calendar_date) -> tuple[Source, ...]:
    sources: list[Source] = []
    hint = "add '- publisher: ...' with title, url and published"
    entries = mapping_entries(document, fields, "sources", SOURCE_FIELDS, "source", hint, at_least_one=True)
    for source_fields in entries:
        publisher = source_fields.name("publisher")
        title = source_fields.text("title")
        url = source_fields.url("url")
        published = source_fields.date("published")
        archive_url = source_fields.url("archive_url", archive=True)
        language = source_fields.language("language")
        supports = source_fields.text("supports", SOURCE_FIELDS["supports"].max_length)
        if published is not None and published.first_day() > today.timetuple()[:3]:
            source_fields.report(
                source_fields.path("published"),
                f"{published.written()} is in the future",
                "check the publication date on the article",
            )
        fields.ok &= source_fields.ok
        if source_fields.ok and publisher and title and url and published:
            sources.append(Source(publisher, title, url, published, archive_url, language, supports))
    return tuple(sources)


def timeline_from_document(document: Document) -> Timeline | None:
    """Check ``content/timeline.yaml`` and build the Timeline (eras and declared terms)."""
    if not isinstance(document.data, dict):
        if not document.problems:
            document.problems.append(document.problem("", "timeline.yaml must be a mapping", ""))
        return None
    fields = Fields(document, document.data, "")
    check_known(fields, TIMELINE_FIELDS, "timeline.yaml")
    title = fields.text("title")
    description = fields.markdown("description", _limit(TIMELINE_FIELDS["description"])) or ""
    language = fields.language("language") or "en"
    languages = _languages(fields, language)
    translations = read_translations(fields, "timeline")
    eras = _eras(document, fields)
    terms = {kind: _terms(document, fields, kind) for kind in ("tags", "actors", "places")}
    if not fields.ok or title is None:
        return None
    return Timeline(
        title=title,
        description=description,
        description_html=render_markdown(description),
        language=language,
        eras=eras,
        tags=terms["tags"],
        actors=terms["actors"],
        places=terms["places"],
        revision=revision_of(document.text),
        languages=languages,
        translations=translations,
    )


def _languages(fields: Fields, language: str) -> tuple[str, ...]:
    """The site's editions, main language first (``languages: [en, ar]``)."""
    value = fields.data.get("languages")
    if value is None:
        return (language,)
    codes = value if isinstance(value, list) else []
    if not codes or not all(isinstance(code, str) and LANGUAGE.fullmatch(code) for code in codes):
        fields.report("languages", "must be a list of language codes, main language first", "e.g. [en, ar]")
        return (language,)
    if codes[0] != language:
        fields.report(
            "languages",
            f"the first language must be the main one, '{language}'",
            f"write languages: [{language}, ...]",
        )
    if len({code.lower() for code in codes}) != len(codes):  # fr-CA and fr-ca share a folder
        fields.report("languages", "lists a language twice", "language tags ignore case: fr-CA is fr-ca")
    return tuple(dict.fromkeys(codes))


def _eras(document: Document, fields: Fields) -> tuple[Era, ...]:
    value = document.data.get("eras") if isinstance(document.data, dict) else None
    if not isinstance(value, list):
        if value is not None:
            fields.report("eras", "must be a list of eras", "see the format in CONTRIBUTING.md")
        return ()
    eras: list[Era] = []
    seen: dict[str, str] = {}  # era id -> where it was first listed
    for index, item in enumerate(value):
        path = f"eras[{index}]"
        if not isinstance(item, dict):
            fields.report(path, "an era must be a mapping with id, name, start, end", "")
            continue
        era_fields = Fields(document, item, path)
        check_known(era_fields, ERA_FIELDS, "an era")
        era_id, name = era_fields.text("id"), era_fields.text("name")
        start, end = era_fields.date("start"), era_fields.date("end")
        description = era_fields.markdown("description", _limit(ERA_FIELDS["description"])) or ""
        translated = read_translations(era_fields, "era")
        if era_id is not None and id_length_problem(era_id):
            era_fields.report(era_fields.path("id"), f"the id {id_length_problem(era_id)}", "shorten it")
        elif era_id is not None and not _ID.fullmatch(era_id):
            era_fields.report(
                era_fields.path("id"), f"'{era_id}' is not a valid id", "lowercase letters, digits, hyphens"
            )
        elif era_id is not None and era_id in seen:
            era_fields.report(
                era_fields.path("id"),
                f"the era '{era_id}' is already listed (as {seen[era_id]})",
                "give each era its own id; two eras with one id would share one page",
            )
        if era_id is not None:
            seen.setdefault(era_id, path)
        if start is not None and end is not None and start.first_day() > end.last_day():
            era_fields.report(
                era_fields.path("start"),
                f"starts ({start.written()}) after it ends ({end.written()})",
                "swap start and end, or correct one of them",
            )
        if (
            eras
            and start is not None
            and eras[-1].end is not None
            and start.first_day() <= eras[-1].end.last_day()
        ):
            era_fields.report(
                era_fields.path("start"),
                f"overlaps the era '{eras[-1].id}' before it",
                "eras are listed in order and must not overlap",
            )
        fields.ok &= era_fields.ok
        if era_fields.ok and era_id and name:
            eras.append(Era(era_id, name, start, end, description, render_markdown(description), translated))
    return tuple(eras)


def _terms(document: Document, fields: Fields, group: str) -> dict[str, Term]:
    value = document.data.get(group) if isinstance(document.data, dict) else None
    if value is None:
        return {}
    if not isinstance(value, dict):
        fields.report(
            group, "must map ids to {name, description}", f"e.g. {group}:\\n  some-id:\\n    name: ..."
        )
        return {}
    kind = group.removesuffix("s")
    terms: dict[str, Term] = {}
    for term_id, item in value.items():
        path = f"{group}.{term_id}"
        if id_length_problem(term_id):
            fields.report(path, f"the id {id_length_problem(term_id)}", "shorten it")
            continue
        if not _ID.fullmatch(term_id):
            fields.report(path, f"'{term_id}' is not a valid id", "lowercase letters, digits, hyphens")
            continue
        if not isinstance(item, dict):
            fields.report(path, "must be a mapping with at least a name", "")
            continue
        term_fields = Fields(document, item, path)
        check_known(term_fields, TERM_FIELDS, f"a {kind}")
        name = term_fields.text("name")
        description = term_fields.markdown("description", _limit(TERM_FIELDS["description"])) or ""
        translated = read_translations(term_fields, "term")
        lat = term_fields.number("lat", *_bounds(TERM_FIELDS["lat"]))
        lon = term_fields.number("lon", *_bounds(TERM_FIELDS["lon"]))
        aliases = term_fields.text_list("aliases", _limit(TERM_FIELDS["aliases"]))
        if kind != "place" and (lat is not None or lon is not None):
            term_fields.report(term_fields.path("lat"), "only places have coordinates", "remove lat and lon")
        if (lat is None) != (lon is None) and term_fields.ok:
            term_fields.report(
                term_fields.path("lat" if lat is None else "lon"), "give both lat and lon, or neither", ""
            )
        fields.ok &= term_fields.ok
        if term_fields.ok and name:
            terms[term_id] = Term(
                kind,
                term_id,
                name,
                description,
                render_inline(description),
                lat,
                lon,
                translated,
                aliases=aliases,
            )
    return terms


def page_from_source(source: PageSource) -> ProsePage | None:
    """Check a prose page's front matter and render its Markdown."""
    document = source.document
    if document.data is None and document.problems:
        return None  # the file could not be read: its one problem says why
    data = document.data if isinstance(document.data, dict) else {}
    fields = Fields(document, data, "")
    check_known(fields, PAGE_FIELDS, "a page's front matter")
    title = fields.text("title")
    description = fields.text("description") or ""
    order = fields.number("order", *_bounds(PAGE_FIELDS["order"])) if "order" in data else 0
    slug, _, language = document.path.rsplit("/", 1)[-1].removesuffix(".md").partition(".")
    if language and not LANGUAGE.fullmatch(language):
        fields.report("", f"'{language}' in the file name is not a language code", "name it e.g. about.ar.md")
    if id_length_problem(slug):
        fields.report("", f"the page's file name {id_length_problem(slug)}", "shorten it")
    elif not _ID.fullmatch(slug):
        fields.report("", f"page file name '{slug}.md' must be lowercase words joined by hyphens", "")
    if not source.body.strip():
        fields.report("", "the page has no text after its front matter", "write the page")
    if len(source.body) > MAX_PAGE_LENGTH:
        fields.report(
            "",
            f"the page is {len(source.body):,} characters; the limit is {MAX_PAGE_LENGTH:,}",
            "split it into several pages",
        )
        return None
    try:
        rendered, heading = render_page(source.body)
    except MarkupError as error:
        line = source.body_line + error.line - 1
        document.problems.append(Problem(document.path, line, 1, "", str(error), MARKUP_HINT))
        fields.ok = False
    else:
        if source.body.strip() and not plain_text(rendered):
            line = source.body_line
            problem = Problem(document.path, line, 1, "", f"the page {NO_TEXT}", "write the page in words")
            document.problems.append(problem)
            fields.ok = False
    if not fields.ok or title is None:
        return None
    return ProsePage(
        slug,
        document.path,
        title,
        description,
        int(order or 0),
        rendered,
        revision_of(document.path + "\n" + document.text + source.body),
        language,
        heading=heading,
        links=tuple((source.body_line + line - 1, target) for line, target in markdown_links(source.body)),
    )


@dataclass(frozen=True, slots=True)
class References:
    """The ids one event file names (tags, actors, places, related), read even when the file
    has other errors, so one run reports every problem instead of one round at a time."""

    event_id: str
    path: str
    ids: dict[str, tuple[str, ...]]
    positions: dict[str, tuple[int, int]]


def references_of(document: Document) -> References:
    data = document.data if isinstance(document.data, dict) else {}
    ids = {}
    for name in ("tags", "actors", "places", "related", "previous_ids"):
        value = data.get(name)
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        if len(items) > MAX_IDS:  # already reported as too long; one problem is enough
            items = []
        ids[name] = tuple(item if isinstance(item, str) else "" for item in items)
    event_id = document.path.rsplit("/", 1)[-1].removesuffix(".yaml")
    return References(event_id, document.path, ids, reference_positions(document))


def check_references(
    events: Mapping[str, Event],
    references: Iterable[References],
    timeline: Timeline,
    timeline_path: str = "content/timeline.yaml",
) -> list[Problem]:
    """Cross-file checks: ids declared, related events exist, every event in an era."""
    problems: list[Problem] = []
    references = list(references)
    positions = {ref.event_id: ref.positions for ref in references}
    known_ids = set(positions)  # every event file, valid or not: its own errors are reported

    def report(path: str, event_id: str, field: str, message: str, hint: str) -> None:
        line, column = positions.get(event_id, {}).get(field, (1, 1))
        problems.append(Problem(path, line, column, field, message, hint, Severity.ERROR))

    for ref in references:
        for kind in ("tag", "actor", "place"):
            declared = timeline.terms(kind)
            for index, term_id in enumerate(ref.ids[kind + "s"]):
                if term_id and term_id not in declared:
                    suggestion = did_you_mean(term_id, declared)
                    report(
                        ref.path,
                        ref.event_id,
                        f"{kind}s[{index}]",
                        f"{kind} '{term_id}' is not declared",
                        suggestion or f"declare it under {kind}s: in content/timeline.yaml",
                    )
        for index, other in enumerate(ref.ids["related"]):
            if other and other not in known_ids:
                report(
                    ref.path,
                    ref.event_id,
                    f"related[{index}]",
                    f"no event has the id '{other}'",
                    did_you_mean(other, known_ids) or "use the file name without .yaml",
                )
    for event in events.values():
        if timeline.eras and timeline.era_of(event.date) is None:
            report(
                event.path,
                event.id,
                "date",
                f"{event.date.written()} falls in none of the eras",
                "add or widen an era in content/timeline.yaml",
            )
        for language in event.translations:
            if language not in timeline.languages[1:]:
                report(
                    event.path,
                    event.id,
                    f"translations.{language}",
                    f"'{language}' is not one of the site's editions",
                    f"add it to languages: in timeline.yaml, e.g. [{timeline.languages[0]}, {language}]",
                )
    _check_previous_ids(references, report)
    problems.extend(_near_duplicates(events.values(), positions))
    problems.extend(missing_translations(events.values(), timeline, timeline_path))
    return problems


def _check_previous_ids(
    references: list[References], report: Callable[[str, str, str, str, str], None]
) -> None:
    """A previous id leads to one event: it is no event's current id and only one event claims it."""
    current = {ref.event_id: ref.path for ref in references}
    claimed: dict[str, str] = {}
    for ref in references:
        for index, old in enumerate(ref.ids["previous_ids"]):
            field = f"previous_ids[{index}]"
            if old in current and old != ref.event_id:
                report(
                    ref.path,
                    ref.event_id,
                    field,
                    f"'{old}' is still the id of an event ({current[old]})",
                    "an id is previous only once its file is renamed: remove it here, or rename that file",
                )
            elif old in claimed and claimed[old] != ref.event_id:
                report(
                    ref.path,
                    ref.event_id,
                    field,
                    f"'{old}' is also a previous id of {claimed[old]}",
                    "an old address can lead to one event only: keep it on the event it became",
                )
            else:
                claimed.setdefault(old, ref.event_id)


def _near_duplicates(events: Iterable[Event], positions: Mapping[str, Any]) -> list[Problem]:
    """Two events on the same date with near-identical titles are probably one event twice."""
    by_date: dict[str, list[Event]] = {}
    for event in events:
        by_date.setdefault(event.date.iso(), []).append(event)
    problems: list[Problem] = []
    for same_day in by_date.values():
        if 2 <= len(same_day) <= 50:
            group = tuple(sorted((event.id, event.path, event.title) for event in same_day))
            problems.extend(_similar_titles(group))
    return problems


@functools.lru_cache(maxsize=65_536)
def _similar_titles(group: tuple[tuple[str, str, str], ...]) -> tuple[Problem, ...]:
    """Pairs of near-identical titles in one day's events; cached, as serve rebuilds ask again."""
    problems = []
    for i, (first_id, _, first_title) in enumerate(group):
        for _, second_path, second_title in group[i + 1 :]:
            matcher = difflib.SequenceMatcher(None, first_title.lower(), second_title.lower())
            # the quick upper bounds rule out most pairs before the full comparison
            if matcher.real_quick_ratio() < 0.9 or matcher.quick_ratio() < 0.9:
                continue
            ratio = matcher.ratio()
            if ratio >= 0.9:
                problems.append(
                    Problem(
                        second_path,
                        1,
                        1,
                        "title",
                        f"looks like a duplicate of {first_id} (same date, {ratio:.0%} similar title)",
                        "merge the two files, or make the titles say how they differ",
                        Severity.WARNING,
                    )
                )
    return tuple(problems)


def missing_translations(
    events: Iterable[Event], timeline: Timeline, path: str = "content/timeline.yaml"
) -> list[Problem]:
    """One warning per edition: how many events, eras, tags, actors and places lack its text.

    Untranslated text is shown in the main language, marked as such, so this is a to-do list
    for translators, not an error.
    """
    problems = []
    events = list(events)
    groups: dict[str, list[Event] | list[Era] | list[Term]] = {
        "events": events,
        "eras": list(timeline.eras),
        "tags": list(timeline.tags.values()),
        "actors": list(timeline.actors.values()),
        "places": list(timeline.places.values()),
    }
    for language in timeline.languages[1:]:
        counts = []
        for label, items in groups.items():
            first = "title" if label == "events" else "name"
            missing = sum(
                1 for item in items if not item.translations.get(language, Translation({})).get(first)
            )
            if missing:
                counts.append(f"{missing} of {len(items)} {label}")
        if counts:
            problems.append(
                Problem(
                    path,
                    1,
                    1,
                    "languages",
                    f"{language}: no translation for " + ", ".join(counts),
                    f"add translations: {{{language}: ...}} blocks (see CONTRIBUTING.md)",
                    Severity.WARNING,
                )
            )
    return problems


# ---- rules over the whole content folder ---------------------------------------------------
# Page slugs the chronology's own folders use: a prose page with one of these names would
# overwrite a generated index.
RESERVED_SLUGS = frozenset(
    {
        "events", "years", "eras", "tags", "actors", "places", "sources", "page", "assets", "search",
        "data", "feeds", "open-data", "schema", "corrections", "media",
    }
)  # fmt: skip


def unique_events(candidates: Iterable[Event]) -> tuple[dict[str, Event], list[Problem]]:
    """Events by id; a second file with an id already taken is a problem, never a silent merge."""
    events: dict[str, Event] = {}
    problems: list[Problem] = []
    for event in candidates:
        if event.id in events:
            problems.append(
                Problem(
                    event.path,
                    1,
                    1,
                    "",
                    f"another file has the same id '{event.id}': {events[event.id].path}",
                    "event ids are file names: rename one of the two",
                )
            )
        else:
            events[event.id] = event
    return events, problems


def unread_files(paths: Iterable[tuple[str, str]]) -> list[Problem]:
    """Files in content/events/ that are not read: never drop an event silently.

    Each item is (the path as shown, the file's stem).
    """
    return [
        Problem(
            shown,
            1,
            1,
            "",
            "this file is not read: event files must end in .yaml",
            f"rename it to {stem}.yaml, or move it out of content/events/",
        )
        for shown, stem in paths
    ]


_SITE_FOLDERS = ("data", "feeds", "schema", "assets")  # files the build writes beside the pages


def check_page_links(
    pages: Iterable[ProsePage],
    events: Mapping[str, Event],
    timeline: Timeline,
    positions: Mapping[str, Mapping[str, tuple[int, int]]] | None = None,
) -> list[Problem]:
    """Every link from a prose page, or from an event's summary or body (any language), to
    another page of the site leads to one the build writes.

    Links are written relative to the page (``../events/x/``; an event's from its own page,
    ``../../tags/x/``), from the site's root (``/events/x/``) or, on prose pages only, to
    another page's file (``methodology.md``); external links are the link checker's job
    (``chronology check-links``). ``positions`` (event id -> where its fields are) place an
    event's problem on the link's line.
    """
    pages = list(pages)
    slugs = {page.slug for page in pages}
    targets: dict[str, set[str]] = {
        # an earlier id (previous_ids) has a page too: it leads to the event's new one
        "events": set(events) | {old for event in events.values() for old in event.previous_ids},
        "years": {EventDate(event.year).id_part() for event in events.values()},  # organise.year_slug
        "eras": {era.id for era in timeline.eras},
        "tags": set(timeline.tags),
        "actors": set(timeline.actors),
        "places": set(timeline.places),
    }
    editions = {language.lower() for language in timeline.languages[1:]}
    problems = []
    for page in pages:
        for line, href in page.links:
            why = _broken_link(href, page.slug, slugs, targets, editions)
            if why:
                problems.append(Problem(page.path, line, 1, "", f"the link '{href}' {why}", _PAGE_LINK_HINT))
    for event in events.values():
        where = (positions or {}).get(event.id, {})
        for field, text in _event_texts(event):
            for line, href in markdown_links(text):
                why = _broken_link(href, f"events/{event.id}", slugs, targets, editions, page_files=False)
                if why:
                    line += where.get(f"{field}@text", (1, 1))[0] - 1
                    message = f"the link '{href}' {why}"
                    problems.append(Problem(event.path, line, 1, field, message, _EVENT_LINK_HINT))
    return problems


_PAGE_LINK_HINT = (
    "link to a page's file (methodology.md), or to a page's address relative to this one (../events/ID/)"
)
_EVENT_LINK_HINT = (
    "link to a page's address relative to the event's page: ../ID/ for another event, "
    "../../tags/ID/ for a tag, ../../about/ for a page"
)


def _event_texts(event: Event) -> Iterator[tuple[str, str]]:
    """(field, Markdown) of an event's summary and body, then of each translation's."""
    for name in _TEXTS:
        yield name, getattr(event, name)
    for language, translation in sorted(event.translations.items()):
        for name in _TEXTS:
            yield f"translations.{language}.{name}", translation.get(name)


def _broken_link(
    href: str,
    slug: str,
    slugs: set[str],
    targets: dict[str, set[str]],
    editions: set[str],
    page_files: bool = True,
) -> str:
    """Why an internal link leads nowhere ("" when it leads to a page, or is not internal).

    ``slug`` is the linking page's path; ``page_files``, whether the text may link to a
    page's file (``about.md``), which only prose pages turn into the page's address.
    """
    if not href or href.startswith(("#", "//")) or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", href):
        return ""
    path = re.split(r"[#?]", href, maxsplit=1)[0]
    if path.endswith(".md") and not page_files:
        return "names a page's file, which only prose pages may link to"
    if path.endswith(".md"):
        name = page_link(href)
        if name == href or name.split("/")[1] not in slugs:
            return "names no page in content/pages/"
        return ""
    resolved = path[1:] if path.startswith("/") else posixpath.normpath(posixpath.join(slug, path))
    parts = [part for part in resolved.split("/") if part and part != "."]
    if parts and parts[0] == "..":
        return "leads outside the site"
    if parts and parts[0] in editions:
        parts = parts[1:]
    if not parts or parts[0] in _SITE_FOLDERS or parts[0] == "404.html":
        return ""
    head, rest = parts[0], parts[1:]
    if head in ("search", "open-data", "page") or head in slugs:
        known = head == "page" or not rest
    elif head == "sources":  # publishers' pages: their names are the link checker's concern
        known = True
    elif head in targets:
        known = rest[0] in targets[head] if rest else head != "events"
    else:
        known = False
    return "" if known else "leads to no page of the site"


def check_pages(pages: Iterable[ProsePage], languages: tuple[str, ...] | None) -> list[Problem]:
    """Page names that collide with the site's folders, and translations (``about.ar.md``)
    of pages or into editions that do not exist. ``languages`` is None when the timeline
    itself is invalid: only the names are checked then."""
    pages = list(pages)
    originals = {page.slug for page in pages if not page.language}
    problems = []
    for page in pages:
        if page.slug in RESERVED_SLUGS:
            problems.append(
                Problem(
                    page.path,
                    1,
                    1,
                    "",
                    f"a page cannot be called '{page.slug}': the site uses that folder",
                    "rename the file",
                )
            )
        elif languages is None:
            continue
        elif page.language and page.language not in languages[1:]:
            problems.append(
                Problem(
                    page.path,
                    1,
                    1,
                    "",
                    f"'{page.language}' is not one of the site's editions",
                    "add it to languages: in content/timeline.yaml",
                )
            )
        elif page.language and page.slug not in originals:
            problems.append(
                Problem(
                    page.path,
                    1,
                    1,
                    "",
                    f"a translation of '{page.slug}.md', which does not exist",
                    f"write content/pages/{page.slug}.md first",
                )
            )
        elif page.slug in {language.lower() for language in languages}:
            problems.append(
                Problem(
                    page.path,
                    1,
                    1,
                    "",
                    f"a page cannot be called '{page.slug}': the "
                    "site's edition in that language uses that folder",
                    "rename the file",
                )
            )
    return problems
