"""A floor's or ceiling's tolerance refused with a located error: outside 0 to 1, or on another kind of target."""

from __future__ import annotations

import copy

from compact_analysis.plan.codes import FrameworkCode as Code
from compact_analysis.plan.framework import framework_failures
from compact_analysis.plan.safe_yaml import read_yaml
from tests.helpers import ROOT

SHAPES = read_yaml(ROOT / "tests" / "data" / "frameworks" / "targets.yaml")
T = "priorities[0].indicators[{}].targets[0].tolerance"


def _located(indicator: int, tolerance: object) -> list[tuple[str, str, str]]:
    data = copy.deepcopy(SHAPES)
    data["priorities"][0]["indicators"][indicator]["targets"][0]["tolerance"] = tolerance
    return [(f.column, f.code, f.value) for f in framework_failures(data)]


def test_a_tolerance_from_0_to_1_on_a_floor_or_ceiling_is_valid():
    assert _located(0, "10%") == [] and _located(1, 0.1) == [] and _located(0, "0%") == []


def test_a_tolerance_outside_0_to_1_is_a_constraint_error_at_its_path():
    assert _located(0, "110%") == [(T.format(0), Code.CONSTRAINT_ERROR, "110%")]
    assert _located(1, -0.1) == [(T.format(1), Code.CONSTRAINT_ERROR, "-0.1")]


def test_a_tolerance_on_another_kind_is_unused():
    # indicators[2] is the score's level-by-date target: no floor to be nearly met.
    assert _located(2, "10%") == [(T.format(2), Code.UNUSED_FIELD, "10%")]


def test_a_tolerance_that_is_not_a_share_is_a_type_error():
    [(column, code, _)] = _located(0, "ten percent")
    assert (column, code) == (T.format(0), Code.TYPE_ERROR)
