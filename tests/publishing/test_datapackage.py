"""Table Schema types of a data package's fields (issue #24 item 5)."""

from __future__ import annotations

import json
from datetime import date

import frictionless
import pandas as pd

from compact_analysis.publishing.datapackage import DataResource, field_type, write_data_package


def test_field_types_follow_the_columns():
    frame = pd.DataFrame(
        {
            "n": pd.array([1, None], dtype="Int64"),
            "x": [0.5, None],
            "d": [date(2009, 9, 30), None],
            "s": ["a", "=b"],
            "mixed": [None, 0.25],
        }
    )
    assert [field_type(frame[c]) for c in frame.columns] == ["integer", "number", "date", "string", "number"]


def test_a_written_package_validates_and_keeps_cells_formula_safe(tmp_path):
    frame = pd.DataFrame({"name": ["=cmd|' /C calc'!A0", "-3"], "value": [1.5, -3.0], "on": [date(2009, 1, 2)] * 2})
    path = write_data_package(tmp_path, "demo", "Demo", [DataResource("t", "A table", frame)])
    assert frictionless.validate(str(path)).valid
    text = (tmp_path / "t.csv").read_text(encoding="utf-8")
    assert "'=cmd" in text and "\n-3,-3.0," in text  # a plain number "-3" is left alone (exports.safe_cell)
    schema = json.loads(path.read_text(encoding="utf-8"))["resources"][0]["schema"]
    assert [f["type"] for f in schema["fields"]] == ["string", "number", "date"]


def test_a_cell_that_breaks_its_schema_fails_validation(tmp_path):
    path = write_data_package(tmp_path, "demo", "Demo", [DataResource("t", "A table", pd.DataFrame({"v": [1.5]}))])
    (tmp_path / "t.csv").write_text("v\nnot a number\n", encoding="utf-8")
    assert not frictionless.validate(str(path)).valid  # the check can fail: frictionless reads the rows
