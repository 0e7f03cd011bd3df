"""Markdown to safe HTML.

Summaries and bodies are Markdown written by semi-trusted contributors. They are rendered with
Python-Markdown and then sanitised with nh3 (the Ammonia sanitiser) to an allow-list, so no
script, event handler, style or ``javascript:`` link can reach a reader, whatever the Markdown.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "hr", "abbr", "q", "cite", "sub", "sup",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "q": {"cite"}}
URL_SCHEMES = {"http", "https", "mailto"}

_markdown = markdown.Markdown(extensions=[], output_format="html")


class MarkupError(ValueError):
    """Markdown the renderer cannot handle: lists or quotes nested hundreds of levels deep."""


@lru_cache(maxsize=16)  # the validator renders each field once to check it; the model's render is free
def render_markdown(text: str) -> str:
    """Render Markdown and sanitise the result; returns HTML safe to insert as-is."""
    global _markdown
    if not text.strip():
        return ""
    _markdown.reset()
    try:
        html = _markdown.convert(text)
    except RecursionError:
        # Python-Markdown recurses once per nesting level; its parser state is left half-way,
        # which reset() does not clear, so start from a fresh instance.
        _markdown = markdown.Markdown(extensions=[], output_format="html")
        raise MarkupError("the Markdown is nested too deeply (lists or quotes inside each other)") from None
    return sanitise(html)


@lru_cache(maxsize=4096)
def render_inline(text: str) -> str:
    """Markdown for a one-line description: the paragraph wrapper removed."""
    html = render_markdown(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def sanitise(html: str) -> str:
    """Keep only allow-listed tags, attributes and URL schemes; links get rel=noopener."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|pre)>|<br\s*/?>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def plain_text(fragment: str) -> str:
    """Sanitised HTML (the model's ``*_html``) as plain text, paragraphs kept as blank lines.

    For what is not HTML: search snippets, calendar descriptions, JSON-LD. Every entity is
    decoded, so the text reads as written whatever the Markdown contained.
    """
    text = _BLOCK_END.sub(lambda m: "\n\n" if m.group(1) else "\n", " ".join(fragment.split("\n")))
    text = html.unescape(_TAG.sub("", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
