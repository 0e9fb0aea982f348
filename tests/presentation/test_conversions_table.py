"""Conversions: only the ones the framework names are computed, and the paper shows them in words."""

from datetime import date
from fractions import Fraction

from compact_analysis.evaluation.evaluate import evaluate_period
from compact_analysis.plan.framework import Framework, framework_problems, read_yaml
from compact_analysis.plan.periods import parse_period
from compact_analysis.presentation.conversions_table import conversion_words, conversions_table
from tests.helpers import FRAMEWORKS, P2_ROWS, observations, register


def _evaluate(framework):
    q2 = parse_period("2009-10-Q2")
    return evaluate_period(framework, observations(P2_ROWS), register(*"ABCD"), q2, date(2009, 11, 14))


def test_only_the_named_conversions_are_computed(compact):
    frame = _evaluate(compact).conversions()
    # Q2 sums (July to September): participants 10 + 12 + 8 = 30, identified 6 + 4 = 10, enrolled 3 + 1 = 4.
    # identified/participants = 10/30 = 1/3; enrolled/identified = 4/10 = 2/5. Nothing else is paired: the
    # test-event count (3) is not divided by anything though it sits beside them in priority 2.
    assert list(frame["id"]) == ["sfl-identified-of-participants", "sfl-enrolled-of-identified"]
    assert list(frame["rate"]) == [Fraction(1, 3), Fraction(2, 5)]
    assert list(frame["numerator_value"]) == [10, 4] and list(frame["denominator_value"]) == [30, 10]
    # A framework naming none computes none.
    data = read_yaml(FRAMEWORKS / "compact-2009-10.yaml")
    data["conversions"] = []
    assert framework_problems(data) == []
    bare = Framework.model_validate(data, context={"cross_checked": True})
    assert _evaluate(bare).conversions().empty
    assert conversions_table(_evaluate(bare)) == ""


def test_the_table_says_each_conversion_in_words(compact):
    html = conversions_table(_evaluate(compact))
    assert "Conversions the plan names at 2009-10-Q2" in html
    # 4 / 10 = 40.0%
    assert (
        "4 (Staff enrolling on Skills for Life courses) over 10 (Staff identified as requiring Skills for Life "
        "support): 40.0%." in html
    )


def test_words_for_undefined_and_impossible_conversions():
    assert conversion_words("Enrolled", "Identified", None, 10, None) == "Not computable: no figure for Enrolled."
    assert conversion_words("Enrolled", "Identified", 4, None, None) == "Not computable: no figure for Identified."
    assert conversion_words("Enrolled", "Identified", 4, 0, None) == "Not computable: Identified is 0."
    # A regional figure over the national one (issue 21: 5751%): 575.1 / 10 = 5751.0%, flagged.
    words = conversion_words("Region", "Nation", 575.1, 10, Fraction(5751, 100))
    assert words == (
        "575.1 (Region) over 10 (Nation): 5751.0%; above 100%, so the first figure is not part of the second: "
        "check the plan pairs them."
    )
