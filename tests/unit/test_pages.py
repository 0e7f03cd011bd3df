"""Prose pages: the heading levels their authors write, and links checked at build time."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.content import read_content
from generator.markup import render_page

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "bilingual" / "content"


def test_a_page_opening_with_its_own_heading_keeps_every_level() -> None:
    html, heading = render_page("# About this town\n\nText.\n\n## History\n\n### Early years\n\nMore.\n")
    assert heading == "About this town"  # shown as the page's one h1
    assert "<h1" not in html
    assert "<h2>History</h2>" in html and "<h3>Early years</h3>" in html


def test_several_top_headings_move_one_level_down() -> None:
    html, heading = render_page("Intro.\n\n# One\n\n## One point one\n\n# Two\n\n###### Deep\n")
    assert heading == ""  # the page's title is its h1
    assert "<h2>One</h2>" in html and "<h3>One point one</h3>" in html and "<h2>Two</h2>" in html
    assert "<h6>Deep</h6>" in html  # there is no h7


def test_links_to_page_files_become_the_pages_addresses() -> None:
    html, _ = render_page("See [how](methodology.md#dates) and [the team](about.ar.md).\n")
    assert 'href="../methodology/#dates"' in html and 'href="../about/"' in html


def _content_with_page(tmp_path: Path, text: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    (content / "pages" / "guide.md").write_text(
        f"---\ntitle: Guide\n---\n\nIntro.\n\n{text}\n", encoding="utf-8"
    )
    return content


def test_every_internal_link_leads_to_a_page(tmp_path: Path) -> None:
    content = _content_with_page(
        tmp_path,
        "[about](about.md), [an event](../events/0973-poet-born/), [a year](/years/1098/), "
        "[a tag](../tags/siege/), [in Arabic](../ar/about/), [data](../data/events.json), "
        "[away](https://example.org/x.md), [here](#top)",
    )
    problems = read_content(content, tmp_path).problems
    assert [p for p in problems if "link" in p.message] == []


def test_a_broken_link_is_reported_with_its_file_and_line(tmp_path: Path) -> None:
    content = _content_with_page(
        tmp_path,
        "[gone](methodology.md)\n\n[no such event](../events/1999-nothing/)\n\n[ref]: ../tags/nope/\n",
    )
    found = [
        (p.path, p.line, p.message) for p in read_content(content, tmp_path).problems if "link" in p.message
    ]
    assert found == [
        ("content/pages/guide.md", 7, "the link 'methodology.md' names no page in content/pages/"),
        ("content/pages/guide.md", 9, "the link '../events/1999-nothing/' leads to no page of the site"),
        ("content/pages/guide.md", 11, "the link '../tags/nope/' leads to no page of the site"),
    ]
