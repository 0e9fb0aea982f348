"""Status codes and exception kinds as enums, the result records built by keyword, and constants stated once."""

import json
from datetime import date
from fractions import Fraction

import pytest

from compact_analysis.evaluation.exception_rules import KINDS, TRAINING_KINDS, ExceptionKind, kind_in_words
from compact_analysis.evaluation.results import IndicatorResult
from compact_analysis.evaluation.status import Direction, StatusCode
from compact_analysis.evaluation.target_status import TargetStatus, has_trajectory, target_status
from compact_analysis.evaluation.targets import (
    OPEN_SDG_RULE,
    RULES,
    SDG_BANDS,
    SDG_THRESHOLDS,
    UK_COUNCIL_RULE,
    open_sdg_progress,
    rag_uk_council,
    sdg_band,
)
from compact_analysis.plan.framework import Target


def test_codes_are_the_readable_strings_the_papers_use():
    assert StatusCode.TARGET_OVERDUE == "target-overdue" and f"{StatusCode.NO_DATA}" == "no-data"
    assert Direction.NOT_COMPARABLE == "not comparable"
    assert ExceptionKind.RING_FENCE_MISUSE == "ring-fence-misuse"
    # A manifest or download written with json has plain strings, not enum names.
    assert json.dumps({StatusCode.RED: [ExceptionKind.SLIPPING]}) == '{"red": ["slipping"]}'
    # Looked up by the plain string, as the presentation code does.
    assert kind_in_words("milestone-overdue") == "milestone overdue" and kind_in_words("other") == "other"


def test_every_exception_kind_has_words_and_training_kinds_are_kinds():
    assert set(KINDS) == set(ExceptionKind) and {"red", "emergency", "impact", "budget", "slippage"} <= set(KINDS)
    assert kind_in_words("figure-not-updated") == "figure unchanged for three periods running"
    assert set(TRAINING_KINDS) == {"budget-variance", "ring-fence-misuse"}


def test_open_sdg_rule_text_is_built_from_its_thresholds():
    assert OPEN_SDG_RULE == (
        "observed rate of progress over the rate required to reach the target by its date: 0.95 or more on track; "
        "0.60 to 0.95 needs acceleration; 0 to 0.60 limited progress; below 0 deterioration; target achieved once met"
    )
    assert SDG_THRESHOLDS == {"on track": 0.95, "needs acceleration": 0.60, "limited progress": 0.0}
    assert [floor for _, _, floor in SDG_BANDS] == list(SDG_THRESHOLDS.values())
    assert RULES["open-sdg"] is OPEN_SDG_RULE


@pytest.mark.parametrize(
    ("ratio", "code"),
    [
        (0.95, "on-track"),
        (0.9499, "needs-acceleration"),
        (0.60, "needs-acceleration"),
        (0.5999, "limited-progress"),
        (0.0, "limited-progress"),
        (-0.01, "deterioration"),
    ],
)
def test_sdg_band_floors_are_inclusive(ratio, code):
    assert sdg_band(ratio)[0] == code


def test_open_sdg_status_prints_the_same_thresholds_as_its_rule():
    # 0 to 20 over 364 days; 10 by 30 September (182 days) is exactly on the required rate: ratio 1.
    status = open_sdg_progress(0, date(2009, 4, 1), 10, date(2009, 9, 30), 20, date(2010, 3, 31))
    assert status.rule == OPEN_SDG_RULE
    assert "Thresholds: on track 0.95, needs acceleration 0.6, limited progress 0." in status.explain()


def test_uk_council_words_follow_its_tolerance():
    assert "within 10%" in UK_COUNCIL_RULE
    # 8 against 10 is 20% off: within a 25% tolerance, green, and the label says 25%.
    wide = rag_uk_council(8, Fraction(10), None, tolerance=Fraction(1, 4))
    assert wide.code == "green" and wide.label == "Green: on the trajectory or within 25%" and "within 25%" in wide.rule


def _target(**fields) -> Target:
    return Target(agreed=date(2009, 4, 1), **fields)


def test_has_trajectory_by_kind():
    assert has_trajectory(_target(kind="count", value=20, due=date(2010, 3, 31), baseline_date=date(2009, 4, 1)))
    assert not has_trajectory(_target(kind="share-of-members", due=date(2010, 3, 31)))  # share TBC
    assert has_trajectory(_target(kind="share-of-members", share=0.5, due=date(2010, 3, 31)))
    assert not has_trajectory(_target(kind="milestone", due=date(2010, 3, 31)))
    assert not has_trajectory(None)


def test_a_figure_without_a_target_is_monitored_with_no_numbers():
    judged = target_status("trajectory", None, None, None, None, None, date(2009, 9, 30), None)
    assert judged == TargetStatus(judged.status) and judged.status.code == StatusCode.MONITORED
    assert (judged.target_value, judged.expected, judged.baseline_value) == (None, None, None)


def test_indicator_result_is_built_by_keyword_only():
    with pytest.raises(TypeError):
        IndicatorResult("P1", None, None, None, 20.0, Fraction(10), None, 9.0, "improved")  # type: ignore[misc]
