"""Hostile content: every attack in tests/fixtures/hostile/ is rejected with its problem, or renders inert.

``problems/`` holds files that must be rejected; ``problems/expected.yaml`` declares, for each, the
exact problems (line, field, message). ``inert/content`` is a valid content folder whose text
carries script injections; the built site must contain none of them in a live form.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.build import Builder, BuildOptions
from generator.load import MAX_FILE_BYTES, load_yaml_file
from generator.problems import Problem, Severity
from generator.validate import MAX_IDS, timeline_from_document
from generator.write import UnsafePathError, output_path

from .conftest import SMALL, THEME

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
PROBLEMS = HOSTILE / "problems"
INERT = HOSTILE / "inert" / "content"
EXPECTED: dict[str, list[list[object]]] = yaml.safe_load((PROBLEMS / "expected.yaml").read_text("utf-8"))
GENEROUS_SECONDS = 5.0
VALID_EVENT = """title: A valid event
date: 2020-01-01
summary: Something happened.
{extra}sources:
  - publisher: Example Gazette
    title: A report
    url: https://example.org/report
    published: 2020-01-02
"""

Shape = tuple[int, str, str, Severity]


def shape(problem: Problem) -> Shape:
    return (problem.line, problem.field, problem.message, problem.severity)


def content_with(tmp_path: Path, files: dict[str, bytes]) -> Path:
    """A content folder: the small fixture's timeline plus the given event files."""
    content = tmp_path / "content"
    (content / "events").mkdir(parents=True)
    shutil.copy(SMALL / "content" / "timeline.yaml", content / "timeline.yaml")
    for name, data in files.items():
        (content / "events" / name).write_bytes(data)
    return content


def problems_of(content: Path, name: str) -> list[Problem]:
    """Load (never build) the content; the problems reported for one event file."""
    loaded, _ = Builder(content, THEME, content.parent / "site", root=content.parent).load()
    return sorted(p for p in loaded.problems if p.path == f"content/events/{name}")


def assert_exactly(problems: list[Problem], expected: list[list[object]]) -> None:
    """Each expected [line, field, message substring(, warning)] matches one problem, none left over."""
    remaining = list(problems)
    for entry in expected:
        line, field, message = entry[:3]
        severity = Severity.WARNING if entry[3:] == ["warning"] else Severity.ERROR
        match = next(
            (
                p
                for p in remaining
                if (p.line, p.field, p.severity) == (line, field, severity) and str(message) in p.message
            ),
            None,
        )
        assert match is not None, f"expected {entry} among {[shape(p) for p in remaining]}"
        remaining.remove(match)
    assert not remaining, f"unexpected problems: {[shape(p) for p in remaining]}"


# ---- problems/: rejected, with exactly the declared problem -------------------------------------
EVENT_FIXTURES = sorted(name for name in EXPECTED if not name.startswith("timeline"))


def test_every_problem_fixture_is_declared() -> None:
    on_disk = {p.name for p in PROBLEMS.iterdir() if p.name != "expected.yaml"}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", EVENT_FIXTURES)
def test_hostile_event_is_reported_exactly(tmp_path: Path, name: str) -> None:
    content = content_with(tmp_path, {name: (PROBLEMS / name).read_bytes()})
    started = time.perf_counter()
    problems = problems_of(content, name)
    assert time.perf_counter() - started < GENEROUS_SECONDS
    assert_exactly(problems, EXPECTED[name])


def test_hostile_timeline_is_reported_exactly() -> None:
    name = "timeline-bad-ids.yaml"
    document = load_yaml_file(PROBLEMS / name, name)
    assert timeline_from_document(document) is None
    assert_exactly(sorted(document.problems), EXPECTED[name])


def test_utf8_bom_is_only_a_warning(tmp_path: Path) -> None:
    """The one 'problem' fixture that still builds: the BOM is stripped and reported."""
    name = "2020-01-01-utf8-bom.yaml"
    content = content_with(tmp_path, {name: (PROBLEMS / name).read_bytes()})
    report = Builder(content, THEME, tmp_path / "site", BuildOptions(workers=1), root=tmp_path).build()
    assert report.events == 1
    assert [p.message for p in report.warnings] == ["file starts with a byte-order mark"]


# ---- generated hostile files (too big to commit) -------------------------------------------------
def _oversized() -> bytes:
    return VALID_EVENT.format(extra="body: " + "x" * MAX_FILE_BYTES + "\n").encode()


def _deep_flow() -> bytes:  # 120,000 nested [ in 240 kB: crashed LibYAML's composer (segfault)
    return VALID_EVENT.format(extra="tags: " + "[" * 120_000 + "]" * 120_000 + "\n").encode()


def _deep_block() -> bytes:  # nested "- " on one line: block sequences, no brackets
    return VALID_EVENT.format(extra="tags:\n  " + "- " * 60_000 + "x\n").encode()


def _many_tags() -> bytes:
    tags = ", ".join(f"t{i}" for i in range(10_000))
    return VALID_EVENT.format(extra=f"tags: [{tags}]\n").encode()


def _deep_markdown() -> bytes:  # 500 nested list levels: Python-Markdown hit RecursionError
    lines = "".join("  " + "  " * i + "- x\n" for i in range(500))
    return VALID_EVENT.format(extra="body: |\n" + lines).encode()


GENERATED: dict[str, tuple[Callable[[], bytes], list[list[object]]]] = {
    "oversized": (_oversized, [[1, "", f"over the {MAX_FILE_BYTES:,}-byte limit"]]),
    "deep-flow": (_deep_flow, [[4, "", "nested more than 12 levels deep"]]),
    "deep-block": (_deep_block, [[5, "", "nested more than 12 levels deep"]]),
    "many-tags": (_many_tags, [[4, "tags", f"lists 10,000 ids; at most {MAX_IDS} are allowed"]]),
    # refused by the length limit before rendering; deeper nesting within the limit renders fine
    "deep-markdown": (_deep_markdown, [[4, "body", "the limit is 20,000"]]),
}


@pytest.mark.memory_limit(512)
@pytest.mark.parametrize("kind", sorted(GENERATED))
def test_generated_hostile_event_is_reported_quickly(tmp_path: Path, kind: str) -> None:
    make, expected = GENERATED[kind]
    name = f"2020-01-01-{kind}.yaml"
    content = content_with(tmp_path, {name: make()})
    started = time.perf_counter()
    problems = problems_of(content, name)
    assert time.perf_counter() - started < GENEROUS_SECONDS
    assert_exactly(problems, expected)


def test_symlinked_content_file_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: the build machine's secret\n", encoding="utf-8")
    content = content_with(tmp_path, {})
    link = content / "events" / "2020-01-01-link.yaml"
    link.symlink_to(secret)
    loaded, _ = Builder(content, THEME, tmp_path / "site", root=tmp_path).load()
    # (build.display_path resolves the link, so the problem names the target's path)
    assert_exactly(sorted(loaded.problems), [[1, "", "file is a symbolic link"]])
    assert loaded.events == {}


@pytest.mark.memory_limit(512)
def test_alias_bomb_is_rejected_fast_even_when_huge(tmp_path: Path) -> None:
    """30 levels of 9 aliases each would expand to 9**30 values; reported once, at once."""
    lines = ["tags:", "  - &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"  - &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 30)]
    text = VALID_EVENT.format(extra="\n".join(lines) + "\n")
    content = content_with(tmp_path, {"2020-01-01-bomb.yaml": text.encode()})
    started = time.perf_counter()
    problems = problems_of(content, "2020-01-01-bomb.yaml")
    assert time.perf_counter() - started < GENEROUS_SECONDS
    assert sum("aliases" in p.message for p in problems) == 1


# ---- inert/: a valid site whose content attacks, rendered harmless ------------------------------
OWN_SCRIPT = re.compile(r"(?:\./|/|(?:\.\./)+)?assets/[a-z0-9._-]+\.js")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "cite", "background", "xlink:href"}
BAD_SCHEME = re.compile(r"^(?:javascript|data|vbscript):")
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "math"}
THEME_ONLY_ELEMENTS = {"form", "svg"}  # the sanitiser never lets these through; the theme may use them
# an embed's links open the full site in a new tab; a <base> with an href would redirect them all
EMBED_BASE = {"target": "_blank"}


class PageAudit(HTMLParser):
    """Collects whatever in one page could run script, with the reason."""

    def __init__(self, theme_text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.theme_text = theme_text
        self.findings: list[str] = []
        self.in_script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        where = f"<{tag} {values}>"
        if tag == "script":
            kind = values.get("type", "").lower()
            if kind == "application/ld+json":
                self.in_script = "json"
            elif "src" in values and OWN_SCRIPT.fullmatch(values["src"]) and kind in ("", "module"):
                self.in_script = "own"
            else:
                self.findings.append(f"script element {where}")
                self.in_script = "bad"
        if tag in FORBIDDEN_ELEMENTS and not (tag == "base" and values == EMBED_BASE):
            self.findings.append(f"forbidden element {where}")
        if tag in THEME_ONLY_ELEMENTS and f"<{tag}" not in self.theme_text:
            self.findings.append(f"{tag} not from the theme {where}")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.findings.append(f"meta refresh {where}")
        for name, value in values.items():
            if name.startswith("on") or name == "srcdoc":
                self.findings.append(f"attribute {name} {where}")
            if name in URL_ATTRIBUTES:
                squashed = re.sub(r"[\x00-\x20]", "", value).lower()
                if BAD_SCHEME.match(squashed):
                    self.findings.append(f"script URL in {name} {where}")
            if name == "style" and f'style="{value}"' not in self.theme_text:
                self.findings.append(f"style attribute not from the theme {where}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = None

    def handle_data(self, data: str) -> None:
        if self.in_script == "json" and "</" in data:
            self.findings.append(f"'</' inside JSON-LD: {data[:80]!r}")
        if self.in_script == "own" and data.strip():
            self.findings.append(f"inline code in an external script element: {data[:80]!r}")


def theme_text() -> str:
    return "\n".join(p.read_text("utf-8") for p in sorted(THEME.rglob("*.html")))


@pytest.fixture(scope="module")
def inert_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("inert") / "site"
    Builder(INERT, THEME, out, BuildOptions(per_page=5, workers=1), root=INERT.parent).build()
    return out


def test_inert_fixtures_are_all_valid_events_on_the_site(inert_site: Path) -> None:
    for path in sorted((INERT / "events").glob("*.yaml")):
        assert (inert_site / "events" / path.stem / "index.html").is_file(), path.name


def test_no_page_built_from_hostile_content_can_run_script(inert_site: Path) -> None:
    pages = sorted(inert_site.rglob("*.html"))
    assert len(pages) > 20
    theme = theme_text()
    findings = {}
    for page in pages:
        audit = PageAudit(theme)
        audit.feed(page.read_text("utf-8"))
        audit.close()
        if audit.findings:
            findings[page.relative_to(inert_site).as_posix()] = audit.findings
    assert not findings, findings


def test_hostile_text_is_shown_escaped(inert_site: Path) -> None:
    page = (inert_site / "events" / "2020-01-07-title-breakout" / "index.html").read_text("utf-8")
    assert "&#34;&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page  # the title, as text
    assert "{{ 7*7 }}" in page  # content is data, never a template
    mail = (inert_site / "events" / "2020-01-13-mailto" / "index.html").read_text("utf-8")
    assert 'href="mailto:editors@example.org"' in mail
    assert 'href="../2020-01-12-entities/"' in mail  # relative links to our own pages stay


def test_every_written_file_is_inside_the_output_folder(tmp_path: Path, inert_site: Path) -> None:
    root = inert_site.resolve()
    for path in inert_site.rglob("*"):
        assert root in path.resolve().parents
        assert not path.is_symlink()


@pytest.mark.parametrize(
    "url",
    [
        "../x/",
        "events/../../x/",
        "/etc/passwd",
        "https://evil.example/",
        "//evil.example/",
        "events/x/../../../y/",
        "events\\..\\..\\x",
        "events/%2e%2e/x/",
        "Events/X/",
        "events/ x/",
        "events/x\x00/",
        ".hidden/",
    ],
)
def test_output_path_refuses_urls_that_leave_the_folder(tmp_path: Path, url: str) -> None:
    with pytest.raises(UnsafePathError):
        output_path(tmp_path, url)


def test_output_path_accepts_the_urls_the_site_uses(tmp_path: Path) -> None:
    assert output_path(tmp_path, "") == tmp_path / "index.html"
    assert output_path(tmp_path, "events/2020-01-01-x/") == tmp_path / "events/2020-01-01-x/index.html"
    assert output_path(tmp_path, "404.html") == tmp_path / "404.html"


def test_the_audit_itself_catches_live_script() -> None:
    """The page audit above would notice each kind of attack if it ever got through."""
    audit = PageAudit(theme_text())
    audit.feed(
        '<script>x()</script><img src=x onerror=y()><a href=" JaVa\tscript:z()">a</a>'
        '<iframe src="https://e.example"></iframe><p style="color:red">s</p>'
        '<meta http-equiv="refresh" content="0"><base href="https://e.example/">'
        '<script type="application/ld+json">{"a": "</b>"}</script>'
    )
    audit.close()
    assert len(audit.findings) == 8, audit.findings


@pytest.mark.memory_limit(256)
def test_the_memory_limit_itself_stops_a_runaway() -> None:
    """The limit the exhaustion tests run under is real: a 1 GiB allocation fails at once."""
    with pytest.raises(MemoryError):
        bytearray(1024**3)
