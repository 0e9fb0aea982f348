"""The training paper's per-directorate summary and its list of ring-fence misuse exceptions.

Seed 001, 3.2-3.3: each Directorate Organisation Development Group holds "a training plan which brings
together both the generic and professional training priorities for the Directorate", and "Regular
reports will be produced to monitor training spend and activity against the priorities in the training
strategy and directorate training plans". A directorate here is the directorate named in the records and
budgets (the same name across members adds up: "Adult Services" of every member is one row).
Seed 001 also: "Grant funding will be ring fenced"; each grant spent on a priority it is not for is a
ring-fence misuse exception, listed here by member, directorate, priority and amount, not only counted.
"""

from __future__ import annotations

import pandas as pd

from compact_analysis.evaluation.exception_rules import ExceptionKind

MONEY = ["budget_pence", "spend_pence", "projected_outturn_pence", "outturn_variance_pence"]
ACTIVITY = ["enrolments", "completions"]


def directorate_summary(variance: pd.DataFrame, activity: pd.DataFrame, exceptions: pd.DataFrame) -> pd.DataFrame:
    """One row per directorate, in name order: members with a budget or activity there, budget, spend to date,
    projected outturn and its variance (summed over the budget lines, as the priority table is), enrolments
    and completions year to date (``activity``: the year-to-date directorate view), and the exceptions the
    period raised there by kind (``budget_variance``, ``ring_fence_misuse``).

    Every sum is over whole pence or whole counts, so nothing is rounded."""
    money = variance.groupby("directorate")[MONEY].sum()
    counts = activity.groupby("directorate")[ACTIVITY].sum()
    members = pd.concat([variance[["directorate", "member_id"]], activity[["directorate", "member_id"]]])
    frame = money.join(counts, how="outer").fillna(0).astype("int64")
    frame.insert(0, "members", members.drop_duplicates().groupby("directorate").size())
    for kind, column in ((ExceptionKind.BUDGET_VARIANCE, "budget_variance"),
                         (ExceptionKind.RING_FENCE_MISUSE, "ring_fence_misuse")):  # fmt: skip
        raised = exceptions[exceptions["kind"] == kind].groupby("directorate").size()
        frame[column] = raised.reindex(frame.index, fill_value=0).astype("int64")
    return frame.sort_index().reset_index()


def ring_fence_misuse(fenced: pd.DataFrame) -> pd.DataFrame:
    """Every ring-fenced grant spent outside its purpose, year to date: member, directorate, grant, the
    priority it was spent on, enrolments and the amount; the largest amount first, then by member."""
    misuse = fenced[fenced["outside_purpose"]]
    columns = ["member_id", "directorate", "funding_source", "purpose", "priority", "enrolments", "spend_pence"]
    return (
        misuse[columns]
        .sort_values(
            ["spend_pence", "member_id", "directorate", "funding_source", "priority"],
            ascending=[False, True, True, True, True],
        )
        .reset_index(drop=True)
    )
