"""Formula-injection-safe CSV and XLSX writing."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from openpyxl import load_workbook

from compact_analysis.evidence.exports import safe_cell, write_csv, write_xlsx


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-3", "-3"),  # a plain number cannot call anything
        ("+4.5", "+4.5"),
        ("plain text", "plain text"),
        ("a=b", "a=b"),
        (12, 12),
        (None, None),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_write_csv_makes_every_cell_safe_and_leaves_no_temporary(tmp_path):
    frame = pd.DataFrame({"name": ['=HYPERLINK("x")', "ok"], "n": [1, None]})
    path = write_csv(tmp_path / "out" / "t.csv", frame)
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows == [["name", "n"], ['\'=HYPERLINK("x")', "1.0"], ["ok", ""]]
    assert [p.name for p in path.parent.iterdir()] == ["t.csv"]


def test_write_xlsx_stores_formulas_as_text(tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", {"returns": [["=1+1", 5]]}, header=["a", "b"])
    sheet = load_workbook(path)["returns"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [["a", "b"], ["'=1+1", 5]]
    assert sheet["A2"].data_type == "s"
