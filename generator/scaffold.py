"""``chronology init``: a new project from the packaged ``archetypes/project/`` folder.

The project archetype is a folder of files, some of them Jinja templates (title, language,
version); names starting ``dot_`` become dot files (``dot_gitignore`` -> ``.gitignore``), since
packaging tools leave dot files out. The JSON Schema is written from the generator itself, so
the new project's event files point editors' tools at a copy that matches the installed version.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2

from . import __version__
from .schema import event_schema_json
from .theming import packaged_dir

_LANGUAGE = re.compile(r"[a-z]{2,3}")
TEMPLATED = {"mkdocs.yml", "timeline.yaml", "README.md", "requirements.txt"}
DESCRIPTION = "A source-linked chronology: every entry links to the reports it is based on."


class ScaffoldError(Exception):
    """The project cannot be written where or as asked (a usage error, exit 2)."""


def init_project(
    folder: Path, title: str | None = None, language: str = "en", force: bool = False
) -> list[Path]:
    """Write the project archetype into ``folder``; returns the files written, in order."""
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise ScaffoldError(
            f"{folder} is not empty; choose an empty folder, or pass --force to write into it"
        )
    if not _LANGUAGE.fullmatch(language):
        raise ScaffoldError(f"--language {language!r} must be a code of two or three letters, e.g. en")
    title = title or _title_from(folder)
    values = {
        "title": title,
        "title_json": json.dumps(title, ensure_ascii=False),
        "description_json": json.dumps(DESCRIPTION),
        "language": language,
        "version": __version__,
    }
    archetype = packaged_dir("generator.archetypes") / "project"
    environment = jinja2.Environment(
        autoescape=False, keep_trailing_newline=True, undefined=jinja2.StrictUndefined
    )
    written = []
    for source in sorted(archetype.rglob("*")):
        if not source.is_file() or "__pycache__" in source.parts:
            continue
        relative = Path(*(_real_name(part) for part in source.relative_to(archetype).parts))
        text = source.read_text(encoding="utf-8")
        if source.name in TEMPLATED:
            text = environment.from_string(text).render(values)
        written.append(_write(folder / relative, text, force))
    written.append(_write(folder / "schema" / "event.schema.json", event_schema_json(), force))
    return written


def _real_name(part: str) -> str:
    return "." + part.removeprefix("dot_") if part.startswith("dot_") else part


def _write(target: Path, text: str, force: bool) -> Path:
    if target.exists() and not force:  # only reachable with a race; never overwrite silently
        raise ScaffoldError(f"{target} already exists")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def _title_from(folder: Path) -> str:
    """``my-town-history`` -> ``My town history``."""
    words = re.sub(r"[-_]+", " ", folder.resolve().name).strip()
    return (words[:1].upper() + words[1:]) if words else "A chronology"
