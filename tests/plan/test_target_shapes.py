"""Target shapes in the framework language (issue #21): the trajectory methods worked by hand, and every broken
variant refused with a located error (its code and the YAML path of the field)."""

from __future__ import annotations

import copy
from datetime import date
from fractions import Fraction

import pytest

from compact_analysis.plan.codes import FrameworkCode as Code
from compact_analysis.plan.framework import framework_failures
from compact_analysis.plan.safe_yaml import read_yaml
from compact_analysis.plan.trajectory import compound_value, steps_value
from tests.helpers import ROOT

SHAPES = read_yaml(ROOT / "tests" / "data" / "frameworks" / "targets.yaml")


def test_the_example_framework_is_valid():
    assert framework_failures(SHAPES) == []


def test_a_staircase_of_steps():
    steps = [(date(2020, 3, 31), 150), (date(2021, 3, 31), 200)]
    # Before the first step nothing is in force; then 150 until the second step's date; then 200.
    assert steps_value(steps, date(2020, 3, 30)) is None
    assert steps_value(steps, date(2020, 3, 31)) == 150
    assert steps_value(steps, date(2021, 3, 30)) == 150
    assert steps_value(steps, date(2021, 3, 31)) == 200


def test_compound_growth_from_100_to_121_over_two_years_is_110_after_one():
    # 31 March 2009 to 31 March 2011 is 730 days (no 29 February); 365 gone is exactly half:
    # 100 x (121/100)^(1/2) = 100 x 1.1 = 110.
    at = compound_value(100, date(2009, 3, 31), 121, date(2011, 3, 31), date(2010, 3, 31))
    assert float(at) == pytest.approx(110)
    assert compound_value(100, date(2009, 3, 31), 121, date(2011, 3, 31), date(2009, 1, 1)) == Fraction(100)
    with pytest.raises(ValueError):
        compound_value(0, date(2009, 3, 31), 121, date(2011, 3, 31), date(2010, 3, 31))


def _target(indicator: int) -> tuple[dict, dict]:
    data = copy.deepcopy(SHAPES)
    return data, data["priorities"][0]["indicators"][indicator]["targets"][0]


def _located(data: dict) -> list[tuple[str, str]]:
    return [(f.column, f.code) for f in framework_failures(data)]


T = "priorities[0].indicators[{}].targets[0]"


def test_a_trajectory_target_needs_a_way_to_find_its_baseline():
    data, target = _target(3)  # starts: baseline_period 2018-19
    target.pop("baseline_period")
    assert _located(data) == [(T.format(3), Code.MISSING_BASELINE)]
    target["baseline_value"] = 100  # a published figure without the date it was taken
    assert _located(data) == [(T.format(3) + ".baseline_value", Code.MISSING_BASELINE)]


def test_baseline_none_with_a_trajectory_or_a_baseline_is_refused():
    data, target = _target(2)  # score: baseline none, steps
    target["trajectory"] = "linear"
    assert _located(data) == [(T.format(2) + ".baseline", Code.BASELINE_CONFLICT)]


def test_steps_out_of_order_or_outside_the_baseline_to_due_span():
    data, target = _target(3)
    target["steps"] = [{"date": "2020-09-30", "value": 150}, {"date": "2020-03-31", "value": 170}]
    assert _located(data) == [(T.format(3) + ".steps[1].date", Code.STEPS_OUT_OF_ORDER)]
    target["steps"] = [{"date": "2019-03-31", "value": 150}, {"date": "2021-06-30", "value": 170}]
    # The first is on the baseline period's last day (not after it); the second after the due date.
    assert _located(data) == [
        (T.format(3) + ".steps[0].date", Code.STEP_OUTSIDE_SPAN),
        (T.format(3) + ".steps[1].date", Code.STEP_OUTSIDE_SPAN),
    ]
    target.pop("steps")  # trajectory: steps with no steps
    assert _located(data) == [(T.format(3) + ".steps", Code.MISSING_STEPS)]


def test_compound_growth_needs_positive_values():
    data, target = _target(4)  # visits: compound (the indicator's default), baseline 100, target 121
    target["baseline_value"] = 0
    assert _located(data) == [(T.format(4) + ".baseline_value", Code.NOT_POSITIVE)]


@pytest.mark.parametrize(
    ("name", "where", "code"),
    [
        ("2018-19-Q5", ".baseline_period", Code.BAD_BASELINE_PERIOD),  # there is no fifth quarter
        ("2018-19-M03", ".baseline_period", Code.BAD_BASELINE_PERIOD),  # a month: not of the annual cadence
        ("twenty", ".baseline_period", Code.BAD_BASELINE_PERIOD),  # no period at all
        ("2020-21", ".baseline_period", Code.BAD_BASELINE_PERIOD),  # ends on the due date, not before it
        ("2019-20", ".steps[0].date", Code.STEP_OUTSIDE_SPAN),  # a year, but the 31 March 2020 step is not after it
    ],
)
def test_a_baseline_period_must_be_a_year_or_a_period_of_the_cadence_before_the_due_date(name, where, code):
    data, target = _target(3)  # starts: annual, due 31 March 2021, a step on 31 March 2020
    target["baseline_period"] = name
    assert _located(data)[0] == (T.format(3) + where, code)


def test_a_floor_from_after_until_and_values_out_of_range():
    data, target = _target(0)  # spend-floor: 2019-04-01 to 2021-03-31
    target["from"], target["until"] = "2021-01-01", "2020-01-01"
    assert _located(data) == [(T.format(0) + ".from", Code.FROM_AFTER_UNTIL)]
    data, target = _target(0)
    target["value"] = -5  # the measure's minimum is 0 (the default)
    assert _located(data) == [(T.format(0) + ".value", Code.BELOW_MINIMUM)]


def test_a_count_at_a_level_stays_whole_while_other_values_may_be_decimals():
    data = read_yaml(ROOT / "data" / "frameworks" / "small-test.yaml")
    data["priorities"][0]["indicators"][0]["targets"][0]["value"] = 2.5
    assert _located(data) == [("priorities[0].indicators[0].targets[0].value", Code.NOT_WHOLE)]
    data, target = _target(1)  # wait-ceiling 3.5 days
    assert target["value"] == 3.5 and _located(data) == []
