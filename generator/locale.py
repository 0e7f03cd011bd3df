"""The reader's language: interface strings, plural forms, dates, and text direction.

Interface text lives in ``theme/i18n/<language>.yaml`` as data: English strings are the keys,
so a template says ``t("Sources")`` and the English edition needs no table (``en.yaml`` holds
only what is not the key itself, such as the language's own name). Adding a language is adding
a file, never code: plural rules (Arabic has six forms, Russian three, French counts 0 as one)
come from the Unicode CLDR data that Babel ships, for every language it knows.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import babel
import babel.numbers
import yaml

from .dates import BEFORE_COMMON_ERA, COMMON_ERA, MONTH_NAMES, DateWords, EventDate, display_span
from .model import Era, Event
from .theming import Theme

RIGHT_TO_LEFT = {"ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv"}


def _default_plural(n: int) -> str:
    return "one" if n == 1 else "other"


@functools.lru_cache(maxsize=64)
def plural_rule(language: str) -> Callable[[int], str]:
    """The CLDR plural category of a count in a language (``ar``: zero, one, two, few, many,
    other); a language CLDR does not know counts as English does."""
    try:
        return babel.Locale.parse(language, sep="-").plural_form
    except (babel.UnknownLocaleError, ValueError):
        return _default_plural


@dataclass
class Locale:
    """What the templates need to speak one language."""

    language: str
    strings: dict[str, Any] = field(default_factory=dict)

    @property
    def direction(self) -> str:
        return "rtl" if self.language.split("-")[0] in RIGHT_TO_LEFT else "ltr"

    @property
    def name(self) -> str:
        """The language's name for itself, for the link to its edition."""
        return str(self.strings.get("language.name", self.language))

    def t(self, text: str, **values: object) -> str:
        """Translate an interface string; ``{placeholders}`` are filled after translating."""
        translated = self.strings.get(text, text)
        if not isinstance(translated, str):
            translated = text
        return translated.format(**values) if values else translated

    def tn(self, forms: str, n: int, **values: object) -> str:
        """A counted phrase: ``tn("{n} event|{n} events", 3)``; plural forms per language."""
        entry = self.strings.get(forms)
        if isinstance(entry, dict):
            text = str(entry.get(plural_rule(self.language)(n)) or entry.get("other") or forms)
        else:
            one, _, other = forms.partition("|")
            text = one if n == 1 else (other or one)
        return text.format(n=n, **values)

    def plural_forms(self, forms: str) -> dict[str, str]:
        """All forms of a counted phrase by CLDR category, for the browser's Intl.PluralRules."""
        entry = self.strings.get(forms)
        if isinstance(entry, dict):
            return {str(category): str(text) for category, text in entry.items()}
        one, _, other = forms.partition("|")
        return {"one": one, "other": other or one}

    @functools.cached_property
    def months(self) -> list[str]:
        return [self.t(month) for month in MONTH_NAMES]

    @functools.cached_property
    def date_words(self) -> DateWords:
        """Month names, the era words ("{year} BCE": ``350 ق.م``) and the language's digit
        grouping for long years (65,000,000 BCE)."""
        return DateWords(self.months, self.t(BEFORE_COMMON_ERA), self.t(COMMON_ERA), self.group_digits)

    def group_digits(self, number: int) -> str:
        try:
            return babel.numbers.format_decimal(number, locale=self.language.replace("-", "_"))
        except (babel.UnknownLocaleError, ValueError):
            return f"{number:,}"

    def year(self, year: int) -> str:
        """An (astronomical) year as readers say it: ``973``, ``350 BCE``."""
        return self.date_words.year(year)

    def day(self, date: EventDate) -> str:
        return date.display(self.date_words)

    def when(self, event: Event, with_end: bool = True) -> str:
        span = display_span(event.date, event.end, event.approximate, self.date_words, self.t("c. {date}"))
        return event.shown_when(span, self.t("{date}, {time}"), with_end)

    def era_span(self, era: Era) -> str:
        start = self.day(era.start) if era.start else ""
        crosses = era.start is not None and era.start.before_common_era  # "300 BCE – 1899 CE"
        end = era.end.display(self.date_words, with_era=crosses) if era.end else ""
        if start and end:
            return f"{start} – {end}"
        return self.t("until {date}", date=end) if end else self.t("since {date}", date=start)


def load_locale(theme: Theme, language: str) -> Locale:
    """Read ``i18n/<language>.yaml`` of every theme layer, an override's phrases winning.

    A language without a file shows the keys (English).
    """
    strings: dict[str, Any] = {}
    # a regional or script variant (fr-CA, zh-Hans) starts from its language's table (fr, zh)
    tags = [language.split("-")[0], language] if "-" in language else [language]
    for tag in dict.fromkeys(tags):
        for path in theme.layers(f"i18n/{tag}.yaml"):
            strings.update(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {})
    return Locale(language, strings)
