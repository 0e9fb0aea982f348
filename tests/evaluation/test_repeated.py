"""Figures repeated unchanged from the previous period: noted, and an exception on the third period running."""

from datetime import date

from compact_analysis.evaluation.evaluate import evaluate_period
from compact_analysis.evaluation.exception_rules import ExceptionKind
from compact_analysis.evaluation.repeated import RepeatedFigure, repeated_figures
from compact_analysis.evaluation.repeated_rules import not_updated_candidates
from compact_analysis.plan.periods import parse_period
from compact_analysis.presentation.html import paragraph
from compact_analysis.presentation.repeated_note import repeated_sentence
from tests.helpers import observations, register

# Monthly Skills for Life participants. A: 12 in July, 12 in August, 12 in September (three months running).
# B: 15 in August, 15 in September (once). C: 20 then 21 (changed). D: 4 and 4 (a small count, not flagged).
# E: 12 in June and 12 in July, then nothing (its repeat is in July). A's July figure was first sent as 11 and
# corrected to 12 on 20 August: the latest submission counts. The yes/no answers never count.
ROWS = """
A,sfl-participants,2009-10-M04,2009-07-31,11,,2009-08-10
A,sfl-participants,2009-10-M04,2009-07-31,12,,2009-08-20
A,sfl-participants,2009-10-M05,2009-08-31,12,,2009-09-10
A,sfl-participants,2009-10-M06,2009-09-30,12,,2009-10-10
B,sfl-participants,2009-10-M05,2009-08-31,15,,2009-09-10
B,sfl-participants,2009-10-M06,2009-09-30,15,,2009-10-10
C,sfl-participants,2009-10-M05,2009-08-31,20,,2009-09-10
C,sfl-participants,2009-10-M06,2009-09-30,21,,2009-10-10
D,sfl-enrolled,2009-10-M05,2009-08-31,4,,2009-09-10
D,sfl-enrolled,2009-10-M06,2009-09-30,4,,2009-10-10
E,sfl-participants,2009-10-M03,2009-06-30,12,,2009-07-10
E,sfl-participants,2009-10-M04,2009-07-31,12,,2009-08-10
A,sfl-test-event,2009-10-Q1,2009-06-30,yes,,2009-07-10
A,sfl-test-event,2009-10-Q2,2009-09-30,yes,,2009-10-10
"""


def test_repeated_figures_by_hand(compact):
    found = repeated_figures(observations(ROWS), compact, date(2009, 7, 1), date(2009, 9, 30))
    # In Q2 (July to September): A's August repeats July (2 running) and September repeats both (3 running);
    # B's September repeats August; E's July repeats June. C changed, D's 4 is a small count, and the yes/no
    # answers are not numbers. A's July is 12 (the correction), so August is a repeat.
    assert found == [
        RepeatedFigure("A", "sfl-participants", "2009-10-M05", 12.0, 2),
        RepeatedFigure("A", "sfl-participants", "2009-10-M06", 12.0, 3),
        RepeatedFigure("B", "sfl-participants", "2009-10-M06", 15.0, 2),
        RepeatedFigure("E", "sfl-participants", "2009-10-M04", 12.0, 2),
    ]
    # As at 15 August, before A's correction, July was 11: August is not yet returned, and nothing repeats
    # in July but E's.
    early = observations(ROWS)
    early = early[early["submitted"] <= date(2009, 8, 15)]
    assert repeated_figures(early, compact, date(2009, 7, 1), date(2009, 9, 30)) == [
        RepeatedFigure("E", "sfl-participants", "2009-10-M04", 12.0, 2)
    ]


def test_a_third_period_running_raises_an_exception(compact):
    found = repeated_figures(observations(ROWS), compact, date(2009, 7, 1), date(2009, 9, 30))
    (candidate,) = not_updated_candidates(found)
    assert (candidate.kind, candidate.member_id, candidate.rule_key) == (
        ExceptionKind.FIGURE_NOT_UPDATED,
        "A",
        "figure-not-updated:A",
    )
    assert "sfl-participants 12 in 2009-10-M06, 3 periods running" in candidate.detail
    q2 = parse_period("2009-10-Q2")
    ev = evaluate_period(compact, observations(ROWS), register(*"ABCDE"), q2, date(2009, 11, 14))
    assert list(ev.candidates.loc[ev.candidates["kind"] == "figure-not-updated", "member_id"]) == ["A"]


def test_the_note_names_each_figure_and_escapes_members_names():
    figures = [
        RepeatedFigure("A", "sfl-participants", "2009-10-M06", 1234.0, 3),
        RepeatedFigure("B", "sfl-participants", "2009-10-M06", 15.0, 2),
    ]
    names = {"A": "Alpha <College>", "B": "Beta & Co"}
    text = repeated_sentence(figures, names, {"sfl-participants": "Staff taking part"})
    assert text == (
        "2 figures were the same as the previous period's and may not have been updated: Alpha <College> (A), "
        "Staff taking part in 2009-10-M06: 1,234 (3 periods running); Beta & Co (B), Staff taking part in "
        "2009-10-M06: 15."
    )
    assert "Alpha &lt;College&gt;" in str(paragraph(text)) and "Beta &amp; Co" in str(paragraph(text))
    assert repeated_sentence([], names, {}) == ""
