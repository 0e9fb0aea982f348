"""Themes: seed 004's five delivery routes group a workforce strategy's priorities; evaluated by the same engine."""

from datetime import date
from fractions import Fraction

import pandas as pd

from compact_analysis.evaluation.evaluate import default_as_at, evaluate_period
from compact_analysis.plan.framework import load_framework
from compact_analysis.plan.periods import parse_period
from tests.helpers import FRAMEWORKS

OBSERVATION_COLUMNS = [
    "member_id",
    "measure_id",
    "period",
    "period_end",
    "value",
    "value_number",
    "comment",
    "submitted",
]


def test_five_delivery_routes_each_group_a_priority():
    workforce = load_framework(FRAMEWORKS / "workforce-2019-20.yaml")
    groups = workforce.priorities_by_theme()
    assert [(theme.name, [p.id for p in ps]) for theme, ps in groups] == [
        ("Leadership", ["W1"]),
        ("Organisational change and development", ["W2"]),
        ("Skills development", ["W3"]),
        ("Recruitment and retention", ["W4"]),
        ("Pay and reward", ["W5"]),
    ]
    # Seed 004, 5.1: "great leadership that is visionary, ambitious and effective ..."
    assert groups[0][0].source.startswith("great leadership that is visionary")


def test_priorities_in_no_theme_come_last(compact):
    lea = load_framework(FRAMEWORKS / "lea-performance-2004-05.yaml")
    theme, rest = lea.priorities_by_theme()[-1]
    assert theme is None and [p.id for p in rest] == ["E6"]
    assert None not in [theme for theme, _ in compact.priorities_by_theme()]  # all seven are grouped


def test_the_workforce_framework_evaluates_with_one_return():
    workforce = load_framework(FRAMEWORKS / "workforce-2019-20.yaml")
    register = pd.DataFrame(
        {
            "member_id": ["C1", "C2"],
            "name": ["Northshire Council (fictional)", "Southvale Council (fictional)"],
            "sector": ["local authority"] * 2,
            "code": ["", ""],
            "joined": [date(2019, 4, 1)] * 2,
            "left": [None, None],
            "deemed": [True, True],
        }
    )
    observations = pd.DataFrame(
        [["C1", "leadership-offer", "2019-20-Q2", date(2019, 9, 30), "evaluated", None, "", date(2019, 10, 10)]],
        columns=OBSERVATION_COLUMNS,
    )
    q2 = parse_period("2019-20-Q2")
    evaluation = evaluate_period(workforce, observations, register, q2, default_as_at(workforce, q2))
    # C1 is at "evaluated", above "running", so it counts: 1. Baseline 0 on 1 April 2019, target 6 on 31 March 2020:
    # expected on 30 Sep 2019 = 6 x 182/365 (1 Apr to 30 Sep is 29+31+30+31+31+30 = 182 days;
    # 1 Apr 2019 to 31 Mar 2020 is 365, 29 Feb 2020 included) = 2.99, so 1 is red.
    leadership = evaluation.result("leadership-running")
    assert leadership.value.value == 1 and leadership.expected == Fraction(6 * 182, 365)
    assert leadership.status.code == "red"
    assert evaluation.result("wellbeing-plans").status.code == "no-data"
    assert evaluation.result("pay-review").status.code == "not-started"
    q4 = parse_period("2019-20-Q4")
    assert (
        evaluate_period(workforce, observations, register, q4, date(2020, 4, 30)).result("pay-review").status.code
        == "overdue"
    )  # due 31 December 2019, never reported delivered
