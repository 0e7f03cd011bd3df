"""Prose pages: the heading levels their authors write, and links checked at build time."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

from generator.build import Builder, BuildOptions
from generator.content import read_content
from generator.markup import render_page

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "bilingual" / "content"
THEME = Path(__file__).resolve().parents[2] / "theme"


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


# ---- links in events' summaries and bodies ---------------------------------------------------
EVENT = """title: The walls are repaired
date: 1099-03-01
summary: |
  Masons repaired the walls after [the siege](../1098-12-12-siege-ends/).
body: |
  Work began in [the old town](../../places/old-town/) and the [council's](../../actors/nobody/)
  records say how.

  More in [the methodology](methodology.md) and [the years](../../years/1099/).
sources:
  - publisher: Example Gazette
    title: Walls repaired
    url: https://example.org/walls
    published: 1099-03-02
translations:
  ar:
    title: ترميم الأسوار
    summary: رمّم البناؤون الأسوار بعد [الحصار](../1098-12-12-siege-end/).
"""


FIXED = (
    EVENT.replace("nobody", "town-council")
    .replace("methodology.md", "../../about/")
    .replace("siege-end/", "siege-ends/")
)


def _content_with_event(tmp_path: Path, text: str = EVENT) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    (content / "events" / "1099-03-01-walls-repaired.yaml").write_text(text, encoding="utf-8")
    return content


def test_a_broken_link_in_an_event_names_file_line_and_field(tmp_path: Path) -> None:
    content = _content_with_event(tmp_path)
    found = [
        (p.path, p.line, p.field, p.message)
        for p in read_content(content, tmp_path).problems
        if "link" in p.message
    ]
    path = "content/events/1099-03-01-walls-repaired.yaml"
    assert found == [
        (path, 6, "body", "the link '../../actors/nobody/' leads to no page of the site"),
        (
            path,
            9,
            "body",
            "the link 'methodology.md' names a page's file, which only prose pages may link to",
        ),
        (
            path,
            18,
            "translations.ar.summary",
            "the link '../1098-12-12-siege-end/' leads to no page of the site",
        ),
    ]


def test_links_in_events_to_pages_and_old_addresses_are_fine(tmp_path: Path) -> None:
    fixed = FIXED.replace("../../years/1099/", "../1098-12-siege-ended/")  # the siege end's old id
    content = _content_with_event(tmp_path, fixed)
    siege_ends = content / "events" / "1098-12-12-siege-ends.yaml"
    siege_ends.write_text(siege_ends.read_text() + "previous_ids: [1098-12-siege-ended]\n")
    problems = read_content(content, tmp_path).problems
    assert [p.format() for p in problems if "link" in p.message] == []


def test_an_events_relative_links_work_on_every_page_that_lists_it(tmp_path: Path) -> None:
    """Written from the event's page, they are rebased on list pages (home, year, tag ...)."""
    content = _content_with_event(tmp_path, FIXED)
    out = tmp_path / "site"
    Builder(content, THEME, out, BuildOptions(workers=1), root=tmp_path).build()
    event_page = "events/1099-03-01-walls-repaired/index.html"
    for page in ("index.html", "years/1099/index.html", "ar/index.html", event_page, "ar/" + event_page):
        html = (out / page).read_text(encoding="utf-8")
        hrefs = re.findall(r'href="([^"#]*\.\./1098-12-12-siege-ends/)"', html)  # the summary's link
        assert hrefs, page
        folder = posixpath.dirname(page)
        resolved = {posixpath.normpath(posixpath.join(folder, href)) for href in hrefs}
        assert resolved <= {"events/1098-12-12-siege-ends", "ar/events/1098-12-12-siege-ends"}, (page, hrefs)
