"""The member register: CSV or XLSX, every problem at once, dated membership, successors, changes."""

from datetime import date

import pandas as pd
import pytest

from compact_analysis.errors import ErrorCode, Failure, InputError
from compact_analysis.plan.codes import RegisterCode
from compact_analysis.plan.members import (
    RegisterError,
    current_id,
    current_ids,
    deemed_denominator,
    load_register,
    members_as_at,
    membership_changes,
    optional_register,
)

HEADER = "member_id,name,sector,code,joined,left,deemed,successor_id\n"
GOOD = HEADER + (
    "M01,Northshire County Council (fictional),local authority,E10000099,2009-04-01,,yes,\n"
    "M02,Eastvale Fire and Rescue (fictional),fire,,2009-04-01,2009-10-31,yes,\n"
    "M03,Old Town College (fictional),education,,2009-04-01,2009-09-30,yes,M05\n"
    "M04,Westmoor Police (fictional),police,,2009-11-01,,yes,\n"
    "M05,Town and Country College (fictional),education,,2009-10-01,,yes,\n"
    "M06,A supplier (fictional),other,,2009-04-01,,no,\n"
)


def _write(tmp_path, text: str, name: str = "members.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def register(tmp_path):
    return load_register(_write(tmp_path, GOOD))


def test_members_and_the_deemed_denominator_move_with_the_date(register):
    # 30 Apr 2009: M01, M02, M03 deemed (M06 is not deemed; M04, M05 not joined) = 3.
    assert deemed_denominator(register, date(2009, 4, 30)) == 3
    # 31 Mar 2010: M02 left 31 Oct, M03 left 30 Sep; M01, M04, M05 deemed = 3 (M06 a member but not deemed).
    assert deemed_denominator(register, date(2010, 3, 31)) == 3
    assert list(members_as_at(register, date(2010, 3, 31))["member_id"]) == ["M01", "M04", "M05", "M06"]
    # The left date is the last day of membership.
    assert "M02" in set(members_as_at(register, date(2009, 10, 31))["member_id"])
    assert "M02" not in set(members_as_at(register, date(2009, 11, 1))["member_id"])


def test_a_merged_member_keeps_its_history_under_its_successor(register):
    # M03 (Old Town College) merged into M05 after 30 September 2009.
    assert current_id(register, "M03", date(2009, 9, 30)) == "M03"
    assert current_id(register, "M03", date(2009, 10, 1)) == "M05"
    assert current_ids(register, date(2010, 3, 31)) == {
        "M01": "M01",
        "M02": "M02",
        "M03": "M05",
        "M04": "M04",
        "M05": "M05",
        "M06": "M06",
    }


def test_successors_are_followed_through_a_chain(tmp_path):
    text = HEADER + (
        "A,First name (fictional),health,,2009-04-01,2009-06-30,yes,B\n"
        "B,Second name (fictional),health,,2009-07-01,2009-12-31,yes,C\n"
        "C,Third name (fictional),health,,2010-01-01,,yes,\n"
    )
    register = load_register(_write(tmp_path, text))
    assert current_id(register, "A", date(2009, 8, 1)) == "B"
    assert current_id(register, "A", date(2010, 2, 1)) == "C"


def test_membership_changes_in_a_period(register):
    # 2009-10-Q3 (1 Oct to 31 Dec 2009): M05 joined 1 Oct, M02 left 31 Oct, M04 joined 1 Nov.
    changes = membership_changes(register, date(2009, 10, 1), date(2009, 12, 31))
    assert list(changes[["member_id", "change", "date"]].itertuples(index=False, name=None)) == [
        ("M05", "joined", date(2009, 10, 1)),
        ("M02", "left", date(2009, 10, 31)),
        ("M04", "joined", date(2009, 11, 1)),
    ]
    # Q2 (July to September): M03 left on 30 September, merged into M05.
    q2 = membership_changes(register, date(2009, 7, 1), date(2009, 9, 30))
    assert q2.to_dict("records") == [
        {
            "member_id": "M03",
            "name": "Old Town College (fictional)",
            "change": "left",
            "date": date(2009, 9, 30),
            "deemed": True,
            "successor_id": "M05",
        }
    ]


def test_every_problem_is_a_row_of_the_failure_table(tmp_path):
    text = HEADER + (
        "M01,Good (fictional),health,,2009-04-01,,yes,\n"
        ",No id (fictional),health,,2009-04-01,,yes,\n"
        "M01,Twice (fictional),hospital,,1 April 2009,,maybe,\n"
        "M04,Backwards (fictional),fire,,2009-06-01,2009-05-31,no,M99\n"
    )
    path = _write(tmp_path, text)
    with pytest.raises(RegisterError) as caught:
        load_register(path)
    table = caught.value.table()
    assert list(table.columns) == ["file", "sheet", "row", "column", "value", "code", "message"]
    assert list(table[["row", "column", "code"]].itertuples(index=False, name=None)) == [
        (3, "member_id", "missing-cell"),
        (4, "member_id", "duplicate-id"),
        (4, "sector", "unknown-sector"),
        (4, "joined", "type-error"),
        (4, "deemed", "type-error"),
        (5, "left", "left-before-joined"),
        (5, "successor_id", "unknown-successor"),
    ]
    assert table.loc[3, "message"] == "expected a date YYYY-MM-DD, got '1 April 2009'"
    assert str(caught.value) == f"{path}: row 3, column member_id: member_id is blank (and 6 more)"
    assert isinstance(caught.value, InputError)
    assert caught.value.code == "register-invalid"
    assert caught.value.failures[1] == Failure(
        str(path), 4, "member_id", "M01", RegisterCode.DUPLICATE_ID, "duplicate member_id"
    )


def test_missing_columns_are_named(tmp_path):
    path = _write(tmp_path, "member_id,name\nM01,x\n")
    with pytest.raises(RegisterError) as caught:
        load_register(path)
    assert [f.column for f in caught.value.failures] == ["sector", "code", "joined", "left", "deemed"]
    assert {f.code for f in caught.value.failures} == {RegisterCode.MISSING_COLUMN}
    assert {f.row for f in caught.value.failures} == {None}


def test_the_register_without_successors_loads_as_before(tmp_path):
    lines = GOOD.replace(",successor_id\n", "\n").splitlines()
    text = "\n".join(line.rsplit(",", 1)[0] if i else line for i, line in enumerate(lines)) + "\n"
    register = load_register(_write(tmp_path, text))
    assert list(register.columns) == ["member_id", "name", "sector", "code", "joined", "left", "deemed"]
    assert current_id(register, "M03", date(2010, 1, 1)) == "M03"  # no successor column: unchanged


def test_xlsx_register_with_excel_dates(tmp_path):
    frame = pd.read_csv(pd.io.common.StringIO(GOOD), dtype=str, keep_default_na=False)
    frame["joined"] = pd.to_datetime(frame["joined"])  # real Excel dates, not text
    path = tmp_path / "members.xlsx"
    frame.to_excel(path, index=False)
    register = load_register(path)
    assert register.loc[0, "joined"] == date(2009, 4, 1)
    assert register.loc[1, "left"] == date(2009, 10, 31)
    assert deemed_denominator(register, date(2010, 3, 31)) == 3


def test_a_missing_register_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as caught:
        load_register(tmp_path / "nope.csv")
    assert caught.value.code == ErrorCode.FILE_NOT_FOUND


def test_find_register_prefers_csv_then_xlsx(tmp_path):
    from compact_analysis.plan.members import find_register

    with pytest.raises(InputError) as caught:
        find_register(tmp_path)
    assert caught.value.code == ErrorCode.FILE_NOT_FOUND
    (tmp_path / "members.xlsx").write_bytes(b"")
    assert find_register(tmp_path).name == "members.xlsx"
    _write(tmp_path, GOOD)
    assert find_register(tmp_path).name == "members.csv"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_blank_rows_are_skipped_and_rows_keep_their_numbers(tmp_path, suffix):
    text = (
        HEADER + "M01,Good (fictional),health,,2009-04-01,,yes,\n,,,,,,,\nM02,Bad (fictional),army,,2009-04-01,,yes,\n"
    )
    path = _write(tmp_path, text)
    if suffix == ".xlsx":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, skip_blank_lines=False)
        path = tmp_path / "members.xlsx"
        frame.to_excel(path, index=False)
    with pytest.raises(RegisterError) as caught:
        load_register(path)
    # Header row 1, M01 row 2, blank row 3, M02 row 4.
    assert [(f.row, f.column, f.code) for f in caught.value.failures] == [(4, "sector", "unknown-sector")]


def test_a_deemed_count_that_differs_from_the_framework_is_said(register):
    from compact_analysis.plan.members import deemed_count_difference

    # 31 Mar 2010: M01, M04, M05 deemed = 3.
    assert deemed_count_difference(register, date(2010, 3, 31), 3) is None
    assert deemed_count_difference(register, date(2010, 3, 31), None) is None
    assert deemed_count_difference(register, date(2010, 3, 31), 50) == (
        "The register has 3 deemed members on 31 March 2010; the framework states 50. Shares use the register's 3."
    )


def test_optional_register_is_none_without_one_and_the_checked_table_with_one(tmp_path):
    assert optional_register(tmp_path) is None
    (tmp_path / "members.csv").write_text(
        "member_id,name,sector,code,joined,left,deemed\nM001,Ashby Council,local authority,,2009-04-01,,yes\n",
        encoding="utf-8",
    )
    path, register = optional_register(tmp_path)
    assert path == tmp_path / "members.csv"
    assert register["member_id"].tolist() == ["M001"]
