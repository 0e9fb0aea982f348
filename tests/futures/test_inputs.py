"""Reading and checking the futures inputs: the demo loads; each kind of bad file gives located failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from compact_analysis.futures.codes import FuturesCode, FuturesInputError
from compact_analysis.futures.demo import write_futures_demo
from compact_analysis.futures.inputs import load_futures


@pytest.fixture
def demo(tmp_path) -> Path:
    write_futures_demo(tmp_path, seed=2009)
    return tmp_path


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _failures(data: Path) -> list:
    with pytest.raises(FuturesInputError) as caught:
        load_futures(data)
    return caught.value.failures


def test_the_demo_loads(demo):
    inputs = load_futures(demo)
    assert inputs.base_year == 2009
    assert inputs.ages == [16, 17, 18]
    assert [s.id for s in inputs.scenarios] == ["entitlement-2013", "participation-2015", "high-growth-2020"]
    assert set(inputs.cohort["variant"]) == {"principal", "low", "high"}


def test_missing_ages(demo):
    cohort = demo / "futures" / "cohort-principal.csv"
    lines = cohort.read_text(encoding="utf-8").splitlines(keepends=True)
    cohort.write_text(
        "".join(line for line in lines if not line.startswith("Z99000002,Brackenridge,Population,persons,17,"))
    )
    failures = _failures(demo)
    assert [(f.code, f.value, f.column) for f in failures] == [(FuturesCode.MISSING_AGE, "17", "AGE_GROUP")]
    assert "Z99000002" in failures[0].message and failures[0].file == "futures/cohort-principal.csv"


def test_negative_places(demo):
    provision = demo / "futures" / "provision.csv"
    first = provision.read_text(encoding="utf-8").splitlines()[1]  # row 2 of the file
    _edit(provision, first, first.replace(",2009,", ",2009,-").replace(",-,", ","))
    failures = _failures(demo)
    assert [(f.row, f.column, f.code) for f in failures] == [(2, "places", FuturesCode.NEGATIVE)]


def test_unknown_routes(demo):
    _edit(demo / "futures" / "participation.csv", ",Diplomas,", ",Diploma,")  # the first Diplomas row: row 3
    _edit(demo / "futures" / "provision.csv", ",Apprenticeships,", ",Apprentices,")
    failures = _failures(demo)
    assert {(f.file, f.row, f.column, f.value, f.code) for f in failures} == {
        ("futures/participation.csv", 3, "route", "Diploma", FuturesCode.UNKNOWN_ROUTE),
        ("futures/provision.csv", 2, "route", "Apprentices", FuturesCode.UNKNOWN_ROUTE),
    }


def test_a_scenario_naming_an_unknown_variant(demo):
    _edit(demo / "futures" / "scenarios.yaml", "variant: high", "variant: very-high")
    failures = _failures(demo)
    assert [(f.column, f.value, f.code) for f in failures] == [
        ("scenarios[2].variant", "very-high", FuturesCode.UNKNOWN_VARIANT)
    ]
    lines = (demo / "futures" / "scenarios.yaml").read_text(encoding="utf-8").splitlines()
    assert "very-high" in lines[failures[0].row - 1]  # the line the failure names


def test_a_variant_without_its_cohort_file(demo):
    (demo / "futures" / "cohort-high.csv").unlink()
    assert [f.code for f in _failures(demo)] == [FuturesCode.UNKNOWN_VARIANT]


def test_unbalanced_shifts_and_bad_shares(demo):
    _edit(demo / "futures" / "scenarios.yaml", "Diplomas: 0.06", "Diplomas: 0.07")
    _edit(demo / "futures" / "scenarios.yaml", "participation: 0.9", "participation: 90")
    codes = {f.code for f in _failures(demo)}
    assert codes == {FuturesCode.SHIFTS_NOT_BALANCED, FuturesCode.NOT_A_SHARE}


def test_a_target_year_before_the_history_ends(demo):
    _edit(demo / "futures" / "scenarios.yaml", "target_year: 2013", "target_year: 2009")
    assert [f.code for f in _failures(demo)] == [FuturesCode.TARGET_YEAR]


def test_a_missing_file_and_a_missing_column(demo):
    (demo / "futures" / "areas.csv").unlink()
    failures = _failures(demo)
    assert failures[0].code == FuturesCode.MISSING_FILE
    write_futures_demo(demo)
    _edit(
        demo / "futures" / "provision.csv",
        "provider,area,route,year,places,grade",
        "provider,area,route,year,seats,grade",
    )
    assert [(f.column, f.code) for f in _failures(demo)] == [("places", FuturesCode.MISSING_COLUMN)]


def test_the_error_names_the_first_failure_and_counts_the_rest(demo):
    _edit(demo / "futures" / "participation.csv", ",Diplomas,", ",Diploma,", count=2)
    with pytest.raises(FuturesInputError) as caught:
        load_futures(demo)
    assert str(caught.value).startswith("futures/participation.csv: row 3, route: 'Diploma' is not one of")
    assert str(caught.value).endswith("(and 1 more)")
    assert list(caught.value.failures_frame().columns) == ["file", "sheet", "row", "column", "value", "code", "message"]
