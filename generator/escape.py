"""Text made safe for an output format that HTML escaping does not cover: BibTeX, spreadsheets.

Each target has its own escaping (STYLE.md): these functions are the ones shared by the
templates (BibTeX in "Cite this event") and by writers and readers (the CSV formula guard,
which ``events.csv`` writes and ``chronology import csv`` removes).

BibTeX fields, the "Cite this event" block on every event page:

A field value sits inside braces (``title = {...}``), so a ``}`` in a title would end the field
and let the rest of the title write new fields (``x}, author = {Someone``). BibTeX counts
braces even after a backslash, so ``\\}`` does not help: every LaTeX special character is
written as a command whose own braces are balanced (``\\textbraceright{}``), and control
characters become spaces. Non-ASCII letters stay as they are (biber and modern LaTeX read
UTF-8), so Arabic titles cite as written.
"""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_ESCAPED = re.compile(r"[\\{}%&#$_^~]|[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# A cell starting with one of these is a formula to a spreadsheet ("CSV injection"): such text
# cells get a leading apostrophe, which spreadsheets hide and importers strip (see imports/).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What a spreadsheet or an import step may drop before reading a cell: spaces, controls and
# invisible format characters (zero-width space, BOM, word joiner, bidi marks).
_INVISIBLE_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf"}
_URL_UNSAFE = re.compile(r"[{}\\\s\x00-\x1f\x7f]")


def bibtex_text(value: object) -> str:
    """``value`` as the inside of a brace-delimited BibTeX field: nothing can close it."""
    return _ESCAPED.sub(lambda match: _SPECIAL.get(match.group(), " "), str(value))


def bibtex_url(value: object) -> str:
    """A URL for ``\\url{...}``: characters that could close the braces are percent-encoded."""
    return _URL_UNSAFE.sub(
        lambda match: "".join(f"%{byte:02X}" for byte in match.group().encode()), str(value)
    )


def starts_formula(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula.

    Leading invisible characters do not hide one (``"\\u200b=HYPERLINK(...)"``: Excel and
    LibreOffice trim some of them, and users paste the rest away), and full-width signs
    (``＝``) count as their ASCII forms, as Excel's input methods treat them.
    """
    for char in text:
        if char in FORMULA_STARTS:
            return True
        if unicodedata.category(char) not in _INVISIBLE_CATEGORIES:
            return unicodedata.normalize("NFKC", char).startswith(FORMULA_STARTS)
    return False


def looks_guarded(text: str) -> bool:
    """Whether ``text`` reads as a guarded cell: apostrophes, then what starts a formula.

    ``events.csv`` puts an apostrophe before a formula (``'=1+1``) and the importer takes it
    away; a text that itself begins so (``' -1``) is guarded too (``'' -1``), so that every
    text comes back as it was written.
    """
    rest = text.lstrip("'")
    return rest != text and starts_formula(rest)
