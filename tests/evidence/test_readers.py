"""The readers against the hostile-input corpus (tests/data/hostile/): each file's outcome, by code, row and column."""

from __future__ import annotations

import os
import shutil
from datetime import date

import duckdb
import pytest

from compact_analysis.errors import ErrorCode, InputError
from compact_analysis.evidence import scratch
from compact_analysis.evidence.ingest import ingest_returns
from compact_analysis.evidence.read_limits import check_line_lengths
from compact_analysis.evidence.readers import excel_serial_to_date, load_return, sniff_encoding, transcode
from compact_analysis.evidence.store import observations_as_at, open_store, quarantine
from compact_analysis.plan.members import load_register
from tests.helpers import HOSTILE


@pytest.fixture
def ingest(tmp_path, compact, ingested_demo):
    register = load_register(ingested_demo.demo.members_file)

    def run(name: str):
        path = tmp_path / name
        shutil.copy(HOSTILE / name, path)
        with open_store(tmp_path / "store.duckdb") as con:
            result = ingest_returns(con, path, compact, register)
            found = quarantine(con)
            stored = observations_as_at(con, date(2011, 1, 1))
        assert result.balanced, result.line()
        return result, [(r.sheet, int(r.row), r.column, r.code) for r in found.itertuples()], stored

    return run


def _value(stored, member, column="value"):
    return stored.loc[stored.member_id == member, column].item()


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("empty.csv", ErrorCode.EMPTY_FILE),
        ("missing_column.csv", ErrorCode.MISSING_COLUMN),
        ("duplicated_header.csv", ErrorCode.DUPLICATE_COLUMN),
        ("really_csv.xlsx", ErrorCode.NOT_A_WORKBOOK),
        ("really_html.xlsx", ErrorCode.NOT_A_WORKBOOK),
        ("encrypted_or_legacy.xlsx", ErrorCode.ENCRYPTED_WORKBOOK),
        ("corrupt.xlsx", ErrorCode.CORRUPT_WORKBOOK),
        ("zip_bomb.xlsx", ErrorCode.TOO_LARGE),
    ],
)
def test_unreadable_files_are_refused_naming_the_file(ingest, name, code):
    with pytest.raises(InputError) as caught:
        ingest(name)
    assert caught.value.code == code
    assert name in str(caught.value)


def test_header_only_is_refused_saying_there_are_no_rows(ingest):
    with pytest.raises(InputError, match=r"header_only\.csv.*no rows") as caught:
        ingest("header_only.csv")
    assert caught.value.code == ErrorCode.NO_ROWS


@pytest.mark.parametrize("name", ["extra_columns.csv", "columns_reordered.csv", "utf8_bom.csv"])
def test_columns_are_read_by_name(ingest, name):
    result, failures, stored = ingest(name)
    assert (result.accepted, failures) == (1, [])
    assert _value(stored, "M003") == "committed"


def test_ragged_rows_are_quarantined_and_the_rest_accepted(ingest):
    result, failures, _ = ingest("ragged_rows.csv")
    # Row 3 (M004) has 3 of 6 cells: value and submitted missing. Row 4 (M005) has 8 cells: the 7th is surplus.
    assert (result.rows_read, result.accepted, result.quarantined) == (4, 2, 2)
    assert failures == [
        (None, 3, "submitted", "missing-cell"),
        (None, 3, "value", "missing-cell"),
        (None, 4, "column 7", "extra-cell"),
    ]


def test_quoted_newlines_stay_in_one_cell(ingest):
    result, _, stored = ingest("quoted_newlines.csv")
    assert result.accepted == 2
    assert _value(stored, "M003", "comment") == "line one\nline two"


def test_a_nul_byte_quarantines_its_row_only(ingest):
    result, failures, _ = ingest("nul_bytes.csv")
    assert (result.accepted, result.quarantined) == (1, 1)
    assert (None, 2, "value", "encoding-error") in failures and {f[1] for f in failures} == {2}


def test_mixed_line_endings_lf_crlf_and_bare_cr(ingest):
    result, failures, _ = ingest("mixed_line_endings.csv")
    assert (result.rows_read, result.accepted, failures) == (3, 3, [])


@pytest.mark.parametrize(("name", "comment"), [("windows_1252.csv", "Café staff – £5 each"), ("utf16.csv", "Café")])
def test_other_encodings_are_read_not_rejected(ingest, name, comment):
    result, _, stored = ingest(name)
    assert result.accepted == 1
    assert _value(stored, "M003", "comment") == comment


def test_numbers_with_separators_and_currency(ingest):
    _, failures, stored = ingest("numbers_with_separators.csv")
    assert failures == []
    # "1,200" → 1200; "£1,250" → 1250; "1200.0" → 1200
    assert [_value(stored, m, "value_number") for m in ("M003", "M004", "M005")] == [1200, 1250, 1200]
    assert _value(stored, "M005") == "1200"


def test_not_applicable_dash_and_blank_are_missing(ingest):
    result, failures, _ = ingest("not_applicable_values.csv")
    assert (result.accepted, result.quarantined) == (1, 3)
    assert failures == [(None, row, "value", "missing-cell") for row in (2, 3, 4)]


def test_date_forms_are_read_day_first(ingest):
    _, failures, stored = ingest("date_forms.csv")
    # M006 submitted 03/04/2010: UK day first, 3 April 2010 (not 4 March).
    assert failures == []
    assert [_value(stored, m, "submitted") for m in ("M003", "M004", "M005", "M006")] == [
        date(2009, 7, 10),
        date(2009, 7, 10),
        date(2009, 7, 10),
        date(2010, 4, 3),
    ]


def test_a_million_character_comment_is_kept_whole(tmp_path, compact, ingested_demo):
    path = tmp_path / "long.csv"
    long = "x" * 1_000_000
    path.write_text(
        f"member_id,measure_id,period,value,comment,submitted\nM003,pledge-level,2009-10-Q1,committed,{long},2009-07-10\n"
    )
    with open_store(tmp_path / "store.duckdb") as con:
        ingest_returns(con, path, compact, load_register(ingested_demo.demo.members_file))
        assert con.execute("SELECT length(comment) FROM observations").fetchall() == [(1_000_000,)]


@pytest.mark.parametrize("scratch_from_bytes", [0, 10**12], ids=["scratch database", "temp table"])
def test_a_quoted_comment_of_many_lines_longer_than_the_readers_first_limit_is_kept_whole(
    tmp_path, compact, ingested_demo, monkeypatch, scratch_from_bytes
):
    """Every line is short, but the quoted cell runs over 3,000 lines (3 MB): one record longer than the 2 MB
    the reader first allows. Read again with the full limit; the comment is stored whole, newlines included."""
    monkeypatch.setattr(scratch, "SCRATCH_FROM_BYTES", scratch_from_bytes)
    path = tmp_path / "lines.csv"
    comment = ("y" * 999 + "\n") * 3000
    path.write_text(
        "member_id,measure_id,period,value,comment,submitted\n"
        f'M003,pledge-level,2009-10-Q1,committed,"{comment}",2009-07-10\nM004,pledge-level,2009-10-Q1,committed,,2009-07-10\n'
    )
    with open_store(tmp_path / "store.duckdb") as con:
        result = ingest_returns(con, path, compact, load_register(ingested_demo.demo.members_file))
        stored = con.execute("SELECT member_id, length(comment) FROM observations ORDER BY member_id").fetchall()
    assert (result.rows_read, result.accepted) == (2, 2)
    assert stored == [("M003", 3_000_000), ("M004", None)]
    assert not list((tmp_path / ".store-tmp").glob("ingest-cells-*"))  # the scratch database is gone


def test_a_line_longer_than_the_readers_default_limit_is_read_with_a_limit_fitted_to_it(tmp_path):
    """A 3 MB line (over DuckDB's 2 MB default) is measured across the 1 MB blocks it spans; the reader is
    given a limit fitted to it and reads it whole. By hand: the line is the 3,000,000-byte comment, 39 bytes
    before it ("M003,pledge-level,2009-10-Q1,committed,") and 11 after (",2009-07-10"): 3,000,050."""
    path = tmp_path / "one.csv"
    row = "M003,pledge-level,2009-10-Q1,committed,{},2009-07-10\n"
    path.write_text(
        "member_id,measure_id,period,value,comment,submitted\n" + row.format("z" * 3_000_000) + row.format("ok")
    )
    assert check_line_lengths(path) == 3_000_050
    with duckdb.connect() as con:
        load_return(con, path, {"pledge-level"})
        lengths = con.execute("SELECT length(c4) FROM cells_read ORDER BY rowid").fetchall()
    assert lengths == [(3_000_000,), (2,)]


def test_formula_without_cached_value_is_quarantined(ingest):
    result, failures, _ = ingest("formula_without_cached_value.xlsx")
    assert result.quarantined == 1
    assert ("returns", 2, "value", "formula-without-value") in failures


def test_merged_cells_rows_are_accepted(ingest):
    result, failures, _ = ingest("merged_cells.xlsx")
    assert (result.accepted, failures) == (2, [])


def test_visible_sheets_read_hidden_skipped_and_said(ingest):
    result, failures, stored = ingest("several_and_hidden_sheets.xlsx")
    assert (result.accepted, failures) == (2, [])
    assert result.sheets == ("Q1", "Q2") and result.skipped_sheets == ("workings",)
    assert "skipped hidden sheet(s) workings" in result.line()
    assert sorted(stored["period"]) == ["2009-10-Q1", "2009-10-Q2"]


def test_excel_dates_serials_and_blank_trailing_rows(ingest):
    result, failures, stored = ingest("excel_dates_and_blank_rows.xlsx")
    assert (result.rows_read, result.accepted, failures) == (2, 2, [])
    assert set(stored["submitted"]) == {date(2009, 7, 10)}


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (40004, date(2009, 7, 10)),  # 1899-12-30 + 40004 days
        (61, date(1900, 3, 1)),  # first serial after Excel's phantom 29 Feb 1900
        (59, date(1900, 2, 28)),  # before it, Excel and the calendar agree from 31 Dec 1899
        (1, date(1900, 1, 1)),
    ],
)
def test_excel_serials(serial, expected):
    assert excel_serial_to_date(serial) == expected


def test_encoding_sniffing_and_transcoding(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("a,b\r\nCafé,1\rx,2\n".encode("cp1252"))
    assert sniff_encoding(path) == ("cp1252", True)
    target = tmp_path / "b.csv"
    transcode(path, "cp1252", target)
    assert target.read_text(encoding="utf-8") == "a,b\nCafé,1\nx,2\n"
    path.write_bytes("a,b\r\nCafé,1\r\n".encode())
    assert sniff_encoding(path) == ("utf-8", False)
    path.write_bytes(b"a,b\nx,1\nCaf" + "é".encode()[:1])  # the last character cut in half
    assert sniff_encoding(path) == ("cp1252", False)
    path.write_bytes(b"a,b\n" + b"x" * (1 << 20) + "é\n".encode())  # an ASCII block, then a character
    assert sniff_encoding(path) == ("utf-8", False)
    path.write_bytes(b"a,b\n" + b"x" * ((1 << 20) - 5) + b"\xc3" + b"ascii\n")  # a block ends mid-character
    assert sniff_encoding(path) == ("cp1252", False)


def test_load_return_refuses_what_is_not_a_file_without_opening_it(tmp_path):
    """A FIFO given straight to the reader: refused by kind (opening it to read would wait for a writer)."""
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with duckdb.connect() as con, pytest.raises(InputError, match="FIFO") as caught:
        load_return(con, fifo, set())
    assert caught.value.code == ErrorCode.NOT_A_REGULAR_FILE
    with duckdb.connect() as con, pytest.raises(InputError, match="folder") as caught:
        load_return(con, tmp_path, set())
    assert caught.value.code == ErrorCode.NOT_A_REGULAR_FILE
