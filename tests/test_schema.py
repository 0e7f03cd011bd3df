"""The JSON Schema and the validator are generated from one declaration; they must agree."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from generator.load import load_yaml_file
from generator.schema import event_schema, event_schema_json
from generator.validate import event_from_document

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "schema"
VALID = sorted((FIXTURES / "valid").glob("*.yaml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


def as_editor_tools_read_it(path: Path) -> Any:
    """YAML as a schema-aware editor sees it: dates are strings (YAML 1.2 has no date type)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def plain(value: Any) -> Any:
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    return plain(data)


def schema_accepts(path: Path) -> bool:
    validator = jsonschema.Draft202012Validator(event_schema(), format_checker=jsonschema.FormatChecker())
    return validator.is_valid(as_editor_tools_read_it(path))


def validator_accepts(path: Path, name: str) -> bool:
    return event_from_document(load_yaml_file(path, name)) is not None


def test_the_schema_is_itself_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(event_schema())


def test_the_committed_schema_file_is_up_to_date() -> None:
    committed = (ROOT / "schema" / "event.schema.json").read_text(encoding="utf-8")
    assert committed == event_schema_json(), "run: chronology schema > schema/event.schema.json"
    assert json.loads(committed)["required"] == ["title", "date", "summary", "sources"]


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_files_pass_both(path: Path) -> None:
    assert schema_accepts(path)
    assert validator_accepts(path, path.name)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_files_fail_both(path: Path) -> None:
    assert not schema_accepts(path)
    assert not validator_accepts(path, "2020-01-29-" + path.name)  # a well-formed file name


def test_archetype_points_editors_at_the_schema() -> None:
    first_line = (ROOT / "archetypes" / "event.yaml").read_text().splitlines()[0]
    assert first_line.startswith("# yaml-language-server: $schema=")
