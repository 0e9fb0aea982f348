"""Views of an evaluation by member: which members count toward each priority."""

from __future__ import annotations

import pandas as pd

from compact_analysis.evaluation.evaluate import Evaluation

MATRIX_WORDS = ("Counted", "Partly", "Not yet", "No return")


def member_priority_matrix(evaluation: Evaluation, register: pd.DataFrame) -> pd.DataFrame:
    """Members × priorities: whether each deemed member counts toward the priority's member-counted indicators.

    "Counted" toward all of them, "Partly" toward some, "Not yet" toward none though it returned,
    "No return" when it returned none of them; priorities with no such indicator are left out.
    """
    names = register.set_index("member_id")["name"]
    by_priority: dict[str, list] = {}
    for result in evaluation.results:
        if result.indicator.aggregate in ("count-at-level", "count-yes"):
            by_priority.setdefault(result.priority_id, []).append(result)
    rows = []
    for member in sorted(evaluation.members["member_id"]):
        row = {"Member": f"{names[member]} ({member})"}
        for priority, results in by_priority.items():
            counted = sum(member in r.value.members_counted for r in results)
            returned = sum(member in r.value.members_returned for r in results)
            if returned == 0:
                row[priority] = "No return"
            elif counted == len(results):
                row[priority] = "Counted"
            else:
                row[priority] = "Partly" if counted else "Not yet"
        rows.append(row)
    return pd.DataFrame(rows, columns=["Member", *by_priority])
