"""Write stage: rendered pages and theme assets into the output folder, never outside it.

A page URL becomes a path only if it is made of safe segments; the resolved path must stay
inside the output folder. Files whose bytes did not change are left alone, so serve rebuilds
touch only what changed and file watchers stay quiet.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

_SAFE_URL = re.compile(r"(?:[a-z0-9][a-z0-9._-]*/)*(?:[a-z0-9][a-z0-9._-]*)?")


class UnsafePathError(ValueError):
    """A URL that would write outside the site folder or to a name we do not produce."""


def output_path(out_dir: Path, url: str) -> Path:
    """The file for a page URL: ``events/x/`` -> ``out/events/x/index.html``."""
    if not _SAFE_URL.fullmatch(url) or ".." in url.split("/"):
        raise UnsafePathError(f"refusing to write page URL {url!r}")
    # Safe segments only (no "..", no leading dot or slash): the path cannot leave out_dir, and
    # nothing from content creates links inside it. No per-page resolve(): it costs a system
    # call per path component, thousands of times a build.
    return out_dir / (url + "index.html" if url == "" or url.endswith("/") else url)


def write_bytes(out_dir: Path, url: str, data: bytes) -> Path:
    """Write a page unless the file already holds exactly these bytes."""
    target = output_path(out_dir, url)
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return target
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


def write_chunks(out_dir: Path, url: str, chunks: Iterable[str | bytes]) -> Path:
    """Write a large file piece by piece (UTF-8), through a temporary name so that a reader
    never sees half a file; nothing holds the whole of it in memory."""
    target = output_path(out_dir, url)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    with partial.open("wb") as stream:
        for chunk in chunks:
            stream.write(chunk if isinstance(chunk, bytes) else chunk.encode("utf-8"))
    partial.replace(target)
    return target


def remove_page(out_dir: Path, url: str) -> None:
    """Delete a page's file and any folders it leaves empty (inside the output folder only)."""
    target = output_path(out_dir, url)
    target.unlink(missing_ok=True)
    folder = target.parent
    root = out_dir.resolve()
    while folder.resolve() != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def copy_assets(assets: Mapping[str, Path], out_dir: Path) -> set[str]:
    """Copy the theme's static files (CSS, JS, images) by their path in the theme; returns
    those paths, which are the files this build owns besides its pages."""
    for name, source in assets.items():
        target = out_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_bytes() != source.read_bytes():
            shutil.copyfile(source, target)
    return set(assets)


def publish_files(out_dir: Path, files: Mapping[str, Path], previous: Iterable[str] = ()) -> set[str]:
    """Copy checked content files (pictures) to their site paths, and remove those the last
    build published that are gone; returns the paths, which the build owns."""
    for url, source in files.items():
        write_bytes(out_dir, url, source.read_bytes())
    for url in set(previous) - set(files):
        remove_page(out_dir, url)
    return set(files)


STASH = ".timeline-previous"


def stash_output(site_dir: Path, owned: Iterable[str]) -> None:
    """Move the files the last build wrote into a hidden folder, out of MkDocs' way.

    ``mkdocs serve`` empties the site folder before each rebuild, but leaves hidden entries
    alone: stashing keeps the pages that did not change, so a rebuild writes only the others.
    Only the chronology's own entries are stashed (the top-level files and folders of the
    ``owned`` paths: the plugin keeps the host site's pages out of them), so a host page that
    MkDocs no longer writes never comes back.
    """
    stash = site_dir / STASH
    if stash.exists():  # left by a rebuild that failed half-way: its files cannot be trusted
        shutil.rmtree(stash)
    for name in sorted({url.split("/", 1)[0] for url in owned}):
        entry = site_dir / name
        if name and not name.startswith(".") and entry.exists():
            stash.mkdir(exist_ok=True)
            entry.rename(stash / name)


def unstash_output(site_dir: Path) -> bool:
    """Put stashed files back where nothing was written anew; True if there was a stash."""
    stash = site_dir / STASH
    if not stash.is_dir():
        return False
    _merge_back(stash, site_dir)
    shutil.rmtree(stash)
    return True


def _merge_back(source: Path, target: Path) -> None:
    """Move entries of ``source`` into ``target``, keeping whatever ``target`` already has."""
    for entry in source.iterdir():
        destination = target / entry.name
        if not destination.exists():
            entry.rename(destination)
        elif entry.is_dir() and destination.is_dir():
            _merge_back(entry, destination)
