"""The generator as a newcomer gets it: a wheel in a fresh virtual environment, outside this checkout.

Builds the wheel, installs it into a new venv in a temporary folder, and runs what the README's
"Use it for your own chronology" section tells people to run: ``chronology init``, ``new``,
``validate``, ``mkdocs build --strict`` and ``mkdocs serve``. Nothing may be read from the
checkout: the theme, the archetypes and the schema must come from the installed package.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGED = (
    "generator/theme/base.html",
    "generator/theme/partials/event_entry.html",
    "generator/theme/assets/style.css",
    "generator/theme/i18n/ar.yaml",
    "generator/theme/mkdocs_theme.yml",
    "generator/archetypes/event.yaml",
    "generator/archetypes/project/mkdocs.yml",
    "generator/archetypes/project/dot_gitignore",
    "generator/archetypes/project/dot_github/workflows/chronology.yml",
    "generator/schemas/event.schema.json",
)


def run(command: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if check and result.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv outside the checkout with only the built wheel (and its dependencies)."""
    where = tmp_path_factory.mktemp("packaging")
    wheels = where / "wheels"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)], cwd=where)
    (wheel,) = wheels.glob("chronology_generator-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in PACKAGED if name not in names]
    assert not missing, f"the wheel lacks {missing}"
    venv = where / "venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=where)
    run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], cwd=where)
    return venv / "bin"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_init_new_validate_build_and_serve_from_the_installed_wheel(installed: Path, tmp_path: Path) -> None:
    project = tmp_path / "harbour-history"
    run([str(installed / "chronology"), "init", str(project)], cwd=tmp_path)
    for name in ("mkdocs.yml", "content/timeline.yaml", "content/pages/about.md", ".gitignore", "README.md"):
        assert (project / name).is_file(), name
    assert (project / ".github" / "workflows" / "chronology.yml").is_file()
    assert "Harbour history" in (project / "content" / "timeline.yaml").read_text()

    refused = run([str(installed / "chronology"), "init", str(project)], cwd=tmp_path, check=False)
    assert refused.returncode == 2 and "not empty" in refused.stderr

    chronology = str(installed / "chronology")
    new = [chronology, "new", "Ferry service resumes", "--date", "2021-05-04", "--tag", "conflict"]
    run(new, cwd=project)
    event = project / "content" / "events" / "2021-05-04-ferry-service-resumes.yaml"
    assert event.read_text().startswith("# yaml-language-server: $schema=../../schema/event.schema.json")
    unfinished = run([chronology, "validate"], cwd=project, check=False)
    assert unfinished.returncode == 1 and "summary" in unfinished.stdout  # the archetype asks for it

    text = event.read_text().replace(
        "summary:\n", "summary: The ferry to the island ran again after two years, the port said.\n", 1
    )
    text = text.replace(
        "sources:\n",
        "sources:\n  - publisher: Harbour Gazette\n    title: Ferry returns\n"
        "    url: https://example.org/ferry\n    published: 2021-05-04\n",
        1,
    )
    event.write_text(text)
    checked = run([chronology, "validate"], cwd=project)
    assert "2 valid events, 0 errors" in checked.stdout

    run([str(installed / "mkdocs"), "build", "--strict"], cwd=project)
    page = project / "site" / "events" / "2021-05-04-ferry-service-resumes" / "index.html"
    assert "Ferry service resumes" in page.read_text()
    assert (project / "site" / "assets" / "style.css").is_file()

    port = free_port()
    server = subprocess.Popen(
        [str(installed / "mkdocs"), "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        body = ""
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as answer:
                    body = answer.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
        assert "Ferry service resumes" in body, "mkdocs serve did not serve the chronology"
    finally:
        server.terminate()
        server.wait(timeout=30)
