"""Localize stage: the model as one edition of the site shows it.

For the main language this is the model itself. For another edition (``ar``) every event, era,
tag, actor, place, prose page and the timeline are copied with their translated text; where a
translation is missing the main-language text is kept and the field is recorded in
``untranslated``, so templates mark it (with its ``lang``) instead of showing an empty block.
Ids, dates and sources are shared, so both editions have the same pages at the same paths.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from .markup import render_inline
from .model import Era, Event, ProsePage, Term, Timeline, Translation

_EMPTY = Translation({})


def localize_event(event: Event, language: str) -> Event:
    translation = event.translations.get(language, _EMPTY)
    wanted = (
        "title",
        "summary",
        *(name for name in ("body", "disputed_by", "display_date") if getattr(event, name)),
    )
    missing = frozenset(name for name in wanted if not translation.get(name))
    return replace(
        event,
        title=translation.get("title") or event.title,
        summary=translation.get("summary") or event.summary,
        summary_html=translation.get("summary_html") or event.summary_html,
        body=translation.get("body") or event.body,
        body_html=translation.get("body_html") or event.body_html,
        disputed_by=translation.get("disputed_by") or event.disputed_by,
        display_date=translation.get("display_date") or event.display_date,
        untranslated=missing,
    )


def _localize_term(term: Term, language: str) -> Term:
    translation = term.translations.get(language, _EMPTY)
    missing = {"name"} if not translation.get("name") else set()
    if term.description and not translation.get("description"):
        missing.add("description")
    description = translation.get("description")
    return replace(
        term,
        name=translation.get("name") or term.name,
        description=description or term.description,
        description_html=render_inline(description) if description else term.description_html,
        untranslated=frozenset(missing),
    )


def _localize_era(era: Era, language: str) -> Era:
    translation = era.translations.get(language, _EMPTY)
    missing = {"name"} if not translation.get("name") else set()
    if era.description and not translation.get("description"):
        missing.add("description")
    return replace(
        era,
        name=translation.get("name") or era.name,
        description=translation.get("description") or era.description,
        description_html=translation.get("description_html") or era.description_html,
        untranslated=frozenset(missing),
    )


def localize_timeline(timeline: Timeline, language: str) -> Timeline:
    translation = timeline.translations.get(language, _EMPTY)
    missing = frozenset(name for name in ("title", "description") if not translation.get(name))
    return replace(
        timeline,
        title=translation.get("title") or timeline.title,
        description=translation.get("description") or timeline.description,
        description_html=translation.get("description_html") or timeline.description_html,
        eras=tuple(_localize_era(era, language) for era in timeline.eras),
        tags={key: _localize_term(term, language) for key, term in timeline.tags.items()},
        actors={key: _localize_term(term, language) for key, term in timeline.actors.items()},
        places={key: _localize_term(term, language) for key, term in timeline.places.items()},
        untranslated=missing,
    )


def localize_pages(pages: Sequence[ProsePage], language: str, main: str) -> list[ProsePage]:
    """Each main-language page, replaced by its translation (``about.ar.md``) where one exists."""
    translated = {page.slug: page for page in pages if page.language == language}
    result = []
    for page in pages:
        if page.language:
            continue
        if language == main:
            result.append(page)
        elif page.slug in translated:
            result.append(replace(translated[page.slug], order=page.order))
        else:
            result.append(replace(page, untranslated=True))
    return result


def localize(
    timeline: Timeline,
    events: Iterable[Event],
    pages: Sequence[ProsePage],
    language: str,
    kept: dict[str, tuple[str, Event]] | None = None,
) -> tuple[Timeline, list[Event], list[ProsePage]]:
    """The timeline, events and pages of one edition. ``kept`` (mkdocs serve, one per edition)
    keeps each event's translated copy while its revision (file and pictures) is unchanged."""
    main = timeline.languages[0]
    if language == main:
        return timeline, list(events), localize_pages(pages, language, main)
    if kept is None:
        translated = [localize_event(event, language) for event in events]
    else:
        translated = []
        for event in events:
            held = kept.get(event.id)
            if held is None or held[0] != event.revision:
                held = kept[event.id] = (event.revision, localize_event(event, language))
            translated.append(held[1])
        if len(kept) > len(translated):  # events deleted or renamed since
            for gone in set(kept) - {event.id for event in translated}:
                del kept[gone]
    return localize_timeline(timeline, language), translated, localize_pages(pages, language, main)
