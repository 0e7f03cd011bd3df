"""The Arabic edition: translations in the format, fallbacks, counterparts, interface strings."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build import Builder, BuildOptions
from generator.locale import Locale, load_locale, plural_rule
from generator.strings import interface_strings
from generator.theming import Theme

from .conftest import FIXTURES, THEME
from .test_exports import json_ld

BILINGUAL = FIXTURES / "bilingual" / "content"


class Head(HTMLParser):
    """The html element's lang/dir and the hreflang alternates of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = self.dir = ""
        self.alternates: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang, self.dir = values.get("lang") or "", values.get("dir") or ""
        if tag == "link" and values.get("rel") == "alternate" and values.get("hreflang"):
            self.alternates[values["hreflang"] or ""] = values.get("href") or ""


def head_of(page: Path) -> Head:
    parser = Head()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_english_page_has_its_arabic_counterpart_and_back(town_site: Path) -> None:
    english = {
        p.relative_to(town_site).as_posix()
        for p in town_site.rglob("*.html")
        if not p.relative_to(town_site).as_posix().startswith("ar/")
    }
    arabic = {p.relative_to(town_site / "ar").as_posix() for p in (town_site / "ar").rglob("*.html")}
    assert english == arabic  # the 404 page too: ar/404.html
    for name in ("index.html", "events/2020-01-29-army-takes-town/index.html", "eras/index.html"):
        en, ar = head_of(town_site / name), head_of(town_site / "ar" / name)
        assert (en.lang, en.dir, ar.lang, ar.dir) == ("en", "ltr", "ar", "rtl")
        back = "../" * name.count("/") or "./"
        path = name.removesuffix("index.html")
        assert en.alternates == {"en": back + path, "ar": back + "ar/" + path}
        target = (town_site / "ar" / name).parent / ar.alternates["en"]
        assert (target.resolve() / "index.html") == (town_site / name).resolve()


def test_arabic_pages_speak_arabic(town_site: Path) -> None:
    page = (town_site / "ar" / "events" / "2020-01-29-army-takes-town" / "index.html").read_text()
    assert "الجيش يسيطر على وادي قمر بعد قصف عنيف" in page  # the translated title
    assert "29 كانون الثاني 2020" in page  # Levantine month, Western digits
    assert ">المصادر<" in page  # interface heading
    assert "Army takes Wadi Qamar after heavy bombardment" in page  # sources stay as published
    assert "(not yet translated)" not in page and "untranslated" not in page


def test_missing_translation_shows_main_language_text_marked(tmp_path: Path) -> None:
    out = tmp_path / "site"
    Builder(BILINGUAL, THEME, out, BuildOptions(per_page=10), root=BILINGUAL.parent).build()
    untranslated = (out / "ar" / "events" / "2020-01-29-market-reopens" / "index.html").read_text()
    assert re.search(
        r'<h1 id="event-title" lang="en" dir="auto" class="untranslated">The market reopens</h1>',
        untranslated,
    )
    assert "Traders reopened the covered market" in untranslated
    translated = (out / "ar" / "events" / "1098-12-12-siege-ends" / "index.html").read_text()
    assert '<h1 id="event-title">انتهاء الحصار</h1>' in translated  # translated: not marked
    assert '<div class="event-summary">' in translated
    assert '<div class="event-body" lang="en" dir="auto" class="untranslated">' in translated  # body was not
    about = (out / "ar" / "about" / "index.html").read_text()
    assert "هذا موقع" in about
    assert (out / "about" / "index.html").read_text().count("This is the") == 1


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            'translations:\n  ar:\n    body: "نص"\n',
            "translations.ar.body: a translation of 'body' needs the original",
        ),
        (
            'translations:\n  fr:\n    title: "Le marché"\n',
            "translations.fr: 'fr' is not one of the site's editions",
        ),
        (
            'translations:\n  ar:\n    titel: "x"\n',
            "translations.ar.titel: 'titel' cannot be translated here",
        ),
    ],
)
def test_translation_rules(tmp_path: Path, extra: str, expected: str) -> None:
    content = tmp_path / "content"
    import shutil

    shutil.copytree(BILINGUAL, content)
    event = content / "events" / "2020-01-29-market-reopens.yaml"
    event.write_text(event.read_text() + extra)
    found, _ = Builder(content, THEME, tmp_path / "out").load()
    messages = [f"{p.field}: {p.message}" for p in found.problems if p.severity == "error"]
    assert len(messages) == 1 and messages[0].startswith(expected)


def test_validate_counts_missing_translations_per_language(tmp_path: Path) -> None:
    found, _ = Builder(BILINGUAL, THEME, tmp_path / "out").load()
    warnings = [p.message for p in found.problems if p.severity == "warning"]
    assert warnings == [
        "ar: no translation for 2 of 4 events, 2 of 2 eras, 1 of 2 tags, 1 of 1 actors, 2 of 2 places"
    ]


def test_every_interface_string_is_translated_for_every_language_the_theme_speaks() -> None:
    """Every locale but English, whose strings are the templates' keys (content/ is checked for
    its own languages in tests/content/)."""
    languages = sorted(p.stem for p in (THEME / "i18n").glob("*.yaml") if p.stem != "en")
    assert languages, "no translations in theme/i18n/"
    theme = Theme.with_overrides([THEME])
    strings = interface_strings(theme)
    for language in languages:
        table = load_locale(theme, language).strings
        missing = [s for s in strings if s.removeprefix("PLURAL ") not in table]
        assert missing == [], f"{language}.yaml lacks: {missing}"
        for key in strings:
            value = table[key.removeprefix("PLURAL ")]
            forms = value.values() if isinstance(value, dict) else [value]
            for form in forms:
                assert set(re.findall(r"\{(\w+)\}", str(form))) <= set(re.findall(r"\{(\w+)\}", key)), (
                    key,
                    form,
                )


def test_strings_file_lists_what_the_templates_use() -> None:
    listed = (THEME / "i18n" / "strings.txt").read_text(encoding="utf-8").splitlines()
    assert listed == interface_strings(Theme.with_overrides([THEME])), "regenerate it: chronology strings"


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "zero"), (1, "one"), (2, "two"), (5, "few"), (11, "many"), (100, "other"), (103, "few")],
)
def test_arabic_plural_categories(n: int, expected: str) -> None:
    locale = Locale(
        "ar", {"{n} event|{n} events": {c: c for c in ("zero", "one", "two", "few", "many", "other")}}
    )
    assert locale.tn("{n} event|{n} events", n) == expected


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        ("ar", {0: "zero", 1: "one", 2: "two", 3: "few", 111: "many", 1000: "other"}),
        ("fr-CA", {0: "one", 1: "one", 2: "other"}),  # French counts zero as one
        ("ru", {1: "one", 3: "few", 5: "many", 21: "one"}),
        ("xx", {1: "one", 2: "other"}),  # a language CLDR does not know counts as English
    ],
)
def test_plural_categories_come_from_cldr(language: str, counts: dict[int, str]) -> None:
    assert {n: plural_rule(language)(n) for n in counts} == counts


def test_overview_reads_right_to_left(town_site: Path) -> None:
    def mark_positions(page: Path) -> list[float]:
        wide = page.read_text().split('class="overview-svg overview-narrow"')[0]  # the wide drawing
        return [float(x) for x in re.findall(r'<circle class="mark" cx="([\d.]+)"', wide)]

    english = mark_positions(town_site / "index.html")
    arabic = mark_positions(town_site / "ar" / "index.html")
    assert english[0] < english[-1]  # earliest on the left
    assert arabic[0] > arabic[-1]  # earliest on the right
    assert [round(1000 - x, 1) for x in english] == arabic


def test_every_edition_has_its_own_feeds_calendar_timelinejs_404_and_json_ld(tmp_path: Path) -> None:
    out = tmp_path / "site"
    options = BuildOptions(site_url="https://example.org/town/", workers=1)
    Builder(BILINGUAL, THEME, out, options, root=tmp_path).build()
    edition = "https://example.org/town/ar/"
    for url in ("feeds/atom.xml", "feeds/tags/siege.xml", "data/events.ics", "data/timelinejs.json"):
        text = (out / "ar" / url).read_text(encoding="utf-8")
        assert edition + "events/" in text, f"ar/{url} does not link to the Arabic pages"
        assert "https://example.org/town/events/" not in text, f"ar/{url} links to the English pages"
    assert "بلدة المثال" in (out / "ar" / "feeds" / "atom.xml").read_text(encoding="utf-8")
    not_found = (out / "ar" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in not_found
    assert 'href="/town/ar/"' in not_found and 'href="/town/assets/style.css"' in not_found
    event = (out / "ar" / "events" / "0973-poet-born" / "index.html").read_text(encoding="utf-8")
    assert f'"url":"{edition}events/0973-poet-born/"' in event  # JSON-LD
    # JSON-LD names the language the page is in: the edition's, the main one where untranslated
    translated = next(p for p in (BILINGUAL / "events").glob("*.yaml") if "translations:" in p.read_text())
    languages = {
        (prefix, event_id): json_ld(out / prefix / "events" / event_id / "index.html")["inLanguage"]
        for prefix in ("", "ar")
        for event_id in (translated.stem, "0973-poet-born")
    }
    assert languages == {
        ("", translated.stem): "en",
        ("", "0973-poet-born"): "en",
        ("ar", translated.stem): "ar",
        ("ar", "0973-poet-born"): "en",  # shown in English, marked as untranslated
    }
    assert f'<meta property="og:url" content="{edition}events/0973-poet-born/">' in event
    assert '<link rel="alternate" type="application/atom+xml" href="../../feeds/atom.xml"' in event


@pytest.mark.parametrize(("language", "expected"), [("en", "300 BCE – 1899 CE"), ("ar", "300 ق.م – 1899 م")])
def test_an_era_that_crosses_the_common_era_names_both_ends_era(language: str, expected: str) -> None:
    """Readers of "300 BCE – 1899" cannot tell whether 1899 is BCE too; the end says CE. An era
    wholly in the common era keeps plain years."""
    from generator.dates import parse_date
    from generator.model import Era

    locale = load_locale(Theme.with_overrides([THEME]), language)
    assert locale.era_span(Era("long", "Long", parse_date("0300 BCE"), parse_date("1899"))) == expected
    assert locale.era_span(Era("modern", "Modern", parse_date("1900"), parse_date("1999"))) == "1900 – 1999"
