"""A second framework (seed 002's LEA plan, monitored termly) evaluated by the same engine, no Compact code path."""

from datetime import date, timedelta
from fractions import Fraction
from io import StringIO

import pandas as pd
import pytest

from compact_analysis.evaluation.evaluate import default_as_at, evaluate_period
from compact_analysis.evaluation.year_end_table import year_end_table
from compact_analysis.plan.framework import load_framework
from tests.helpers import FRAMEWORKS

REGISTER = """member_id,name,sector,code,joined,left,deemed
S1,Oakfield Primary (fictional),education,,2000-01-01,,yes
S2,Riverside Juniors (fictional),education,,2000-01-01,,yes
S3,Hilltop Academy (fictional),education,,2000-01-01,,yes
S4,Meadow Infants (fictional),education,,2000-01-01,2004-10-31,yes
"""

# member, measure, period, value. Term ends: 2003-04-T3 31 Mar 2004; 2004-05-T1 22 Jul, T2 17 Dec 2004, T3 24 Mar 2005.
RETURNS = """S1,causing-concern,2003-04-T3,yes
S2,causing-concern,2003-04-T3,yes
S3,causing-concern,2003-04-T3,yes
S4,causing-concern,2003-04-T3,yes
S1,causing-concern,2004-05-T1,yes
S2,causing-concern,2004-05-T1,yes
S3,causing-concern,2004-05-T1,no
S4,causing-concern,2004-05-T1,yes
S1,causing-concern,2004-05-T2,no
S2,causing-concern,2004-05-T2,yes
S3,causing-concern,2004-05-T2,no
S1,causing-concern,2004-05-T3,yes
S2,causing-concern,2004-05-T3,yes
S3,causing-concern,2004-05-T3,yes
S1,appraisals-complete,2004-05-T1,yes
S2,appraisals-complete,2004-05-T1,no
S1,unauthorised-absence,2004-05-T1,10
S2,unauthorised-absence,2004-05-T1,5
LEA,budget-strategy,2004-05-T1,in-progress
"""


@pytest.fixture(scope="module")
def lea():
    return load_framework(FRAMEWORKS / "lea-performance-2004-05.yaml")


def _register() -> pd.DataFrame:
    register = pd.read_csv(StringIO(REGISTER), dtype=str, keep_default_na=False)
    for col in ("joined", "left"):
        register[col] = pd.to_datetime(register[col].replace("", None), format="%Y-%m-%d").dt.date
    register["deemed"] = register["deemed"] == "yes"
    return register


def _observations(lea) -> pd.DataFrame:
    rows = pd.read_csv(StringIO(RETURNS), names=["member_id", "measure_id", "period", "value"], dtype=str)
    rows["period_end"] = [lea.check_period(p).end(lea.terms) if p.startswith("2004") else None for p in rows["period"]]
    rows.loc[rows["period"] == "2003-04-T3", "period_end"] = date(2004, 3, 31)
    rows["value_number"] = pd.to_numeric(rows["value"], errors="coerce")
    rows["comment"] = ""
    rows["submitted"] = [end + timedelta(days=5) for end in rows["period_end"]]
    return rows


def test_the_lea_framework_has_terms_three_cadences_perspectives_and_no_pledge(lea):
    assert [p.name for p in lea.periods()] == ["2004-05-T1", "2004-05-T2", "2004-05-T3"]
    assert lea.periods()[0].bounds(lea.terms) == (date(2004, 4, 19), date(2004, 7, 22))
    assert len(lea.periods("monthly")) == 12 and len(lea.periods("quarterly")) == 4
    assert lea.deemed_members is None and lea.scales[0].id == "milestone"
    assert {ind.perspective for ind in lea.indicators} == {"customer", "internal", "finance", "learning"}
    assert lea.themes[0].priorities == ["E1", "E2", "E3", "E5"]


def test_every_term_of_the_lea_plan_evaluates(lea):
    register, observations = _register(), _observations(lea)
    results = {}
    for period in lea.periods():
        evaluation = evaluate_period(lea, observations, register, period, default_as_at(lea, period))
        results[period.name] = evaluation
    t1, t2, t3 = results["2004-05-T1"], results["2004-05-T2"], results["2004-05-T3"]

    # Schools causing concern, lower is better: 4 at the baseline (2003-04-T3), target 2 by 24 March 2005.
    # Days from 19 Apr 2004: to 22 Jul = 11+31+30+22 = 94; to 17 Dec = 11+31+30+31+31+30+31+30+17 = 242;
    # to 24 Mar 2005 = 365 - 26 = 339.
    concern = t1.result("schools-causing-concern")
    assert concern.value.value == 3  # S1, S2, S4 said yes
    assert concern.expected == Fraction(4) - Fraction(2 * 94, 339)  # 1168/339, about 3.45
    assert concern.status.code == "green"  # 3 is at or below 3.45
    concern = t2.result("schools-causing-concern")
    assert concern.value.denominator == 3  # S4 left on 31 October 2004: not counted at 17 December
    assert concern.value.value == 1 and concern.expected == Fraction(4) - Fraction(2 * 242, 339)
    assert (concern.status.code, concern.direction) == ("green", "improved")  # 1 down from 3, lower is better
    concern = t3.result("schools-causing-concern")
    # T3 ends on the due date (24 March 2005): the target is judged, not the trajectory. 3 against 2 where
    # lower is better: missed, 1 over.
    assert concern.value.value == 3 and concern.expected is None and concern.target_value == 2
    assert (concern.status.code, concern.direction) == ("missed", "worse")
    assert concern.status.label == "Missed: 3 against a target of 2, 1 over"

    # Appraisals, higher is better: baseline 0, target 3; T1 value 1 against 3 x 94/339 = 0.83 (green);
    # T2 still 1 (S1's yes carries forward) against 3 x 242/339 = 2.14, below 2.14 x 0.95 (red).
    assert (t1.result("appraisals").value.value, t1.result("appraisals").status.code) == (1, "green")
    assert t2.result("appraisals").expected == Fraction(3 * 242, 339)
    assert t2.result("appraisals").status.code == "red"

    # Monitored figure: 10 + 5 sessions in the summer term, no target.
    assert t1.result("unauthorised-absence").value.value == 15
    assert t1.result("unauthorised-absence").status.code == "monitored"

    # Milestone due 17 December 2004: in progress through T2, overdue after it.
    codes = [results[p].result("budget-strategy").status.code for p in results]
    assert codes == ["in-progress", "in-progress", "overdue"]
    # The year-end table: T2 ends on the milestone's due day, still in progress; by T3 it is missed, and so is
    # the concern target (due 24 March 2005, T3's last day).
    assert year_end_table(t1).empty
    assert year_end_table(t2).set_index("indicator_id").loc["budget-strategy", "outcome"] == "in progress"
    t3_outcomes = year_end_table(t3).set_index("indicator_id")["outcome"]
    assert t3_outcomes["budget-strategy"] == "missed" and t3_outcomes["schools-causing-concern"] == "missed"
    # Pending target to be set by the Joint Executive by 30 September 2004.
    codes = [results[p].result("partnership-working").status.code for p in results]
    assert codes == ["target-not-set", "target-overdue", "target-overdue"]
