from datetime import date

import pytest

from compact_analysis.evaluation.evaluate import evaluate_period
from compact_analysis.evaluation.slices import counts_by_sector, indicators_of_theme, months_between, what_if_year_end
from compact_analysis.plan.periods import parse_period
from tests.helpers import P1_ROWS, four_members, observations, register


def test_counts_by_sector(compact):
    register, obs = four_members()
    evaluation = evaluate_period(compact, obs, register, parse_period("2009-10-Q2"), date(2009, 11, 14))
    table = counts_by_sector(evaluation, register).set_index(["indicator_id", "sector"])
    # Education: A, B and D are deemed at 30 Sep; A and B returned a pledge level; only A committed.
    assert tuple(table.loc[("pledge-committed", "education")]) == (3, 2, 1)
    # Local authority: C alone, committed.
    assert tuple(table.loc[("pledge-committed", "local authority")]) == (1, 1, 1)


def test_indicators_of_theme(compact):
    register, obs = four_members()
    evaluation = evaluate_period(compact, obs, register, parse_period("2009-10-Q2"), date(2009, 11, 14))
    # The Compact's "procurement" theme holds P4 only, which has one indicator.
    assert indicators_of_theme(evaluation, "procurement")["indicator_id"].tolist() == ["procurement-value"]
    with pytest.raises(KeyError):
        indicators_of_theme(evaluation, "nope")


def test_what_if_year_end():
    # From 30 Sep 2009 to 31 Mar 2010: October to March is 6 months.
    assert months_between(date(2009, 9, 30), date(2010, 3, 31)) == 6
    # 17 committed now, two more a month for 6 months: 17 + 12 = 29.
    assert what_if_year_end(17, 2, date(2009, 9, 30), date(2010, 3, 31), ceiling=50) == 29
    # Never more than the deemed members.
    assert what_if_year_end(45, 2, date(2009, 9, 30), date(2010, 3, 31), ceiling=50) == 50


def test_scenario_two_more_a_month_to_the_year_end(compact):
    from compact_analysis.evaluation.evaluate import default_as_at, evaluate_period
    from compact_analysis.evaluation.slices import scenario
    from compact_analysis.plan.periods import parse_period

    p = parse_period("2009-10-Q2")
    ev = evaluate_period(compact, observations(P1_ROWS), register(*"ABCDE"), p, default_as_at(compact, p))
    # 5 committed at 30 September 2009; six months to 31 March 2010 at 2 a month would be 17, but only 5
    # deemed members exist, so 5; the target is 20: 15 short.
    capped = scenario(ev, "pledge-committed", 2)
    assert (capped.now, capped.projected, capped.target, capped.meets_target) == (5, 5, 20, False)
    assert capped.text.endswith("5 by 31 March 2010 against a target of 20: 15 short of the target.")
    with pytest.raises(ValueError, match="no numeric target"):
        scenario(ev, "sfl-participants", 2)
