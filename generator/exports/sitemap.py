"""``sitemap.xml``: every page of every edition, for search engines, with hreflang alternates.

The same page exists at the same path in each edition (``events/x/``, ``ar/events/x/``), so
each ``<url>`` names all its language versions with ``<xhtml:link rel="alternate"
hreflang=...>``, itself included, plus ``x-default`` for the main edition, as search engines
ask. Embeds (``embed/...``, pages for an ``<iframe>`` that carry ``noindex``) are left out.
A sitemap holds at most 50,000 URLs: a larger site gets ``sitemaps/1.xml`` ... and a
sitemap index at ``sitemap.xml``. Sitemaps need absolute addresses, so none is written
without ``site_url``. The XML is made with ElementTree, which does its escaping, in an order
fixed by the page paths, so the bytes are the same on every build.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence

from ..organise import EMBED_FOLDER

SITEMAP_URL = "sitemap.xml"
MAX_URLS = 50_000  # per sitemap file, by the sitemaps.org protocol
NOT_FOUND_PAGE = "404.html"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"

Entry = tuple[str, list[tuple[str, str]]]  # (URL, [(hreflang, URL) of every version])


def sitemap_files(site_url: str, languages: Sequence[str], page_urls: Iterable[str]) -> dict[str, bytes]:
    """Sitemap file URL -> bytes, for page URLs relative to the site root (``""``, ``ar/``...)."""
    if not site_url or not languages:
        return {}
    entries = _entries(site_url, languages, page_urls)
    if len(entries) <= MAX_URLS:
        return {SITEMAP_URL: _urlset(entries)}
    files = {
        f"sitemaps/{number}.xml": _urlset(entries[start : start + MAX_URLS])
        for number, start in enumerate(range(0, len(entries), MAX_URLS), 1)
    }
    return {**files, SITEMAP_URL: _index([site_url + url for url in files])}


def _entries(site_url: str, languages: Sequence[str], page_urls: Iterable[str]) -> list[Entry]:
    """One entry per page, grouped with the same page of the other editions."""
    prefixes = {language: "" if index == 0 else f"{language}/" for index, language in enumerate(languages)}
    versions: dict[str, dict[str, str]] = {}  # path within an edition -> language -> site URL
    for url in set(page_urls):
        if url.rsplit("/", 1)[-1] == NOT_FOUND_PAGE:
            continue
        edition = (lang for lang, prefix in prefixes.items() if prefix and url.startswith(prefix))
        language = next(edition, languages[0])
        path = url.removeprefix(prefixes[language])
        if path.startswith(EMBED_FOLDER):
            continue
        versions.setdefault(path, {})[language] = site_url + url
    entries: list[Entry] = []
    for path in sorted(versions):
        found = versions[path]
        alternates = [(language, found[language]) for language in languages if language in found]
        if len(alternates) > 1 and languages[0] in found:
            alternates.append(("x-default", found[languages[0]]))
        entries += [(found[language], alternates) for language in languages if language in found]
    return entries


def _urlset(entries: Sequence[Entry]) -> bytes:
    # names are written as the protocol spells them (xmlns declared on the root): ElementTree's
    # own namespace handling would name the prefixes ns0, ns1
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS, "xmlns:xhtml": XHTML_NS})
    for url, alternates in entries:
        element = ET.SubElement(root, "url")
        ET.SubElement(element, "loc").text = url
        for language, href in alternates if len(alternates) > 1 else ():
            ET.SubElement(element, "xhtml:link", {"rel": "alternate", "hreflang": language, "href": href})
    return _serialised(root)


def _index(sitemaps: Sequence[str]) -> bytes:
    root = ET.Element("sitemapindex", {"xmlns": SITEMAP_NS})
    for url in sitemaps:
        ET.SubElement(ET.SubElement(root, "sitemap"), "loc").text = url
    return _serialised(root)


def _serialised(root: ET.Element) -> bytes:
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"
