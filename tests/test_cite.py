"""'Cite this event': the BibTeX block keeps each field closed, whatever the title holds."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.build import Builder, BuildOptions
from generator.escape import bibtex_text

from .conftest import THEME

HOSTILE_TITLE = r"Market}, author = {Injected}, note = {x \}{ 100% & #1 $_^~"
EVENT = "2020-01-29-market-reopens"


def bibtex_fields(entry: str) -> dict[str, str]:
    """Fields of one entry, read the way BibTeX reads them: braces counted, backslashes not."""
    body = entry[entry.index(",") + 1 :]
    fields: dict[str, str] = {}
    index = 0
    while (match := re.compile(r"\s*(\w+)\s*=\s*\{").match(body, index)) is not None:
        depth, start = 1, match.end()
        index = start
        while depth:
            depth += {"{": 1, "}": -1}.get(body[index], 0)
            index += 1
        fields[match.group(1)] = body[start : index - 1]
        index = body.index(",", index) + 1 if "," in body[index : index + 3] else len(body)
    return fields


def unescape_bibtex(text: str) -> str:
    text = text.replace(r"\textbackslash{}", "\\").replace(r"\textbraceleft{}", "{")
    text = text.replace(r"\textbraceright{}", "}").replace(r"\textasciicircum{}", "^")
    return re.sub(r"\\([%&#$_])", r"\1", text.replace(r"\textasciitilde{}", "~"))


@pytest.fixture
def hostile_page(tmp_path: Path, small_content: Path) -> str:
    event = small_content / "events" / f"{EVENT}.yaml"
    title = HOSTILE_TITLE.replace("\\", "\\\\").replace('"', '\\"')
    event.write_text(event.read_text().replace("title: The market reopens", f'title: "{title}"'))
    out = tmp_path / "site"
    Builder(small_content, THEME, out, BuildOptions(workers=1), root=small_content.parent).build()
    return (out / "events" / EVENT / "index.html").read_text(encoding="utf-8")


def test_a_title_cannot_add_bibtex_fields(hostile_page: str) -> None:
    block = re.search(r'<pre class="cite-block" dir="ltr">(.*?)</pre>', hostile_page, re.S)
    assert block is not None
    entry = html.unescape(re.sub(r"<[^>]+>", "", block.group(1)))
    assert entry.startswith(f"@misc{{{EVENT},") and entry.rstrip().endswith("}")
    fields = bibtex_fields(entry)
    assert list(fields) == ["title", "organization", "howpublished", "note"]
    assert unescape_bibtex(fields["title"]) == HOSTILE_TITLE


@pytest.mark.parametrize("text", ["{", "}", "}{", "\\", "a}b{c", "%&#$_^~", "tab\there\nline"])
def test_bibtex_text_keeps_braces_balanced(text: str) -> None:
    escaped = bibtex_text(text)
    depth = 0
    for char in escaped:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0 and "\n" not in escaped and "\t" not in escaped


def test_bibtex_url_cannot_close_its_braces() -> None:
    from generator.escape import bibtex_url

    assert bibtex_url("https://example.org/a}b{c\\d e/#x%20") == "https://example.org/a%7Db%7Bc%5Cd%20e/#x%20"
