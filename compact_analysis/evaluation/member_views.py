"""Views of an evaluation by member: which members count toward each priority."""

from __future__ import annotations

import pandas as pd

from compact_analysis.evaluation.evaluate import Evaluation

MATRIX_WORDS = ("Counted", "Partly", "Not yet", "No return")
#: The aggregates that count members (the matrix's columns are built from these).
COUNTED_AGGREGATES = ("count-at-level", "count-yes")


def member_priority_matrix(evaluation: Evaluation, register: pd.DataFrame) -> pd.DataFrame:
    """Members × priorities: whether each deemed member counts toward the priority's member-counted indicators.

    "Counted" toward all of them, "Partly" toward some, "Not yet" toward none though it returned,
    "No return" only when it returned none of the priority's figures (a return of any of them, a sum's
    included, is a return: issue 21 found "No return" beside a member that had returned one); priorities with no such indicator are left out.
    """
    names = register.set_index("member_id")["name"]
    by_priority: dict[str, list] = {}
    returned_any: dict[str, set[str]] = {}
    for result in evaluation.results:
        returned_any.setdefault(result.priority_id, set()).update(result.value.members_returned)
        if result.indicator.aggregate in COUNTED_AGGREGATES:
            by_priority.setdefault(result.priority_id, []).append(result)
    rows = []
    for member in sorted(evaluation.members["member_id"]):
        row = {"Member": f"{names[member]} ({member})"}
        for priority, results in by_priority.items():
            counted = sum(member in r.value.members_counted for r in results)
            if member not in returned_any[priority]:
                row[priority] = "No return"
            elif counted == len(results):
                row[priority] = "Counted"
            else:
                row[priority] = "Partly" if counted else "Not yet"
        rows.append(row)
    return pd.DataFrame(rows, columns=["Member", *by_priority])
