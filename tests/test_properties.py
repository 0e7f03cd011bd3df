"""Property tests: no input crashes the loader, nothing valid is lost, builds are deterministic."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from generator.build import Builder, BuildOptions
from generator.dates import DateError, EventDate, days_in_month, parse_date
from generator.load import load_yaml_file
from generator.markup import plain_text, render_markdown
from generator.organise import year_url
from generator.problems import ContentError
from generator.validate import event_from_document

from .conftest import SMALL, THEME

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BUILDS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
EVENT_NAME = "2020-01-01-fuzzed.yaml"


def _load(tmp: Path, data: bytes) -> None:
    path = tmp / EVENT_NAME
    path.write_bytes(data)
    document = load_yaml_file(path, EVENT_NAME)
    event = event_from_document(document)
    # either an Event, or at least one problem saying why not
    assert event is not None or document.problems


YAMLISH = st.text(alphabet=st.sampled_from(list("abt: -[]{}&*!<>|'\"\n\t#%@`,?.0129\\\u202e\x00\ufeff")))


@FAST
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _load(Path(tmp), data)


@FAST
@given(text=st.one_of(st.text(max_size=300), YAMLISH))
def test_arbitrary_text_never_raises(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _load(Path(tmp), text.encode("utf-8", "surrogatepass"))


# ---- generated events -----------------------------------------------------------------------------
TITLE_ALPHABET = st.sampled_from(
    list("abcxyzABZ019 -,.:;!?()&<>\"'/\\#*_`[]{}") + list("معرةالنعمانحلبسوريا") + ["é", "ß", "中", "😀"]
)
TITLE = st.text(TITLE_ALPHABET, min_size=1, max_size=60).map(str.strip).filter(bool)
# a summary must show some text once rendered ("-" alone is an empty list, and is refused)
SUMMARY = TITLE.filter(lambda text: plain_text(render_markdown(text)) != "")


# astronomical years: 0 is 1 BCE, down to deep time (65,000,000 BCE is -64999999)
EVENT_YEARS = st.integers(-3000, 2024) | st.integers(-70_000_000, -3000)


@st.composite
def event_date(draw: st.DrawFn, years: st.SearchStrategy[int] = EVENT_YEARS) -> str:
    """A date as editors write it: 0973, 1098-11, 2020-01-29, 0350 BCE, 0044-03-15 BCE."""
    year = draw(years)
    month = draw(st.none() | st.integers(1, 12))
    day = None if month is None else draw(st.none() | st.integers(1, days_in_month(year, month)))
    return EventDate(year, month, day).written()


def id_of(fields: dict[str, object], index: int) -> str:
    """The id (and file name) of the ``index``-th generated event: its date, then ``e<index>``;
    a date made invalid on purpose is used as written."""
    try:
        date = parse_date(str(fields["date"])).id_part()
    except DateError:
        date = str(fields["date"])
    return f"{date}-e{index}"


@st.composite
def source(draw: st.DrawFn) -> dict[str, str]:
    return {
        "publisher": draw(TITLE),
        "title": draw(TITLE),
        "url": "https://example.org/" + draw(st.text("abc019-", max_size=10)),
        "published": draw(event_date(years=st.integers(1, 2020))),
    }


@st.composite
def event(draw: st.DrawFn) -> dict[str, object]:
    return {
        "title": draw(TITLE),
        "date": draw(event_date()),
        "summary": draw(SUMMARY),
        "tags": draw(st.lists(st.sampled_from(["siege", "trade"]), unique=True)),
        "sources": draw(st.lists(source(), min_size=1, max_size=3)),
    }


def to_yaml(fields: dict[str, object]) -> str:
    """JSON is YAML; every value quoted, so YAML reads text as text."""
    return "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items())


def write_content(root: Path, events: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    content = root / "content"
    shutil.rmtree(root, ignore_errors=True)
    (content / "events").mkdir(parents=True)
    shutil.copy(SMALL / "content" / "timeline.yaml", content / "timeline.yaml")
    by_id = {}
    for index, fields in enumerate(events):
        event_id = id_of(fields, index)
        (content / "events" / f"{event_id}.yaml").write_text(to_yaml(fields), encoding="utf-8")
        by_id[event_id] = fields
    return by_id


def build(root: Path, out: str, per_page: int = 3) -> Path:
    site = root / out
    Builder(root / "content", THEME, site, BuildOptions(per_page=per_page, workers=1), root=root).build()
    return site


def linked_events(pages: list[Path]) -> set[str]:
    found: set[str] = set()
    for page in pages:
        found.update(re.findall(r'href="[./]*events/([^/"]+)/"', page.read_text("utf-8")))
    return found


def paged(folder: Path) -> list[Path]:
    return [folder / "index.html", *sorted(folder.glob("page/*/index.html"))]


@BUILDS
@given(events=st.lists(event(), min_size=1, max_size=8))
def test_every_valid_event_is_on_home_year_and_own_page(
    tmp_path: Path, events: list[dict[str, object]]
) -> None:
    root = tmp_path / "case"
    by_id = write_content(root, events)
    site = build(root, "site")
    assert linked_events(paged(site)) >= set(by_id)
    for event_id, fields in by_id.items():
        year = year_url(parse_date(str(fields["date"])).year)
        assert event_id in linked_events(paged(site / year)), (event_id, year)
        own = (site / "events" / event_id / "index.html").read_text("utf-8")
        assert str(escape(fields["title"])) in own


INVALIDATIONS = {
    "no title": lambda f: f.pop("title"),
    "no summary": lambda f: f.pop("summary"),
    "no sources": lambda f: f.pop("sources"),
    "bad date": lambda f: f.__setitem__("date", "2020-13-40"),
    "bad url": lambda f: f["sources"][0].__setitem__("url", "javascript:alert(1)"),  # type: ignore[index]
    "unknown tag": lambda f: f.__setitem__("tags", ["not-declared"]),
}


@BUILDS
@given(
    events=st.lists(event(), min_size=1, max_size=5),
    broken=st.sampled_from(sorted(INVALIDATIONS)),
    data=st.data(),
)
def test_an_invalid_event_fails_the_build_naming_its_file(
    tmp_path: Path, events: list[dict[str, object]], broken: str, data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(events) - 1))
    INVALIDATIONS[broken](events[index])
    root = tmp_path / "case"
    by_id = write_content(root, events)
    bad_id = list(by_id)[index]
    with pytest.raises(ContentError) as raised:
        build(root, "site")
    assert any(p.path == f"content/events/{bad_id}.yaml" for p in raised.value.problems), broken


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@settings(BUILDS, max_examples=12)
@given(events=st.lists(event(), min_size=1, max_size=8))
def test_two_builds_are_byte_identical(tmp_path: Path, events: list[dict[str, object]]) -> None:
    root = tmp_path / "case"
    write_content(root, events)
    assert tree(build(root, "one")) == tree(build(root, "two"))
