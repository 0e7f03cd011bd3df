"""The text index kept between ``mkdocs serve`` rebuilds equals the index made afresh.

A rebuild after a few edits moves only the edited events' numbers between postings and
rewrites only their shards (``search.TextIndex``); with 40 events, one or two edits take that
path, and adding or removing an event takes the full one. Every step is compared, file by
file, with the index a one-off build makes of the same content.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.synthetic import generate
from generator.content import ContentReader
from generator.localize import localize
from generator.organise import organise
from generator.search import TextIndex, text_index_files


def index_files(reader: ContentReader, language: str, kept: TextIndex | None) -> dict[str, bytes]:
    content, _ = reader.read()
    assert content.timeline is not None
    site = organise(*localize(content.timeline, content.events.values(), content.pages, language))
    return text_index_files(site, None, content.events, content.timeline, kept)


def reword(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_kept_index_follows_edits(tmp_path: Path, language: str) -> None:
    content = tmp_path / "content"
    generate(content, 40)
    events = sorted((content / "events").glob("*.yaml"))
    served, kept = ContentReader(content, tmp_path), TextIndex()
    index_files(served, language, kept)
    edits = [
        # new words in one summary: terms gained and lost, a shard or two rewritten
        lambda: reword(events[3], "summary: |\n  ", "summary: |\n  Zanzibar quokka "),
        # a title word: the event moves into that term's title postings
        lambda: reword(events[7], "title: ", "title: Quokka "),
        # two events at once, one losing the word again
        lambda: (
            reword(events[3], "Zanzibar quokka ", ""),
            reword(events[20], "summary: |\n  ", "summary: |\n  Quokka "),
        ),
        # an event removed: every later number moves (the full path)
        lambda: events[30].unlink(),
    ]
    for step, edit in enumerate(edits):
        edit()
        expected = index_files(ContentReader(content, tmp_path), language, None)
        actual = index_files(served, language, kept)
        assert sorted(actual) == sorted(expected), f"files differ after edit {step}"
        stale = [url for url in expected if actual[url] != expected[url]]
        assert not stale, f"stale after edit {step}: {stale[:5]}"
