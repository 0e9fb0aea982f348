"""Rows and cells that must not vanish, files with nothing in them, dates that cannot be right (issue #22, 2 and 5).

Each file is in tests/data/hostile/ (make_corpus.py, ``loss_and_date_cases``) except the
over-long lines, which are generated in the test.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from compact_analysis.errors import ErrorCode, InputError
from compact_analysis.evidence.read_limits import check_line_lengths

HEADER = "member_id,measure_id,period,value,comment,submitted\n"


def _codes(failed):
    return sorted((int(r.row), r.column, r.value, r.code) for r in failed.itertuples())


def test_wide_return_with_an_unknown_measure_column(ingest):
    """A wide return with a misspelt measure column (sfl-enroled) and a notes column, one cell filled in each.
    Each filled cell quarantined as unknown-measure naming its column; the two good cells accepted; 4 read."""
    result, stored, failed = ingest("wide_unknown_measure.csv")
    # 2 rows x (sfl-enrolled, and the filled one of sfl-enroled / notes) = 4 cells read.
    assert (result.rows_read, result.accepted, result.quarantined) == (4, 2, 2)
    assert _codes(failed) == [(2, "sfl-enroled", "13", "unknown-measure"), (3, "notes", "late", "unknown-measure")]
    assert sorted(stored["value"]) == ["12", "5"]


@pytest.mark.parametrize(
    ("name", "code"), [("empty_workbook.xlsx", ErrorCode.EMPTY_FILE), ("header_only_workbook.xlsx", ErrorCode.NO_ROWS)]
)
def test_a_workbook_with_nothing_in_it(ingest, name, code):
    """A workbook whose only sheet is empty, and one whose only sheet holds the header alone.
    InputError naming the file: empty-file and no-rows, as for a CSV; never "0 rows read"."""
    with pytest.raises(InputError, match=name.replace(".", r"\.")) as caught:
        ingest(name)
    assert caught.value.code == code


def test_a_correction_cell_that_is_not_yes_or_no(ingest):
    """Correction cells maybe, yes and blank.
    maybe quarantined as type-error in the correction column (never read as "no"); the other two accepted."""
    result, stored, failed = ingest("correction_not_yes_no.csv")
    assert (result.rows_read, result.accepted) == (3, 2)
    assert _codes(failed) == [(2, "correction", "maybe", "type-error")]
    assert sorted(stored.member_id) == ["M004", "M005"]


def test_two_digit_years(ingest):
    """Submitted dates 15/10/09 and 10-Aug-09.
    15/10/09 quarantined as two-digit-year (not period-after-submission); 10-Aug-09 read as 10 August 2009."""
    _, stored, failed = ingest("two_digit_year.csv")
    assert _codes(failed) == [(2, "submitted", "15/10/09", "two-digit-year")]
    assert stored["submitted"].tolist() == [date(2009, 8, 10)]


def test_a_submitted_date_after_the_ingest(ingest):
    """A return submitted 2099-07-10, ingested on 2010-01-05 (the ingest's as-at date).
    Quarantined as submitted-in-future; the other row accepted; the reconciliation line names the as-at date."""
    result, _, failed = ingest("submitted_in_future.csv", ingested_at=datetime(2010, 1, 5, 9, 30))
    assert _codes(failed) == [(2, "submitted", "2099-07-10", "submitted-in-future")]
    assert result.accepted == 1 and "; as at 2010-01-05" in result.line()


def test_a_header_with_too_many_columns(ingest):
    """A CSV header of 1,001 columns (the limit is 1,000).
    InputError too-many-columns naming the file, before any row is read."""
    with pytest.raises(InputError, match=r"too_many_columns\.csv.*1,001 columns") as caught:
        ingest("too_many_columns.csv")
    assert caught.value.code == ErrorCode.TOO_MANY_COLUMNS


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (HEADER + "a" * 70, 2),  # the last line, no trailing newline
        (HEADER + "b" * 70 + "\n" + "c\n", 2),
        (HEADER + "short\n" * 3 + "d" * 61 + "\n", 5),
        ("e" * 61 + "\n", 1),  # the header itself
    ],
)
def test_the_line_length_rule(tmp_path, content, line):
    """A line of 61 or 70 bytes under a lowered limit of 60 (the header is 51), wherever it is in the file.
    InputError line-too-long naming the file and the line (the header is line 1)."""
    path = tmp_path / "long.csv"
    path.write_text(content)
    with pytest.raises(InputError, match=rf"long\.csv: line {line} is longer") as caught:
        check_line_lengths(path, limit=60)
    assert caught.value.code == ErrorCode.LINE_TOO_LONG
    check_line_lengths(path, limit=70)  # a line of exactly 70 (or 61) passes a limit above it


@pytest.mark.slow
def test_a_70_mb_line_without_a_newline(ingest, tmp_path):
    """A return whose one data line is a 70 MB comment with no trailing newline (slow).
    InputError line-too-long naming the file and line 2; never "0 rows read"."""
    path = tmp_path / "huge_comment.csv"
    with open(path, "w") as out:
        out.write(HEADER + "M003,pledge-level,2009-10-Q1,committed,")
        for _ in range(70):
            out.write("x" * 2**20)
    with pytest.raises(InputError, match=r"huge_comment\.csv: line 2 is longer") as caught:
        ingest(path)
    assert caught.value.code == ErrorCode.LINE_TOO_LONG
