"""The framework's named conversions (funnels): each names two indicators that read numbers, or is refused
with its location in the file."""

from compact_analysis.plan.codes import FrameworkCode
from compact_analysis.plan.framework import framework_failures, framework_problems, read_yaml
from tests.helpers import FRAMEWORKS


def _with(conversion: dict) -> dict:
    data = read_yaml(FRAMEWORKS / "compact-2009-10.yaml")
    data["conversions"].append(conversion)
    return data


def test_the_compacts_conversions_load(compact):
    assert [(c.numerator, c.denominator) for c in compact.conversions] == [
        ("sfl-identified", "sfl-participants"),
        ("sfl-enrolled", "sfl-identified"),
    ]


def test_a_conversion_naming_no_indicator_is_refused_where_it_is():
    broken = {"id": "x", "name": "X", "numerator": "sfl-enroled", "denominator": "sfl-identified", "source": "s"}
    assert framework_problems(_with(broken)) == [
        ("conversions[2].numerator", "indicator 'sfl-enroled' is not defined under priorities")
    ]
    assert [(f.code, f.value) for f in framework_failures(_with(broken))] == [
        (FrameworkCode.UNDEFINED_REFERENCE, "sfl-enroled")
    ]


def test_a_conversion_over_a_milestone_is_refused():
    broken = {"id": "x", "name": "X", "numerator": "sfl-enrolled", "denominator": "coaching-paper", "source": "s"}
    assert framework_problems(_with(broken)) == [
        ("conversions[2].denominator", "indicator 'coaching-paper' is a milestone, not a figure to divide")
    ]
    assert [f.code for f in framework_failures(_with(broken))] == [FrameworkCode.NOT_A_FIGURE]


def test_conversion_ids_are_not_given_twice():
    again = {"id": "sfl-enrolled-of-identified", "name": "X", "numerator": "sfl-enrolled",
             "denominator": "sfl-participants", "source": "s"}  # fmt: skip
    assert framework_problems(_with(again)) == [
        ("conversions[2].id", "duplicate conversion id 'sfl-enrolled-of-identified' (first at conversions[1].id)")
    ]


def test_a_conversion_missing_a_field_is_refused():
    data = _with({"id": "x", "name": "X", "numerator": "sfl-enrolled", "source": "s"})
    assert framework_problems(data) == [("conversions[2].denominator", "required field is missing")]
