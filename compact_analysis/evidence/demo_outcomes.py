"""Synthetic returns of the Compact's own outcome measures (issue #21 item 7), from a stream of their own.

Seed 000 names outcomes its targets do not measure: skills analyses and action plans, people qualified in
literacy, numeracy and ESOL, apprentices employed, the jobs pledge, 14-19 year olds in work-based learning.
The demo returns them quarterly from a random stream separate from the rest of the demo
(``default_rng([seed, 7])``), so adding them changed none of the demo's other returns. Every figure is
invented.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from compact_analysis.plan.periods import Period

#: Yes/no outcomes: (chance of "yes" at the start, chance each quarter of turning "yes"); an action plan
#: follows a skills analysis (a member answers "yes" to the plan only once it has done the analysis).
YES_NO_OUTCOMES = {"skills-analysis": (0.3, 0.2), "skills-action-plan": (0.0, 0.3), "jobs-pledge": (0.2, 0.1)}
#: Number outcomes: the Poisson mean for a large member (a council, NHS trust, college ...) and a small one.
NUMBER_OUTCOMES = {
    "qualified-literacy": (3, 1),
    "qualified-numeracy": (3, 1),
    "qualified-esol": (1, 0.3),
    "apprentices-employed": (8, 1),
    "wbl-1419-learners": (4, 1),
}
OUTCOME_MEASURES = (*YES_NO_OUTCOMES, *NUMBER_OUTCOMES)
_SMALL_SECTORS = ("other",)


def _in_membership(member: dict, quarter: Period) -> bool:
    joined = date.fromisoformat(member["joined"])
    left = date.fromisoformat(member["left"]) if member["left"] else None
    return quarter.end() >= joined and not (left and quarter.start() > left)


def _values(rng: np.random.Generator, member: dict, quarters: int) -> dict[str, list[str]]:
    """One member's quarterly values of every outcome measure (yes/no never goes back to no)."""
    out: dict[str, list[str]] = {}
    for measure, (start, turn) in YES_NO_OUTCOMES.items():
        state = rng.random() < start
        answers = []
        for q in range(quarters):
            state = state or rng.random() < turn
            if measure == "skills-action-plan":
                state = state and out["skills-analysis"][q] == "yes"
            answers.append("yes" if state else "no")
        out[measure] = answers
    small = member["sector"] in _SMALL_SECTORS
    for measure, (large_mean, small_mean) in NUMBER_OUTCOMES.items():
        out[measure] = [str(int(v)) for v in rng.poisson(small_mean if small else large_mean, size=quarters)]
    return out


def outcome_rows(
    seed: int, members: list[dict], quarters: list[Period], silent: set[str], response: float
) -> dict[str, list[list[str]]]:
    """Rows (tidy columns) of the outcome measures by quarter name: silent members and the partnership never
    return them, others return each quarter with chance ``response``, 5 to 40 days after the quarter end."""
    rng = np.random.default_rng([seed, 7])
    rows: dict[str, list[list[str]]] = {q.name: [] for q in quarters}
    for member in members:
        if member["member_id"] == "PARTNERSHIP" or member["deemed"] != "yes":
            continue
        values = _values(rng, member, len(quarters))
        for q, quarter in enumerate(quarters):
            answers = rng.random() < response
            if member["member_id"] in silent or not answers or not _in_membership(member, quarter):
                continue
            submitted = (quarter.end() + timedelta(days=int(rng.integers(5, 41)))).isoformat()
            for measure in OUTCOME_MEASURES:
                rows[quarter.name].append(
                    [member["member_id"], measure, quarter.name, values[measure][q], "", submitted, ""]
                )
    return rows
