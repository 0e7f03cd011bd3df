"""HTML fragments (TimelineJS text, credits, captions) read with a real parser.

A regular expression turned ``1 &lt; 2`` into ``1 2``; ``html.parser`` decodes entities and
knows where a tag ends.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser


class SourceReader(HTMLParser):
    """Reads the source list ``exports.timelinejs`` writes back into source dicts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[dict[str, str]] = []
        self._current: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "a" and "data-publisher" in found:
            self._current = {
                "publisher": found["data-publisher"], "url": found.get("href", ""),
                "published": found.get("data-published", ""), "title": "",
                "archive_url": found.get("data-archive-url", ""), "language": found.get("hreflang", ""),
            }  # fmt: skip

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current["title"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._current is not None:
            self.sources.append({k: v.strip() for k, v in self._current.items() if v.strip()})
            self._current = None


class TextReader(HTMLParser):
    """HTML to plain text with a real parser: ``1 &lt; 2`` stays ``1 < 2``; paragraphs and line
    breaks become blank lines."""

    BREAKS = frozenset({"p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BREAKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BREAKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def text(self) -> str:
        lines = "".join(self.parts).split("\n")
        joined = "\n".join(" ".join(line.split()) for line in lines)
        return re.sub(r"\n{3,}", "\n\n", joined).strip()


def read_html(fragment: str) -> TextReader:
    reader = TextReader()
    reader.feed(fragment)
    reader.close()
    return reader


def html_to_text(fragment: str) -> str:
    return read_html(fragment).text()


def stripped_text(value: str) -> str:
    """What TimelineJS shows for ``group``: its text, decoded, then inserted as HTML (decoded again)."""
    for _ in range(2):
        value = html.unescape(re.sub(r"<[^>]+>", "", value))
    return value.strip()


def host_of(url: str) -> str:
    return re.sub(r"^(?:https?:)?//(?:www\.)?([^/]+).*", r"\1", url)


class LinkReader(HTMLParser):
    """The first http(s) link of an HTML fragment that ``wanted`` accepts, and its text."""

    def __init__(self, wanted: Callable[[str], bool], embeds: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.wanted = wanted
        self.embeds = embeds  # an <iframe>'s src counts too (media embeds), not only <a href>
        self.url = ""
        self.title: list[str] = []
        self.inside = False

    @classmethod
    def first(
        cls, fragment: str, wanted: Callable[[str], bool] = lambda url: True, embeds: bool = False
    ) -> tuple[str, str] | None:
        reader = cls(wanted, embeds)
        reader.feed(fragment)
        reader.close()
        return (reader.url, " ".join("".join(reader.title).split())) if reader.url else None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        href = (found.get("href") if tag == "a" else found.get("src") if self.embeds else "") or ""
        if tag not in ("a", "iframe") or self.url or not href.startswith(("http://", "https://", "//")):
            return
        url = "https:" + href if href.startswith("//") else href
        if self.wanted(url):
            self.url, self.inside = url, True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("a", "iframe"):
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.title.append(data)
