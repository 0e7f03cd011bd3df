"""Where the theme's files come from: a project's overrides layered over the packaged theme.

The packaged theme (``generator.theme``, the repository's ``theme/`` folder) holds every template,
partial, string table and asset. A project may keep its own ``theme/`` folder (or name one with
the plugin's ``theme_dir`` option, or ``custom_dir`` under ``theme: timeline``); any file there
replaces the packaged file of the same path, the way MkDocs' ``custom_dir`` works, and string
tables are merged key by key so a project can reword one phrase without copying the rest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

TEMPLATE_SUFFIXES = (".html", ".xml", ".txt")
# theme files that the generator reads rather than publishes: templates, strings, packaging
SOURCE_SUFFIXES = (*TEMPLATE_SUFFIXES, ".yaml", ".yml", ".py", ".pyc")
SOURCE_FOLDERS = ("i18n", "data", "__pycache__")  # data/: the map's outline, read by the build


def packaged_dir(package: str) -> Path:
    """The folder of a data package shipped with the generator (theme, archetypes, schemas).

    Wheels install these as plain folders, and an editable install maps them to the
    repository's top-level folders, so a real path always exists.
    """
    return Path(str(resources.files(package)))


def packaged_theme_dir() -> Path:
    return packaged_dir("generator.theme")


@dataclass(frozen=True)
class Theme:
    """An ordered stack of theme folders: the first folder holding a file wins."""

    dirs: tuple[Path, ...]

    @classmethod
    def with_overrides(cls, overrides: Iterable[Path | None] = ()) -> Theme:
        """The packaged theme under the given override folders (missing ones are skipped)."""
        stack: list[Path] = []
        seen: set[Path] = set()
        for folder in (*overrides, packaged_theme_dir()):
            if folder is None or not folder.is_dir():
                continue
            resolved = folder.resolve()
            if resolved not in seen:  # this repository's theme/ is also the packaged one
                seen.add(resolved)
                stack.append(folder)
        return cls(tuple(stack))

    def find(self, relative: str) -> Path | None:
        """The winning copy of a theme file, e.g. ``i18n/ar.yaml``."""
        for folder in self.dirs:
            candidate = folder / relative
            if candidate.is_file():
                return candidate
        return None

    def layers(self, relative: str) -> list[Path]:
        """Every copy of a file, packaged first and the highest override last (for merging)."""
        return [folder / relative for folder in reversed(self.dirs) if (folder / relative).is_file()]

    def files(self) -> dict[str, Path]:
        """Every file of the merged theme by its path inside the theme, in a stable order."""
        merged: dict[str, Path] = {}
        for folder in reversed(self.dirs):
            for path in folder.rglob("*"):
                relative = path.relative_to(folder)
                if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                    merged[relative.as_posix()] = path
        return dict(sorted(merged.items()))

    def assets(self) -> dict[str, Path]:
        """The files a site publishes as they are: CSS, scripts, images, fonts."""
        return {
            name: path
            for name, path in self.files().items()
            if path.suffix not in SOURCE_SUFFIXES and name.split("/")[0] not in SOURCE_FOLDERS
        }

    def revision(self) -> str:
        """A digest of every template, string table and data file (the map's outline), so a
        theme edit re-renders every page."""
        digest = hashlib.blake2b(digest_size=16)
        for name, path in self.files().items():
            if path.suffix in (*TEMPLATE_SUFFIXES, ".yaml") or name.startswith("data/"):
                digest.update(name.encode())
                digest.update(path.read_bytes())
        return digest.hexdigest()
