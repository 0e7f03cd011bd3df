"""CSV files: our own ``events.csv``, ACLED's export, the TimelineJS Google Sheet."""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .rows import TRANSLATION_COLUMN, CsvMapping, ImportUsageError, Reading, Row, is_row_field, unguarded
from .sheet import sheet_rows


def read_csv(path: Path, mapping: CsvMapping) -> Reading:
    """Rows of a CSV file (UTF-8, with or without BOM) mapped to fields; notes on unused columns."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = list(reader.fieldnames or [])
            records = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ImportUsageError(f"cannot read {path}: {error}") from None
    columns = {name: name for name in header if is_row_field(name)}
    columns.update({k: v for k, v in mapping.columns.items() if k in header})
    missing = sorted(set(mapping.columns) - set(header))
    notes = [f"columns not found in {path.name}: {', '.join(missing)}"] if missing else []
    templated = set(re.findall(r"\{(\w+)\}", mapping.title_template + "".join(mapping.templates.values())))
    unused = [name for name in header if name not in columns and name not in templated]
    if unused:
        notes.append(f"columns not imported: {', '.join(unused)}")
    rows = []
    if mapping.reader == "timelinejs":
        return sheet_rows(records, path)
    for index, record in enumerate(records, start=2):
        values: dict[str, Any] = {}
        for column, name in columns.items():
            text = unguarded((record.get(column) or "").strip())
            translation = TRANSLATION_COLUMN.fullmatch(name)
            if text and translation:
                values.setdefault("translations", {}).setdefault(translation[1], {})[translation[2]] = text
            elif text:
                values[name] = text
        if mapping.title_template and "title" not in values:
            values["title"] = _fill_template(mapping.title_template, record)
        for name, template in mapping.templates.items():
            if name not in values and record.get(template.split("}")[0].lstrip("{")):
                parts = [_fill_template(part, record) for part in template.split(", ")]
                values[name] = ", ".join(dict.fromkeys(part for part in parts if part))
        rows.append(Row(index, values))
    return Reading(rows, notes, {})


def _fill_template(template: str, record: Mapping[str, str | None]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: (record.get(m.group(1)) or "").strip(), template).strip()
