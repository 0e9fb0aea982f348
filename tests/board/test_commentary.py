"""Owners' commentary: read as written, every bad cell located, nothing dropped or changed."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from compact_analysis.errors import ErrorCode
from compact_analysis.evidence.commentary import BoardInputCode, BoardInputError, commentary_file, read_commentary

HEADER = "id,owner,commentary,action,action_due\n"
REGISTER = pd.DataFrame({"exception_id": ["EX-0001", "EX-0002"]})


def _write(folder, text: str, name: str = "2009-10-Q4.csv"):
    (folder / "commentary").mkdir(exist_ok=True)
    (folder / "commentary" / name).write_text(HEADER + text, encoding="utf-8")


def _read(folder, register=REGISTER):
    return read_commentary(folder, "2009-10-Q4", ["pledge-committed", "sfl-level2"], lambda: register)


def test_no_file_is_no_commentary_and_the_register_is_not_read(tmp_path):
    def never():
        raise AssertionError("the register is read only when there is a file")

    assert read_commentary(tmp_path, "2009-10-Q4", ["a"], never) == {}


def test_rows_are_read_as_written_and_blank_template_rows_are_not_commentary(tmp_path):
    _write(
        tmp_path,
        "pledge-committed,Skills Pledge Theme Group,Two councils withdrew,Recruit three members,2010-06-30\n"
        "EX-0002,Data team,Return chased,,\n"
        "sfl-level2,Skills for Life Theme Group,,,\n",
    )
    found = _read(tmp_path)
    assert set(found) == {"pledge-committed", "EX-0002"}  # the third row is the template's, not yet written
    first = found["pledge-committed"]
    assert (first.owner, first.action, first.action_due, first.row) == (
        "Skills Pledge Theme Group",
        "Recruit three members",
        date(2010, 6, 30),
        2,
    )
    assert found["EX-0002"].action_due is None


def test_every_bad_cell_is_located_with_its_code(tmp_path):
    _write(
        tmp_path,
        "nope,Someone,Words,,\n"  # row 2: unknown id
        "EX-0001,,Words,,\n"  # row 3: commentary with no owner
        "sfl-level2,Owner,Words,Act,2010-02-30\n"  # row 4: not a real date
        "sfl-level2,Owner,Again,,\n"  # row 5: repeated id
        "pledge-committed,Owner,,Act,\n"  # row 6: action with no due date
        ",Owner,Words,,\n",  # row 7: blank id
    )
    with pytest.raises(BoardInputError) as caught:
        _read(tmp_path)
    found = [(f.row, f.column, f.code) for f in caught.value.failures]
    assert found == [
        (2, "id", BoardInputCode.UNKNOWN_ID),
        (3, "owner", BoardInputCode.MISSING_CELL),
        (4, "action_due", BoardInputCode.TYPE_ERROR),
        (5, "id", BoardInputCode.DUPLICATE_VALUE),
        (6, "action_due", BoardInputCode.MISSING_CELL),
        (7, "id", BoardInputCode.MISSING_CELL),
    ]
    assert "row 2, id" in str(caught.value) and "(and 5 more)" in str(caught.value)
    assert caught.value.table()["code"].tolist()[0] == "unknown-id"


def test_a_missing_column_is_refused_and_an_exception_unknown_at_the_date_too(tmp_path):
    (tmp_path / "commentary").mkdir()
    (tmp_path / "commentary" / "2009-10-Q4.csv").write_text("id,owner,commentary\nEX-0001,A,B\n", encoding="utf-8")
    with pytest.raises(BoardInputError) as caught:
        _read(tmp_path)
    assert [f.column for f in caught.value.failures] == ["action", "action_due"]
    _write(tmp_path, "EX-0002,Data team,Chased,,\n")
    with pytest.raises(BoardInputError) as caught:  # EX-0002 is not in the register as at this paper's date
        _read(tmp_path, pd.DataFrame({"exception_id": ["EX-0001"]}))
    assert caught.value.failures[0].code == BoardInputCode.UNKNOWN_ID


def test_xlsx_is_read_the_same_way_and_two_files_for_one_period_are_refused(tmp_path):
    (tmp_path / "commentary").mkdir()
    frame = pd.DataFrame([["EX-0001", "Data team", "<script>x</script>", "Chase", date(2010, 5, 1)]])
    frame.columns = ["id", "owner", "commentary", "action", "action_due"]
    frame.to_excel(tmp_path / "commentary" / "2009-10-Q4.xlsx", index=False)
    found = _read(tmp_path)
    assert found["EX-0001"].commentary == "<script>x</script>"  # kept as written; escaped on the way to HTML
    assert found["EX-0001"].action_due == date(2010, 5, 1)
    _write(tmp_path, "EX-0001,A,B,,\n")
    with pytest.raises(BoardInputError) as caught:
        commentary_file(tmp_path, "2009-10-Q4")
    assert caught.value.code == BoardInputCode.AMBIGUOUS_FILE
    assert isinstance(caught.value.code, str) and ErrorCode.INPUT == "input-unreadable"


def test_the_data_folder_checks_ids_against_its_framework_and_register(ingested_demo, demo_copy):
    folder = type(ingested_demo.folder)(demo_copy, ingested_demo.folder.framework_path)
    exception = folder.exceptions_as_at(None, "2009-10-Q4")["exception_id"].iloc[0]
    _write(demo_copy, f"{exception},Data team,Chased,,\npledge-committed,Theme group,On it,,\n")
    found = folder.commentary("2009-10-Q4")
    assert set(found) == {exception, "pledge-committed"}
