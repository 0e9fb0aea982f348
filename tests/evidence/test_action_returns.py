"""Action-progress returns (``actions/*.csv``): good rows accepted, bad rows quarantined with located reasons."""

from __future__ import annotations

from datetime import date

import pytest

from compact_analysis.errors import InputError
from compact_analysis.evidence.action_returns import ActionReason, read_action_return

HEADER = "action_id,reported_on,status,done_on,note,reported_by\n"


def _read(tmp_path, body: str, header: str = HEADER):
    path = tmp_path / "progress.csv"
    path.write_text(header + body, encoding="utf-8")
    return read_action_return(path, {"A-1", "A-2"})


def test_good_rows_are_accepted_with_their_dates(tmp_path):
    read = _read(tmp_path, "A-1,2004-10-01,in-progress,,half done,EWS\nA-2,2004-12-13,done,2004-12-10,,EWS\n")
    assert read.failures == [] and read.rows_read == 2
    assert read.accepted[["action_id", "done_on", "source_row"]].values.tolist() == [
        ["A-1", None, 2],
        ["A-2", date(2004, 12, 10), 3],
    ]


@pytest.mark.parametrize(
    ("row", "column", "code"),
    [
        ("A-9,2004-10-01,in-progress,,,EWS", "action_id", ActionReason.UNKNOWN_ACTION),
        ("A-1,01/10/2004,in-progress,,,EWS", "reported_on", ActionReason.BAD_DATE),
        ("A-1,2004-10-01,finished,,,EWS", "status", ActionReason.BAD_STATUS),
        ("A-1,2004-10-01,done,,,EWS", "done_on", ActionReason.DONE_WITHOUT_DATE),
        ("A-1,2004-10-01,in-progress,2004-09-30,,EWS", "done_on", ActionReason.DATE_WITHOUT_DONE),
        ("A-1,2004-10-01,done,2004-10-02,,EWS", "done_on", ActionReason.DONE_AFTER_REPORT),
        ("A-1,2004-10-01,in-progress,,,", "reported_by", ActionReason.MISSING_VALUE),
    ],
)
def test_a_bad_row_is_quarantined_where_it_is(tmp_path, row, column, code):
    read = _read(tmp_path, "A-2,2004-10-01,in-progress,,,EWS\n" + row + "\n")
    assert [(f.file, f.row, f.column, f.code) for f in read.failures] == [("progress.csv", 3, column, code)]
    assert read.accepted["action_id"].tolist() == ["A-2"]  # the bad row is held back, the good one kept


def test_a_file_without_the_columns_is_refused_in_one_line(tmp_path):
    with pytest.raises(InputError, match="missing column"):
        _read(tmp_path, "A-1,2004-10-01\n", header="action_id,reported_on\n")
