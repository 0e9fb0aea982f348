"""The failure record and the exceptions' stable codes: what callers and tests match on."""

import pickle

import pandas as pd
import pytest

from compact_analysis.errors import (
    FAILURE_COLUMNS,
    CompactError,
    ErrorCode,
    Failure,
    FrameworkError,
    InputError,
    ParameterError,
    PeriodError,
    RenderError,
    StoreError,
)
from compact_analysis.evidence.reasons import Reason
from compact_analysis.plan.codes import FrameworkCode
from compact_analysis.plan.members import RegisterError


def test_a_failure_reads_as_a_row_in_the_failure_columns_with_a_plain_code():
    failure = Failure("returns.xlsx", 7, "value", "lots", Reason.TYPE_ERROR, "expected a number", sheet="Q1")
    row = failure.as_row()
    assert list(row) == ["file", "sheet", "row", "column", "value", "code", "message"] == list(FAILURE_COLUMNS)
    assert row == {
        "file": "returns.xlsx",
        "sheet": "Q1",
        "row": 7,
        "column": "value",
        "value": "lots",
        "code": "type-error",
        "message": "expected a number",
    }
    assert type(row["code"]) is str  # a table or JSON holds the plain string, not the enum


@pytest.mark.parametrize(
    ("error", "code", "exit_code"),
    [
        (CompactError("x"), "error", 2),
        (PeriodError("x"), "period-invalid", 2),
        (InputError("x"), "input-unreadable", 2),
        (StoreError("x"), "store-unusable", 2),
        (ParameterError("x"), "parameter-invalid", 2),
        (RenderError("x"), "render-failed", 1),
    ],
)
def test_each_error_class_has_a_stable_code(error, code, exit_code):
    assert (error.code, error.exit_code, str(error)) == (code, exit_code, "x")


def test_a_raise_site_can_give_a_more_specific_code_without_changing_the_class_code():
    locked = StoreError("store.duckdb: in use", code=ErrorCode.STORE_LOCKED)
    assert (locked.code, str(locked)) == ("store-locked", "store.duckdb: in use")
    assert StoreError.code == "store-unusable" and StoreError("other").code == "store-unusable"


def test_a_period_error_is_still_a_value_error():
    with pytest.raises(ValueError):
        raise PeriodError("2009-10-Q5: quarters run from 1 to 4")


def test_a_framework_error_carries_failures_and_prints_the_first_with_a_count():
    failures = [
        Failure("f.yaml", None, "title", "", FrameworkCode.MISSING_FIELD, "required field is missing"),
        Failure("f.yaml", 3, "line 3", "", FrameworkCode.TAB_INDENT, "indented with a tab character"),
        Failure("f.yaml", None, None, "", FrameworkCode.FILE_TOO_LARGE, "too large"),
    ]
    error = FrameworkError("f.yaml", failures)
    assert error.code == "framework-invalid"
    assert str(error) == "f.yaml: title: required field is missing (and 2 more)"
    # A failure about the whole file (no column) is located at "file".
    assert error.problems == [
        ("title", "required field is missing"),
        ("line 3", "indented with a tab character"),
        ("file", "too large"),
    ]


def test_a_register_error_is_an_input_error_with_its_own_code_and_table():
    failure = Failure("members.csv", 4, "sector", "army", "unknown-sector", "'army' is not one of ...")
    error = RegisterError("members.csv", [failure])
    assert isinstance(error, InputError) and error.code == "register-invalid"
    assert str(error) == "members.csv: row 4, column sector: 'army' is not one of ..."
    expected = pd.DataFrame([["members.csv", None, 4, "sector", "army", "unknown-sector", "'army' is not one of ..."]])
    expected.columns = list(FAILURE_COLUMNS)
    pd.testing.assert_frame_equal(error.table(), expected)


def test_errors_survive_pickling_with_their_code_and_fields():
    """A batch worker's error crosses a process boundary: its message, code and failures come back."""
    locked = pickle.loads(pickle.dumps(StoreError("busy", code=ErrorCode.STORE_LOCKED)))
    assert (type(locked), str(locked), locked.code) == (StoreError, "busy", "store-locked")
    failure = Failure("f.yaml", None, "title", "", FrameworkCode.MISSING_FIELD, "required field is missing")
    framework = pickle.loads(pickle.dumps(FrameworkError("f.yaml", [failure])))
    assert (str(framework), framework.failures, framework.code) == (
        "f.yaml: title: required field is missing",
        [failure],
        "framework-invalid",
    )
