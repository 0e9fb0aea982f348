"""The framework's plans and action plans (seed 002's plan register): the LEA framework encodes it, and
a broken plan is refused with its location in the file."""

from collections import Counter

from compact_analysis.plan.codes import FrameworkCode
from compact_analysis.plan.framework import framework_failures, load_framework, read_yaml
from tests.helpers import FRAMEWORKS

LEA = FRAMEWORKS / "lea-performance-2004-05.yaml"


def test_the_lea_framework_encodes_seed_002s_plan_register():
    # Seed 002: 3 key delivery plans, 7 specific/statutory, 5 reviews, 2 financial, 4 external, 7 other.
    plans = load_framework(LEA).plans
    assert Counter(p.kind for p in plans) == {
        "key-delivery-plan": 3,
        "specific-plan": 7,
        "review-action-plan": 5,
        "financial-monitoring": 2,
        "external-assessment": 4,
        "monitoring-measure": 7,
    }
    assert [p.name for p in plans if p.kind == "financial-monitoring"] == ["Capital", "Revenue"]
    assert {a.id for p in plans for a in p.actions} == {"CS-1", "BP-1", "BP-2", "BP-3", "EDP-1", "EDP-2", "BVA-1"}


def _failures(change) -> list[tuple[str, str, str]]:
    data = read_yaml(LEA)
    change(data)
    return [(f.column, str(f.code), f.value) for f in framework_failures(data)]


def test_an_action_id_given_twice_is_refused_where_it_repeats():
    def twice(data):
        data["plans"][2]["actions"][1]["id"] = "BP-1"

    assert _failures(twice) == [("plans[2].actions[1].id", FrameworkCode.DUPLICATE_VALUE, "BP-1")]


def test_an_impact_naming_no_indicator_is_refused():
    def unknown(data):
        data["plans"][1]["actions"][0]["impact"] = "absence"

    assert _failures(unknown) == [("plans[1].actions[0].impact", FrameworkCode.UNDEFINED_REFERENCE, "absence")]


def test_an_action_due_before_it_starts_is_refused():
    def backwards(data):
        data["plans"][0]["actions"][0]["due"] = "2004-01-01"

    assert _failures(backwards) == [("plans[0].actions[0]", FrameworkCode.CONSTRAINT_ERROR, "")]


def test_a_plan_of_no_known_kind_is_refused():
    def kind(data):
        data["plans"][3]["kind"] = "wish-list"

    assert [(c, code) for c, code, _ in _failures(kind)] == [("plans[3].kind", FrameworkCode.UNKNOWN_CHOICE)]
