"""Hostile and broken inputs: each file in tests/data/hostile/ gets the outcome written here.

Never a traceback, never a silent drop: a clear error naming the file (and row and
column where they apply), or the file read correctly.
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from compact_analysis.errors import CompactError, ErrorCode, FrameworkError, InputError
from compact_analysis.plan.framework import load_framework
from tests.helpers import HOSTILE


def _codes(failed):
    return sorted((int(r.row), r.column, r.code) for r in failed.itertuples())


def test_empty_file(ingest):
    """An empty CSV file (0 bytes).
    InputError naming the file and saying it is empty."""
    with pytest.raises(InputError, match=r"empty\.csv") as caught:
        ingest("empty.csv")
    assert caught.value.code == ErrorCode.EMPTY_FILE


def test_header_only(ingest):
    """A CSV with the header row and nothing else.
    InputError (no-rows) naming the file and saying it has no rows; nothing stored, never a silent "0 rows read"."""
    with pytest.raises(InputError, match=r"header_only\.csv.*no rows") as caught:
        ingest("header_only.csv")
    assert caught.value.code == ErrorCode.NO_ROWS


def test_missing_required_column(ingest):
    """A CSV without the submitted column.
    InputError naming the file and the missing column."""
    with pytest.raises(InputError, match=r"missing_column\.csv.*submitted") as caught:
        ingest("missing_column.csv")
    assert caught.value.code == ErrorCode.MISSING_COLUMN


def test_extra_and_reordered_columns(ingest):
    """Extra columns, or the columns in another order.
    Read by column name: the row is accepted."""
    for name in ("extra_columns.csv", "columns_reordered.csv"):
        result, stored, _ = ingest(name)
        assert result.accepted == 1 and stored["value"].tolist() == ["committed"]


def test_duplicated_header(ingest):
    """Two columns with the same name (value, value).
    InputError naming the duplicated column: neither copy is guessed at."""
    with pytest.raises(InputError, match=r"duplicated_header\.csv.*value") as caught:
        ingest("duplicated_header.csv")
    assert caught.value.code == ErrorCode.DUPLICATE_COLUMN


def test_ragged_rows(ingest):
    """A row with too few cells and a row with too many.
    Both quarantined (missing-cell, extra-cell) with their row numbers; the good rows accepted."""
    result, _, failed = ingest("ragged_rows.csv")
    assert (result.rows_read, result.accepted, result.quarantined) == (4, 2, 2)
    assert {(int(r.row), r.code) for r in failed.itertuples()} >= {(3, "missing-cell"), (4, "extra-cell")}


def test_quoted_newlines(ingest):
    """A comment with a line break inside quotes.
    Read as one cell; both rows accepted."""
    result, stored, _ = ingest("quoted_newlines.csv")
    assert result.accepted == 2 and "line one\nline two" in stored["comment"].tolist()


def test_nul_bytes(ingest):
    """A NUL byte inside a value.
    That row quarantined; the other accepted."""
    result, _, failed = ingest("nul_bytes.csv")
    assert (result.accepted, result.quarantined) == (1, 1) and set(failed["row"]) == {2}


def test_mixed_line_endings(ingest):
    """LF, CRLF and a bare CR ending rows in one file.
    All three rows accepted."""
    result, _, _ = ingest("mixed_line_endings.csv")
    assert result.accepted == 3


@pytest.mark.parametrize(
    ("name", "comment"),
    [("windows_1252.csv", "Café staff – £5 each"), ("utf16.csv", "Café"), ("utf8_bom.csv", None)],
)
def test_encodings(ingest, name, comment):
    """Windows-1252 text, UTF-16 with a byte-order mark, UTF-8 with a BOM.
    Read correctly, not rejected: the comment's accents and symbols survive."""
    result, stored, _ = ingest(name)
    assert result.accepted == 1
    assert stored["comment"].tolist() == [comment]


def test_a_file_read_as_windows_1252_says_so(ingest, tmp_path):
    """A return that is not valid UTF-8 (Windows-1252 bytes), one row good and one quarantined.
    Read, and the reconciliation line and every quarantined row's message say it was read as Windows-1252."""
    note = "read as Windows-1252 (not valid UTF-8)"
    result, _, _ = ingest("windows_1252.csv")
    assert result.line() == (
        f"windows_1252.csv: 1 row read = 1 accepted + 0 quarantined + 0 duplicates ignored; {note}"
    )
    for name in ("utf16.csv", "utf8_bom.csv"):  # a byte-order mark says what the file is: nothing to say
        assert "Windows-1252" not in ingest(name)[0].line()
    mixed = tmp_path / "mixed_1252.csv"
    text = (
        "member_id,measure_id,period,value,comment,submitted\n"
        "M003,pledge-level,2009-10-Q1,committed,Café,2009-07-10\n"
        "M004,pledge-level,2009-10-Q1,no-such-level,Café,2009-07-10\n"
    )
    mixed.write_bytes(text.encode("cp1252"))
    result, _, failed = ingest(mixed)
    assert (result.accepted, result.quarantined) == (1, 1)
    assert failed["message"].str.endswith(f" ({note})").all()
    written = pd.read_csv(result.quarantine_file)
    assert written["message"].tolist() == failed["message"].tolist()


def test_numbers_with_thousands_separators_and_pounds(ingest):
    """Numbers written 1,200 and £1,250 and 1200.0.
    Read as 1200, 1250 and 1200."""
    result, stored, _ = ingest("numbers_with_separators.csv")
    assert result.accepted == 3 and sorted(stored["value_number"]) == [1200, 1200, 1250]


def test_not_applicable_values(ingest):
    """Values written n/a, - or left blank.
    Quarantined as missing-cell (a value is required), not read as zero."""
    result, _stored, failed = ingest("not_applicable_values.csv")
    assert result.accepted == 1
    assert _codes(failed) == [(2, "value", "missing-cell"), (3, "value", "missing-cell"), (4, "value", "missing-cell")]


def test_date_forms(ingest):
    """Submitted dates written 10/07/2009, 2009-07-10, 10-Jul-09 and the ambiguous 03/04/2010.
    All read day first, as in the UK: 10 July 2009 three times, and 3 April 2010."""
    result, stored, _ = ingest("date_forms.csv")
    assert result.accepted == 4
    assert sorted(stored["submitted"]) == [date(2009, 7, 10)] * 3 + [date(2010, 4, 3)]


# -- Values: never silently changed (issue #22) -------------------------------------


def test_numbers_that_are_not_finite(ingest):
    """Number cells NaN, inf and -Infinity, and a good row.
    Each quarantined as constraint-error (not a finite number); the good row accepted; nothing lost."""
    result, _, failed = ingest("numbers_not_finite.csv")
    assert (result.rows_read, result.accepted, result.quarantined) == (4, 1, 3)
    assert _codes(failed) == [(r, "value", "constraint-error") for r in (2, 3, 4)]


def test_numbers_too_large_to_store(ingest):
    """Number cells 1e308, 1e309, a 5,000-digit number and 2e15, and a good row.
    Each quarantined as constraint-error (beyond 10^15), never a DuckDB error losing the file."""
    result, _, failed = ingest("numbers_too_large.csv")
    assert (result.rows_read, result.accepted, result.quarantined) == (5, 1, 4)
    assert _codes(failed) == [(r, "value", "constraint-error") for r in (2, 3, 4, 5)]
    assert failed["message"].str.startswith("too large").all()


def test_ambiguous_digit_separators(ingest):
    """Numbers written 1,5 (decimal comma), 1_000, 1 000, 1'000, 1.000.000, 1,50,000 and 1,500.
    The first six quarantined as type-error with a message saying why they are ambiguous; 1,500 is 1500."""
    result, stored, failed = ingest("numbers_ambiguous_separators.csv")
    assert (result.rows_read, result.accepted, result.quarantined) == (7, 1, 6)
    assert _codes(failed) == [(r, "value", "type-error") for r in range(2, 8)]
    assert failed["message"].str.startswith("ambiguous").all()
    assert stored["value_number"].tolist() == [1500]


def test_a_fraction_of_people(ingest):
    """A count of people written 12.5, and another written 12.0.
    12.5 quarantined as type-error (a count of people is a whole number); 12.0 stored as 12."""
    result, stored, failed = ingest("fraction_of_people.csv")
    assert (result.accepted, result.quarantined) == (1, 1)
    assert _codes(failed) == [(2, "value", "type-error")] and stored["value"].tolist() == ["12"]


def test_yes_no_spellings(ingest):
    """A yes/no measure written yes, Y, TRUE, 1, No, n, false, 0 and maybe.
    The eight stored as yes (4) and no (4), as the member register reads deemed; maybe quarantined as type-error."""
    result, stored, failed = ingest("yes_no_spellings.csv")
    assert (result.rows_read, result.accepted, result.quarantined) == (9, 8, 1)
    assert sorted(stored["value"]) == ["no"] * 4 + ["yes"] * 4
    assert _codes(failed) == [(10, "value", "type-error")]


def test_very_long_cell(ingest, tmp_path):
    """A comment one million characters long.
    Accepted and kept whole."""
    path = tmp_path / "long.csv"
    path.write_text(
        "member_id,measure_id,period,value,comment,submitted\n"
        f"M003,pledge-level,2009-10-Q1,committed,{'x' * 1_000_000},2009-07-10\n",
        encoding="utf-8",
    )
    result, stored, _ = ingest(path)
    assert result.accepted == 1 and len(stored["comment"].item()) == 1_000_000


def test_text_that_looks_like_code_is_stored_as_text(ingest):
    """Comments holding a spreadsheet formula, <script> and <img onerror>, and Markdown links.
    Stored exactly as typed (escaping happens on the way out, in HTML and exports)."""
    result, stored, _ = ingest("formula_and_script_text.csv")
    assert result.accepted == 3
    assert any(c.startswith("=HYPERLINK") for c in stored["comment"])


# -- Excel ------------------------------------------------------------------------


def test_formula_without_cached_value(ingest):
    """A formula cell with no saved value (the workbook was never recalculated).
    The cell quarantined with a code saying so; never read as blank or zero."""
    result, _, failed = ingest("formula_without_cached_value.xlsx")
    assert result.quarantined == 1 and "formula-without-value" in failed["code"].tolist()


def test_merged_cells(ingest):
    """A comment merged across two rows.
    Both rows accepted."""
    result, _, _ = ingest("merged_cells.xlsx")
    assert result.accepted == 2


def test_several_and_hidden_sheets(ingest):
    """Two visible sheets of returns and a hidden sheet of workings.
    Both visible sheets read (rows named by sheet); the hidden sheet skipped and said so."""
    result, stored, _ = ingest("several_and_hidden_sheets.xlsx")
    assert result.accepted == 2 and sorted(stored["period"]) == ["2009-10-Q1", "2009-10-Q2"]


def test_excel_dates_and_blank_trailing_rows(ingest):
    """Submitted dates as a date cell and as a serial number (40004), then blank rows.
    Both read as 10 July 2009; blank rows not counted."""
    result, stored, _ = ingest("excel_dates_and_blank_rows.xlsx")
    assert (result.rows_read, result.accepted) == (2, 2)
    assert stored["submitted"].tolist() == [date(2009, 7, 10)] * 2


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("really_csv.xlsx", ErrorCode.NOT_A_WORKBOOK),
        ("really_html.xlsx", ErrorCode.NOT_A_WORKBOOK),
        ("encrypted_or_legacy.xlsx", ErrorCode.ENCRYPTED_WORKBOOK),
        ("corrupt.xlsx", ErrorCode.CORRUPT_WORKBOOK),
    ],
)
def test_files_that_are_not_workbooks(ingest, name, code):
    """A .xlsx that is really CSV or HTML, a password-protected (or old .xls) file, a corrupt zip.
    InputError naming the file and what is wrong with it."""
    with pytest.raises(InputError, match=name) as caught:
        ingest(name)
    assert caught.value.code == code


def test_zip_bomb_is_refused(ingest):
    """A 290 KB .xlsx whose sheet unpacks to 300 MB.
    Refused as too large when unpacked, before it is unpacked (speed goal: benchmarks/bench_hostile_inputs.py)."""
    with pytest.raises(InputError, match=r"zip_bomb\.xlsx") as caught:
        ingest("zip_bomb.xlsx")
    assert caught.value.code == ErrorCode.TOO_LARGE


# -- Framework YAML -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [("tabs.yaml", "tab-indent"), ("duplicate_keys.yaml", "duplicate-key"), ("alias_bomb.yaml", "yaml-alias")],
)
def test_hostile_framework_yaml(name, code):
    """Framework YAML with tabs, duplicate keys, or aliases that expand billions of times.
    FrameworkError naming the file and the problem (speed goal: benchmarks/bench_hostile_inputs.py)."""
    with pytest.raises(FrameworkError, match=name) as caught:
        load_framework(HOSTILE / name)
    assert [f.code for f in caught.value.failures][:1] == [code]


def test_yaml_tags_never_construct_objects(tmp_path):
    """A framework YAML with a !!python/object tag that would run a command.
    FrameworkError; the command never runs."""
    marker = Path("/tmp/pwned")
    marker.unlink(missing_ok=True)
    with pytest.raises(FrameworkError):
        load_framework(HOSTILE / "python_object_tag.yaml")
    assert not marker.exists()


def test_no_hostile_file_gives_a_traceback(ingest):
    """Every file of the corpus through ingest.
    Either read, or a CompactError: never any other exception."""
    checked = 0
    for path in sorted(HOSTILE.iterdir()):
        if path.suffix in (".csv", ".xlsx"):
            checked += 1
            with contextlib.suppress(CompactError):
                ingest(path)
    assert checked >= 25
