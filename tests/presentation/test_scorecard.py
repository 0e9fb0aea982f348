import shutil
from datetime import date
from types import SimpleNamespace

import pandas as pd

from compact_analysis.evaluation.evaluate import evaluate_period
from compact_analysis.evaluation.member_views import member_priority_matrix
from compact_analysis.folder import DataFolder
from compact_analysis.plan.framework import Framework, load_framework
from compact_analysis.plan.periods import parse_period
from compact_analysis.plan.safe_yaml import read_yaml
from compact_analysis.presentation.member_returns import (
    cadence_sentence,
    level_label,
    measure_cadences,
    readable_code,
    returns_owed,
    returns_received,
    value_in_words,
)
from compact_analysis.presentation.paper import build_paper
from compact_analysis.presentation.scorecard import (
    Scorecard,
    member_position,
    partnership_indicators,
    peer_comparison,
    prepare_scorecard,
)
from compact_analysis.publishing.collection import sign_off
from tests import helpers
from tests.helpers import FRAMEWORKS, csv_observations, four_members


def test_member_position_and_peers(compact):
    register, obs = four_members()
    q2 = parse_period("2009-10-Q2")
    evaluation = evaluate_period(compact, obs, register, q2, date(2009, 11, 14))
    position = member_position(evaluation, obs, "A").set_index("Indicator")
    # A is at stage 3 by Q2: it counts toward commitment, stage 2 and stage 3; the level shows as words.
    assert position.loc["Members at stage 3 of the Skills Pledge", "Value"] == "Stage 3"
    assert position.loc["Members committed to the Skills Pledge", "Counts toward it"] == "Counted"
    assert position.loc["Members at stage 2 of the Skills Pledge", "How it counts"] == "Stage 2 or above counts"
    # Enrolments in Q2 (July-September): 4 in July + 6 in August = 10, a figure in the partnership's total.
    enrolled = position.loc["Staff enrolling on Skills for Life courses"]
    assert (enrolled["Value"], enrolled["Counts toward it"]) == ("10", "In the total")
    event = position.loc["Members committed to a 'test the organisation' event"]
    assert (event["Value"], event["Counts toward it"], event["counts_code"]) == ("no return", "No return", "no-return")
    # B returned not-committed: below commitment, so "Not yet" (red badge), its level in words.
    b = member_position(evaluation, obs, "B").set_index("Indicator").loc["Members committed to the Skills Pledge"]
    assert (b["Value"], b["Counts toward it"], b["counts_code"]) == ("Not committed", "Not yet", "red")
    peers = peer_comparison(evaluation, register, "A").set_index("Indicator")
    # Education peers deemed at 30 Sep: A, B and D (joined 1 Aug) = 3; committed among them: A only.
    # All members committed: A (stage 3) and C (committed) = 2 of 4.
    assert peers.loc["Members committed to the Skills Pledge", "Peers (education)"] == "1 of 3"
    assert peers.loc["Members committed to the Skills Pledge", "All members"] == "2 of 4"


def test_returns_owed_counts_only_periods_of_membership(compact):
    register, obs = four_members()
    owed = returns_owed(compact, obs, register, "D", parse_period("2009-10-Q2"))
    # D joined on 1 Aug 2009: Q1 and April to July are not owed; Q2 (5 quarterly measures) and
    # August and September (3 monthly measures each) are: 13 quarterly (5, and the 8 outcome measures of
    # issue #21 item 7) + 6 = 19.
    assert len(owed) == 19
    assert set(owed["Period"]) == {"2009-10-Q2", "2009-10-M05", "2009-10-M06"}
    owed_a = returns_owed(compact, obs, register, "A", parse_period("2009-10-Q1"))
    # A sent its Q1 pledge level only: 12 other quarterly measures + 3 monthly measures x 3 months = 21.
    assert len(owed_a) == 21


def test_member_priority_matrix_words(compact):
    register, obs = four_members()
    # A has also done a skills analysis and has an action plan (P1's two monitored member counts, #21 item 7).
    plans = csv_observations(
        "member_id,measure_id,period,period_end,value,value_number,submitted\n"
        "A,skills-analysis,2009-10-Q2,2009-09-30,yes,,2009-10-10\n"
        "A,skills-action-plan,2009-10-Q2,2009-09-30,yes,,2009-10-10\n"
    )
    obs = pd.concat([obs, plans], ignore_index=True)
    evaluation = evaluate_period(compact, obs, register, parse_period("2009-10-Q2"), date(2009, 11, 14))
    matrix = member_priority_matrix(evaluation, register).set_index("Member")
    # P1 has three Pledge indicators and the two skills counts. A is at stage 3 with both: counted toward all
    # five. C has committed only: counted toward one of five, "Partly". B returned "not-committed": "Not yet".
    # D returned nothing.
    assert matrix.loc["Alpha College (A)", "P1"] == "Counted"
    assert matrix.loc["Gamma Council (C)", "P1"] == "Partly"
    assert matrix.loc["Beta College (B)", "P1"] == "Not yet"
    assert matrix.loc["Delta College (D)", "P1"] == "No return"
    # A sent no 'test the organisation' return but did return P2's enrolments (4 in July, 6 in August): it
    # returned one of P2's figures, so "Not yet" (counted toward none of P2's member counts), never "No return"
    # (issue 21). B returned none of P2's figures: "No return".
    assert matrix.loc["Alpha College (A)", "P2"] == "Not yet"
    assert matrix.loc["Beta College (B)", "P2"] == "No return"
    assert "P4" not in matrix.columns  # no member-counted indicator


def test_scorecard_lists_the_members_open_exceptions(tmp_path, ingested_demo):
    data = tmp_path / "demo"
    shutil.copytree(ingested_demo.store.parent, data)
    paper_members = prepare_scorecard(
        "compact-2009-10", str(data), "2009-10-Q3", "M001", frameworks_dir=str(FRAMEWORKS)
    )
    view = paper_members.paper.evaluation.exceptions
    missing = set(view.loc[view["kind"] == "return-missing", "member_id"])
    assert missing, "the demo plants members with no return"
    member = sorted(missing)[0]
    card = prepare_scorecard("compact-2009-10", str(data), "2009-10-Q3", member, frameworks_dir=str(FRAMEWORKS))
    assert (
        "return missing past its due date" in card.open_exceptions() and "Open exceptions (" in card.open_exceptions()
    )
    others = sorted(set(card.paper.evaluation.members["member_id"]) - set(view["member_id"].dropna()))
    quiet = prepare_scorecard("compact-2009-10", str(data), "2009-10-Q3", others[0], frameworks_dir=str(FRAMEWORKS))
    assert "no open exceptions" in quiet.open_exceptions()


def test_values_in_words(compact):
    # Levels by their label (the scales give codes only, so the code in words); yes/no as typed, lower case;
    # numbers as numbers, whole ones without decimals and thousands separated.
    assert readable_code("not-committed") == "Not committed" and readable_code("stage-2") == "Stage 2"
    assert level_label(compact.scale("pledge"), "stage-3") == "Stage 3"
    assert value_in_words(compact, "pledge-level", "not-committed") == "Not committed"
    assert value_in_words(compact, "sfl-test-event", "Yes") == "yes"
    assert value_in_words(compact, "sfl-enrolled", "1234", 1234.0) == "1,234"
    assert value_in_words(compact, "sfl-enrolled", "2.5", 2.5) == "2.5"
    assert value_in_words(compact, "sfl-enrolled", "x", 0.1 + 0.2) == "0.3"  # no float noise
    assert value_in_words(compact, "no-such-measure", "x") == "x"


GAP_REGISTER = """member_id,name,sector,code,joined,left,deemed
A,Alpha College,education,,2008-04-01,,yes
B,Beta College,education,,2008-04-01,,yes
C,Gamma Council,local authority,,2008-04-01,,yes
D,Delta Council,local authority,,2008-04-01,,yes
E,Epsilon College,education,,2008-04-01,,yes
F,Zeta College,education,,2009-08-01,,yes
"""

# P3's baseline is 30 June 2009, frozen with what was submitted by 30 June + 45 days = 14 August 2009.
GAP_OBSERVATIONS = """
A,apprenticeship-scheme,2009-10-Q1,2009-06-30,no,,2009-07-10
A,apprenticeship-scheme,2009-10-Q2,2009-09-30,yes,,2009-10-10
B,apprenticeship-scheme,2009-10-Q1,2009-06-30,no,,2009-07-10
B,apprenticeship-scheme,2009-10-Q2,2009-09-30,no,,2009-10-10
C,apprenticeship-scheme,2009-10-Q1,2009-06-30,yes,,2009-07-10
D,apprenticeship-scheme,2009-10-Q2,2009-09-30,yes,,2009-10-10
E,apprenticeship-scheme,2009-10-Q1,2009-06-30,no,,2009-09-01
E,apprenticeship-scheme,2009-10-Q2,2009-09-30,yes,,2009-10-10
F,apprenticeship-scheme,2009-10-Q2,2009-09-30,yes,,2009-10-10
"""


def test_baseline_gap_position_says_where_the_member_stood(compact):
    register, obs = helpers.csv_register(GAP_REGISTER), helpers.observations(GAP_OBSERVATIONS)
    evaluation = evaluate_period(compact, obs, register, parse_period("2009-10-Q2"), date(2009, 11, 14))
    name = "Members without a scheme at the baseline supported to develop one"
    rows = {m: member_position(evaluation, obs, m).set_index("Indicator").loc[name] for m in "ABCDEF"}
    seen = {m: (r["Value"], r["Counts toward it"]) for m, r in rows.items()}
    # A said no at the baseline and yes in Q2: in the gap and closed, so it counts.
    # B said no both times: in the gap, not yet. C said yes at the baseline: never in the gap.
    # D did not answer by 14 August and its first answer is Q2's yes: when its scheme started cannot be told,
    # so not counted although it has one now. E's Q1 "no" arrived on 1 September, after the baseline froze:
    # E stays "not answered" in the frozen baseline, but that "no" shows it had none, and it has one in Q2: counted.
    # F joined on 1 August, after the 30 June baseline: not in the gap.
    assert seen == {
        "A": ("yes", "Counted"),
        "B": ("no", "Not yet"),
        "C": ("yes", "Not in the gap"),
        "D": ("yes", "Not counted"),
        "E": ("yes", "Counted"),
        "F": ("yes", "Not in the gap"),
    }
    assert rows["A"]["How it counts"] == (
        "Lacked one at the baseline (30 June 2009); has one now, so counts toward the target"
    )
    assert rows["B"]["How it counts"] == "Lacked one at the baseline (30 June 2009); not yet"
    assert rows["C"]["How it counts"] == "Had one at the baseline (30 June 2009): not in the gap"
    assert rows["D"]["How it counts"] == (
        "Not answered by the freeze (14 August 2009); its \u201cyes\u201d for 2009-10-Q2 (10 October 2009) cannot say "
        "when its one started: not counted unless it answers for the baseline"
    )
    assert rows["E"]["How it counts"] == (
        "Not answered by the freeze (14 August 2009); its \u201cno\u201d for 2009-10-Q1 (1 September 2009) shows it "
        "had none at the baseline (30 June 2009); has one now, so counts toward the target"
    )
    assert rows["F"]["How it counts"] == "Not a deemed member at the baseline (30 June 2009): not in the gap"
    assert rows["A"]["counts_code"] == "green" and rows["B"]["counts_code"] == "red"
    # The evaluation agrees: A (known to lack one) and E (shown since) have closed the gap; B has not.
    result = evaluation.result("apprenticeship-gap-closed")
    assert result.value.members_counted == ("A", "E") and result.baseline.lacking == ("A", "B")
    # P5 (LEP agreements) has no returns at all: everyone did not answer at its baseline.
    lep = member_position(evaluation, obs, "A").set_index("Indicator")
    lep = lep.loc["Members without a LEP at the baseline supported to establish one"]
    assert (lep["Value"], lep["Counts toward it"]) == ("no return", "Not counted")


def test_partnership_indicators_are_named_not_tabled(compact):
    register, obs = four_members()
    evaluation = evaluate_period(compact, obs, register, parse_period("2009-10-Q2"), date(2009, 11, 14))
    position = member_position(evaluation, obs, "A")
    # P4's pending procurement target and P6's coaching paper milestone are the partnership's own.
    assert not set(position["Priority"]) & {"P4", "P6"}
    others = partnership_indicators(evaluation)
    assert [o.split(" (")[-1] for o in others] == [
        f"P4: {evaluation.result('procurement-value').status.label})",
        f"P6: {evaluation.result('coaching-paper').status.label})",
    ]
    # 18 member indicators: 3 Pledge, the test event, 3 Skills for Life sums, 2 gaps and 14-19 commitments,
    # and the 8 outcome figures of issue #21 item 7.
    assert len(position) == 18


def test_compact_cadences_come_from_its_indicators(compact):
    # The Skills for Life sums are monthly indicators; every other member measure feeds quarterly ones.
    cadences = measure_cadences(compact)
    assert {m for m, c in cadences.items() if c == "monthly"} == {"sfl-participants", "sfl-identified", "sfl-enrolled"}
    assert cadences["pledge-level"] == cadences["apprenticeship-scheme"] == "quarterly"


def test_termly_framework_owes_termly_returns():
    lea = load_framework(FRAMEWORKS / "lea-performance-2004-05.yaml")
    assert measure_cadences(lea) == {
        "causing-concern": "termly",
        "unauthorised-absence": "termly",
        "childcare-places": "quarterly",
        "appraisals-complete": "termly",
        "revenue-variance": "monthly",
        "budget-strategy": "termly",
        "capital-spend": "quarterly",  # the Capital plan's spend (seed 002: "Capital - quarterly")
        "revenue-spend": "monthly",  # the Revenue plan's ("Revenue - monthly")
    }
    register = helpers.register("S1", joined=date(2004, 4, 1))
    register = pd.concat([register, helpers.register("S2", joined=date(2004, 9, 1))], ignore_index=True)
    obs = helpers.observations(
        """
S1,causing-concern,2004-05-T1,2004-07-22,no,,2004-07-30
S1,unauthorised-absence,2004-05-T1,2004-07-22,12,,2004-07-30
S1,appraisals-complete,2004-05-T1,2004-07-22,yes,,2004-07-30
S1,childcare-places,2004-05-Q1,2004-06-30,3,,2004-07-10
S1,revenue-variance,2004-05-M01,2004-04-30,100,,2004-05-10
S1,revenue-variance,2004-05-M02,2004-05-31,100,,2004-06-10
S1,revenue-variance,2004-05-M03,2004-06-30,100,,2004-07-10
S1,revenue-variance,2004-05-M04,2004-07-31,100,,2004-08-10
S1,revenue-variance,2004-05-M06,2004-09-30,100,,2004-10-10
S1,revenue-variance,2004-05-M07,2004-10-31,100,,2004-11-10
"""
    )
    period = lea.check_period("2004-05-T2")  # 6 September to 17 December 2004
    owed = returns_owed(lea, obs, register, "S1", period)
    # Terms 1 (to 22 July) and 2 (to 17 December) are due; S1 sent term 1 of its three termly measures: 3 owed.
    # Quarters ending by 17 December: Q1 (sent) and Q2: 1 owed. Months April to November: May and November: 2.
    # The partnership's budget strategy is not a member's return.
    assert sorted(zip(owed["Measure"], owed["Period"], strict=True)) == [
        ("All staff appraisals completed this year", "2004-05-T2"),
        ("Half-day sessions of unauthorised absence", "2004-05-T2"),
        ("New childcare places opened", "2004-05-Q2"),
        ("Revenue budget overspend", "2004-05-M05"),
        ("Revenue budget overspend", "2004-05-M08"),
        ("School is in a category of concern", "2004-05-T2"),
    ]
    # S2 joined on 1 September: term 2 (3), Q2 (1) and September to November (3) only: 7.
    owed_s2 = returns_owed(lea, obs, register, "S2", period)
    assert len(owed_s2) == 7
    assert set(owed_s2["Period"]) == {"2004-05-T2", "2004-05-Q2", "2004-05-M06", "2004-05-M07", "2004-05-M08"}
    assert cadence_sentence(lea) == (
        "Due monthly: Revenue budget overspend. Due quarterly: New childcare places opened. "
        "Due termly: School is in a category of concern, Half-day sessions of unauthorised absence "
        "and All staff appraisals completed this year."
    )


def test_cadence_is_the_most_frequent_indicator_else_the_default():
    data = read_yaml(FRAMEWORKS / "small-test.yaml")
    data["cadences"] = ["quarterly", "monthly", "annual"]
    data["default_cadence"] = "annual"
    data["measures"].append({"id": "unused", "name": "Figure no indicator uses", "type": "number"})
    monthly_hours = dict(data["priorities"][0]["indicators"][1], id="hours-monthly", cadence="monthly")
    data["priorities"][0]["indicators"].append(monthly_hours)
    framework = Framework.model_validate(data)
    # hours feeds a quarterly and a monthly indicator: monthly. "unused" feeds none: the default, annual.
    # The other two feed quarterly indicators (the indicators' own default cadence).
    assert measure_cadences(framework) == {
        "ladder-level": "quarterly",
        "signed-up": "quarterly",
        "hours": "monthly",
        "report": "quarterly",
        "unused": "annual",
    }
    register = helpers.register("A")
    owed = returns_owed(framework, helpers.observations(""), register, "A", parse_period("2009-10-Q1"))
    # By 30 June: April, May and June of hours (3), Q1 of the ladder and sign-up (2); the year's figure
    # is not due until 31 March 2010. The review report is the partnership's.
    assert sorted(owed["Period"]) == ["2009-10-M01", "2009-10-M02", "2009-10-M03", "2009-10-Q1", "2009-10-Q1"]
    assert cadence_sentence(framework) == (
        "Due monthly: Hours of training. Due quarterly: Rung reached on the ladder and Signed up to the scheme. "
        "Due annually: Figure no indicator uses."
    )


RECEIVED = """member_id,measure_id,period,period_end,value,value_number,submitted,comment
A,sfl-enrolled,2009-10-M01,2009-04-30,1200,,2009-05-10,
A,pledge-level,2009-10-Q1,2009-06-30,stage-2,,2009-07-10,<b>signed</b> & sealed
A,sfl-test-event,2009-10-Q1,2009-06-30,yes,,2009-07-12,
A,sfl-enrolled,2009-10-M03,2009-06-30,3,,2009-07-08,
A,sfl-enrolled,2009-10-M04,2009-07-31,4,,2009-08-08,
A,sfl-enrolled,2008-09-M12,2009-03-31,9,,2009-04-08,
B,sfl-enrolled,2009-10-M01,2009-04-30,7,,2009-05-10,
"""


def test_returns_received_in_words_and_escaped(compact):
    obs = helpers.observations(RECEIVED)
    table = returns_received(compact, obs, "A", parse_period("2009-10-Q1"))
    # This year's periods ending by 30 June, in order of period end, then period, then measure name;
    # last year's March and July (after Q1) are left out, as is B's return.
    assert table.values.tolist() == [
        ["2009-10-M01", "Staff enrolling on Skills for Life courses", "1,200", date(2009, 5, 10), None],
        ["2009-10-M03", "Staff enrolling on Skills for Life courses", "3", date(2009, 7, 8), None],
        ["2009-10-Q1", "Committed to a 'test the organisation' event", "yes", date(2009, 7, 12), None],
        ["2009-10-Q1", "Stage reached on the Leitch Skills Pledge", "Stage 2", date(2009, 7, 10),
         "<b>signed</b> & sealed"],
    ]  # fmt: skip
    card = Scorecard(SimpleNamespace(framework=compact, observations=obs, evaluation=SimpleNamespace(
        period=parse_period("2009-10-Q1"))), "A")  # fmt: skip
    html = card.returned()
    assert "&lt;b&gt;signed&lt;/b&gt; &amp; sealed" in html and "<b>signed" not in html
    assert "sfl-enrolled" not in html and "Staff enrolling on Skills for Life courses" in html


def test_scorecard_sections_show_badges_and_the_cadences(compact):
    register, obs = four_members()
    evaluation = evaluate_period(compact, obs, register, parse_period("2009-10-Q2"), date(2009, 11, 14))
    paper = SimpleNamespace(framework=compact, observations=obs, evaluation=evaluation, register=register)
    card = Scorecard(paper, "A")
    position = card.position()
    assert '<span class="ca-status ca-green">Counted</span>' in position
    assert '<span class="ca-status ca-grey">No return</span>' in position
    assert "counts_code" not in position and "Not shown, because the partnership reports them" in position
    # Five visible columns, the short ones held wide enough not to wrap in print (the code column is hidden).
    assert position.count("<col") == 1 + 5 and '<col style="width: 10.5em">' in position
    owed = card.owed()
    assert owed.startswith("<p>Due monthly: Staff taking part in Skills for Life activity, ")
    assert "Returns outstanding (" in owed


def test_the_sign_off_section_reads_the_folders_store_once_as_at_the_evidence_date(demo_copy, tmp_path):
    """The paper reads the sign-offs once, from the store the folder names (here not the default file), as at
    its evidence date; every scorecard shows its member's. M003 signed off on 5 October (before Q2's evidence
    date, 14 November 2009), M004 on 20 November (after it): M003's card names the signer, M004's says not yet."""
    store = tmp_path / "elsewhere.duckdb"
    shutil.move(demo_copy / "store.duckdb", store)
    folder = DataFolder.open(demo_copy, FRAMEWORKS / "compact-2009-10.yaml", store=store)
    sign_off(folder, "M003", "2009-10-Q2", "A Head", date(2009, 10, 5))
    sign_off(folder, "M004", "2009-10-Q2", "B Deputy", date(2009, 11, 20))
    paper = build_paper(folder, folder.period("2009-10-Q2"), date(2009, 11, 14))
    assert (
        Scorecard(paper, "M003").signed_off()
        == "<p>The return for 2009-10-Q2 was signed off by A Head on 5 October 2009.</p>"
    )
    assert Scorecard(paper, "M004").signed_off() == "<p>The return for 2009-10-Q2 has not been signed off.</p>"
