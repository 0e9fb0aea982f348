from datetime import date
from fractions import Fraction

import pytest

from compact_analysis.errors import FrameworkError
from compact_analysis.plan.codes import FrameworkCode
from compact_analysis.plan.framework import framework_failures, framework_problems, load_framework, read_yaml
from tests.helpers import FRAMEWORKS


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
    codes = {f.column: (f.code, f.value) for f in framework_failures(data, "compact-2009-10.yaml")}
    assert codes == {
        "priorities[0].indicators[0].targets[0].due": (FrameworkCode.TYPE_ERROR, "July"),
        "priorities[1].indicators[0].targets[0].kind": (FrameworkCode.UNKNOWN_CHOICE, "aspiration"),
        "priorities[2].title": (FrameworkCode.MISSING_FIELD, ""),
    }


def test_load_framework_raises_with_every_problem(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("schema_version: 1\nid: x\n", encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    assert {loc for loc, _ in caught.value.problems} >= {"title", "organisation", "years", "priorities"}
    assert {f.code for f in caught.value.failures} == {FrameworkCode.MISSING_FIELD}


def test_unsafe_yaml_tags_are_refused(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("!!python/object/apply:os.system ['echo hacked']\n", encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    assert [f.code for f in caught.value.failures] == [FrameworkCode.YAML_TAG]


MARCH_2010 = date(2010, 3, 31)

# Seed 000, priority by priority: (indicator, target kind, value or share, level, due, owner).
SEVEN_PRIORITIES = {
    # 1: "20 ... to commit to the Pledge by March 2010"; "12 ... stage 2"; "10 ... stage 3".
    "P1": [
        ("pledge-committed", "count", 20, None, MARCH_2010, "Skills Pledge Theme Group"),
        ("pledge-stage-2", "count-at-level", 12, "stage-2", MARCH_2010, "Skills Pledge Theme Group"),
        ("pledge-stage-3", "count-at-level", 10, "stage-3", MARCH_2010, "Skills Pledge Theme Group"),
        # The outcome, monitored (#21 item 7): "Increase in the numbers of skills analysis undertaken and action
        # plans in place to address outcomes."
        ("skills-analysis", None, None, None, None, "Skills Pledge Theme Group"),
        ("skills-action-plan", None, None, None, None, "Skills Pledge Theme Group"),
    ],
    # 2: "25 ... committed to a 'test the organisation' event by March 2010", plus three figures recorded.
    "P2": [
        ("sfl-test-event", "count", 25, None, MARCH_2010, "Skills for Life Theme Group"),
        ("sfl-participants", None, None, None, None, "Skills for Life Theme Group"),
        ("sfl-identified", None, None, None, None, "Skills for Life Theme Group"),
        ("sfl-enrolled", None, None, None, None, "Skills for Life Theme Group"),
        # The outcome, monitored: "people qualified in literacy, numeracy and ESOL".
        ("qualified-literacy", None, None, None, None, "Skills for Life Theme Group"),
        ("qualified-numeracy", None, None, None, None, "Skills for Life Theme Group"),
        ("qualified-esol", None, None, None, None, "Skills for Life Theme Group"),
    ],
    # 3: "support 50% of those organisations to develop a scheme by March 2010".
    "P3": [
        (
            "apprenticeship-gap-closed",
            "share-of-baseline-gap",
            Fraction(1, 2),
            None,
            MARCH_2010,
            "Apprenticeships Theme Group",
        ),
        # The priority's title, monitored: "Increase the number of apprentices employed in the public sector".
        ("apprentices-employed", None, None, None, None, "Apprenticeships Theme Group"),
    ],
    # 4: "To be set by the Procurement Theme Group before their next meeting in July 09".
    "P4": [("procurement-value", "pending", None, None, None, "Procurement Theme Group")],
    # 5: "support 50% of those organisations to establish a LEP by March 2010".
    # The title's "implementation of the jobs pledge", monitored.
    "P5": [
        ("lep-gap-closed", "share-of-baseline-gap", Fraction(1, 2), None, MARCH_2010, "LEP Theme Group"),
        ("jobs-pledge", None, None, None, None, "LEP Theme Group"),
    ],
    # 6: "A discussion paper outlining the cost and benefits" (no date given: year end assumed, A6).
    "P6": [("coaching-paper", "milestone", None, None, MARCH_2010, "Leadership and Management Theme Group")],
    # 7: "A percentage (TBC) of Compact member organisations to commit to support 14-19 year olds."
    # The outcome, monitored: "Increase in the numbers of 14-19 year olds engaging in WBL within the sector".
    "P7": [
        ("wbl-1419-commitment", "share-of-members", None, None, MARCH_2010, "14-19 Theme Group"),
        ("wbl-1419-learners", None, None, None, None, "14-19 Theme Group"),
    ],
}


def test_every_priority_of_the_statement_has_its_target_kind_value_date_and_owner(compact):
    assert [p.id for p in compact.priorities] == [f"P{n}" for n in range(1, 8)]
    assert [p.number for p in compact.priorities] == list(range(1, 8))
    for priority in compact.priorities:
        expected = SEVEN_PRIORITIES[priority.id]
        assert [ind.id for ind in priority.indicators] == [row[0] for row in expected], priority.id
        for indicator_id, kind, amount, level, due, owner in expected:
            indicator = compact.indicator(indicator_id)
            target = indicator.target_in_force(MARCH_2010)
            assert indicator.owner == owner
            if kind is None:
                assert target is None and indicator.targets == [], indicator_id  # monitored without a target
                continue
            assert target.kind == kind, indicator_id
            amount_found = target.share if kind.startswith("share") else target.value
            assert amount_found == amount, indicator_id
            assert target.level == level, indicator_id
            assert target.due == due, indicator_id
    pending = compact.indicator("procurement-value").target_in_force(MARCH_2010)
    assert (pending.set_by, pending.set_by_date) == ("Procurement Theme Group", date(2009, 7, 31))
    assert compact.deemed_members == 50  # "there are deemed to be 50 member organisations"


def test_revisions_in_force_either_side_of_the_agreed_date():
    # small-test: "signed-up" was TBC from 1 April 2009 and set to 50% on 15 October 2009.
    indicator = load_framework(FRAMEWORKS / "small-test.yaml").indicator("signed-up")
    before = indicator.target_in_force(date(2009, 10, 14))
    on_the_day = indicator.target_in_force(date(2009, 10, 15))
    assert (before.share, before.agreed) == (None, date(2009, 4, 1))
    assert (on_the_day.share, on_the_day.agreed) == (Fraction(1, 2), date(2009, 10, 15))
    assert indicator.target_in_force(date(2009, 3, 31)) is None  # before anything was agreed


def test_revisions_out_of_order_are_refused():
    data = read_yaml(FRAMEWORKS / "small-test.yaml")
    targets = data["priorities"][1]["indicators"][0]["targets"]
    targets[1]["agreed"] = "2009-04-01"
    assert framework_problems(data) == [
        (
            "priorities[1].indicators[0].targets[1].agreed",
            "revisions must be listed in the order agreed: 2009-04-01 is not after 2009-04-01",
        )
    ]


def test_themes_must_name_existing_priorities(compact):
    data = read_yaml(FRAMEWORKS / "compact-2009-10.yaml")
    data["themes"][0]["priorities"].append("P9")
    assert framework_problems(data) == [("themes[0].priorities[3]", "priority 'P9' is not defined under priorities")]
    assert [(f.code, f.value) for f in framework_failures(data)] == [(FrameworkCode.UNDEFINED_REFERENCE, "P9")]
    assert [t.priorities for t in compact.themes] == [["P1", "P2", "P6"], ["P3", "P5", "P7"], ["P4"]]


def test_perspectives_must_be_defined_when_indicators_use_them():
    data = read_yaml(FRAMEWORKS / "small-test.yaml")
    data["priorities"][0]["indicators"][0]["perspective"] = "customer"
    assert framework_problems(data) == [
        ("priorities[0].indicators[0].perspective", "perspective 'customer' is not defined under perspectives")
    ]
    data["perspectives"] = [{"id": "customer", "name": "Customer"}]
    assert framework_problems(data) == []


def test_model_validate_alone_still_refuses_cross_field_problems():
    from pydantic import ValidationError

    from compact_analysis.plan.framework import Framework

    data = read_yaml(FRAMEWORKS / "small-test.yaml")
    data["priorities"][0]["indicators"][0]["level"] = "gold"
    with pytest.raises(ValidationError, match="level 'gold' is not on the scale 'ladder'"):
        Framework.model_validate(data)
