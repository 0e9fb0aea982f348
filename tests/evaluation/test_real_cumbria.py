"""Cumbria County Council Plan 2010/11 - 2012/13 (issue #21 items 2 and 8): the plan's real baselines and
yearly targets (data/frameworks/cumbria-council-plan-2010-13.yaml) against ILLUSTRATIVE returns
(tests/data/real/cumbria/, marked SYNTHETIC.txt: no outturns were published with the plan).
The staircase is the plan's; each status is worked by hand from the illustrative returns."""

from __future__ import annotations

from datetime import date

import pytest

from compact_analysis.evaluation.expected import expected_value
from compact_analysis.evaluation.status import StatusCode
from tests.helpers import ingested_real_folder

FRAMEWORK = "cumbria-council-plan-2010-13"
YEARS = ["2010-11", "2011-12", "2012-13"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return ingested_real_folder(tmp_path_factory.mktemp("cumbria"), "cumbria", FRAMEWORK)


@pytest.fixture(scope="module")
def years(folder):
    return {year: folder.evaluate(year) for year in YEARS}


@pytest.mark.parametrize(
    ("indicator_id", "on", "expected"),
    [
        # NI 136: the plan's baseline 2,737 until the first step, then 2,765 / 2,792 / 2,820 at each 31 March.
        ("ni136", date(2010, 9, 30), 2737),
        ("ni136", date(2011, 3, 31), 2765),
        ("ni136", date(2011, 12, 31), 2765),  # a staircase: no straight line between the steps
        ("ni136", date(2012, 3, 31), 2792),
        ("ni136", date(2013, 3, 31), 2820),
        # NI 145: 61.00% -> 66% -> 69.3% -> 72.77%.
        ("ni145", date(2011, 3, 31), 66),
        ("ni145", date(2012, 3, 31), 69.3),
        ("ni145", date(2013, 3, 31), 72.77),
    ],
)
def test_the_yearly_targets_are_a_staircase_from_the_plan_s_baseline(folder, indicator_id, on, expected):
    indicator = folder.framework.indicator(indicator_id)
    target = indicator.targets[0]
    value = expected_value(indicator, target, target.baseline_value, date(2010, 3, 31), target.value, on)
    assert float(value) == pytest.approx(expected)


def test_each_year_s_status_from_the_illustrative_returns(years):
    codes = {year: {r.indicator.id: r.status.code for r in years[year].results} for year in YEARS}
    # 2010-11: NI 136 2,771 >= 2,765 in force: green. NI 145 64 < 66 but >= 66 × 0.9 = 59.4: amber (within 10%).
    # NI 146 6.2 against 8.5 due 31 March 2011: missed, 2.3 short. NI 163 76.1 < 78.0: missed (1.9 short).
    # NI 165 29.5 >= 29.1: achieved (0.4 over).
    assert codes["2010-11"] == {
        "ni136": StatusCode.GREEN,
        "ni145": StatusCode.AMBER,
        "ni146": StatusCode.MISSED,
        "ni163": StatusCode.MISSED,
        "ni165": StatusCode.ACHIEVED,
    }
    # 2011-12: NI 136 2,780 < 2,792 but >= 2,512.8: amber. NI 145 69.5 >= 69.3: green. NI 146, 163, 165: the
    # plan says TBC / tba, a pending target agreed 1 April 2011 to be set by 31 March 2012: not yet set.
    assert codes["2011-12"] == {
        "ni136": StatusCode.AMBER,
        "ni145": StatusCode.GREEN,
        "ni146": StatusCode.TARGET_NOT_SET,
        "ni163": StatusCode.TARGET_NOT_SET,
        "ni165": StatusCode.TARGET_NOT_SET,
    }
    # 2012-13, the due date: NI 136 2,826 >= 2,820: achieved, 6 over; NI 145 71 < 72.77: missed, 1.77 short;
    # the TBC targets were not set by 31 March 2012: overdue.
    assert codes["2012-13"] == {
        "ni136": StatusCode.ACHIEVED,
        "ni145": StatusCode.MISSED,
        "ni146": StatusCode.TARGET_OVERDUE,
        "ni163": StatusCode.TARGET_OVERDUE,
        "ni165": StatusCode.TARGET_OVERDUE,
    }
    assert years["2012-13"].result("ni145").status.label == "Missed: 71 against a target of 72.77, 1.77 short"


def test_direction_is_against_last_year_and_the_expected_value_is_this_year_s_step(years):
    # 2011-12 against 2010-11 (for an annual figure the previous period is the same period a year earlier):
    # NI 136 2,771 -> 2,780 improved; NI 145 64 -> 69.5 improved. The step in force at 31 March 2012 is 2,792.
    ni136 = years["2011-12"].result("ni136")
    assert (ni136.direction, ni136.direction_year) == ("improved", "improved")
    assert float(ni136.expected) == 2792 and float(years["2010-11"].result("ni136").expected) == 2765
    assert years["2012-13"].result("ni145").direction == "improved"  # 69.5 -> 71
