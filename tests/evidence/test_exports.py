"""Formula-injection-safe CSV and XLSX writing."""

from __future__ import annotations

import csv

import numpy as np
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


def test_write_csv_writes_every_kind_of_missing_cell_empty_and_leaves_the_frame_as_it_was(tmp_path):
    """None, NaN, NaT and NA are all empty cells; text that starts like a formula is quoted, numbers
    and dates never are; the caller's frame is not changed. Expected text written out by hand."""
    frame = pd.DataFrame(
        {
            "text": ["=1+1", None, "-5", "@x"],
            "number": [1.5, np.nan, 2.0, -3.0],
            "count": pd.array([1, None, 3, 4], dtype="Int64"),
            "when": pd.to_datetime(["2009-01-01", None, "2010-02-03", "2011-01-01"]),
            "mixed": ["-x", None, 5, "ok"],
        }
    )
    path = write_csv(tmp_path / "t.csv", frame)
    assert path.read_bytes().decode() == (
        "text,number,count,when,mixed\r\n"
        "'=1+1,1.5,1,2009-01-01 00:00:00,'-x\r\n"
        ",,,,\r\n"
        "-5,2.0,3,2010-02-03 00:00:00,5\r\n"
        "'@x,-3.0,4,2011-01-01 00:00:00,ok\r\n"
    )
    assert frame["text"].tolist()[0] == "=1+1" and frame["mixed"].tolist()[0] == "-x"
