"""Typed values out of one mapping of a content file, each problem reported where it is.

``Fields`` wraps one mapping (an event, one of its sources, an era, a tag ...) of a loaded
document. Its readers each take a field name and return the value in its type, or None after
reporting why not, at the field's own line: text, Markdown, dates, booleans, numbers,
addresses, language codes and id lists. Which fields a mapping may have, and the rules across
fields and files, are the validator's (``validate.py``); this module knows only values.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from .dates import DateError, EventDate, parse_date
from .fields import ARCHIVE_HOSTS, LANGUAGE_PATTERN, MAX_BODY_LENGTH
from .load import Document
from .markup import MARKUP_HINT, NO_TEXT, MarkupError, plain_text, render_markdown
from .problems import Severity

LANGUAGE = re.compile(LANGUAGE_PATTERN)
MAX_IDS = 100  # per list (tags, actors, places, related): a bound, not a style rule
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Characters that have no place in an address and could end an HTML attribute or hide a part.
_URL_FORBIDDEN = re.compile(r'[\s"<>\\`\x00-\x1f\x7f]')


class Fields:
    """One mapping of a document, and whether every value read from it so far was valid."""

    def __init__(self, document: Document, data: Mapping[str, Any], prefix: str) -> None:
        self.document = document
        self.data = data
        self.prefix = prefix
        self.ok = True

    def path(self, name: str) -> str:
        """The field's path in problems: ``sources[1].url`` for ``url`` of the second source."""
        return f"{self.prefix}.{name}" if self.prefix else name

    def report(self, name: str, message: str, hint: str = "", severity: Severity = Severity.ERROR) -> None:
        """Add a problem at ``name``'s position (a full path); an error marks the mapping invalid."""
        if severity is Severity.ERROR:
            self.ok = False
        self.document.problems.append(self.document.problem(name, message, hint, severity))

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

    # ---- text ------------------------------------------------------------------------------
    def text(self, name: str, limit: int | None = None) -> str | None:
        """Plain text, stripped and in one Unicode spelling (NFC); refused when YAML read it as
        something else, when it is blank, or when it hides bidirectional controls."""
        value = self.scalar(name, "text")
        if value is None:
            return None
        problem = self._text_problem(name, value)
        if problem is not None:
            self.report(self.path(name), *problem)
            return None
        if limit is not None and len(value) > limit:
            self.report(
                self.path(name),
                f"is {len(value)} characters; keep it under {limit}",
                "move detail into the summary",
            )
        # one spelling per text: NFC, so a publisher typed two ways is one publisher
        return unicodedata.normalize("NFC", value.strip())

    def name(self, field: str) -> str | None:
        """A name that groups events (a publisher): text without invisible format characters.

        "Reu\u200bters" would otherwise make a second publisher page beside "Reuters"; the
        characters are dropped and a warning says where they were.
        """
        value = self.text(field)
        if value is None:
            return None
        visible = "".join(c for c in value if unicodedata.category(c) != "Cf")
        if visible != value:
            hidden = sorted({f"U+{ord(c):04X}" for c in value if unicodedata.category(c) == "Cf"})
            self.report(
                self.path(field),
                f"contains invisible characters ({', '.join(hidden)}), dropped from the name",
                "retype the name; invisible characters usually come from copying text",
                Severity.WARNING,
            )
        return visible.strip() or None

    def _text_problem(self, name: str, value: str) -> tuple[str, str] | None:
        """(message, hint) when ``value`` cannot be used as text at all."""
        kind = self.document.kinds.get(self.path(name))
        if kind is not None:
            return f"YAML reads {value!r} as a {kind}, not as text", f'put the text in quotes: "{value}"'
        if not value.strip():
            return "is empty or only spaces", "write the text, or remove the field"
        if _BIDI_CONTROLS.search(value):
            return (
                "contains invisible bidirectional control characters "
                "(U+202A-U+202E, U+2066-U+2069) that can disguise text",
                "retype the text; Arabic and English mix correctly without them",
            )
        return None

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
                rendered = render_markdown(value)  # cached: the model's own render of it costs nothing
            except MarkupError as error:
                self.report(self.path(name), f"line {error.line} of the text: {error}", MARKUP_HINT)
                return None
            if value.strip() and not plain_text(rendered):
                self.report(
                    self.path(name),
                    NO_TEXT,
                    "write the text in words; Markdown allows emphasis, links, lists and quotes",
                )
                return None
        return value

    # ---- dates, booleans, numbers ----------------------------------------------------------
    def date(self, name: str) -> EventDate | None:
        """A partial date (YYYY, YYYY-MM, YYYY-MM-DD); a year YAML read as a number is padded."""
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
        """true or false as YAML reads them (not the text "true" in quotes); absent is false."""
        value = self.scalar(name, "true or false")
        if value is None:
            return False
        if value.lower() in ("true", "false") and self.document.kinds.get(self.path(name)):
            return value.lower() == "true"
        self.report(self.path(name), f"must be true or false, not {value!r}", "write true or false")
        return False

    def number(self, name: str, low: float, high: float) -> float | None:
        """A number within ``low``..``high`` (coordinates, a menu position)."""
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

    # ---- addresses and codes ---------------------------------------------------------------
    def url(self, name: str, archive: bool = False) -> str | None:
        """An http(s) address; with ``archive``, one on a known web archive."""
        value = self.scalar(name, "a URL")
        if value is None:
            return None
        value = value.strip()
        if not is_web_address(value):
            self.report(
                self.path(name),
                f"{value!r} is not an http(s) address",
                "copy the full address from the browser, starting with https://",
            )
            return None
        host = (urlsplit(value).hostname or "").lower()
        if archive and not is_archive_host(host):
            self.report(
                self.path(name),
                f"{host} is not a known web archive",
                "use a copy on web.archive.org or archive.today (archive.ph)",
            )
            return None
        return value

    def language(self, name: str) -> str | None:
        """A language code: en, ar, pt-BR."""
        value = self.scalar(name, "a language code")
        if value is not None and not LANGUAGE.fullmatch(value):
            self.report(self.path(name), f"{value!r} is not a language code", "e.g. en, ar, fr")
            return None
        return value

    # ---- lists -----------------------------------------------------------------------------
    def id_list(self, name: str) -> tuple[str, ...]:
        """A list of ids (one id alone is a list of one); a repeated id is a warning, not an error.

        Whether each id is declared is a check across files (``validate.check_references``).
        """
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
        return self._unique_ids(name, value)

    def text_list(self, name: str, limit: int, most: int = MAX_IDS) -> tuple[str, ...]:
        """A list of short texts (one text alone is a list of one), each checked like ``text``;
        a repeated text is a warning. Used for ``aliases``: other spellings search matches."""
        value = self.data.get(name)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or len(value) > most:
            self.report(
                self.path(name),
                f"must be a list of at most {most} texts",
                f'e.g. {name}: ["Maarat al-Numan", "المعرة"]',
            )
            return ()
        texts: list[str] = []
        for index, item in enumerate(value):
            path = f"{self.path(name)}[{index}]"
            if not isinstance(item, str) or not item.strip() or _BIDI_CONTROLS.search(item):
                self.report(
                    path, "must be text without bidirectional controls", f'put it in quotes: "{item}"'
                )
            elif len(item) > limit:
                self.report(path, f"is {len(item)} characters; keep it under {limit}", "shorten it")
            elif unicodedata.normalize("NFC", item.strip()) in texts:
                self.report(path, f"'{item}' is listed twice", "remove one", Severity.WARNING)
            else:
                texts.append(unicodedata.normalize("NFC", item.strip()))
        return tuple(texts)

    def _unique_ids(self, name: str, value: list[Any]) -> tuple[str, ...]:
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


def is_web_address(value: str) -> bool:
    """An absolute http(s) address with a host and nothing that could end an HTML attribute."""
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not _URL_FORBIDDEN.search(value)


def is_archive_host(host: str) -> bool:
    """``host`` is a known web archive, or one of its subdomains."""
    return any(host == known or host.endswith("." + known) for known in ARCHIVE_HOSTS)
