"""The figure aggregates in the framework language (issue #21): the example loads, each broken variant is located."""

from __future__ import annotations

from datetime import date

import pytest

from compact_analysis.plan.codes import FrameworkCode as Code
from compact_analysis.plan.framework import framework_failures, load_framework, read_yaml
from tests.helpers import ROOT

EXAMPLE = ROOT / "tests" / "data" / "frameworks" / "figures.yaml"
IND = "priorities[0].indicators"


def test_the_example_uses_every_new_aggregate_and_loads():
    framework = load_framework(EXAMPLE)
    aggregates = {ind.aggregate for ind in framework.indicators}
    assert {"rate", "mean", "value", "cumulative-sum", "sum"} <= aggregates
    rate, per_thousand = framework.indicator("qualified-rate"), framework.indicator("qualified-per-1000")
    assert (rate.denominator, rate.multiplier, per_thousand.multiplier) == ("learners-assessed", 100.0, 1000.0)
    assert framework.indicator("job-entries-total").since == date(2009, 4, 1)
    assert framework.measure("attendance").decimals == 1


def _located(data) -> list[tuple[str, str]]:
    return [(f.column, f.code) for f in framework_failures(data)]


def _broken(index: int, **fields) -> dict:
    data = read_yaml(EXAMPLE)
    data["priorities"][0]["indicators"][index].update(fields)
    return data


@pytest.mark.parametrize(
    ("index", "fields", "expected"),
    [
        # a rate without its denominator
        (0, {"denominator": None}, [(f"{IND}[0].denominator", Code.MISSING_DENOMINATOR)]),
        # a denominator that is not a measure
        (0, {"denominator": "nothing"}, [(f"{IND}[0].denominator", Code.UNDEFINED_REFERENCE)]),
        # a per of zero or less: no rate
        (1, {"per": 0}, [(f"{IND}[1].per", Code.CONSTRAINT_ERROR)]),
        # value on a members-reported measure
        (2, {"aggregate": "value"}, [(f"{IND}[2].aggregate", Code.NOT_A_PARTNERSHIP_MEASURE)]),
        # a running total that starts after the framework's last day (31 March 2011)
        (4, {"since": "2011-04-01"}, [(f"{IND}[4].since", Code.SINCE_AFTER_YEARS)]),
        # since on a plain sum, denominator on a mean: read by nothing, so refused rather than ignored
        (5, {"since": "2009-04-01"}, [(f"{IND}[5].since", Code.UNUSED_FIELD)]),
        (2, {"denominator": "learners-assessed"}, [(f"{IND}[2].denominator", Code.UNUSED_FIELD)]),
    ],
)
def test_each_broken_figure_is_a_located_error(index, fields, expected):
    assert _located(_broken(index, **fields)) == expected


def test_a_rate_denominator_must_be_a_number_measure():
    data = read_yaml(EXAMPLE)
    data["measures"].append({"id": "has-plan", "name": "Has a plan", "type": "yes-no"})
    data["priorities"][0]["indicators"][0]["denominator"] = "has-plan"
    assert _located(data) == [(f"{IND}[0].denominator", Code.WRONG_MEASURE_TYPE)]


def test_a_mean_of_a_yes_no_measure_is_refused():
    data = read_yaml(EXAMPLE)
    data["measures"].append({"id": "has-plan", "name": "Has a plan", "type": "yes-no"})
    data["priorities"][0]["indicators"][2]["measure"] = "has-plan"
    assert _located(data) == [(f"{IND}[2].aggregate", Code.WRONG_MEASURE_TYPE)]


@pytest.mark.parametrize("places", [-1, 7])
def test_decimals_run_from_0_to_6(places):
    data = read_yaml(EXAMPLE)
    data["measures"][2]["decimals"] = places
    assert _located(data) == [("measures[2].decimals", Code.CONSTRAINT_ERROR)]
