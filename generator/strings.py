"""The interface strings the theme uses, found in the templates: what each language must translate.

``chronology strings`` writes ``theme/i18n/strings.txt`` for translators, and a test checks
that every edition's ``theme/i18n/<language>.yaml`` translates every one of them.
"""

from __future__ import annotations

import re

from .dates import BEFORE_COMMON_ERA, COMMON_ERA, MONTH_NAMES
from .exports.common import EXPORT_STRINGS
from .fields import FACT_LABELS, STATUS_LABELS, STATUSES
from .render import LANGUAGE_NAMES
from .theming import Theme

_CALL = re.compile(r"""\b(t|tn|plural_forms)\(\s*(["'])(.+?)\2""")
# strings the code asks for (navigation, dates, language names, export files) rather than the
# templates
CODE_STRINGS = (
    "Chronology", "Years", "Eras", "Tags", "Actors", "Places", "Sources",
    "c. {date}", "{date}, {time}", "until {date}", "since {date}", BEFORE_COMMON_ERA, COMMON_ERA,
    *MONTH_NAMES,
    *LANGUAGE_NAMES.values(),
    *EXPORT_STRINGS, *STATUS_LABELS.values(), *STATUSES.values(), *FACT_LABELS.values(),
)  # fmt: skip


def interface_strings(theme: Theme) -> list[str]:
    """Every string passed to t(), tn() or plural_forms() in the theme, plus the code's own.

    Counted phrases (``"{n} event|{n} events"``) come back prefixed with ``PLURAL``.
    """
    found: dict[str, None] = {}
    for name, path in theme.files().items():
        if not name.endswith(".html"):
            continue
        for function, _, text in _CALL.findall(path.read_text(encoding="utf-8")):
            plural = function in ("tn", "plural_forms")
            found["PLURAL " + text if plural else text] = None
    for text in CODE_STRINGS:
        found.setdefault(text, None)
    return list(found)
