"""sitemap.xml: every page of both editions, with hreflang alternates, and nothing of the theme's
sources (theme/i18n) published."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.build import Builder, BuildOptions
from generator.exports import sitemap

from .conftest import ROOT, SMALL, THEME

SITE_URL = "https://example.org/town/"
NS = {"s": sitemap.SITEMAP_NS, "xhtml": sitemap.XHTML_NS}
BILINGUAL = ROOT / "tests" / "fixtures" / "bilingual" / "content"


def build(content: Path, out: Path, site_url: str = SITE_URL) -> Path:
    Builder(content, THEME, out, BuildOptions(site_url=site_url, workers=1), root=content.parent).build()
    return out


def html_pages(site: Path) -> set[str]:
    """Every page a reader can open, as its public address (embeds, made for other sites'
    frames, are not: they carry noindex)."""
    pages = set()
    for path in site.rglob("*.html"):
        relative = path.relative_to(site).as_posix()
        if path.name == "404.html" or relative.removeprefix("ar/").startswith("embed/"):
            continue
        pages.add(SITE_URL + relative.removesuffix("index.html"))
    return pages


@pytest.fixture(scope="module")
def bilingual_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(BILINGUAL, tmp_path_factory.mktemp("bilingual") / "site")


def test_sitemap_lists_every_page_of_both_editions_once(bilingual_site: Path) -> None:
    root = ET.parse(bilingual_site / "sitemap.xml").getroot()
    assert root.tag == f"{{{sitemap.SITEMAP_NS}}}urlset"
    locs = [loc.text for loc in root.findall("s:url/s:loc", NS)]
    assert len(locs) == len(set(locs))
    assert set(locs) == html_pages(bilingual_site)
    assert SITE_URL + "ar/" in locs and SITE_URL + "404.html" not in locs


def test_each_page_names_its_other_language_version(bilingual_site: Path) -> None:
    root = ET.parse(bilingual_site / "sitemap.xml").getroot()
    pages = html_pages(bilingual_site)
    checked = 0
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc is not None
        links = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}
        assert loc in links.values()
        english = loc.replace(SITE_URL + "ar/", SITE_URL, 1)
        if english in pages and english.replace(SITE_URL, SITE_URL + "ar/", 1) in pages:
            assert links == {
                "en": english,
                "ar": english.replace(SITE_URL, SITE_URL + "ar/", 1),
                "x-default": english,
            }
            checked += 1
        assert all(href in pages for href in links.values())
    assert checked > 20


def test_no_sitemap_without_a_site_url(tmp_path: Path) -> None:
    assert not (build(BILINGUAL, tmp_path / "site", site_url="") / "sitemap.xml").exists()


def test_sitemap_is_byte_identical_between_builds(tmp_path: Path, bilingual_site: Path) -> None:
    again = build(BILINGUAL, tmp_path / "again")
    assert (again / "sitemap.xml").read_bytes() == (bilingual_site / "sitemap.xml").read_bytes()


def test_a_large_site_gets_a_sitemap_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitemap, "MAX_URLS", 3)
    urls = ["", "ar/", "about/", "ar/about/", "events/x/", "ar/events/x/", "404.html"]
    files = sitemap.sitemap_files(SITE_URL, ["en", "ar"], urls)
    assert sorted(files) == ["sitemap.xml", "sitemaps/1.xml", "sitemaps/2.xml"]
    index = ET.fromstring(files["sitemap.xml"])
    assert [loc.text for loc in index.findall("s:sitemap/s:loc", NS)] == [
        SITE_URL + "sitemaps/1.xml",
        SITE_URL + "sitemaps/2.xml",
    ]
    listed = [
        loc.text
        for name in ("sitemaps/1.xml", "sitemaps/2.xml")
        for loc in ET.fromstring(files[name]).iter(f"{{{sitemap.SITEMAP_NS}}}loc")
    ]
    assert len(listed) == 6 and len(set(listed)) == 6


def test_mkdocs_build_publishes_the_sitemap_and_no_theme_sources(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(SMALL, project, ignore=shutil.ignore_patterns("expected"))
    config_file = project / "mkdocs.yml"
    config_file.write_text(config_file.read_text() + f"site_url: {SITE_URL}\n")
    site = tmp_path / "site"
    mkdocs_build(load_config(str(config_file), site_dir=str(site)))
    root = ET.parse(site / "sitemap.xml").getroot()
    assert {loc.text for loc in root.findall("s:url/s:loc", NS)} == html_pages(site)
    published = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    theme_sources = {path.name for path in (THEME / "i18n").iterdir()}
    assert not [name for name in published if "i18n" in name or name.rsplit("/", 1)[-1] in theme_sources]
    assert not [name for name in published if name.endswith((".yaml", ".yml", ".py"))]
