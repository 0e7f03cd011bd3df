"""Render stage: planned pages through the Jinja templates in ``theme/``.

All HTML lives in templates; autoescaping is always on, and the only values marked safe are
the sanitised Markdown fields of the model. Links are relative (``../../events/x/``), so the
site works under any base path, from GitHub Pages to a folder opened from disk.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from . import organise
from .escape import bibtex_text, bibtex_url
from .fields import STATUS_LABELS, STATUSES
from .locale import load_locale
from .model import Event
from .organise import PagePlan, Site
from .plan import SHARE_TEMPLATE
from .share import SHARE_FILE, Card, draw_card
from .theming import Theme

MAX_CACHED_ENTRIES = 60_000
NOT_FOUND = "404.html"  # each edition's "page not found", at any address
_ROOT_MARK = "\x00root\x00"
LANGUAGE_NAMES = {
    "ar": "Arabic",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fa": "Persian",
    "fr": "French",
    "he": "Hebrew",
    "it": "Italian",
    "ku": "Kurdish",
    "nl": "Dutch",
    "pt": "Portuguese",
    "ru": "Russian",
    "tr": "Turkish",
}


# What a template calls: our own functions and methods, and macros. None of them asks Jinja for
# its context or environment (``pass_context``); ``_Context.call`` checks that once per call.
_PLAIN_CALLABLES = (types.FunctionType, types.MethodType, types.BuiltinFunctionType, jinja2.runtime.Macro)


class _Context(jinja2.runtime.Context):
    """Jinja's context with a shorter path for the calls templates make most.

    Every ``{{ t("...") }}``, macro call or URL helper in a template goes through
    ``Context.call``, which probes the callable for ``pass_context`` and friends in five steps
    (``hasattr``/``getattr`` on the object and on its ``__call__``): at 10,000 events that is
    millions of probes, a tenth of the render stage. Plain functions, methods and macros need
    one probe; anything else takes Jinja's own path, so the result is always the same.
    """

    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if type(__obj) in _PLAIN_CALLABLES and not hasattr(__obj, "jinja_pass_arg"):
            if kwargs:
                kwargs.pop("_block_vars", None)
                kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:
                return __self.environment.undefined(
                    "value was undefined because a callable raised a StopIteration exception"
                )
        return super().call(__obj, *args, **kwargs)


def language_name(code: str) -> str:
    """Readers see "French", not "fr"; unknown codes are shown as written."""
    return LANGUAGE_NAMES.get(code.split("-")[0].lower(), code)


class KeptTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory between ``mkdocs serve`` rebuilds, each of which makes
    new renderers: compiling the theme again took a fifth of a second per rebuild. Jinja
    compares each template's source digest with the kept code's, so an edited template is
    compiled anew."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


@dataclass(frozen=True)
class Edition:
    """One language's version of the site: its language and the folder it lives in."""

    language: str
    prefix: str  # "" for the main language, "ar/" for Arabic


class Renderer:
    """A Jinja environment over the theme folder, bound to one organised edition of the site."""

    def __init__(
        self,
        theme: Theme,
        site: Site,
        site_url: str = "",
        edition: Edition | None = None,
        editions: tuple[Edition, ...] = (),
        entries: dict[str, tuple[object, str]] | None = None,
        theme_digest: str = "",
        compiled: KeptTemplates | None = None,
    ) -> None:
        self.site = site
        self.site_url = site_url
        self.theme = theme
        self._other_names: dict[str, str] = {}
        self.edition = edition or Edition(site.timeline.language, "")
        self.editions = editions or (self.edition,)
        self.locale = load_locale(theme, self.edition.language)
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(folder) for folder in theme.dirs]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # A renderer lives for one build, so its templates cannot change under it; without
            # this, every page, include and import would stat its template file again.
            auto_reload=False,
            bytecode_cache=compiled,
        )
        self.environment.context_class = _Context
        locale = self.locale
        self.environment.globals.update(
            site=site,
            timeline=site.timeline,
            site_url=site_url.rstrip("/") + "/" if site_url else "",
            event_url=organise.event_url,
            year_url=organise.year_url,
            era_url=organise.era_url,
            term_url=organise.term_url,
            publisher_url=self.publisher_url,
            era_of=lambda event: site.era_of.get(event.id),
            group_by_era_and_year=lambda events: organise.group_by_era_and_year(site, events),
            nav=self.navigation(),
            language_name=language_name,
            lang=locale.language,
            dir=locale.direction,
            main_language=self.editions[0].language,
            edition_prefix=self.edition.prefix,
            t=locale.t,
            tn=locale.tn,
            plural_forms=locale.plural_forms,
            when=locale.when,
            day=locale.day,
            year_name=locale.year,
            listing_name=self.listing_name,
            era_span=locale.era_span,
            status_labels=STATUS_LABELS,
            status_meanings=STATUSES,
        )
        self.environment.filters["html"] = _trusted_html
        self.environment.filters["citations_from"] = citations_from
        self.environment.filters["bibtex"] = bibtex_text
        self.environment.filters["bibtex_url"] = bibtex_url
        self.environment.globals["entry"] = self.entry
        self.environment.globals["share_image"] = self.share_image
        self.draws_share_images = self.main_draws_share_images = False  # set by the build
        # entries can outlive this renderer (mkdocs serve passes the same dict to each build):
        # each is reused only while its event and everything else it shows are unchanged
        self._entries: dict[str, tuple[object, str]] = entries if entries is not None else {}
        self._entries_outlive_build = entries is not None
        self.cache_stamp = (
            theme_digest,  # a theme edit invalidates entries kept between serve rebuilds
            site.timeline.revision,
            self.edition.language,
            tuple(sorted(site.publisher_slug.items())),
        )

    def entry(self, event: Event, root: str, compact: bool = False) -> Markup:
        """An event's entry in a list, rendered once and reused on every page that lists it.

        An event appears on a dozen listing pages (home, year, era, tags, actors, places,
        publishers); only the path back to the site root differs between them, so the entry is
        rendered with a marker in its place. The marker cannot occur in content: the loader
        rejects control characters.
        """
        stamp = (event.revision, self.cache_stamp)
        key = f"{event.id}:compact" if compact else event.id
        kept = self._entries.get(key)
        if kept is None or kept[0] != stamp:
            if len(self._entries) >= MAX_CACHED_ENTRIES:
                self._entries.clear()  # bounded memory at any scale; the next pages refill it
            html = self.environment.get_template("partials/event_entry.html").render(
                event=event, root=_ROOT_MARK, compact=compact
            )
            kept = self._entries[key] = (stamp, html)
        return Markup(kept[1].replace(_ROOT_MARK, root))

    def kept_entries(self) -> dict[str, tuple[object, str]]:
        """Entries to hand back from a forked worker: only when they outlive the build (serve)."""
        return self._entries if self._entries_outlive_build else {}

    def keep_entries(self, entries: dict[str, tuple[object, str]]) -> None:
        self._entries.update(entries)

    def listing_name(self, listing: organise.Listing) -> str:
        """A listing's heading: a year's in the reader's language (``350 ق.م``), else its name."""
        return self.locale.year(listing.year) if listing.year is not None else listing.name

    def publisher_url(self, name: str) -> str:
        return organise.publisher_url(self.site.publisher_slug[name])

    def navigation(self) -> list[tuple[str, str]]:
        """The menu: the chronology, its indexes, then the prose pages in their order."""
        t = self.locale.t
        items = [
            ("", t("Chronology")),
            ("years/", t("Years")),
            ("eras/", t("Eras")),
            ("tags/", t("Tags")),
            ("actors/", t("Actors")),
            ("places/", t("Places")),
            ("sources/", t("Sources")),
        ]
        items += [(f"{page.slug}/", page.title) for page in self.site.pages]
        return items

    def render_bytes(self, plan: PagePlan) -> bytes:
        """A page's file: HTML from its template, or a drawn share image."""
        if plan.template == SHARE_TEMPLATE:
            return draw_card(self.card(plan.context["card_event"]))
        return self.render(plan).encode("utf-8")

    def card(self, event: Event | None) -> Card:
        """What an event's share image says, or the edition's own (its description)."""
        timeline, locale = self.site.timeline, self.locale
        heading = event.title if event else Markup(timeline.description_html).striptags()
        line = locale.when(event) if event else ""
        return Card(heading, line, timeline.title, locale.language, locale.direction == "rtl")

    def share_image(self, event_id: str = "") -> str:
        """The share image of a page (its event's, else the edition's), from the site root;
        "" when none is drawn. An edition that cannot draw its own (Arabic without raqm) shows
        the main edition's."""
        if self.draws_share_images:
            return self.edition.prefix + (organise.event_url(event_id) if event_id else "") + SHARE_FILE
        return SHARE_FILE if self.main_draws_share_images else ""

    def render(self, plan: PagePlan) -> str:
        # a template may have a version for this language: open-data.ar.html
        stem, _, suffix = plan.template.rpartition(".")
        template = self.environment.select_template(
            [f"{stem}.{self.locale.language}.{suffix}", plan.template]
        )
        url = plan.url.removeprefix(self.edition.prefix)
        return template.render(
            plan.context,
            page_url=url,
            root=self.root_for(plan.url, url),
            site_root=self.root_for(plan.url, plan.url),
            alternates=self.alternates(plan.url, url),
        )

    def root_for(self, full_url: str, url: str) -> str:
        """Relative links everywhere, except the 404 pages (``404.html``, ``ar/404.html``):
        a server shows one at any address, so their links start from the site's own path."""
        if full_url.endswith(NOT_FOUND):
            return self.base_path() + full_url.removesuffix(url)
        return relative_root(url)

    def base_path(self) -> str:
        """The site's path on its server: ``/`` unless site_url names a folder."""
        return urlsplit(self.site_url).path.rstrip("/") + "/" if self.site_url else "/"

    def alternates(self, full_url: str, url: str) -> list[tuple[str, str, str]]:
        """(language, its own name, link) for this page in every edition, this one included."""
        site_root = self.base_path() if full_url.endswith(NOT_FOUND) else relative_root(full_url)
        return [
            (edition.language, self._name_of(edition.language), site_root + edition.prefix + url)
            for edition in self.editions
        ]

    def _name_of(self, language: str) -> str:
        if language == self.locale.language:
            return self.locale.name
        # not setdefault(language, load_locale(...)): that would load the locale on every page
        if language not in self._other_names:
            self._other_names[language] = load_locale(self.theme, language).name
        return self._other_names[language]


def relative_root(url: str) -> str:
    """The path from a page back to the site root: ``events/x/`` -> ``../../``."""
    return "../" * url.count("/") or "./"


def citations_from(html: str, event: Event, root: str) -> str:
    """An event's summary HTML for a list page: its inline citations (``#<id>-source-2``) point
    at the source list on the event's own page, as lists do not show every source list, and
    its relative links (``../../tags/x/``, written from the event's page) start from there."""
    page = root + organise.event_url(event.id)
    html = _RELATIVE_HREF.sub(f'href="{page}', html)
    return html.replace(f'href="#{event.id}-source-', f'href="{page}#{event.id}-source-')


_RELATIVE_HREF = re.compile(r'href="(?![A-Za-z][A-Za-z0-9+.-]*:|/|#)')


def _trusted_html(value: str) -> Markup:
    """Mark model HTML as safe. Only for fields the model sanitised (``*_html``)."""
    return Markup(value)
