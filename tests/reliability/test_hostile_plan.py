"""Frameworks and registers that are well formed but mean something impossible, or are too big (issue #22, 7 and 9).

Each case is a copy of data/frameworks/small-test.yaml with one thing changed, or a register in
tests/data/hostile/ (make_corpus.py, ``plan_cases``); every failure is located.
"""

from __future__ import annotations

import copy

import pytest
import yaml

from compact_analysis.errors import FrameworkError
from compact_analysis.plan.codes import FrameworkCode
from compact_analysis.plan.framework import load_framework
from compact_analysis.plan.members import RegisterError, load_register
from tests.helpers import HOSTILE, ROOT

BASE = yaml.safe_load((ROOT / "data" / "frameworks" / "small-test.yaml").read_text(encoding="utf-8"))


def _failures(tmp_path, change) -> list[tuple[str, str]]:
    data = copy.deepcopy(BASE)
    change(data)
    path = tmp_path / "framework.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    return [(f.column, str(f.code)) for f in caught.value.failures]


def _many_indicators(data: dict, count: int) -> None:
    template = data["priorities"][0]["indicators"][1]  # "hours": a sum with no target
    data["priorities"][0]["indicators"] = [{**template, "id": f"hours-{i}"} for i in range(count)]


def test_a_framework_over_the_size_limits(tmp_path):
    """A framework of 501 indicators, and one of 501 measures (the limits are 500 each).
    FrameworkError too-many located at priorities and at measures, before any paper is rendered."""
    assert ("priorities", str(FrameworkCode.TOO_MANY)) in _failures(tmp_path, lambda d: _many_indicators(d, 501))
    extra = [{"id": f"m{i}", "name": "M", "type": "number", "unit": "hours"} for i in range(498)]
    assert ("measures", str(FrameworkCode.TOO_MANY)) in _failures(tmp_path, lambda d: d["measures"].extend(extra))


def test_a_framework_at_the_size_limit_loads(tmp_path):
    """A framework of exactly 500 indicators.
    Loads: the limit is inclusive."""
    data = copy.deepcopy(BASE)
    _many_indicators(data, 500 - sum(len(p["indicators"]) for p in data["priorities"][1:]))
    path = tmp_path / "framework.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert sum(len(p.indicators) for p in load_framework(path).priorities) == 500


def test_a_scale_naming_a_level_twice(tmp_path):
    """A scale with levels none, bronze, bronze.
    FrameworkError duplicate-value at scales[0].levels[2]."""

    def change(data):
        data["scales"][0]["levels"] = ["none", "bronze", "bronze", "silver"]

    assert ("scales[0].levels[2]", str(FrameworkCode.DUPLICATE_VALUE)) in _failures(tmp_path, change)


def test_a_minimum_above_the_maximum(tmp_path):
    """A number measure with minimum 10 and maximum 5.
    FrameworkError constraint-error at measures[2].maximum."""

    def change(data):
        data["measures"][2].update(minimum=10, maximum=5)

    assert ("measures[2].maximum", str(FrameworkCode.CONSTRAINT_ERROR)) in _failures(tmp_path, change)


@pytest.mark.parametrize("due", ["2009-03-31", "2009-04-01"])
def test_a_target_due_on_or_before_its_baseline(tmp_path, due):
    """A target due before its baseline date, and one due on it (a trajectory of zero days).
    FrameworkError located at that target."""

    def change(data):
        data["priorities"][0]["indicators"][0]["targets"][0]["due"] = due

    located = [column for column, _ in _failures(tmp_path, change)]
    assert any(column.startswith("priorities[0].indicators[0].targets[0]") for column in located), located


def test_successors_in_a_loop():
    """A register where M030 is succeeded by M031 and M031 by M030.
    RegisterError successor-cycle on both rows (2 and 3), each naming the loop; M032 is not named."""
    with pytest.raises(RegisterError) as caught:
        load_register(HOSTILE / "members_successor_loop.csv")
    found = [(f.row, f.column, str(f.code)) for f in caught.value.failures]
    assert found == [(2, "successor_id", "successor-cycle"), (3, "successor_id", "successor-cycle")]
    assert all("M030 -> M031 -> M030" in f.message for f in caught.value.failures)
