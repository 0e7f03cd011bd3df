"""Text for BibTeX fields: the "Cite this event" block on every event page.

A field value sits inside braces (``title = {...}``), so a ``}`` in a title would end the field
and let the rest of the title write new fields (``x}, author = {Someone``). BibTeX counts
braces even after a backslash, so ``\\}`` does not help: every LaTeX special character is
written as a command whose own braces are balanced (``\\textbraceright{}``), and control
characters become spaces. Non-ASCII letters stay as they are (biber and modern LaTeX read
UTF-8), so Arabic titles cite as written.
"""

from __future__ import annotations

import re

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
_URL_UNSAFE = re.compile(r"[{}\\\s\x00-\x1f\x7f]")


def bibtex_text(value: object) -> str:
    """``value`` as the inside of a brace-delimited BibTeX field: nothing can close it."""
    return _ESCAPED.sub(lambda match: _SPECIAL.get(match.group(), " "), str(value))


def bibtex_url(value: object) -> str:
    """A URL for ``\\url{...}``: characters that could close the braces are percent-encoded."""
    return _URL_UNSAFE.sub(
        lambda match: "".join(f"%{byte:02X}" for byte in match.group().encode()), str(value)
    )
