"""Load stage: files on disk into plain data that remembers where each value came from.

Content arrives through pull requests, so it is read defensively. YAML is composed with LibYAML
(``CSafeLoader``; pure-Python fallback) and turned into plain values by our own walk, which:

* keeps every scalar as the text the editor wrote (no silent ``NO`` -> ``False``), noting the
  type YAML would have given it so the validator can flag misreadings;
* records the line and column of every field, for problems an editor can jump to;
* rejects what a content file never needs: anchors and aliases (no alias bombs), merge keys,
  custom tags, duplicate keys, deep nesting, oversized or non-UTF-8 files, control characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from .problems import Problem, Severity

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without LibYAML: slower, same results
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 256 * 1024
# timeline.yaml declares the vocabulary: an ACLED export of 20,000 rows names thousands of
# places (about 130 bytes each, with admin areas and coordinates), so its limit is far higher;
# 16 MiB holds over 100,000 declared places and still refuses a runaway file.
MAX_TIMELINE_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 12

_TAG = "tag:yaml.org,2002:"
_PLAIN_KINDS = {
    f"{_TAG}bool": "boolean",
    f"{_TAG}int": "number",
    f"{_TAG}float": "number",
    f"{_TAG}timestamp": "date",
}
_ALLOWED_TAGS = {f"{_TAG}str", f"{_TAG}map", f"{_TAG}seq", f"{_TAG}null", *_PLAIN_KINDS}
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

Data = dict[str, Any] | list[Any] | str | None


@dataclass
class Document:
    """One YAML file as plain data plus where each field sits.

    ``positions`` and ``kinds`` are keyed by field path (``sources[1].url``); ``kinds`` holds,
    for unquoted scalars YAML would not read as text, what YAML would read them as.
    """

    path: str
    data: Data
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    text: str = ""

    def position(self, path: str) -> tuple[int, int]:
        """Where a field is, or the nearest enclosing field that exists (for missing fields)."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", path)
            if path not in self.positions and "." not in path and "[" not in path:
                break
        return self.positions.get(path, (1, 1))

    def problem(
        self, field_path: str, message: str, hint: str = "", severity: Severity = Severity.ERROR
    ) -> Problem:
        line, column = self.position(field_path)
        return Problem(self.path, line, column, field_path, message, hint, severity)


_WIDE_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_WIDE_CODECS = (
    ("utf-32-le", "UTF-32"),
    ("utf-32-be", "UTF-32"),
    ("utf-16-le", "UTF-16"),
    ("utf-16-be", "UTF-16"),
)


def wide_encoding(raw: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" when the bytes are text in one of them, with or without a BOM.

    Without a BOM such a file is full of NUL bytes, which are valid UTF-8: it would otherwise
    be reported once per character as a control character. A file is taken as UTF-16/32 when
    at least one byte in sixteen of its start is NUL (a UTF-8 file with a stray NUL is not) and
    that start decodes in the encoding to text without NUL or other control characters.
    """
    for mark, name in _WIDE_BOMS:
        if raw.startswith(mark):
            return name
    sample = raw[:4096]
    if sample.count(0) * 16 < len(sample) or not sample:
        return None
    for codec, name in _WIDE_CODECS:
        text = _decoded_start(sample, codec, 4 if name == "UTF-32" else 2)
        if text and _CONTROL_CHARACTERS.search(text) is None:
            return name
    return None


def _decoded_start(sample: bytes, codec: str, width: int) -> str | None:
    """The sample decoded, forgiving only a character cut off at its end; None if not this codec."""
    chunk = sample[: len(sample) - len(sample) % width]
    try:
        return chunk.decode(codec)
    except UnicodeDecodeError as error:
        if error.start < len(chunk) - 4:
            return None
        return chunk[: error.start].decode(codec, errors="replace")


def read_text(path: Path, display_path: str, limit: int = MAX_FILE_BYTES) -> tuple[str | None, list[Problem]]:
    """Read a content file as UTF-8 text, reporting (not crashing on) bad bytes and sizes over
    ``limit`` (``MAX_TIMELINE_BYTES`` for timeline.yaml)."""
    if path.is_symlink():  # a link in a pull request could point at any file on the build machine
        return None, [
            Problem(
                display_path,
                1,
                1,
                "",
                "file is a symbolic link; content files must be regular files",
                "replace the link with the file itself",
            )
        ]
    with path.open("rb") as stream:  # never read more than the limit into memory
        raw = stream.read(limit + 1)
    if len(raw) > limit:
        size = max(path.stat().st_size, len(raw))
        return None, [
            Problem(
                display_path,
                1,
                1,
                "",
                f"file is {size:,} bytes, over the {limit:,}-byte limit for one content file",
                "split the text: an event needs a few paragraphs, not a book"
                if limit == MAX_FILE_BYTES
                else "declare fewer tags, actors and places (each is a page); see CONTRIBUTING, limits",
            )
        ]
    problems: list[Problem] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        problems.append(
            Problem(
                display_path,
                1,
                1,
                "",
                "file starts with a byte-order mark",
                "save the file as UTF-8 without BOM",
                Severity.WARNING,
            )
        )
    wide = wide_encoding(raw)
    if wide is not None:
        return None, [
            Problem(
                display_path,
                1,
                1,
                "",
                f"file is {wide}, not UTF-8",
                "save the file as UTF-8 (in the editor's 'Save with encoding' or 'Save as' dialog)",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [
            Problem(
                display_path,
                line,
                column,
                "",
                f"file is not valid UTF-8 (byte 0x{raw[error.start]:02x})",
                "save the file as UTF-8",
            )
        ]
    for match in _CONTROL_CHARACTERS.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        problems.append(
            Problem(
                display_path,
                line,
                column,
                "",
                f"invisible control character U+{ord(match.group()):04X}",
                "delete it; it usually comes from copying text out of a PDF",
            )
        )
    if any(p.severity is Severity.ERROR for p in problems):
        return None, problems
    return text, problems


def parse_yaml(text: str, display_path: str) -> Document:
    """Compose YAML into nodes and walk them into plain data with positions."""
    document = Document(display_path, None, text=text)
    too_deep = _too_deep(text)
    if too_deep is not None:
        document.problems.append(
            Problem(
                display_path,
                too_deep.line + 1,
                too_deep.column + 1,
                "",
                f"nested more than {MAX_DEPTH} levels deep",
                "event files are flat: see the format in CONTRIBUTING.md",
            )
        )
        return document
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(filter(None, [error.context, error.problem])) or "not valid YAML"
        document.problems.append(
            Problem(
                display_path,
                line,
                column,
                "",
                f"YAML syntax: {message}",
                "check indentation (spaces, not tabs) and quote text "
                "that contains ': ' or starts with a special character",
            )
        )
        return document
    except yaml.YAMLError as error:
        document.problems.append(Problem(display_path, 1, 1, "", f"YAML: {error}"))
        return document
    finally:
        loader.dispose()
    if node is not None:
        document.data = _Walker(document).walk(node, "", 0)
    return document


# Nesting can only deepen at "[", "{", "-", ":" or "?"; with fewer than this many of them a
# file composes safely and the walk below reports excess depth with the field's path.
_SAFE_TO_COMPOSE = 1000


def _too_deep(text: str) -> yaml.Mark | None:
    """Where nesting first exceeds MAX_DEPTH, found from the event stream before composing.

    LibYAML's composer recurses in C: some ten thousand nested ``[`` (a 40 kB file) crash the
    process and a few thousand take seconds. The parser's event stream is flat, so counting
    depth there and stopping at the first level too deep costs little and cannot crash.
    """
    if sum(text.count(c) for c in "[{-:?") < _SAFE_TO_COMPOSE:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH + 1:  # the walk counts the top-level mapping as depth 0
                    return event.start_mark  # type: ignore[return-value]
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # composing reports the syntax error, and stops there too
    return None


class _Walker:
    """Turns composed YAML nodes into dicts, lists and strings, checking as it goes."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.seen: set[int] = set()
        self.alias_reported = False

    def report(self, node: yaml.Node, path: str, message: str, hint: str) -> None:
        mark = node.start_mark
        self.document.problems.append(
            Problem(self.document.path, mark.line + 1, mark.column + 1, path, message, hint)
        )

    def walk(self, node: yaml.Node, path: str, depth: int) -> Data:
        mark = node.start_mark
        self.document.positions.setdefault(path, (mark.line + 1, mark.column + 1))
        if id(node) in self.seen:
            if not self.alias_reported:  # one report is enough; a bomb repeats it thousands of times
                self.alias_reported = True
                self.report(
                    node,
                    path,
                    "anchors and aliases (&name, *name) are not allowed",
                    "write the value out in full where it is needed",
                )
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.report(
                node,
                path,
                f"nested more than {MAX_DEPTH} levels deep",
                "event files are flat: see the format in CONTRIBUTING.md",
            )
            return None
        if node.tag not in _ALLOWED_TAGS:
            self.report(
                node,
                path,
                f"YAML tag {node.tag!r} is not allowed",
                "remove the !tag; content files hold only text, lists and mappings",
            )
            return None
        if isinstance(node, yaml.ScalarNode):
            plain = not node.style  # LibYAML says '' for plain scalars, PyYAML None
            if plain and node.tag == f"{_TAG}null":
                return None  # "summary:" with nothing after it: a missing value, not text
            if plain and node.tag in _PLAIN_KINDS:
                self.document.kinds[path] = _PLAIN_KINDS[node.tag]
            control = _CONTROL_CHARACTERS.search(node.value)
            if control is not None:  # written as an escape (\x00, \u0007) in a quoted value
                self.report(
                    node,
                    path,
                    f"invisible control character U+{ord(control.group()):04X}",
                    "remove the escape sequence from the quoted text",
                )
            return str(node.value)
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        return self.walk_mapping(node, path, depth)

    def walk_mapping(self, node: yaml.MappingNode, path: str, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == f"{_TAG}merge":
                self.report(key_node, path, "merge keys (<<) are not allowed", "write the fields out in full")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.report(key_node, path, "a field name must be plain text", "")
                continue
            key = str(key_node.value)
            child = f"{path}.{key}" if path else key
            if key in result:
                first_line = self.document.positions[child][0]
                self.report(
                    key_node,
                    child,
                    f"field appears twice (first on line {first_line})",
                    "keep one of the two; YAML would silently keep only the last",
                )
                continue
            # a problem with a text value points at the value; with a list or mapping, at its key
            anchor = value_node if isinstance(value_node, yaml.ScalarNode) else key_node
            self.document.positions[child] = (anchor.start_mark.line + 1, anchor.start_mark.column + 1)
            result[key] = self.walk(value_node, child, depth + 1)
        return result


def load_yaml_file(path: Path, display_path: str, limit: int = MAX_FILE_BYTES) -> Document:
    """Read and parse one YAML content file; problems are collected on the document."""
    text, problems = read_text(path, display_path, limit)
    if text is None:
        return Document(display_path, None, problems=problems)
    document = parse_yaml(text, display_path)
    document.problems[:0] = problems
    return document


class _SafeFrontMatter(frontmatter.YAMLHandler):  # type: ignore[misc,name-defined]
    """python-frontmatter handler that parses the front matter with our safe walk."""

    def __init__(self, display_path: str) -> None:
        self.display_path = display_path
        self.document: Document | None = None
        self.front_matter = ""

    def load(self, fm: str, **kwargs: object) -> dict[str, Any]:
        self.front_matter = fm
        self.document = parse_yaml(fm, self.display_path)
        data = self.document.data
        return data if isinstance(data, dict) else {}


@dataclass
class PageSource:
    """A prose page: front matter as a Document (line numbers shifted past ``---``), Markdown body."""

    document: Document
    body: str
    body_line: int = 1  # the file's line where the Markdown body starts


def load_page_file(path: Path, display_path: str) -> PageSource:
    """Read a Markdown page with front matter, using python-frontmatter for the split."""
    text, problems = read_text(path, display_path)
    if text is None:
        return PageSource(Document(display_path, None, problems=problems), "")
    handler = _SafeFrontMatter(display_path)
    metadata, body = frontmatter.parse(text, handler=handler)
    document = handler.document or Document(display_path, dict(metadata))
    # front-matter lines count from the top of the file, not from after the opening ---
    offset = text[: text.find(handler.front_matter)].count("\n") if handler.front_matter else 0
    document.positions = {k: (line + offset, col) for k, (line, col) in document.positions.items()}
    document.problems = problems + [
        Problem(p.path, p.line + offset, p.column, p.field, p.message, p.hint, p.severity)
        for p in document.problems
    ]
    found = text.rfind(body) if body else -1
    return PageSource(document, body, text.count("\n", 0, found) + 1 if found >= 0 else 1)
