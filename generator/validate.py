"""Validate stage: loaded documents become model objects, or problems an editor can act on.

Checks run in two layers. ``event_from_document`` looks at one file alone (so it can run in
parallel and be cached by file); ``check_references`` then looks across files: declared tags,
actors and places, related ids, eras, near-duplicate events.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date as calendar_date
from typing import Any
from urllib.parse import urlsplit

from .dates import DateError, EventDate, parse_date
from .fields import (
    ARCHIVE_HOSTS,
    ERA_FIELDS,
    EVENT_FIELDS,
    EVENT_ID,
    ID_PATTERN,
    LANGUAGE_PATTERN,
    MARKDOWN_FIELDS,
    MAX_BODY_LENGTH,
    MAX_SUMMARY_LENGTH,
    MAX_TITLE_LENGTH,
    PAGE_FIELDS,
    SOURCE_FIELDS,
    TERM_FIELDS,
    TIMELINE_FIELDS,
    TRANSLATABLE,
    FieldSpec,
)  # fmt: skip
from .load import Document, PageSource
from .markup import MarkupError, render_inline, render_markdown
from .model import Era, Event, ProsePage, Source, Term, Timeline, Translation
from .problems import Problem, Severity

_ID = re.compile(ID_PATTERN)
_LANGUAGE = re.compile(LANGUAGE_PATTERN)
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_REFERENCE_FIELDS = ("tags", "actors", "places", "related", "date", "title", "translations")
MAX_IDS = 100  # per list (tags, actors, places, related): a bound, not a style rule
# Characters that have no place in an address and could end an HTML attribute or hide a part.
_URL_FORBIDDEN = re.compile(r'[\s"<>\\`\x00-\x1f\x7f]')


def revision_of(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice an editor most likely meant by a mistyped ``word``, if any is close enough."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    match = closest(word, choices)
    return f"did you mean '{match}'?" if match else ""


class _Fields:
    """Reads typed values out of one mapping of a document, reporting what is wrong."""

    def __init__(self, document: Document, data: Mapping[str, Any], prefix: str) -> None:
        self.document = document
        self.data = data
        self.prefix = prefix
        self.ok = True

    def path(self, name: str) -> str:
        return f"{self.prefix}.{name}" if self.prefix else name

    def report(self, name: str, message: str, hint: str = "", severity: Severity = Severity.ERROR) -> None:
        if severity is Severity.ERROR:
            self.ok = False
        self.document.problems.append(self.document.problem(name, message, hint, severity))

    def check_known(self, specs: Mapping[str, FieldSpec], what: str) -> None:
        misspelt: set[str] = set()
        for name in self.data:
            if name not in specs:
                match = closest(name, specs)
                if match:
                    misspelt.add(match)
                self.report(
                    self.path(name),
                    f"unknown field '{name}' in {what}",
                    did_you_mean(name, specs) or f"the fields are: {', '.join(specs)}",
                )
        for spec in specs.values():
            # a misspelt required field is one mistake: the unknown-field report covers it
            if spec.required and self.data.get(spec.name) is None and spec.name not in misspelt:
                self.report(
                    self.path(spec.name) if spec.name in self.data else self.prefix,
                    f"required field '{spec.name}' is missing or empty",
                    f"fill in '{spec.name}:' ({spec.description})",
                )

    def scalar(self, name: str, meaning: str) -> str | None:
        """A scalar field's text, or None when absent or not a scalar (reported)."""
        value = self.data.get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            self.report(
                self.path(name),
                f"must be {meaning}, not a {'list' if isinstance(value, list) else 'mapping'}",
            )
            return None
        return value

    def text(self, name: str, limit: int | None = None) -> str | None:
        value = self.scalar(name, "text")
        if value is None:
            return None
        kind = self.document.kinds.get(self.path(name))
        if kind is not None:
            self.report(
                self.path(name),
                f"YAML reads {value!r} as a {kind}, not as text",
                f'put the text in quotes: "{value}"',
            )
            return None
        if not value.strip():
            self.report(self.path(name), "is empty or only spaces", "write the text, or remove the field")
            return None
        if _BIDI_CONTROLS.search(value):
            self.report(
                self.path(name),
                "contains invisible bidirectional control characters "
                "(U+202A-U+202E, U+2066-U+2069) that can disguise text",
                "retype the text; Arabic and English mix correctly without them",
            )
            return None
        if limit is not None and len(value) > limit:
            self.report(
                self.path(name),
                f"is {len(value)} characters; keep it under {limit}",
                "move detail into the summary",
            )
        # one spelling per text: NFC, so a publisher typed two ways is one publisher
        return unicodedata.normalize("NFC", value.strip())

    def markdown(self, name: str, limit: int = MAX_BODY_LENGTH) -> str | None:
        """Markdown text, refused above ``limit`` before rendering: nested HTML renders slowly."""
        value = self.text(name)
        if value is not None and len(value) > limit:
            self.report(
                self.path(name),
                f"is {len(value):,} characters; the limit is {limit:,}",
                "shorten it: a summary is a few sentences; split long stories into events",
            )
            return None
        if value is not None:
            try:
                render_markdown(value)  # cached: the model's own render of it costs nothing
            except MarkupError as error:
                self.report(self.path(name), str(error), "a few levels of lists or quotes are enough")
                return None
        return value

    def date(self, name: str) -> EventDate | None:
        value = self.scalar(name, "a date")
        if value is None:
            return None
        if self.document.kinds.get(self.path(name)) == "number" and len(value) < 4:
            value = value.zfill(4)
        try:
            return parse_date(value)
        except DateError as error:
            self.report(self.path(name), str(error), 'e.g. 2020-01-29, 2012-10 or "0973"')
            return None

    def boolean(self, name: str) -> bool:
        value = self.scalar(name, "true or false")
        if value is None:
            return False
        if value.lower() in ("true", "false") and self.document.kinds.get(self.path(name)):
            return value.lower() == "true"
        self.report(self.path(name), f"must be true or false, not {value!r}", "write true or false")
        return False

    def number(self, name: str, low: float, high: float) -> float | None:
        value = self.scalar(name, "a number")
        if value is None:
            return None
        try:
            number = float(value)
        except ValueError:
            self.report(self.path(name), f"must be a number, not {value!r}", "e.g. 35.633")
            return None
        if not low <= number <= high:
            self.report(self.path(name), f"{number} is outside {low}..{high}", "")
            return None
        return number

    def url(self, name: str, archive: bool = False) -> str | None:
        value = self.scalar(name, "a URL")
        if value is None:
            return None
        value = value.strip()
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or _URL_FORBIDDEN.search(value):
            self.report(
                self.path(name),
                f"{value!r} is not an http(s) address",
                "copy the full address from the browser, starting with https://",
            )
            return None
        host = (parts.hostname or "").lower()
        if archive and not any(host == h or host.endswith("." + h) for h in ARCHIVE_HOSTS):
            self.report(
                self.path(name),
                f"{host} is not a known web archive",
                "use a copy on web.archive.org or archive.today (archive.ph)",
            )
            return None
        return value

    def language(self, name: str) -> str | None:
        value = self.scalar(name, "a language code")
        if value is not None and not _LANGUAGE.fullmatch(value):
            self.report(self.path(name), f"{value!r} is not a language code", "e.g. en, ar, fr")
            return None
        return value

    def translations(self, kind: str) -> dict[str, Translation]:
        """``translations: {ar: {title: ..., summary: ...}}``: each field needs its original."""
        value = self.data.get("translations")
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.report(
                self.path("translations"),
                "must map language codes to translated fields",
                "e.g. translations:\n  ar:\n    title: ...",
            )
            return {}
        allowed = TRANSLATABLE[kind]
        result: dict[str, Translation] = {}
        for language, item in value.items():
            path = self.path(f"translations.{language}")
            if not _LANGUAGE.fullmatch(language):
                self.report(path, f"'{language}' is not a language code", "e.g. ar, fr")
                continue
            if not isinstance(item, dict):
                self.report(path, f"must hold the translated fields: {', '.join(allowed)}", "")
                continue
            inner = _Fields(self.document, item, path)
            translated: dict[str, str] = {}
            for name in item:
                if name not in allowed:
                    inner.report(
                        inner.path(name),
                        f"'{name}' cannot be translated here",
                        did_you_mean(name, allowed) or f"translate {', '.join(allowed)}",
                    )
                elif self.data.get(name) is None:
                    inner.report(
                        inner.path(name),
                        f"a translation of '{name}' needs the original '{name}' first",
                        f"write '{name}:' in the main language too",
                    )
                else:
                    text = inner.markdown(name) if name in MARKDOWN_FIELDS else inner.text(name)
                    if text is not None:
                        translated[name] = text
                        if name in MARKDOWN_FIELDS:
                            translated[f"{name}_html"] = render_markdown(text)
            self.ok &= inner.ok
            if inner.ok and translated:
                result[language] = Translation(translated)
        return result

    def id_list(self, name: str) -> tuple[str, ...]:
        value = self.data.get(name)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.report(self.path(name), "must be a list of ids", f"e.g. {name}: [first-id, second-id]")
            return ()
        if len(value) > MAX_IDS:
            self.report(
                self.path(name),
                f"lists {len(value):,} ids; at most {MAX_IDS} are allowed",
                "keep the few that matter most",
            )
            return ()
        ids: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item:
                self.report(f"{self.path(name)}[{index}]", "must be an id", "")
            elif item in ids:
                self.report(
                    f"{self.path(name)}[{index}]", f"'{item}' is listed twice", "remove one", Severity.WARNING
                )
            else:
                ids.append(item)
        return tuple(ids)


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
    fields = _Fields(document, document.data, "")
    fields.check_known(EVENT_FIELDS, "an event")
    title = fields.text("title", MAX_TITLE_LENGTH)
    start = fields.date("date")
    end = fields.date("end")
    approximate = fields.boolean("approximate") if "approximate" in document.data else False
    summary = fields.markdown("summary", MAX_SUMMARY_LENGTH)
    body = fields.markdown("body") if document.data.get("body") is not None else ""
    tags, actors, places = fields.id_list("tags"), fields.id_list("actors"), fields.id_list("places")
    related = fields.id_list("related")
    translations = fields.translations("event")
    sources = _sources(document, fields, today or calendar_date.today())
    if start is not None and end is not None and end.last_day() < start.first_day():
        fields.report(
            "end",
            f"ends ({end.iso()}) before it starts ({start.iso()})",
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
        summary_html=render_markdown(summary),
        body=body or "",
        body_html=render_markdown(body or ""),
        sources=sources,
        tags=tags,
        actors=actors,
        places=places,
        related=related,
        # the path too: a renamed file changes the event's id, and so every page that links it
        revision=revision_of(document.path + "\n" + document.text),
        translations=translations,
    )


def reference_positions(document: Document) -> dict[str, tuple[int, int]]:
    """The positions the cross-file checks need, kept after the document is dropped."""
    return {k: v for k, v in document.positions.items() if k.startswith(_REFERENCE_FIELDS)}


def _check_file_name(fields: _Fields, event_id: str, start: EventDate | None) -> None:
    match = EVENT_ID.fullmatch(event_id)
    if match is None:
        fields.report(
            "",
            f"file name '{event_id}.yaml' does not follow YYYY-MM-DD-short-slug.yaml",
            "use the date, then lowercase words joined by hyphens: 2020-01-29-army-enters-town.yaml",
        )
    elif start is not None and match["date"] != start.iso():
        fields.report(
            "date",
            f"date {start.iso()} does not match the file name ({match['date']}-...)",
            f"rename the file to {start.iso()}-{match['slug']}.yaml or correct the date",
        )


def _sources(document: Document, fields: _Fields, today: calendar_date) -> tuple[Source, ...]:
    value = document.data.get("sources") if isinstance(document.data, dict) else None
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        fields.report(
            "sources",
            "must be a list of at least one source",
            "add '- publisher: ...' with title, url and published",
        )
        return ()
    sources: list[Source] = []
    for index, item in enumerate(value):
        path = f"sources[{index}]"
        if not isinstance(item, dict):
            fields.report(path, "a source must be a mapping with publisher, title, url, published", "")
            continue
        source_fields = _Fields(document, item, path)
        source_fields.check_known(SOURCE_FIELDS, "a source")
        publisher = source_fields.text("publisher")
        title = source_fields.text("title")
        url = source_fields.url("url")
        published = source_fields.date("published")
        archive_url = source_fields.url("archive_url", archive=True)
        language = source_fields.language("language")
        if published is not None and published.first_day() > today.timetuple()[:3]:
            source_fields.report(
                source_fields.path("published"),
                f"{published.iso()} is in the future",
                "check the publication date on the article",
            )
        fields.ok &= source_fields.ok
        if source_fields.ok and publisher and title and url and published:
            sources.append(Source(publisher, title, url, published, archive_url, language))
    return tuple(sources)


def timeline_from_document(document: Document) -> Timeline | None:
    """Check ``content/timeline.yaml`` and build the Timeline (eras and declared terms)."""
    if not isinstance(document.data, dict):
        if not document.problems:
            document.problems.append(document.problem("", "timeline.yaml must be a mapping", ""))
        return None
    fields = _Fields(document, document.data, "")
    fields.check_known(TIMELINE_FIELDS, "timeline.yaml")
    title = fields.text("title")
    description = fields.markdown("description", MAX_SUMMARY_LENGTH) or ""
    language = fields.language("language") or "en"
    languages = _languages(fields, language)
    translations = fields.translations("timeline")
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


def _languages(fields: _Fields, language: str) -> tuple[str, ...]:
    """The site's editions, main language first (``languages: [en, ar]``)."""
    value = fields.data.get("languages")
    if value is None:
        return (language,)
    codes = value if isinstance(value, list) else []
    if not codes or not all(isinstance(code, str) and _LANGUAGE.fullmatch(code) for code in codes):
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


def _eras(document: Document, fields: _Fields) -> tuple[Era, ...]:
    value = document.data.get("eras") if isinstance(document.data, dict) else None
    if not isinstance(value, list):
        if value is not None:
            fields.report("eras", "must be a list of eras", "see the format in CONTRIBUTING.md")
        return ()
    eras: list[Era] = []
    for index, item in enumerate(value):
        path = f"eras[{index}]"
        if not isinstance(item, dict):
            fields.report(path, "an era must be a mapping with id, name, start, end", "")
            continue
        era_fields = _Fields(document, item, path)
        era_fields.check_known(ERA_FIELDS, "an era")
        era_id, name = era_fields.text("id"), era_fields.text("name")
        start, end = era_fields.date("start"), era_fields.date("end")
        description = era_fields.markdown("description", MAX_SUMMARY_LENGTH) or ""
        translated = era_fields.translations("era")
        if era_id is not None and not _ID.fullmatch(era_id):
            era_fields.report(
                era_fields.path("id"), f"'{era_id}' is not a valid id", "lowercase letters, digits, hyphens"
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


def _terms(document: Document, fields: _Fields, group: str) -> dict[str, Term]:
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
        if not _ID.fullmatch(term_id):
            fields.report(path, f"'{term_id}' is not a valid id", "lowercase letters, digits, hyphens")
            continue
        if not isinstance(item, dict):
            fields.report(path, "must be a mapping with at least a name", "")
            continue
        term_fields = _Fields(document, item, path)
        term_fields.check_known(TERM_FIELDS, f"a {kind}")
        name = term_fields.text("name")
        description = term_fields.markdown("description", MAX_SUMMARY_LENGTH) or ""
        translated = term_fields.translations("term")
        lat = term_fields.number("lat", -90, 90)
        lon = term_fields.number("lon", -180, 180)
        if kind != "place" and (lat is not None or lon is not None):
            term_fields.report(term_fields.path("lat"), "only places have coordinates", "remove lat and lon")
        if (lat is None) != (lon is None) and term_fields.ok:
            term_fields.report(
                term_fields.path("lat" if lat is None else "lon"), "give both lat and lon, or neither", ""
            )
        fields.ok &= term_fields.ok
        if term_fields.ok and name:
            terms[term_id] = Term(
                kind, term_id, name, description, render_inline(description), lat, lon, translated
            )
    return terms


def page_from_source(source: PageSource) -> ProsePage | None:
    """Check a prose page's front matter and render its Markdown."""
    document = source.document
    data = document.data if isinstance(document.data, dict) else {}
    fields = _Fields(document, data, "")
    fields.check_known(PAGE_FIELDS, "a page's front matter")
    title = fields.text("title")
    description = fields.text("description") or ""
    order = fields.number("order", -1e6, 1e6) if "order" in data else 0
    slug, _, language = document.path.rsplit("/", 1)[-1].removesuffix(".md").partition(".")
    if language and not _LANGUAGE.fullmatch(language):
        fields.report("", f"'{language}' in the file name is not a language code", "name it e.g. about.ar.md")
    if not _ID.fullmatch(slug):
        fields.report("", f"page file name '{slug}.md' must be lowercase words joined by hyphens", "")
    if not source.body.strip():
        fields.report("", "the page has no text after its front matter", "write the page")
    try:
        render_markdown(source.body)  # cached for the page below
    except MarkupError as error:
        fields.report("", str(error), "a few levels of lists or quotes are enough")
    if not fields.ok or title is None:
        return None
    return ProsePage(
        slug,
        document.path,
        title,
        description,
        int(order or 0),
        render_markdown(source.body),
        revision_of(document.path + "\n" + document.text + source.body),
        language,
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
    for name in ("tags", "actors", "places", "related"):
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
                f"{event.date.iso()} falls in none of the eras",
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
    problems.extend(_near_duplicates(events.values(), positions))
    problems.extend(missing_translations(events.values(), timeline, timeline_path))
    return problems


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
        "data", "feeds", "open-data", "schema",
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
