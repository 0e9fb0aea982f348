"""One hand-built data set per priority of seed 000, with expected values worked out by hand."""

from datetime import date
from fractions import Fraction

import pytest

from compact_analysis.evaluation.evaluate import default_as_at, evaluate_period, trajectory_path
from compact_analysis.evaluation.targets import Override
from compact_analysis.plan.framework import Framework, framework_problems
from compact_analysis.plan.periods import parse_period
from compact_analysis.plan.safe_yaml import read_yaml
from tests.helpers import (
    FRAMEWORKS,
    P1_ROWS,
    P2_ROWS,
    P3_ROWS,
    P6_ROWS,
    P7_ROWS,
    bare_register,
    baseline_answers,
    evaluate_demo,
    observations,
    register,
)


def _evaluate(framework, rows, members, period, **kwargs):
    p = parse_period(period)
    return evaluate_period(framework, observations(rows), members, p, default_as_at(framework, p), **kwargs)


def test_priority_1_skills_pledge(compact):
    ev = _evaluate(compact, P1_ROWS, register(*"ABCDE"), "2009-10-Q2")
    committed = ev.result("pledge-committed")
    # A (stage 3), B (stage 2), C, D, E (stage 2) have committed: 5 of 5 deemed members.
    assert committed.value.value == 5 and committed.value.share_of_members == 1
    # Baseline on 1 April 2009: C committed in 2008, so 1. Expected at 30 Sep: 1 + (20 - 1) * 182/364 = 10.5.
    assert committed.baseline_value == 1 and committed.expected == Fraction(21, 2)
    # 5 < 10.5 * 0.9 = 9.45: red. Q1 had A, B, C = 3: improved. A year earlier C alone = 1: improved.
    assert committed.status.code == "red"
    assert (committed.previous_value, committed.direction) == (3, "improved")
    assert (committed.year_earlier_value, committed.direction_year) == (1, "improved")
    stage2 = ev.result("pledge-stage-2")
    # A, B, E at stage 2 or above = 3; baseline 0; expected 12 * 182/364 = 6; 3 < 5.4: red; Q1 A, B = 2.
    assert (stage2.value.value, stage2.expected, stage2.status.code) == (3, 6, "red")
    assert stage2.direction == "improved"
    stage3 = ev.result("pledge-stage-3")
    # A only = 1, same as Q1: no change; expected 10 * 182/364 = 5.
    assert (stage3.value.value, stage3.expected, stage3.direction) == (1, 5, "no change")


def test_priority_2_skills_for_life_with_the_open_sdg_rule(compact):
    ev = _evaluate(compact, P2_ROWS, register(*"ABCD"), "2009-10-Q2", rule="open-sdg")
    event = ev.result("sfl-test-event")
    # A, B (Q1) and C (Q2) said yes; D no: 3 of 4, and all 4 replied.
    assert event.value.value == 3 and event.value.share_of_returned == Fraction(3, 4)
    # Required by 30 Sep: 25 * 182/364 = 12.5 from 0; observed 3: ratio 3/12.5 = 0.24 -> limited progress.
    assert event.status.code == "limited-progress" and event.status.inputs["ratio"] == 0.24
    assert event.direction == "improved"  # Q1: 2
    # July-September sums: participants 10 + 12 + 8 = 30; identified 6 + 4 = 10; enrolled 3 + 1 = 4.
    assert [ev.result(i).value.value for i in ("sfl-participants", "sfl-identified", "sfl-enrolled")] == [30, 10, 4]
    assert ev.result("sfl-participants").status.code == "monitored"
    assert ev.result("sfl-participants").previous_value == 5  # June alone in Q1
    # identified/participants = 10/30 = 1/3; enrolled/identified = 4/10 = 2/5: the two conversions the framework
    # names, and nothing else (the qualified-in-literacy sums after them are not paired).
    assert list(ev.conversions()["rate"]) == [Fraction(1, 3), Fraction(2, 5)]


def test_priority_3_apprenticeship_baseline_and_derived_target(compact):
    ev = _evaluate(compact, P3_ROWS, register(*"ABCDEFGH"), "2009-10-Q3")
    r = ev.result("apprenticeship-gap-closed")
    # Known to lack A, B, C, F (k=4); have D, E (h=2); G, H unanswered by 14 August (u=2): point 4 + 2*4/6 = 16/3, bounds [4, 6], target 1/2 * 16/3 = 8/3 -> 3.
    assert r.baseline.estimate.point == Fraction(16, 3) and (r.baseline.estimate.low, r.baseline.estimate.high) == (
        4,
        6,
    )
    assert r.target_value == 3 and r.value.members_counted == ("A", "B")
    # Expected at 31 Dec: 3 * 184/274 = 276/137 (2.01); 2 >= 2.01 * 0.9: amber. Q2: A alone = 1: improved.
    assert r.expected == Fraction(276, 137)
    assert r.status.code == "amber" and r.direction == "improved" and r.previous_value == 1
    # An analyst override keeps both statuses on the table.
    override = Override(
        "apprenticeship-gap-closed", "2009-10-Q3", "green", "Green", "B signed in January", "Analyst", date(2010, 2, 1)
    )
    ev = _evaluate(compact, P3_ROWS, register(*"ABCDEFGH"), "2009-10-Q3", overrides=(override,))
    row = ev.table().set_index("indicator_id").loc["apprenticeship-gap-closed"]
    assert (row["status"], row["computed_status"], row["override_reason"]) == ("green", "amber", "B signed in January")


def test_priority_4_pending_target_becomes_overdue(compact):
    members = register(*"AB")
    # Set-by date 31 July 2009: Q1 ends 30 June, before it; Q2 ends 30 September, after it.
    assert (
        _evaluate(compact, P1_ROWS, members, "2009-10-Q1").result("procurement-value").status.code == "target-not-set"
    )
    overdue = _evaluate(compact, P1_ROWS, members, "2009-10-Q2").result("procurement-value").status
    assert overdue.code == "target-overdue" and "31 July 2009" in overdue.reason


P5_ROWS = """
A,lep-agreement,2009-10-Q1,2009-06-30,no,,2009-07-10
B,lep-agreement,2009-10-Q1,2009-06-30,no,,2009-07-10
C,lep-agreement,2009-10-Q1,2009-06-30,yes,,2009-07-10
D,lep-agreement,2009-10-Q1,2009-06-30,no,,2009-07-10
A,lep-agreement,2009-10-Q3,2009-12-31,yes,,2010-01-10
B,lep-agreement,2009-10-Q4,2010-03-31,yes,,2010-04-10
"""


def test_priority_5_lep_everyone_answered(compact):
    r = _evaluate(compact, P5_ROWS, register(*"ABCD"), "2009-10-Q4").result("lep-gap-closed")
    est = r.baseline.estimate
    # k=3, h=1, u=0: point 3 exactly, interval and bounds [3, 3], everyone answered: no warnings.
    assert (est.point, (est.low, est.high), est.interval, est.warning) == (3, (3, 3), (3, 3), None)
    # 1/2 * 3 = 3/2 -> 2. 31 March is the due date, so the target is judged, not a trajectory: nothing is
    # expected "now"; A and B have one at the due date: 2 against 2, achieved exactly.
    assert r.target_value == 2 and r.expected is None and r.value.value == 2
    assert r.status.code == "achieved" and r.status.label == "Achieved: 2 against a target of 2, exactly met"
    assert r.previous_value == 1 and r.direction == "improved"


def test_priority_6_milestone_states(compact):
    members = register("A")
    states = [
        _evaluate(compact, P6_ROWS, members, f"2009-10-Q{q}").result("coaching-paper").status.code for q in (1, 2, 3, 4)
    ]
    # Q1 not started, Q2 and Q3 in progress (Q3 carries Q2 forward), Q4 delivered.
    assert states == ["not-started", "in-progress", "in-progress", "delivered"]
    # Without the delivery, a period ending after the 31 March 2010 due date shows it overdue.
    undelivered = "\n".join(P6_ROWS.strip().splitlines()[:2])
    assert _evaluate(compact, undelivered, members, "2010-11-Q1").result("coaching-paper").status.code == "overdue"


def _compact_with_p7_share(share: str, agreed: str) -> Framework:
    data = read_yaml(FRAMEWORKS / "compact-2009-10.yaml")
    p7 = next(p for p in data["priorities"] if p["id"] == "P7")
    p7["indicators"][0]["targets"].append(
        {
            "kind": "share-of-members",
            "share": share,
            "due": "2010-03-31",
            "baseline_date": "2009-04-01",
            "agreed": agreed,
        }
    )
    assert framework_problems(data) == []
    return Framework.model_validate(data, context={"cross_checked": True})


def test_priority_7_tbc_then_confirmed(compact):
    members = register(*"ABCDE")
    tbc = _evaluate(compact, P7_ROWS, members, "2009-10-Q3").result("wbl-1419-commitment")
    assert tbc.status.code == "target-not-set" and tbc.value.value == 2  # A and B said yes
    confirmed = _compact_with_p7_share("40%", "2009-09-01")
    r = _evaluate(confirmed, P7_ROWS, members, "2009-10-Q3").result("wbl-1419-commitment")
    # 40% of 5 deemed members = 2. From 0 on 1 April: 2 * 274/364 = 137/91 (1.51) expected at 31 Dec; 2: green.
    assert r.target_value == 2 and r.expected == Fraction(137, 91) and r.status.code == "green"
    # Before the share was agreed (Q1 ends 30 June) the TBC target is in force.
    assert (
        _evaluate(confirmed, P7_ROWS, members, "2009-10-Q1").result("wbl-1419-commitment").status.code
        == "target-not-set"
    )


def test_gap_indicator_counts_members_that_closed_the_gap(compact):
    register = bare_register("A", "B", "C", "D", "E", "F")
    ev = evaluate_period(compact, baseline_answers(), register, parse_period("2009-10-Q3"), date(2010, 2, 14))
    r = ev.result("apprenticeship-gap-closed")
    # Baseline 30 June 2009: lacking A, B, D (k=3); having C (h=1); unanswered E, F (u=2).
    assert (r.baseline.lacking, r.baseline.having, r.baseline.unanswered) == (("A", "B", "D"), ("C",), ("E", "F"))
    # point 3 + 2*3/4 = 9/2; target ceil(1/2 * 9/2) = ceil(9/4) = 3; range ceil(3/2)=2 .. ceil(5/2)=3
    assert r.baseline.estimate.point == Fraction(9, 2)
    assert r.target_value == 3 and (r.baseline.target.low, r.baseline.target.high) == (2, 3)
    # By 31 Dec: A (yes in Q2) and D (yes in Q3) have a scheme now.
    assert r.value.value == 2 and r.value.members_counted == ("A", "D")
    # Trajectory 0 -> 3 over 274 days (30 Jun 2009 - 31 Mar 2010); 184 days gone: 3*184/274 = 276/137 = 2.01
    assert r.expected == Fraction(276, 137)
    assert r.status.code == "amber"  # 2 is behind 2.01 by under 10%
    assert ev.table().set_index("indicator_id").loc["apprenticeship-gap-closed", "target"] == 3


def test_nobody_answered_by_the_baseline_gives_no_target(compact):
    # As at 1 May 2009 nothing had been submitted: k = h = 0, so the point and the target are undefined.
    ev = evaluate_period(
        compact, baseline_answers(), bare_register("A", "B"), parse_period("2009-10-Q1"), date(2009, 5, 1)
    )
    r = ev.result("apprenticeship-gap-closed")
    assert r.status.code == "no-data" and r.target_value is None
    assert r.baseline.estimate.point is None and r.baseline.unanswered == ("A", "B")


def test_before_the_baseline_date_the_baseline_is_not_yet_set(compact):
    # May 2009 ends on 31 May, before the 30 June baseline: no value, no baseline, no status to give.
    ev = evaluate_period(
        compact, baseline_answers(), bare_register("A"), parse_period("2009-10-M02"), date(2009, 7, 15)
    )
    r = ev.result("apprenticeship-gap-closed")
    assert r.status.code == "no-data" and r.status.label == "Baseline not yet set"
    assert r.value.value is None and r.baseline is None


def test_evaluating_twice_gives_identical_outputs(ingested_demo, compact):
    runs = [evaluate_demo(ingested_demo, compact, "2009-10-Q3") for _ in range(2)]
    for method in ("table", "explanations"):
        assert getattr(runs[0], method)().to_csv() == getattr(runs[1], method)().to_csv()
    assert runs[0].candidates.to_csv() == runs[1].candidates.to_csv()


def test_a_profile_in_the_framework_shapes_the_trajectory(compact):
    data = read_yaml(FRAMEWORKS / "compact-2009-10.yaml")
    target = next(i for p in data["priorities"] for i in p["indicators"] if i["id"] == "pledge-committed")["targets"][0]
    # A slow start: a fifth of the way by 30 September, the rest in the second half-year.
    target["profile"] = [{"date": "2009-09-30", "share": "20%"}]
    assert framework_problems(data) == []
    profiled = Framework.model_validate(data, context={"cross_checked": True})
    r = _evaluate(profiled, P1_ROWS, register(*"ABCDE"), "2009-10-Q2").result("pledge-committed")
    # Baseline 1 (C, committed in 2008) to 20: 1 + 19 * 1/5 = 24/5 = 4.8 expected at 30 September
    # (10.5 on the straight line); 5 >= 4.8: green instead of red.
    assert r.expected == Fraction(24, 5) and r.status.code == "green"
    # The chart's path: baseline 1 on 1 April, 1 + 19/5 = 24/5 at the profile point, 20 on 31 March.
    assert trajectory_path(profiled, r) == [
        (date(2009, 4, 1), Fraction(1)),
        (date(2009, 9, 30), Fraction(24, 5)),
        (date(2010, 3, 31), Fraction(20)),
    ]
    straight = _evaluate(compact, P1_ROWS, register(*"ABCDE"), "2009-10-Q2").result("pledge-committed")
    assert trajectory_path(compact, straight) == [(date(2009, 4, 1), Fraction(1)), (date(2010, 3, 31), Fraction(20))]
    target["profile"] = [{"date": "2009-09-30", "share": "60%"}, {"date": "2009-12-31", "share": "50%"}]
    problems = framework_problems(data)
    assert problems and "never go down" in " ".join(message for _, message in problems)


def test_a_merged_members_history_counts_toward_its_successor(compact):
    members = register("P", "S", "A", left={"P": date(2009, 9, 30)})
    members["successor_id"] = ["S", "", ""]
    members.loc[members["member_id"] == "S", "joined"] = date(2009, 10, 1)
    rows = """
P,pledge-level,2009-10-Q1,2009-06-30,stage-2,,2009-07-10
A,pledge-level,2009-10-Q1,2009-06-30,committed,,2009-07-10
A,pledge-level,2009-10-Q3,2009-12-31,committed,,2010-01-10
"""
    q2, q3 = (_evaluate(compact, rows, members, f"2009-10-Q{q}") for q in (2, 3))
    # Q2 (to 30 September): P and A are the members; P at stage 2 and A committed: 2 committed, 1 at stage 2.
    assert q2.result("pledge-committed").value.members_counted == ("A", "P")
    # Q3: P has left and S, its successor, carries its history: S at stage 2 although S itself returned nothing.
    assert q3.result("pledge-committed").value.members_counted == ("A", "S")
    assert q3.result("pledge-stage-2").value.members_counted == ("S",)


def test_forecast_from_the_counts_at_each_quarter(compact):
    r = _evaluate(compact, P1_ROWS, register(*"ABCDE"), "2009-10-Q2").result("pledge-committed")
    f = r.forecast
    # Counts: 1 at the 1 April baseline (C), 3 at 30 June, 5 at 30 September: 2 a quarter; two quarters to
    # 31 March: 5 + 4 = 9, but only the 5 deemed members can count: 5, short of 20; nobody left at risk: P = 0.
    assert (f.now, f.run_rate, f.steps_left, f.run_rate_projection, f.run_rate_meets) == (5, 2, 2, 5, False)
    assert f.probability == 0.0 and f.trend.direction == "too few points"
    # No forecast without a numeric target, or once the target is due.
    assert _evaluate(compact, P1_ROWS, register(*"ABCDE"), "2009-10-Q2").result("sfl-participants").forecast is None
    assert _evaluate(compact, P1_ROWS, register(*"ABCDE"), "2009-10-Q4").result("pledge-committed").forecast is None


def test_monthly_figures_get_an_xmr_chart(compact):
    r = _evaluate(compact, P2_ROWS, register(*"ABCD"), "2009-10-Q2").result("sfl-participants")
    x = r.spc
    # June 5, July 10, August 12, September 8 (A's and B's returns by month; April and May had none).
    assert list(x.points["label"]) == ["2009-10-M03", "2009-10-M04", "2009-10-M05", "2009-10-M06"]
    # mean 35/4 = 8.75; moving ranges 5, 2, 4: average 11/3; limits 8.75 +/- 2.66 * 11/3 = 8.75 +/- 9.7533.
    assert x.mean == pytest.approx(8.75) and x.average_moving_range == pytest.approx(11 / 3)
    assert (x.lower_limit, x.upper_limit) == (pytest.approx(-1.0033, abs=1e-4), pytest.approx(18.5033, abs=1e-4))
    assert x.provisional  # 4 points, fewer than 12
    assert _evaluate(compact, P2_ROWS, register(*"ABCD"), "2009-10-Q2").result("sfl-test-event").spc is None
