from datetime import date
from io import StringIO

import pandas as pd

from compact_analysis.evaluation.indicators import indicator_value

OBSERVATIONS = """member_id,measure_id,period,period_end,value,value_number,submitted
A,pledge-level,2009-10-Q1,2009-06-30,stage-3,,2009-07-10
B,pledge-level,2009-10-Q1,2009-06-30,stage-2,,2009-07-10
C,pledge-level,2009-10-Q1,2009-06-30,committed,,2009-07-10
D,pledge-level,2009-10-Q1,2009-06-30,not-committed,,2009-07-10
D,pledge-level,2009-10-Q2,2009-09-30,committed,,2009-10-10
"""


def _obs() -> pd.DataFrame:
    frame = pd.read_csv(StringIO(OBSERVATIONS))
    for column in ("period_end", "submitted"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def _members(*ids: str) -> pd.DataFrame:
    return pd.DataFrame({"member_id": list(ids)})


def test_a_stage_implies_the_ones_below(compact):
    obs, members = _obs(), _members("A", "B", "C", "D", "E")
    q1 = (date(2009, 4, 1), date(2009, 6, 30))
    committed = indicator_value(compact, compact.indicator("pledge-committed"), obs, members, *q1)
    stage2 = indicator_value(compact, compact.indicator("pledge-stage-2"), obs, members, *q1)
    stage3 = indicator_value(compact, compact.indicator("pledge-stage-3"), obs, members, *q1)
    # A (stage 3), B (stage 2) and C (committed) have committed; D has not; E sent nothing.
    assert committed.value == 3 and committed.members_counted == ("A", "B", "C")
    assert stage2.value == 2 and stage2.members_counted == ("A", "B")
    assert stage3.value == 1
    # E has not returned: counted as "no return", never as zero.
    assert committed.members_without_return == ("E",)
    assert committed.denominator == 5


def test_value_as_at_a_period_end_uses_the_latest_period_before_it(compact):
    obs, members = _obs(), _members("A", "B", "C", "D")
    q2 = indicator_value(
        compact, compact.indicator("pledge-committed"), obs, members, date(2009, 7, 1), date(2009, 9, 30)
    )
    # D committed in Q2; A, B, C carry their Q1 levels forward: 4.
    assert q2.value == 4
