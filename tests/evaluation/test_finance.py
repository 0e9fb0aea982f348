"""Capital quarterly beside revenue monthly (seed 002), with the training monitor's arithmetic; every expected
figure is worked out by hand from the demo's spend (evidence/demo_finance.py) in the comments."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from compact_analysis.evaluation.budget import months_into_year, profile_to_date, projected_outturn
from compact_analysis.evaluation.finance import finance_lines
from compact_analysis.evidence.demo_finance import DEMO_SPEND
from compact_analysis.plan.framework import load_framework
from compact_analysis.plan.periods import periods_of_year
from compact_analysis.presentation.finance_table import finance_frame, variance_words
from tests.helpers import FRAMEWORKS


@pytest.fixture(scope="module")
def lea():
    return load_framework(FRAMEWORKS / "lea-performance-2004-05.yaml")


def demo_observations(as_at: date) -> pd.DataFrame:
    rows = [
        (measure, p.name, p.end(), f"{pounds}.00")
        for measure, cadence in (("capital-spend", "quarterly"), ("revenue-spend", "monthly"))
        for p, pounds in zip(periods_of_year("2004-05", cadence), DEMO_SPEND[cadence], strict=True)
        if p.end() <= as_at
    ]
    return pd.DataFrame(rows, columns=["measure_id", "period", "period_end", "value"]).assign(member_id="PARTNERSHIP")


def test_the_arithmetic_is_the_training_monitors():
    assert months_into_year(date(2004, 9, 30)) == 6 and months_into_year(date(2005, 3, 31)) == 12
    assert profile_to_date(240_000_000, 6) == 120_000_000  # £2.4m × 6/12
    assert projected_outturn(5, 12) == 5 and projected_outturn(1, 2) == 6  # 12/2 = 6 exactly
    assert projected_outturn(1, 8) == 2  # 12/8 = 1.5 rounds half up to 2


def test_capital_and_revenue_at_the_end_of_term_2(lea):
    # Term 2 ends 17 December 2004. Capital (quarterly) runs to Q2 (30 September): 6 months, spend
    # £300,000 + £450,000 = £750,000; profile £2,400,000 × 6/12 = £1,200,000; outturn £750,000 × 12/6 =
    # £1,500,000; variance £1,500,000 − £2,400,000 = −£900,000 (under budget).
    # Revenue (monthly) runs to M08 (November): spend 2.9 + 3.0 + 3.1 + 2.8 + 2.95 + 3.05 + 3.2 + 3.15 =
    # £24,150,000; profile £36,000,000 × 8/12 = £24,000,000; outturn £24,150,000 × 12/8 = £36,225,000;
    # variance +£225,000 (over budget).
    capital, revenue = finance_lines(lea, demo_observations(date(2005, 1, 7)), date(2004, 12, 17))
    assert (capital.through.name, capital.months, capital.spend_pence) == ("2004-05-Q2", 6, 75_000_000)
    assert (capital.profile_pence, capital.outturn_pence, capital.variance_pence) == (
        120_000_000,
        150_000_000,
        -90_000_000,
    )
    assert (revenue.through.name, revenue.months, revenue.spend_pence) == ("2004-05-M08", 8, 2_415_000_000)
    assert (revenue.profile_pence, revenue.outturn_pence, revenue.variance_pence) == (
        2_400_000_000,
        3_622_500_000,
        22_500_000,
    )
    shown = finance_frame([capital, revenue])
    assert shown["Variance"].tolist() == ["£900,000 under budget", "£225,000 over budget"]


def test_nothing_returned_is_no_data_never_zero(lea):
    # Term 1 ends 22 July 2004: Q1 (30 June) has ended, but no spend was returned.
    capital, _ = finance_lines(lea, demo_observations(date(2004, 1, 1)), date(2004, 7, 22))
    assert (capital.through.name, capital.spend_pence, capital.outturn_pence) == ("2004-05-Q1", None, None)
    assert finance_frame([capital])["Spend to date"].tolist() == ["No data"]
    assert variance_words(None) == "No data" and variance_words(0) == "on budget"
