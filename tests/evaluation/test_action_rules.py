"""Slippage and impact exceptions raised by actions (seed 002: "slippage, impact ... monitored ... until
resolved"), evaluated from hand-written returns; each expected value is worked out by hand in a comment."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from compact_analysis.evaluation.evaluate import evaluate_period
from compact_analysis.evaluation.exception_rules import ExceptionKind
from compact_analysis.evidence.demo_actions import LEA_PROGRESS
from compact_analysis.plan.framework import load_framework
from compact_analysis.plan.periods import parse_period
from compact_analysis.plan.plans_model import PROGRESS_COLUMNS
from tests.helpers import FRAMEWORKS, observations, register


@pytest.fixture(scope="module")
def lea():
    return load_framework(FRAMEWORKS / "lea-performance-2004-05.yaml")


def demo_progress() -> pd.DataFrame:
    frame = pd.DataFrame(LEA_PROGRESS, columns=PROGRESS_COLUMNS)
    for column in ("reported_on", "done_on"):
        frame[column] = [date.fromisoformat(v) if v else None for v in frame[column]]
    return frame


def raised(lea, rows: str, period: str, as_at: date, kind: ExceptionKind, progress=None) -> dict[str, str]:
    schools = register("S1", "S2", "S3", joined=date(2004, 4, 1))
    evaluation = evaluate_period(lea, observations(rows), schools, parse_period(period), as_at, actions=progress)
    found = evaluation.candidates[evaluation.candidates["kind"] == kind]
    return dict(zip(found["rule_key"], found["detail"], strict=True))


def test_slippage_is_raised_for_actions_overdue_as_at_the_date(lea):
    # As at 7 January 2005 (term 2's evidence date: 17 December + 21 days) only BP-3 (due 30 November,
    # no return) is overdue: the 31 days of December + 7 of January = 38 days.
    found = raised(lea, "S1,causing-concern,2004-05-T2,2004-12-17,no,,2004-12-20", "2004-05-T2",
                   date(2005, 1, 7), ExceptionKind.SLIPPAGE, demo_progress())  # fmt: skip
    assert list(found) == ["slippage:action BP-3"]
    assert "38 days overdue" in found["slippage:action BP-3"]
    # As at 14 November 2004: EDP-1 (due 22 October) was done on 12 November but reported only on the 15th,
    # so it is overdue: 9 days of October after the 22nd + 14 of November = 23 days. BP-3 is not yet due.
    early = raised(lea, "S1,causing-concern,2004-05-T2,2004-12-17,no,,2004-12-20", "2004-05-T2",
                   date(2004, 11, 14), ExceptionKind.SLIPPAGE, demo_progress())  # fmt: skip
    assert list(early) == ["slippage:action EDP-1"]
    assert "23 days overdue" in early["slippage:action EDP-1"]


# Schools causing concern (lower is better): term 1 (ends 22 July, the day before EDP-1 starts) S1 and S2: 2.
TERM_1 = """
S1,causing-concern,2004-05-T1,2004-07-22,yes,,2004-07-30
S2,causing-concern,2004-05-T1,2004-07-22,yes,,2004-07-30
S3,causing-concern,2004-05-T1,2004-07-22,no,,2004-07-30
"""


@pytest.mark.parametrize(
    ("s2", "s3", "raises"),
    [
        ("yes", "no", True),  # 2 then 2: unchanged, not moving
        ("yes", "yes", True),  # 2 then 3: the wrong way
        ("no", "no", False),  # 2 then 1: lower, moved
    ],
)
def test_impact_is_raised_when_the_figure_is_not_better_after_the_action(lea, s2, s3, raises):
    term_2 = f"""
S1,causing-concern,2004-05-T2,2004-12-17,yes,,2004-12-20
S2,causing-concern,2004-05-T2,2004-12-17,{s2},,2004-12-20
S3,causing-concern,2004-05-T2,2004-12-17,{s3},,2004-12-20
"""
    found = raised(lea, TERM_1 + term_2, "2004-05-T2", date(2005, 1, 7), ExceptionKind.IMPACT)
    # EDP-1 is the only action on this indicator; its life (23 July - 22 October) is over by 17 December.
    # The other impact indicators have no returns (No data): no judgement, nothing raised.
    assert list(found) == (["impact:action EDP-1 impact"] if raises else [])
    if raises:
        after = 2 + (s3 == "yes")
        assert f"was 2 in 2004-05-T1 before it started and {after} in 2004-05-T2" in found["impact:action EDP-1 impact"]


def test_impact_is_not_judged_before_the_action_is_due(lea):
    # Term 1 ends 22 July, before EDP-1 is due (22 October): no judgement even with a figure unchanged.
    assert raised(lea, TERM_1, "2004-05-T1", date(2004, 8, 12), ExceptionKind.IMPACT) == {}
