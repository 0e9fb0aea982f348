from datetime import date
from io import StringIO

import pandas as pd

from compact_analysis.evaluate import evaluate_period
from compact_analysis.periods import parse_period
from compact_analysis.scorecard import member_position, peer_comparison, returns_owed

REGISTER = """member_id,name,sector,code,joined,left,deemed
A,Alpha College,education,,2008-04-01,,yes
B,Beta College,education,,2008-04-01,,yes
C,Gamma Council,local authority,,2008-04-01,,yes
D,Delta College,education,,2009-08-01,,yes
"""

OBSERVATIONS = """member_id,measure_id,period,period_end,value,value_number,submitted
A,pledge-level,2009-10-Q1,2009-06-30,stage-2,,2009-07-10
B,pledge-level,2009-10-Q1,2009-06-30,not-committed,,2009-07-10
C,pledge-level,2009-10-Q1,2009-06-30,committed,,2009-07-10
A,pledge-level,2009-10-Q2,2009-09-30,stage-3,,2009-10-10
A,sfl-enrolled,2009-10-M04,2009-07-31,4,4,2009-08-10
A,sfl-enrolled,2009-10-M05,2009-08-31,6,6,2009-09-10
"""


def _frames():
    register = pd.read_csv(StringIO(REGISTER), dtype=str, keep_default_na=False)
    for column in ("joined", "left"):
        register[column] = pd.to_datetime(register[column].replace("", None)).dt.date
    register["deemed"] = register["deemed"] == "yes"
    obs = pd.read_csv(StringIO(OBSERVATIONS))
    for column in ("period_end", "submitted"):
        obs[column] = pd.to_datetime(obs[column]).dt.date
    return register, obs


def test_member_position_and_peers(compact):
    register, obs = _frames()
    q2 = parse_period("2009-10-Q2")
    evaluation = evaluate_period(compact, obs, register, q2, date(2009, 11, 14))
    position = member_position(evaluation, obs, "A").set_index("Indicator")
    # A is at stage 3 by Q2: it counts toward commitment, stage 2 and stage 3.
    assert position.loc["Members at stage 3 of the Skills Pledge", "Value"] == "stage-3"
    assert position.loc["Members committed to the Skills Pledge", "Counts toward it"] == "yes"
    # Enrolments in Q2 (July-September): 4 in July + 6 in August = 10.
    assert position.loc["Staff enrolling on Skills for Life courses", "Value"] == "10"
    assert position.loc["Members committed to a 'test the organisation' event", "Value"] == "no return"
    peers = peer_comparison(evaluation, register, "A").set_index("Indicator")
    # Education peers deemed at 30 Sep: A, B and D (joined 1 Aug) = 3; committed among them: A only.
    # All members committed: A (stage 3) and C (committed) = 2 of 4.
    assert peers.loc["Members committed to the Skills Pledge", "Peers (education)"] == "1 of 3"
    assert peers.loc["Members committed to the Skills Pledge", "All members"] == "2 of 4"


def test_returns_owed_counts_only_periods_of_membership(compact):
    register, obs = _frames()
    owed = returns_owed(compact, obs, register, "D", parse_period("2009-10-Q2"))
    # D joined on 1 Aug 2009: Q1 and April to July are not owed; Q2 (5 quarterly measures) and
    # August and September (3 monthly measures each) are: 5 + 6 = 11.
    assert len(owed) == 11
    assert set(owed["Period"]) == {"2009-10-Q2", "2009-10-M05", "2009-10-M06"}
    owed_a = returns_owed(compact, obs, register, "A", parse_period("2009-10-Q1"))
    # A sent its Q1 pledge level only: 4 other quarterly measures + 3 monthly measures x 3 months = 13.
    assert len(owed_a) == 13


def test_member_priority_matrix_words(compact):
    from compact_analysis.scorecard import member_priority_matrix

    register, obs = _frames()
    evaluation = evaluate_period(compact, obs, register, parse_period("2009-10-Q2"), date(2009, 11, 14))
    matrix = member_priority_matrix(evaluation, register).set_index("Member")
    # P1 has three Pledge indicators. A is at stage 3: counted toward all three. C has committed only:
    # counted toward one of three, "Partly". B returned "not-committed": "Not yet". D returned nothing.
    assert matrix.loc["Alpha College (A)", "P1"] == "Counted"
    assert matrix.loc["Gamma Council (C)", "P1"] == "Partly"
    assert matrix.loc["Beta College (B)", "P1"] == "Not yet"
    assert matrix.loc["Delta College (D)", "P1"] == "No return"
    assert matrix.loc["Alpha College (A)", "P2"] == "No return"  # no 'test the organisation' return
    assert "P4" not in matrix.columns  # no member-counted indicator


def test_scorecard_lists_the_members_open_exceptions(tmp_path, ingested_demo):
    import shutil

    from compact_analysis.scorecard import prepare_scorecard
    from tests.conftest import FRAMEWORKS

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
