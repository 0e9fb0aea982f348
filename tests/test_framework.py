from datetime import date
from fractions import Fraction

import pytest

from compact_analysis.errors import FrameworkError
from compact_analysis.framework import framework_problems, load_framework, read_yaml
from tests.conftest import FRAMEWORKS


def test_priority_1_targets_as_in_the_statement(compact):
    # Seed 000, priority 1: "20 Compact member organisations to commit to the Pledge by March 2010",
    # "12 ... to reach stage 2", "10 ... to reach stage 3".
    expected = {
        "pledge-committed": (20, "committed"),
        "pledge-stage-2": (12, "stage-2"),
        "pledge-stage-3": (10, "stage-3"),
    }
    for indicator_id, (value, level) in expected.items():
        indicator = compact.indicator(indicator_id)
        target = indicator.target_in_force(date(2010, 3, 31))
        assert (target.value, target.due, indicator.level) == (value, date(2010, 3, 31), level)
        assert indicator.owner == "Skills Pledge Theme Group"


def test_shares_are_exact_fractions(compact):
    target = compact.indicator("apprenticeship-gap-closed").targets[0]
    assert target.kind == "share-of-baseline-gap" and target.share == Fraction(1, 2)


def test_period_like_values_stay_text():
    data = read_yaml(FRAMEWORKS / "compact-2009-10.yaml")
    assert data["years"] == ["2009-10"]
    assert isinstance(data["priorities"][0]["indicators"][0]["targets"][0]["due"], str)


def test_all_problems_are_reported_with_locations():
    data = read_yaml(FRAMEWORKS / "compact-2009-10.yaml")
    data["priorities"][0]["indicators"][0]["targets"][0]["due"] = "July"
    data["priorities"][1]["indicators"][0]["targets"][0]["kind"] = "aspiration"
    del data["priorities"][2]["title"]
    problems = dict(framework_problems(data))
    assert problems["priorities[0].indicators[0].targets[0].due"] == "expected a date (YYYY-MM-DD), got 'July'"
    assert "priorities[1].indicators[0].targets[0].kind" in problems
    assert problems["priorities[2].title"] == "required field is missing"


def test_load_framework_raises_with_every_problem(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("schema_version: 1\nid: x\n", encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    assert {loc for loc, _ in caught.value.problems} >= {"title", "organisation", "years", "priorities"}


def test_unsafe_yaml_tags_are_refused(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("!!python/object/apply:os.system ['echo hacked']\n", encoding="utf-8")
    with pytest.raises(FrameworkError):
        load_framework(path)
