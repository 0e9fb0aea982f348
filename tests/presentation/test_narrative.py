"""Narrative sentences, checked word for word against hand-built data (the numbers worked out in comments)."""

from datetime import date

from compact_analysis.evaluation.earlier import earlier_evaluation
from compact_analysis.presentation.narrative import (
    counted,
    headline,
    indicator_sentence,
    number,
    returns_sentence,
    since_sentence,
    status_changes,
    training_exceptions_sentence,
)
from tests.helpers import P1_ROWS, P2_ROWS, P3_ROWS, P6_ROWS, P7_ROWS, evaluate_rows, observations, register


def test_numbers_are_whole_for_counts_and_one_decimal_otherwise():
    assert (number(12.0), number(10.5), number(1234), number(2.0166)) == ("12", "10.5", "1,234", "2.0")


def test_count_sentence_gives_share_trajectory_status_and_change(compact):
    ev = evaluate_rows(compact, P1_ROWS, register(*"ABCDE"), "2009-10-Q2")
    # All 5 deemed members have committed (A and B at higher stages count too): 5 of 5 = 100%.
    # Expected 1 + 19 * 182/364 = 10.5 against the target of 20; 5 < 9.45 is red; Q1 had A, B, C = 3.
    assert indicator_sentence(ev, ev.result("pledge-committed")) == (
        "Members committed to the Skills Pledge: 5 of 5 members (100%) by 30 September 2009, against 10.5 "
        "expected on trajectory to a target of 20: red, up from 3 in 2009-10-Q1."
    )
    # Stage 3: A only, as in Q1; expected 10 * 182/364 = 5 -> red, unchanged.
    assert indicator_sentence(ev, ev.result("pledge-stage-3")).endswith(
        "1 of 5 members (20%) by 30 September 2009, against 5 expected on trajectory to a target of 10: "
        "red, unchanged from 2009-10-Q1."
    )


def test_sums_pending_targets_and_milestones(compact):
    ev = evaluate_rows(compact, P2_ROWS, register(*"ABCD"), "2009-10-Q2")
    # July to September: A 10 + 12, B 8 = 30 people, from A and B of the 4 members; Q1 (June): A's 5.
    # Month by month 5, 10, 12, 8: mean 8.75, moving ranges 5, 2, 4 (average 11/3), limits 8.75 ± 9.75;
    # 8 is inside them and 4 points make no run: within common-cause variation, so no significant change.
    assert indicator_sentence(ev, ev.result("sfl-participants")) == (
        "Skills for Life participation: 30 people in the period to 30 September 2009 (2 of 4 members returned), "
        "monitored without a target, up from 5 in 2009-10-Q1, no significant change (month by month, within "
        "common-cause variation)."
    )
    assert ev.result("sfl-participants").direction == "no significant change"
    # The pending target's set-by date (31 July 2009) has passed by 30 September.
    assert indicator_sentence(ev, ev.result("procurement-value")) == (
        "Procurement models adopted for employment and training value: target overdue to be set "
        "(Procurement Theme Group was to set it by 31 July 2009)."
    )
    milestone = evaluate_rows(compact, P6_ROWS, register("A"), "2009-10-Q2")
    assert indicator_sentence(milestone, milestone.result("coaching-paper")) == (
        "Discussion paper on the costs and benefits of coaching and mentoring: in progress (due 31 March 2010)."
    )


def test_no_return_is_said_not_counted_as_zero(compact):
    ev = evaluate_rows(compact, P1_ROWS, register(*"ABCDE"), "2009-10-Q2")
    assert indicator_sentence(ev, ev.result("lep-gap-closed")).startswith(
        "Members without a LEP at the baseline supported to establish one: no member had returned this"
    )


def test_headline_and_status_changes(compact):
    members = register(*"ABCDE")
    q1, q2 = (evaluate_rows(compact, P1_ROWS, members, f"2009-10-Q{q}") for q in (1, 2))
    text = headline(q2)
    assert text.startswith(f"Of {len(q2.results)} indicators, ")
    reds = sum(r.status.code == "red" for r in q2.results)
    assert f"{reds} red" in text
    # Q1 ends 30 June, before the pending target's 31 July date; Q2 after it.
    assert (
        "Procurement models adopted for employment and training value: target not yet set to target overdue to be set"
        in status_changes(q2, q1)
    )
    assert status_changes(q1, None) == []


def test_gap_sentence_counts_against_the_members_that_lacked_one(compact):
    ev = evaluate_rows(compact, P3_ROWS, register(*"ABCDEFGH"), "2009-10-Q3")
    # Lacked one at the baseline: A, B, C, F (4) known at the freeze; H, not answered by then, said "no" for Q2,
    # so it had none at the baseline: 5 can count. A and B have one by 31 December: 2 (G's first answer is a
    # Q3 "yes": it cannot be dated). Derived target 3, expected 3 * 184/274 = 2.01 -> "2.0"; 2 is within 10%
    # of it: amber. Q2: A alone = 1.
    assert indicator_sentence(ev, ev.result("apprenticeship-gap-closed")) == (
        "Members without a scheme at the baseline supported to develop one: 2 of the 5 members that lacked one "
        "at the baseline (4 known at the freeze, 1 shown since) now have one, against 2.0 expected on trajectory "
        "to a target of 3: amber, up from 1 in 2009-10-Q2."
    )
    q2 = evaluate_rows(compact, P3_ROWS, register(*"ABCDEFGH"), "2009-10-Q2")
    # At 30 September only A has one: the verb agrees with 1. H's Q2 "no" is in by then too.
    assert "1 of the 5 members that lacked one at the baseline (4 known at the freeze, 1 shown since) now has one" in (
        indicator_sentence(q2, q2.result("apprenticeship-gap-closed"))
    )
    # As at Q1 nobody not answered had answered since: the sentence names only the known.
    q1 = evaluate_rows(compact, P3_ROWS, register(*"ABCDEFGH"), "2009-10-Q1")
    assert "0 of the 4 members known to lack one at the baseline now have one" in (
        indicator_sentence(q1, q1.result("apprenticeship-gap-closed"))
    )


def test_counts_take_the_noun_in_the_right_number():
    assert counted(1, "indicator") == "1 indicator"
    assert counted(0, "cell") == "0 cells"
    assert counted(4, "deemed member") == "4 deemed members"
    assert counted(2, "entry", "entries") == "2 entries"


def test_since_sentence_for_first_period_no_change_one_and_several():
    assert since_sentence(None, 0) == (
        "This is the first period of the year, so there is no earlier status to compare with."
    )
    assert since_sentence("2009-10-Q1", 0) == "No indicator changed status since 2009-10-Q1."
    assert since_sentence("2009-10-Q1", 1) == "Since 2009-10-Q1, 1 indicator changed status:"
    assert since_sentence("2009-10-Q1", 4) == "Since 2009-10-Q1, 4 indicators changed status:"


def test_returns_sentence_reads_the_counts_and_dates():
    counts = {"on time": 41, "late": 6, "missing": 3}
    assert returns_sentence(counts, 50, date(2009, 11, 14), date(2009, 11, 14), 1) == (
        "Of 50 deemed members, 41 returned data for this period by the due date (14 November 2009), "
        "6 returned it late, and 3 had not returned it by the evidence date (14 November 2009). "
        "1 cell of this period's rows is in quarantine."
    )
    assert returns_sentence(counts, 50, date(2010, 2, 14), date(2010, 3, 1), 6).endswith(
        "by the evidence date (1 March 2010). 6 cells of this period's rows are in quarantine."
    )
    counts = {"on time": 47, "late": 0, "missing": 3}
    assert returns_sentence(counts, 50, date(2010, 5, 15), date(2010, 5, 15), 0) == (
        "Of 50 deemed members, 47 returned data for this period by the due date (15 May 2010), none late, "
        "and 3 had not returned it by the evidence date (15 May 2010). No cell of this period's rows is in quarantine."
    )


def test_a_share_target_still_tbc_is_said_so_with_the_count(compact):
    ev = evaluate_rows(compact, P7_ROWS, register(*"ABCDE"), "2009-10-Q3")
    # By 31 Dec A and B said yes (C said no): 2 of 5 = 40%; at 30 Sep only A had: 1.
    assert indicator_sentence(ev, ev.result("wbl-1419-commitment")) == (
        "Members committed to support 14-19 year olds: 2 of 5 members (40%) by 31 December 2009: "
        "target to be confirmed (the plan gives its percentage as TBC), up from 1 in 2009-10-Q2."
    )


def test_training_exceptions_are_counted_not_listed_in_the_evaluation_paper():
    counts = {
        "new": {"budget-variance": 3, "ring-fence-misuse": 1},
        "open": {"budget-variance": 12, "ring-fence-misuse": 0},
        "resolved": {"budget-variance": 1, "ring-fence-misuse": 0},
    }
    assert training_exceptions_sentence(counts) == (
        "The training monitor's exceptions are listed in the training paper, not here: 3 budget variances and "
        "1 case of ring-fence misuse new this period, 12 budget variances and 0 cases of ring-fence misuse still "
        "open from earlier periods, 1 budget variance and 0 cases of ring-fence misuse resolved this period."
    )
    none = {section: {"budget-variance": 0, "ring-fence-misuse": 0} for section in ("new", "open", "resolved")}
    assert training_exceptions_sentence(none) == ""


def test_first_period_only_when_no_earlier_period_of_the_cadence_has_figures(compact):
    assert since_sentence(None, 0, annual=True) == (
        "This is the first year with figures, so there is no earlier status to compare with."
    )
    # Q1 is the first quarter of 2009-10, but C's 2008 commitment gives 2008-09-Q4 a figure (1 member), so
    # Q1 compares with it: before the plan's targets were agreed (1 April 2009) every indicator was monitored.
    q1 = evaluate_rows(compact, P1_ROWS, register(*"ABCDE"), "2009-10-Q1")
    before = earlier_evaluation(compact, observations(P1_ROWS), register(*"ABCDE"), q1.period, q1.as_at)
    changes = status_changes(q1, before)
    assert changes[0] == "Members committed to the Skills Pledge: monitored to red" and len(changes) == 9
    assert since_sentence(before.period.name, len(changes)) == "Since 2008-09-Q4, 9 indicators changed status:"
    # The sentence's comparator is the same period: A, B, C committed by 30 June, up from C alone.
    assert indicator_sentence(q1, q1.result("pledge-committed")).endswith(": red, up from 1 in 2008-09-Q4.")


def test_a_monthly_figures_direction_follows_its_chart_in_words(compact):
    # B's enrolments month by month: ten months of 50 then 0 and 1 (M01 to M12). Mean 501/12 = 41.75, average
    # moving range 51/11 = 4.64, lower limit 29.42: March's 1 is below it, a special cause concern.
    months = [f"2009-10-M{m:02d}" for m in range(1, 13)]
    ends = ["2009-04-30", "2009-05-31", "2009-06-30", "2009-07-31", "2009-08-31", "2009-09-30", "2009-10-31",
            "2009-11-30", "2009-12-31", "2010-01-31", "2010-02-28", "2010-03-31"]  # fmt: skip
    values = [50] * 10 + [0, 1]
    rows = "\n".join(f"B,sfl-enrolled,{p},{e},{v},,2010-04-10" for p, e, v in zip(months, ends, values, strict=True))
    q4 = evaluate_rows(compact, rows, register("A", "B"), "2009-10-Q4")
    # Q4 = January 50 + February 0 + March 1 = 51; Q3 = 150; down, and the chart agrees: worse.
    result = q4.result("sfl-enrolled")
    assert (result.value.value, result.previous_value, result.direction) == (51, 150, "worse")
    assert indicator_sentence(q4, result) == (
        "Staff enrolling on Skills for Life courses: 51 people in the period to 31 March 2010 (1 of 2 members "
        "returned), monitored without a target, down from 150 in 2009-10-Q3, a significant deterioration "
        "(month by month, a special cause)."
    )
