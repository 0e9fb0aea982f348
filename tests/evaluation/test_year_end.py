"""The year end: achieved or missed with the margin, once a target's due date has passed (worked by hand)."""

from datetime import date

from compact_analysis.evaluation.evaluate import evaluate_period
from compact_analysis.evaluation.exception_rules import ExceptionKind, indicator_candidates
from compact_analysis.evaluation.year_end import is_due, margin_words, year_end_status
from compact_analysis.evaluation.year_end_table import year_end_table
from compact_analysis.plan.periods import parse_period
from compact_analysis.presentation.narrative import indicator_sentence
from compact_analysis.presentation.year_end_section import year_end_section
from tests.helpers import P1_ROWS, P6_ROWS, evaluate_rows, observations, register

DUE = date(2010, 3, 31)


def test_a_target_is_due_once_the_period_ends_on_or_after_it():
    assert is_due(DUE, date(2010, 3, 31)) and is_due(DUE, date(2010, 4, 30))
    assert not is_due(DUE, date(2009, 12, 31)) and not is_due(None, date(2010, 3, 31))


def test_earlier_periods_keep_their_status_when_read_after_the_due_date(compact):
    # A year-end paper reads Q3 as at its own evidence date, 15 May 2010, after the due date: Q3 (ends 31
    # December) still gets the trajectory rule, so "what changed since Q3" compares red with missed.
    q3 = evaluate_period(
        compact, observations(P1_ROWS), register(*"ABCDE"), parse_period("2009-10-Q3"), date(2010, 5, 15)
    )
    assert q3.result("pledge-committed").status.code == "red"


def test_achieved_and_missed_read_with_the_margin():
    # 31 - 25 = 6 over; 12 - 7 = 5 short; where lower is better, 3 against 5 is 2 under, 7 against 5 2 over.
    assert year_end_status(31, 25, DUE).label == "Achieved: 31 against a target of 25, 6 over"
    assert year_end_status(7, 12, DUE).label == "Missed: 7 against a target of 12, 5 short"
    assert year_end_status(3, 5, DUE, "lower").code == "achieved" and margin_words(3, 5, "lower") == "2 under"
    assert year_end_status(7, 5, DUE, "lower").label == "Missed: 7 against a target of 5, 2 over"
    met = year_end_status(12, 12, DUE)
    assert (met.code, met.label) == ("achieved", "Achieved: 12 against a target of 12, exactly met")
    assert met.reason == "the target was due on 31 March 2010"


def test_the_pledge_at_the_year_end_is_achieved_or_missed_not_a_trajectory_status(compact):
    members = register(*"ABCDE")
    q4 = evaluate_rows(compact, P1_ROWS, members, "2009-10-Q4")
    # At 31 March 2010 (the due date) all 5 have committed (C since 2008; D in Q2; A, B, E at higher
    # stages): 5 against 20, 15 short. Stage 2: A (stage 3), B and E: 3 against 12, 9 short.
    committed = q4.result("pledge-committed")
    assert committed.status.label == "Missed: 5 against a target of 20, 15 short" and committed.expected is None
    assert q4.result("pledge-stage-2").status.label == "Missed: 3 against a target of 12, 9 short"
    assert indicator_sentence(q4, committed) == (
        "Members committed to the Skills Pledge: 5 of 5 members (100%) by 31 March 2010; missed: 5 against a "
        "target of 20, 15 short, unchanged from 2009-10-Q3."
    )
    # Q3 (ends 31 December, evidence to 14 February) is before the due date: still the trajectory rule.
    q3 = evaluate_rows(compact, P1_ROWS, members, "2009-10-Q3")
    assert q3.result("pledge-committed").status.code == "red" and year_end_table(q3).empty
    assert year_end_section(q3) == ""


def test_the_year_end_table_lists_every_target_due(compact):
    rows = P1_ROWS + P6_ROWS.strip() + "\n"
    q4 = evaluate_rows(compact, rows, register(*"ABCDE"), "2009-10-Q4")
    table = year_end_table(q4).set_index("indicator_id")
    # The four Pledge/event/gap member counts with a number, and the coaching milestone; the pending
    # procurement target (no number) and the 14-19 share (TBC) are not targets with a due verdict.
    assert list(table.index) == [
        "pledge-committed", "pledge-stage-2", "pledge-stage-3", "sfl-test-event",
        "apprenticeship-gap-closed", "lep-gap-closed", "coaching-paper",
    ]  # fmt: skip
    # Stage 3: only A, 1 against 10, 9 short. Nobody returned the event or the gap measures: no data.
    assert table.loc["pledge-stage-3", ["value", "target", "outcome", "margin"]].tolist() == [
        1,
        10,
        "missed",
        "9 short",
    ]
    assert table.loc["sfl-test-event", "outcome"] == "no data"
    assert table.loc["coaching-paper", ["target", "value", "outcome"]].tolist() == ["delivery", "delivered", "achieved"]
    # 3 Pledge counts missed, the milestone achieved, 3 with no return; evidence to 31 March + 45 days = 15 May.
    html = year_end_section(q4)
    assert html.startswith(
        "<h2>Year end</h2><p>7 targets were due by 31 March 2010: 1 achieved, 3 missed, 3 no data. "
        "A numeric target is judged on its value at the due date, from the returns submitted by 15 May "
        "2010; a milestone on whether it was delivered.</p>"
    )
    assert '<span class="ca-status ca-red">Missed</span></td><td>9 short</td>' in html


def test_a_missed_target_raises_the_red_exception_with_its_margin(compact):
    q4 = evaluate_rows(compact, P1_ROWS, register(*"ABCDE"), "2009-10-Q4")
    raised = {c.indicator_id: c for c in indicator_candidates(q4.results) if c.kind == ExceptionKind.RED}
    # Missed counts as red: 5 of 20 committed (15 short), as worked out above.
    assert raised["pledge-committed"].detail == (
        "Missed: 5 against a target of 20, 15 short; the target was due on 31 March 2010"
    )
