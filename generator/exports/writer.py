"""Markup for the export files, written by ``xml.sax.saxutils.XMLGenerator``, not by f-strings.

The Atom feeds and the HTML inside them and inside TimelineJS slides are built element by
element: the writer escapes every text and attribute value for the format and removes the
characters XML forbids, so no event text can break out of its element. The only unescaped
input is ``trusted``: Markdown that the validator already rendered and sanitised (``*_html``).
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import XMLGenerator
from xml.sax.xmlreader import AttributesImpl

# XML 1.0 forbids most control characters even when escaped; they are never meaningful here.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot carry at all."""
    return _XML_ILLEGAL.sub("", value)


class MarkupWriter:
    """An XML document, or (``html=True``) an HTML fragment: one HTML parsers read as written,
    so an empty element is ``<p></p>``, never ``<p/>``."""

    def __init__(self, declaration: bool = False, html: bool = False) -> None:
        self._buffer = io.StringIO()
        self._xml = XMLGenerator(self._buffer, encoding="utf-8", short_empty_elements=not html)
        if declaration:
            self._xml.startDocument()  # <?xml version="1.0" encoding="utf-8"?> and a newline

    def start(self, name: str, attributes: dict[str, str] | None = None) -> MarkupWriter:
        values = {key: xml_safe(value) for key, value in (attributes or {}).items()}
        self._xml.startElement(name, AttributesImpl(values))
        return self

    def end(self, name: str) -> MarkupWriter:
        self._xml.endElement(name)
        return self

    def text(self, value: str) -> MarkupWriter:
        self._xml.characters(xml_safe(value))
        return self

    def element(self, name: str, text: str = "", attributes: dict[str, str] | None = None) -> MarkupWriter:
        """``<name ...>text</name>``, or ``<name .../>`` without text."""
        self.start(name, attributes)
        if text:
            self.text(text)
        return self.end(name)

    def trusted(self, html: str) -> MarkupWriter:
        """Markup written as it is: only sanitised HTML the model rendered (``*_html`` fields)."""
        self._xml.ignorableWhitespace(html)
        return self

    def newline(self, indent: str = "") -> MarkupWriter:
        self._xml.ignorableWhitespace("\n" + indent)
        return self

    def getvalue(self) -> str:
        return self._buffer.getvalue()
