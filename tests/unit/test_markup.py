import contextlib
import time

import markdown
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator import markup
from generator.markup import (
    ALLOWED_ATTRIBUTES,
    URL_ATTRIBUTES,
    MarkupError,
    link_prose_pages,
    render_markdown,
    sanitise,
)

from ..conftest import ROOT


@pytest.mark.parametrize(
    "text",
    [
        "<script>window.__pwned = 1</script>",
        "[click](javascript:alert(1))",
        '<img src="x" onerror="alert(1)">',
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        '<p style="background:url(javascript:alert(1))">x</p>',
    ],
)
def test_markdown_cannot_carry_scripts(text: str) -> None:
    html = render_markdown(text)
    for dangerous in ("<script", "javascript:", "onerror", "data:", "style="):
        assert dangerous not in html


def test_ordinary_markdown_survives() -> None:
    html = render_markdown("Said *so*, according to [AFP](https://www.afp.com/).")
    assert "<em>so</em>" in html
    assert 'href="https://www.afp.com/"' in html


# ---- Markdown that Python-Markdown renders in quadratic time -------------------------------

ADVERSARIAL = {
    "unclosed [": "[" * 20_000,
    "unclosed ![": "![" * 10_000,
    "unclosed ](": "[a](" * 5_000,
    "nested brackets": "[" * 10_000 + "]" * 10_000,
    "emphasis flood": "*a* " * 5_000,
    "backtick flood": "`a " * 6_000,
    "unclosed tags": "<a " * 6_000,
    "unclosed autolinks": "<http://" * 2_500,
    "underline lines": "-\n" * 10_000,
    "rule lines": "* * *\n" * 3_000,
    "nested quotes": "> " * 5_000 + "a",
    "many short paragraphs of [": ("[" * 400 + "\n\n") * 50,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_costly_markdown_is_refused_quickly_naming_the_line(name: str) -> None:
    text = "An ordinary first paragraph.\n\nAnd a second one.\n\n" + ADVERSARIAL[name]
    clock = time.perf_counter()
    line = 7 if name.startswith("many") else 5  # where the budget runs out: the 2nd run of "["
    with pytest.raises(MarkupError, match=r"^this Markdown would take too long to render: ") as raised:
        render_markdown(text)
    assert raised.value.line == line
    assert time.perf_counter() - clock < 1.0  # unguarded, these take from seconds to minutes


def test_rendering_time_grows_linearly_with_the_text() -> None:
    """Twice the adversarial text, refused or not, takes about twice as long (not four times)."""

    def seconds(repeats: int) -> float:
        text = "*a* " * 500 * repeats + "\n\n" + "[" * 2_000 * repeats
        clock = time.perf_counter()
        with contextlib.suppress(MarkupError):
            render_markdown(text + f"\n\n{repeats}")
        return time.perf_counter() - clock

    assert seconds(4) < 3 * seconds(2) + 0.05


def plain_render(text: str) -> str:
    """Python-Markdown (with inline citations, [^1]) and the sanitiser without the cost check:
    the renderer as it was."""
    engine = markdown.Markdown(extensions=[markup.CitationExtension()], output_format="html")
    return sanitise(engine.convert(text)) if text.strip() else ""


def ordinary_markdown() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(ROOT.glob("content/pages/*.md"))]
    for path in sorted(ROOT.glob("content/events/*.yaml")) + sorted(
        ROOT.glob("tests/fixtures/*/content/events/*.yaml")
    ):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            texts += [data[key] for key in ("summary", "body") if isinstance(data.get(key), str)]
            for translation in (data.get("translations") or {}).values():
                texts += [value for value in translation.values() if isinstance(value, str)]
    return texts


def test_ordinary_markdown_renders_exactly_as_before() -> None:
    texts = ordinary_markdown()
    assert len(texts) > 60
    for text in texts:
        assert render_markdown(text) == plain_render(text)


def test_long_ordinary_pages_are_accepted() -> None:
    """A page at the length limit made of real prose, lists of links and quotes renders."""
    prose = ordinary_markdown()[0]
    links = "".join(
        f"- [Report {n}](https://example.org/{n}), *Example Gazette*, `{n}`\n" for n in range(200)
    )
    quotes = "> > A quoted *claim*, and [its source](https://example.org/q).\n" * 40
    page = (prose + "\n\n" + links + "\n\n" + quotes + "\n\n") * 4
    page = page[: markup.MAX_PAGE_LENGTH]
    assert render_markdown(page) == plain_render(page)


# ---- URL attributes ------------------------------------------------------------------------

NOT_URLS = {"title", "hreflang"}
BAD_URLS = [
    "javascript:window.__pwned=1",
    "JaVaScRiPt:window.__pwned=1",
    " &#x0a;java&#x09;script:window.__pwned=1",
    "&#1;javascript:window.__pwned=1",
    "vbscript:msgbox(1)",
    "data:text/html,<script>window.__pwned=1</script>",
    "ftp://example.org/",
]
GOOD_URLS = [
    "https://example.org/a?b=c:d",
    "http://example.org/",
    "../2020-01-12-entities/",
    "/about/",
    "#top",
]


def url_attributes() -> list[tuple[str, str]]:
    return sorted(
        (tag, name) for tag, names in ALLOWED_ATTRIBUTES.items() for name in names if name not in NOT_URLS
    )


def test_every_allowed_url_attribute_is_checked() -> None:
    """A new allowed attribute is either plainly not a URL or has its schemes listed."""
    assert url_attributes() == sorted(URL_ATTRIBUTES)


@pytest.mark.parametrize(("tag", "attribute"), url_attributes())
@pytest.mark.parametrize("url", BAD_URLS)
def test_url_attributes_allow_no_other_scheme(tag: str, attribute: str, url: str) -> None:
    html = sanitise(f'<{tag} {attribute}="{url}">x</{tag}>')
    assert f"{attribute}=" not in html
    assert html.startswith(f"<{tag}") and "x" in html


@pytest.mark.parametrize(("tag", "attribute"), url_attributes())
@pytest.mark.parametrize("url", GOOD_URLS)
def test_url_attributes_keep_http_and_relative_urls(tag: str, attribute: str, url: str) -> None:
    assert f'{attribute}="{url}"' in sanitise(f'<{tag} {attribute}="{url}">x</{tag}>')


def test_quote_citations_reach_the_page_only_as_http_or_relative() -> None:
    html = render_markdown('<q cite="javascript:window.__pwned=1">a</q> <q cite="https://example.org/">b</q>')
    assert html == '<p><q>a</q> <q cite="https://example.org/">b</q></p>'


@pytest.mark.parametrize(
    ("markdown", "href"),
    [
        ("[method](methodology.md)", "../methodology/"),
        ("[method](methodology.ar.md#dates)", "../methodology/#dates"),
        ("[file](https://example.org/notes.md)", "https://example.org/notes.md"),
        ("[file](docs/notes.md)", "docs/notes.md"),
    ],
)
def test_links_between_prose_pages_lead_to_the_built_pages(markdown: str, href: str) -> None:
    assert f'href="{href}"' in link_prose_pages(render_markdown(markdown))


def _bracket_cost_by_character(block: str) -> int:
    """The link readers' scan, read one character at a time: what the fast scan must equal."""
    brackets: list[int] = []
    parens: list[int] = []
    link_parens: set[int] = set()
    cost, index = 0, 0
    while index < len(block):
        char = block[index]
        if char == "\\":
            index += 1
        elif char == "[":
            brackets.append(index)
        elif char == "]" and brackets:
            cost += index - brackets.pop()
            if block.startswith("(", index + 1):
                link_parens.add(index + 1)
        elif char == "(":
            parens.append(index)
        elif char == ")" and parens and (opened := parens.pop()) in link_parens:
            link_parens.discard(opened)
            cost += index - opened
        index += 1
    return cost + sum(len(block) - position for position in (*brackets, *link_parens))


@given(st.text(alphabet="[]()\\a\n", max_size=40))
def test_the_bracket_scan_counts_as_a_character_by_character_reading(block: str) -> None:
    assert markup._bracket_cost(block) == _bracket_cost_by_character(block)


@pytest.mark.parametrize(
    "text",
    [
        "A siege [^1], then a truce *at last* [^2] and [^10].",
        "No citation, a [link](https://example.org) and `code`.",
        "A [report [^2]](https://example.org) with a citation inside a link.",
        'Raw <sup><a href="#ev-1-source-2">[2]</a></sup> markup that looks like a citation.',
        "[2]: https://example.org\n\nA reference that [^2] could become.",
        "# Heading [^1]\n\n> quoted [^2]\n\n- item [^3]",
        "`[^2]` in code, [^3] outside; & < \" ' escaped",
    ],
)
def test_the_exports_plain_citations_are_what_a_plain_render_gives(text: str) -> None:
    """Feeds and slides reuse the event page's render, citations unlinked: never a different text."""
    plain = markup.without_citation_links(text, render_markdown(text, "ev-1"), "ev-1")
    assert plain is None or plain == render_markdown(text)


@given(st.text(alphabet="[^1]2()*_`<>&a \n#", max_size=60))
def test_plain_citations_match_a_plain_render_whatever_the_markdown(text: str) -> None:
    with contextlib.suppress(MarkupError):
        cited = render_markdown(text, "ev-1")
        plain = markup.without_citation_links(text, cited, "ev-1")
        assert plain is None or plain == render_markdown(text)
