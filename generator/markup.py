"""Markdown to safe HTML.

Summaries and bodies are Markdown written by semi-trusted contributors. They are rendered with
Python-Markdown and then sanitised with nh3 (the Ammonia sanitiser) to an allow-list, so no
script, event handler, style or ``javascript:`` link can reach a reader, whatever the Markdown.

Python-Markdown takes time quadratic in the length of some constructs: a run of ``[`` that
never closes (each one scans to the end of its paragraph), unclosed ``](``, tag-like ``<``
without ``>``, setext and rule lines stacked in one paragraph, quotes nested in quotes. Every
Markdown input therefore has a length limit (declared in ``fields.py``; ``MAX_PAGE_LENGTH``
for pages), and ``render_markdown`` first estimates, in one linear pass, how much scanning the text would
cost (``check_render_cost``); above ``RENDER_BUDGET`` it refuses with a ``MarkupError`` that
names the line and the construct, which the validator reports against the file. Ordinary
Markdown costs a small multiple of its length and is rendered exactly as before.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from functools import lru_cache

import markdown
import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "hr", "abbr", "q", "cite", "sub", "sup",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "q": {"cite"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Every allowed attribute that holds a URL, with the schemes it may use; any other scheme
# (javascript:, data:, vbscript: ...) removes the attribute. nh3 checks only some URL
# attributes (``<q cite>`` slipped through), so each is checked here, the way a browser
# reads it. A URL without a scheme (relative, or //host/...) is allowed.
URL_ATTRIBUTES = {("a", "href"): {"http", "https", "mailto"}, ("q", "cite"): {"http", "https"}}
# browsers drop tabs and newlines anywhere in a URL, and C0 controls and spaces around it
_URL_IGNORED = re.compile(r"[\t\n\r]|^[\x00-\x20]+|[\x00-\x20]+$")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")

LINK_REL = "noopener noreferrer nofollow"  # on every link the sanitiser keeps
# An inline citation: [^2] is the event's second source (1-based), as editors write it.
CITATION = re.compile(r"\[\^(\d+)\]")


class _Citations(InlineProcessor):
    """``[^2]`` -> a superscript "[2]": a link to the event's second source when an anchor prefix
    is set (the event page: ``#<event-id>-source-2``), plain text otherwise (exports, feeds)."""

    def __init__(self) -> None:
        super().__init__(CITATION.pattern)
        self.prefix: str | None = None

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]
        number = m.group(1)
        sup = etree.Element("sup")
        if self.prefix:
            link = etree.SubElement(sup, "a", {"href": f"#{self.prefix}-source-{number}"})
            link.text = f"[{number}]"
        else:
            sup.text = f"[{number}]"
        return sup, m.start(0), m.end(0)


class CitationExtension(markdown.Extension):
    def __init__(self) -> None:
        super().__init__()
        self.processor = _Citations()

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # before links and references (170), which would read [^2] as a reference
        md.inlinePatterns.register(self.processor, "citation", 175)


_citations = CitationExtension()
_markdown = markdown.Markdown(extensions=[_citations], output_format="html")


def source_anchor(event_id: str, number: int) -> str:
    """The id of an event's ``number``-th source (1-based) in its source list: where [^n] links."""
    return f"{event_id}-source-{number}"


def citation_numbers(text: str) -> list[tuple[int, int]]:
    """(source number, offset in ``text``) of every inline citation, for the validator."""
    return [(int(match[1]), match.start()) for match in CITATION.finditer(text)]


# Characters of Markdown a prose page may hold; the fields' limits are declared in fields.py.
MAX_PAGE_LENGTH = 50_000  # the longest real page is under 6,000
# for a Markdown text that renders to nothing visible ("-" alone, or only a <script>)
NO_TEXT = "has no text to show: only markup, or HTML removed for safety (scripts, images, frames, forms)"
MARKUP_HINT = "see 'Markdown limits' in CONTRIBUTING.md; ordinary Markdown never comes near them"

# What rendering may cost, per construct and per text, in characters Python-Markdown scans or
# copies beyond the text itself (about 0.4 microseconds each): ordinary Markdown at the page
# limit stays far below (a link scans only its own text), while 1,000 unclosed "[" in one
# paragraph (500,000) take a fifth of a second, and 20,000 almost a minute.
RENDER_BUDGET = 150_000
# Every inline match (emphasis, code, link, entity) copies its paragraph or list item once more:
# markup characters times the length of the paragraph they are in, summed over the text.
INLINE_BUDGET = 5_000_000
MAX_QUOTE_DEPTH = 32

_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n")
_ITEM_START = re.compile(r"\n(?=[ ]*(?:[-*+]|\d+[.)]|#+)[ ])")
_QUOTE_PREFIX = re.compile(r"[ ]{0,3}>(?:[ ]{0,3}>)*")
_SPLIT_LINE = re.compile(r"[ ]{0,3}(?:[=-]+|([*_-])(?:[ ]*\1){2,})[ ]*")
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_BRACKET_MARKS = re.compile(r"\\.|[\[\]()]", re.DOTALL)  # an escape pair, or one of []()
_INLINE_MARKS = "*_`<&[!\\"
_TOO_SLOW = "this Markdown would take too long to render: "


class MarkupError(ValueError):
    """Markdown the renderer cannot handle in reasonable time: too deep or too costly to scan.

    ``line`` counts from the first line of the Markdown text, so the caller can point at it.
    """

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


@lru_cache(maxsize=16)  # the validator renders each field once to check it; the model's render is free
def render_markdown(text: str, cite: str = "") -> str:
    """Render Markdown and sanitise the result; returns HTML safe to insert as-is.

    Inline citations (``[^2]``) become superscript links to ``#<cite>-source-2`` when ``cite``
    (the event's id) is given, and plain superscript "[2]" otherwise.
    """
    global _markdown
    if not text.strip():
        return ""
    check_render_cost(text)
    _markdown.reset()
    _citations.processor.prefix = cite
    try:
        html = _markdown.convert(text)
    except RecursionError:
        # Python-Markdown recurses once per nesting level; its parser state is left half-way,
        # which reset() does not clear, so start from a fresh instance.
        _markdown = markdown.Markdown(extensions=[_citations], output_format="html")
        raise MarkupError("the Markdown is nested too deeply (lists or quotes inside each other)") from None
    return sanitise(html)


def without_citation_links(text: str, html_text: str, cite: str) -> str | None:
    """``render_markdown(text)`` from ``html_text = render_markdown(text, cite)``, without
    rendering the Markdown again (the exports show every event's summary with plain "[2]"
    citations, and Markdown is the costliest step of an export); None when it cannot be sure.

    The two renders differ only inside each citation's ``<sup>``: a link, or its text. That is
    certain when every citation of the text was rendered as the plain citation link, none sits
    inside a link's text (where the sanitiser's HTML parser would split nested links) and the
    text holds no HTML or autolink of its own. Otherwise None: render again.
    """
    if "<" in text or _citation_in_brackets(text):
        return None
    anchor, count = html.escape(cite), 0

    def plain(match: re.Match[str]) -> str:
        nonlocal count
        if match[1] != anchor:
            return match[0]
        count += 1
        return f"<sup>[{match[2]}]</sup>"

    result = _CITATION_LINK.sub(plain, html_text)
    return result if count == len(CITATION.findall(text)) else None


# One pattern for every event (compiled per event id, it would be compiled again for each).
_CITATION_LINK = re.compile(rf'<sup><a href="#([^"]+)-source-(\d+)" rel="{LINK_REL}">\[\2\]</a></sup>')
_CITATION_OR_BRACKET = re.compile(r"\\.|\[\^\d+\]|[\[\]]", re.DOTALL)


def _citation_in_brackets(text: str) -> bool:
    """Whether a citation may be part of a link's text: inside a ``[`` not yet closed."""
    depth = 0
    for match in _CITATION_OR_BRACKET.finditer(text):
        mark = match.group()
        if mark == "[":
            depth += 1
        elif mark == "]":
            depth = max(0, depth - 1)
        elif mark.startswith("[^") and depth:
            return True
    return False


def check_render_cost(text: str) -> None:
    """Raise MarkupError when rendering ``text`` would scan far more than its own length.

    A linear estimate of Python-Markdown's own scanning, per construct, summed over the text,
    so that rendering time grows with the length of the text whatever it holds (see the
    module docstring). The error names the line where the budget ran out.
    """
    _check_quote_depth(text)
    totals = {"brackets": 0, "split lines": 0, "inline": 0}
    line = 1
    for block in _BLOCK_SPLIT.split(text):
        totals["brackets"] += _bracket_cost(block)
        totals["split lines"] += _split_line_cost(block)
        totals["inline"] += sum(_inline_cost(unit) for unit in _ITEM_START.split(block))
        for name, total in totals.items():
            if total > (INLINE_BUDGET if name == "inline" else RENDER_BUDGET):
                raise MarkupError(_TOO_SLOW + _ADVICE[name], line)
        line += block.count("\n") + 2
    cost, offset = _tag_cost(text)
    if cost > RENDER_BUDGET:
        raise MarkupError(_TOO_SLOW + _ADVICE["tags"], text.count("\n", 0, offset) + 1)


_ADVICE = {
    "brackets": "too many '[' or '](' that never close (each makes the link reader scan to the end "
    "of its paragraph); close them, or write \\[ for a literal '['",
    "split lines": "too many underline or rule lines ('-', '=', '* * *') inside paragraphs (each "
    "makes the paragraph be split and read again); put blank lines around them",
    "inline": "paragraphs too long for the markup they hold (each emphasis, code, link or entity "
    "copies its paragraph again); split them with blank lines",
    "tags": "too many '<' that look like tags but never close (each makes the HTML reader scan "
    "to the end of the text); write &lt; for a literal '<'",
}


def _bracket_cost(block: str) -> int:
    """What the link readers scan: each '[' to its ']' (or the block's end), each '](' to its ')'.

    Only brackets, parentheses and escapes matter, so the scan visits those alone (a regular
    expression finds them) rather than every character: this check runs on every Markdown field.
    """
    brackets: list[int] = []
    parens: list[int] = []
    link_parens: set[int] = set()
    cost = 0
    end = len(block)
    for match in _BRACKET_MARKS.finditer(block):
        char, index = match.group(), match.start()
        if char == "[":
            brackets.append(index)
        elif char == "]" and brackets:
            cost += index - brackets.pop()
            if block.startswith("(", index + 1):
                link_parens.add(index + 1)
        elif char == "(":
            parens.append(index)
        elif char == ")" and parens:
            opened = parens.pop()
            if opened in link_parens:
                link_parens.discard(opened)
                cost += index - opened
        # else an escape: a backslash and the character it escapes, both skipped
    return cost + sum(end - position for position in (*brackets, *link_parens))


def _split_line_cost(block: str) -> int:
    """Each underline or rule line in a block makes the block be split there and read again."""
    count = sum(1 for line in block.split("\n") if _SPLIT_LINE.fullmatch(line))
    return count * len(block) if count > 1 else 0


def _inline_cost(unit: str) -> int:
    return sum(unit.count(mark) for mark in _INLINE_MARKS) * len(unit)


def _check_quote_depth(text: str) -> None:
    for number, line in enumerate(text.split("\n"), 1):
        prefix = _QUOTE_PREFIX.match(line)
        if prefix is not None and prefix.group().count(">") > MAX_QUOTE_DEPTH:
            raise MarkupError(
                f"{_TOO_SLOW}quotes nested more than {MAX_QUOTE_DEPTH} levels deep "
                "(each level reads the text inside it again)",
                number,
            )


def _tag_cost(text: str) -> tuple[int, int]:
    """What the HTML reader scans: from each tag-like '<' to the next '>' (or the end)."""
    cost, first, next_close = 0, 0, -1
    for match in _TAG_START.finditer(text):
        start = match.start()
        if next_close < start:
            found = text.find(">", start)
            next_close = len(text) if found < 0 else found
        cost += next_close - start
        if next_close == len(text) and not first:
            first = start
    return cost, first


@lru_cache(maxsize=4096)
def render_inline(text: str) -> str:
    """Markdown for a one-line description: the paragraph wrapper removed."""
    html = render_markdown(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def sanitise(html: str, tags: set[str] = ALLOWED_TAGS) -> str:
    """Keep only allow-listed tags, attributes and URL schemes; links get rel=noopener."""
    return nh3.clean(
        html,
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
        attribute_filter=_filter_attribute,
    )


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    """Drop a URL attribute whose scheme is not allowed for it; keep every other value."""
    schemes = URL_ATTRIBUTES.get((element, attribute))
    if schemes is None:
        return value
    scheme = _SCHEME.match(_URL_IGNORED.sub("", value))
    if scheme is not None and scheme.group(1).lower() not in schemes:
        return None
    return value


# a link to a sibling prose page as its author writes it: about.md, methodology.ar.md#dates
_PAGE_FILE_NAME = r'([a-z0-9]+(?:-[a-z0-9]+)*)(?:\.[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)?\.md(#[^"]*)?'
_PAGE_LINK = re.compile(f'href="{_PAGE_FILE_NAME}"')


def link_prose_pages(html: str) -> str:
    """Point links between prose pages at the built pages.

    Editors link pages as files (``[methodology](methodology.md)``), which is what their editor
    and GitHub follow; a built page lives at ``<slug>/``, beside the others in its edition.
    """
    return _PAGE_LINK.sub(lambda m: f'href="../{m.group(1)}/{m.group(2) or ""}"', html)


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


# ---- prose pages ----------------------------------------------------------------------------
# A page (about, methodology) is a document of its own: it keeps the heading levels its author
# wrote, under the page's one h1, and links between pages are written as in any Markdown
# editor (``[methodology](methodology.md)``) and published as the page's address.
PAGE_TAGS = ALLOWED_TAGS | {"h2", "h5", "h6"}
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_PAGE_FILE = re.compile(_PAGE_FILE_NAME)
# inline links and images ``](target`` and reference definitions ``[id]: target``
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)|^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)


def page_link(href: str) -> str:
    """A link to a page's Markdown file (``methodology.md#dates``) as the page's address
    (``../methodology/#dates``); any other link as written."""
    match = _PAGE_FILE.fullmatch(href)
    return f"../{match.group(1)}/{match.group(2) or ''}" if match else href


class _PageTree(Treeprocessor):
    """Headings of a prose page, after the inline patterns have run.

    A page whose text opens with its only ``#`` heading keeps it as the page's h1 (the
    template shows it), and every other level as written. A page with several ``#`` headings
    has all of them moved one level down, so the page still has one h1.
    """

    heading = ""

    def run(self, root: object) -> None:
        tree = root  # an ElementTree element; typed loosely, as Python-Markdown does
        headings = [node for node in tree.iter() if node.tag in _HEADINGS]  # type: ignore[attr-defined]
        tops = [node for node in headings if node.tag == "h1"]
        self.heading = ""
        if len(tops) == 1 and len(tree) and tree[0] is tops[0]:  # type: ignore[arg-type,index]
            self.heading = " ".join("".join(tops[0].itertext()).split())
            tree.remove(tops[0])  # type: ignore[attr-defined]
        elif tops:
            for node in headings:
                node.tag = f"h{min(int(node.tag[1]) + 1, 6)}"


class _PageExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # Python-Markdown's name
        md.treeprocessors.register(_PageTree(md), "page", 5)  # after "inline" (20)


_page_markdown = markdown.Markdown(extensions=[_PageExtension()], output_format="html")


@lru_cache(maxsize=16)
def render_page(text: str) -> tuple[str, str]:
    """A prose page's Markdown as safe HTML, with its own h1's text ("" when it has none)."""
    global _page_markdown
    if not text.strip():
        return "", ""
    check_render_cost(text)
    _page_markdown.reset()
    try:
        rendered = _page_markdown.convert(text)
    except RecursionError:
        _page_markdown = markdown.Markdown(extensions=[_PageExtension()], output_format="html")
        raise MarkupError("the Markdown is nested too deeply (lists or quotes inside each other)") from None
    tree = _page_markdown.treeprocessors["page"]
    heading = tree.heading if isinstance(tree, _PageTree) else ""
    return link_prose_pages(sanitise(rendered, PAGE_TAGS)), heading


def markdown_links(text: str) -> list[tuple[int, str]]:
    """(line, target) of every link written in a Markdown text, lines counted from 1, so a
    broken one can be reported where it is."""
    return [
        (text.count("\n", 0, match.start()) + 1, match.group(1) or match.group(2))
        for match in _LINK_TARGET.finditer(text)
    ]
