"""Each field is declared once (generator/fields.py); the docs, the schemas and the validator agree."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.exports.common import ExportContext
from generator.exports.records import CSV_SCHEMA_URL, csv_schema, event_record, events_schema
from generator.fields import EVENT_FIELDS, EVENT_ID, RECORD_FIELDS, SOURCE_FIELDS, FieldSpec
from generator.load import parse_yaml
from generator.schema import EVENT_ID_JSON_PATTERN, event_schema, field_table, refresh_field_tables
from generator.schema import main as schema_main
from generator.validate import event_from_document

from .conftest import ROOT
from .test_export_markup import small_site

CONTRIBUTING = ROOT / "CONTRIBUTING.md"


def test_the_field_tables_in_contributing_are_generated_from_the_declarations() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    assert text.count("<!-- fields: ") == 8, "CONTRIBUTING.md lost a table marker"
    assert text == refresh_field_tables(text), (
        "CONTRIBUTING.md's field tables are out of date: python -m generator.schema CONTRIBUTING.md"
    )


def test_a_field_table_says_what_is_required_and_the_limits() -> None:
    table = field_table(
        {
            "title": FieldSpec("title", "text", True, "The headline.", 160),
            "note": FieldSpec("note", "text", False, "Anything | else."),
        }
    )
    assert table.splitlines() == [
        "| field | required | what to write |",
        "| --- | --- | --- |",
        "| `title` | yes | The headline. At most 160 characters. |",
        "| `note` | no | Anything \\| else. |",
    ]


def test_every_event_field_is_in_the_export_record_and_both_schemas() -> None:
    assert set(EVENT_FIELDS) <= set(RECORD_FIELDS)
    exported = events_schema()["$defs"]["event"]
    assert list(exported["properties"]) == list(RECORD_FIELDS)
    assert exported["required"] == list(RECORD_FIELDS)  # present in every record, null if unused
    assert list(event_schema()["properties"]) == list(EVENT_FIELDS)
    assert list(events_schema()["$defs"]["source"]["properties"]) == list(SOURCE_FIELDS)
    for name, spec in EVENT_FIELDS.items():
        # a date's description goes on to say how exports write it (350 BCE is -0349)
        assert exported["properties"][name]["description"].startswith(spec.description)
        assert event_schema()["properties"][name]["description"] == spec.description


def test_an_exported_record_has_the_declared_fields_in_the_declared_order() -> None:
    site = small_site()
    for event in site.events:
        record = event_record(ExportContext(site), event)
        assert list(record) == list(RECORD_FIELDS)
        assert [list(source) for source in record["sources"]] == [list(SOURCE_FIELDS)] * len(event.sources)


def test_the_length_limits_the_validator_applies_are_in_the_schemas() -> None:
    assert event_schema()["properties"]["title"]["maxLength"] == EVENT_FIELDS["title"].max_length
    assert events_schema()["$defs"]["event"]["properties"]["title"]["maxLength"] == 160


@pytest.mark.parametrize(
    ("event_id", "valid"),
    [
        ("2020-01-29-army-enters", True),
        ("1098-crusaders", True),
        ("1098-11-siege", True),
        ("0973-poet-born", True),
        ("20-01-29-two-digit-year", False),
        ("2020-01-29-Capital", False),
        ("2020-01-29-double--hyphen", False),
        ("army-enters", False),
    ],
)
def test_the_event_id_pattern_is_the_same_everywhere(event_id: str, valid: bool) -> None:
    """The validator, the event-file schema (related ids), events.json and events.csv."""
    assert (EVENT_ID.fullmatch(event_id) is not None) is valid
    assert (re.fullmatch(EVENT_ID_JSON_PATTERN, event_id) is not None) is valid
    related = jsonschema.Draft202012Validator(event_schema()["properties"]["related"])
    assert related.is_valid([event_id]) is valid
    csv_id = jsonschema.Draft202012Validator(csv_schema()["properties"]["id"])
    assert csv_id.is_valid(event_id) is valid, CSV_SCHEMA_URL


def test_the_refresh_command_rewrites_a_stale_table(tmp_path: Path) -> None:
    doc = tmp_path / "DOC.md"
    doc.write_text(
        "Intro\n\n<!-- fields: page -->\n| old |\n<!-- end of fields -->\n\nEnd\n", encoding="utf-8"
    )
    assert schema_main([str(doc)]) == 0
    text = doc.read_text(encoding="utf-8")
    assert "| old |" not in text and "| `order` | no | Position in the menu (smaller first). |" in text
    assert text.startswith("Intro\n\n<!-- fields: page -->\n| field |") and text.endswith("\n\nEnd\n")


def _wrong_value(spec: FieldSpec) -> object:
    """A value no field of this kind accepts: a list for a mapping, a mapping for the rest."""
    return ["not", "a", "mapping"] if spec.kind == "translations" else {"not": "right"}


@pytest.mark.parametrize("spec", [*EVENT_FIELDS.values()], ids=lambda spec: spec.name)
def test_the_validator_checks_every_declared_event_field(spec: FieldSpec) -> None:
    """No declared field is ignored: a wrong value in any of them is reported at that field."""
    valid = ROOT / "tests" / "fixtures" / "schema" / "valid" / "2020-01-29-market-reopens.yaml"
    data = yaml.safe_load(valid.read_text(encoding="utf-8"))
    data[spec.name] = _wrong_value(spec)
    document = parse_yaml(yaml.safe_dump(data), "content/events/2020-01-29-market-reopens.yaml")
    assert event_from_document(document) is None
    assert any(problem.field.startswith(spec.name) for problem in document.problems), document.problems


@pytest.mark.parametrize("spec", [*SOURCE_FIELDS.values()], ids=lambda spec: spec.name)
def test_the_validator_checks_every_declared_source_field(spec: FieldSpec) -> None:
    valid = ROOT / "tests" / "fixtures" / "schema" / "valid" / "2020-01-29-market-reopens.yaml"
    data = yaml.safe_load(valid.read_text(encoding="utf-8"))
    data["sources"][0][spec.name] = _wrong_value(spec)
    document = parse_yaml(yaml.safe_dump(data), "content/events/2020-01-29-market-reopens.yaml")
    assert event_from_document(document) is None
    assert any(problem.field == f"sources[0].{spec.name}" for problem in document.problems), document.problems
