"""Render stage: planned pages through the Jinja templates in ``theme/``.

All HTML lives in templates; autoescaping is always on, and the only values marked safe are
the sanitised Markdown fields of the model. Links are relative (``../../events/x/``), so the
site works under any base path, from GitHub Pages to a folder opened from disk.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from . import organise
from .organise import PagePlan, Site

TEMPLATE_SUFFIXES = (".html", ".xml", ".txt")
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


def language_name(code: str) -> str:
    """Readers see "French", not "fr"; unknown codes are shown as written."""
    return LANGUAGE_NAMES.get(code.split("-")[0].lower(), code)


class Renderer:
    """A Jinja environment over the theme folder, bound to one organised site."""

    def __init__(self, theme_dir: Path, site: Site, site_url: str = "") -> None:
        self.site = site
        self.site_url = site_url
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(theme_dir)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
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
            nav=self.navigation(),
            language_name=language_name,
        )
        self.environment.filters["html"] = _trusted_html

    def publisher_url(self, name: str) -> str:
        return organise.publisher_url(self.site.publisher_slug[name])

    def navigation(self) -> list[tuple[str, str]]:
        """The menu: the chronology, its indexes, then the prose pages in their order."""
        items = [
            ("", "Chronology"),
            ("years/", "Years"),
            ("eras/", "Eras"),
            ("tags/", "Tags"),
            ("actors/", "Actors"),
            ("places/", "Places"),
            ("sources/", "Sources"),
        ]
        items += [(f"{page.slug}/", page.title) for page in self.site.pages]
        return items

    def render(self, plan: PagePlan) -> str:
        template = self.environment.get_template(plan.template)
        return template.render(plan.context, page_url=plan.url, root=self.root_for(plan.url))

    def root_for(self, url: str) -> str:
        """Relative links everywhere, except the 404 page: servers show it at any address."""
        if url == "404.html":
            return urlsplit(self.site_url).path.rstrip("/") + "/" if self.site_url else "/"
        return relative_root(url)


def relative_root(url: str) -> str:
    """The path from a page back to the site root: ``events/x/`` -> ``../../``."""
    return "../" * url.count("/") or "./"


def _trusted_html(value: str) -> Markup:
    """Mark model HTML as safe. Only for fields the model sanitised (``*_html``)."""
    return Markup(value)


def theme_revision(theme_dir: Path) -> str:
    """A digest of every template, so editing the theme re-renders every page."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(theme_dir.rglob("*")):
        if path.is_file() and path.suffix in TEMPLATE_SUFFIXES:
            digest.update(str(path.relative_to(theme_dir)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
