"""Ids that name folders have a length limit, eras are checked as a list, and invisible
characters cannot split one publisher into two: each is a problem naming file, line and field,
never a crash or a silent merge."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import Builder, BuildOptions
from generator.content import read_content
from generator.fields import MAX_ID_LENGTH
from generator.problems import ContentError, Problem, Severity

from .conftest import SMALL, THEME

EVENT = """title: A fair is held
date: 2020-01-01
summary: A fair was held in the square, according to the gazette.
tags: [{tag}]
sources:
  - publisher: {publisher}
    title: The fair
    url: https://example.org/{slug}
    published: 2020-01-02
"""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(SMALL / "content", target)
    return target


def problems(content: Path) -> list[Problem]:
    return read_content(content, content.parent).problems


def add_event(content: Path, name: str, tag: str = "trade", publisher: str = "Example Gazette") -> None:
    text = EVENT.format(tag=tag, publisher=publisher, slug=name.removesuffix(".yaml"))
    (content / "events" / name).write_text(text, encoding="utf-8")


def declare_tag(content: Path, tag_id: str) -> None:
    timeline = content / "timeline.yaml"
    timeline.write_text(timeline.read_text().replace("tags:\n", f"tags:\n  {tag_id}:\n    name: Long\n", 1))


def test_a_247_character_tag_id_is_a_problem_not_a_crash(content: Path, tmp_path: Path) -> None:
    long_id = "-".join(["word"] * 49)[:247].strip("-")
    declare_tag(content, long_id)
    found = [p for p in problems(content) if p.path.endswith("timeline.yaml") and long_id in p.field]
    assert len(found) == 1 and f"at most {MAX_ID_LENGTH}" in found[0].message
    assert found[0].line > 1
    with pytest.raises(ContentError):  # and the build stops with the same problem, no OSError
        Builder(content, THEME, tmp_path / "site", BuildOptions(workers=1), root=content.parent).build()


def test_an_event_file_name_too_long_for_a_folder_is_a_problem(content: Path) -> None:
    name = "2020-01-01-" + "-".join(["fair"] * 40) + ".yaml"
    add_event(content, name)
    found = [p for p in problems(content) if p.path.endswith(name)]
    assert any(f"at most {MAX_ID_LENGTH}" in p.message for p in found)


def test_duplicate_era_ids_and_backwards_eras_are_reported(content: Path) -> None:
    timeline = content / "timeline.yaml"
    text = timeline.read_text().replace(
        "  - id: modern\n    name: Modern times\n    start: 1900\n",
        "  - id: old-times\n    name: Modern times\n    start: 1950\n    end: 1920\n",
    )
    assert text != timeline.read_text()
    timeline.write_text(text)
    found = {(p.field, p.message) for p in problems(content) if p.path.endswith("timeline.yaml")}
    assert ("eras[1].id", "the era 'old-times' is already listed (as eras[0])") in found
    assert ("eras[1].start", "starts (1950) after it ends (1920)") in found


def test_invisible_characters_do_not_make_a_second_publisher(content: Path, tmp_path: Path) -> None:
    add_event(content, "2020-01-01-fair.yaml", publisher="Reu\u200bters")
    add_event(content, "2020-01-01-second-fair.yaml", publisher="Reuters")
    found = [p for p in problems(content) if p.path.endswith("2020-01-01-fair.yaml")]
    assert [(p.field, p.severity) for p in found] == [("sources[0].publisher", Severity.WARNING)]
    assert "U+200B" in found[0].message
    out = tmp_path / "site"
    Builder(content, THEME, out, BuildOptions(workers=1), root=content.parent).build()
    assert (out / "sources" / "reuters" / "index.html").is_file()
    assert not list((out / "sources").glob("reu-ters*"))
    assert "\u200b" not in (out / "sources" / "reuters" / "index.html").read_text()


@pytest.mark.parametrize(
    "languages", ["[en, en-a1-b2-c3-d4]", "[en, " + "-".join(["fr"] + ["abcdefgh"] * 30) + "]"]
)
def test_language_tags_are_bounded(content: Path, languages: str) -> None:
    timeline = content / "timeline.yaml"
    timeline.write_text(
        timeline.read_text().replace("language: en\n", f"language: en\nlanguages: {languages}\n")
    )
    assert any(p.field == "languages" for p in problems(content))
