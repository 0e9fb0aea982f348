"""A rate with ``since`` (issue #21 item 8): a rate over every period from ``since``, numerator and denominator
each summed over the member-periods that returned both, as "an average over the full 4-year target period"
(the Public Sector Apprenticeship Target) is measured. Worked by hand on tests/data/frameworks/figures.yaml's
quarterly ``qualified-rate`` given ``since: 2009-04-01``."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from compact_analysis.evaluation.indicators import indicator_value
from compact_analysis.plan.codes import FrameworkCode as Code
from compact_analysis.plan.framework import framework_failures, load_framework, read_yaml
from tests.helpers import ROOT, observations

EXAMPLE = ROOT / "tests" / "data" / "frameworks" / "figures.yaml"

ROWS = """
A,learners-qualified,2009-10-Q1,2009-06-30,8,,2009-07-10
A,learners-assessed,2009-10-Q1,2009-06-30,10,,2009-07-10
A,learners-qualified,2009-10-Q2,2009-09-30,4,,2009-10-10
A,learners-assessed,2009-10-Q2,2009-09-30,20,,2009-10-10
A,learners-qualified,2009-10-Q3,2009-12-31,9,,2010-01-10
B,learners-qualified,2009-10-Q2,2009-09-30,3,,2009-10-10
B,learners-assessed,2009-10-Q2,2009-09-30,10,,2009-10-10
"""


@pytest.fixture(scope="module")
def since_rate():
    framework = load_framework(EXAMPLE)
    rate = framework.indicator("qualified-rate").model_copy(update={"since": date(2009, 4, 1)})
    return framework, rate


def test_a_rate_since_a_date_sums_both_sides_over_the_member_periods_that_returned_both(since_rate):
    framework, rate = since_rate
    members = pd.DataFrame({"member_id": ["A", "B"]})
    found = indicator_value(framework, rate, observations(ROWS), members, date(2009, 10, 1), date(2009, 12, 31))
    # From 1 April 2009 to 31 December 2009: A's Q1 (8 of 10) and Q2 (4 of 20), B's Q2 (3 of 10) returned both:
    # 100 × (8 + 4 + 3) / (10 + 20 + 10) = 100 × 15/40 = 37.5%. A's Q3 gave 9 qualified and no denominator: left
    # out (counting it would give 100 × 24/40 = 60%). The period's own quarter (Q3) alone would have no rate.
    assert found.value == pytest.approx(37.5)
    assert found.kind == "rate" and found.members_returned == ("A", "B")
    assert "from 1 April 2009" in found.note and "1 member-period with only one of the two left out" in found.note


def test_since_is_read_by_a_rate_and_refused_after_the_framework_s_last_day():
    data = read_yaml(EXAMPLE)
    data["priorities"][0]["indicators"][0]["since"] = "2009-04-01"
    assert framework_failures(data) == []
    data["priorities"][0]["indicators"][0]["since"] = "2011-04-01"  # after 31 March 2011
    located = [(f.column, f.code) for f in framework_failures(data)]
    assert located == [("priorities[0].indicators[0].since", Code.SINCE_AFTER_YEARS)]
