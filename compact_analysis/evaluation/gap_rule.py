"""Who can count toward a share of a baseline gap: one rule for the target and for what counts.

Seed 000 (Priority 3): "establish how many member organisations have not yet got an established
Apprenticeship Scheme in place. Then to support 50% of those organisations to develop a scheme by
March 2010." Priority 5 asks the same of LEP agreements.

The target is a share of the *estimated* number lacking one at the baseline (known lacking plus the
non-responders' expected share, :func:`baseline.estimate_baseline`). So what counts must include the
non-responders that lacked one too, not only the members known to lack one at the freeze:

- a member known to lack one at the freeze (the baseline date plus the reporting lag) counts once its
  latest answer is "yes";
- a member not answered by the freeze counts once its returns show it had none at the baseline and its
  latest answer is "yes". The measures ask whether a member *has* a scheme or agreement at a period's
  end, not when it started, so "had none at the baseline" is read from its answers: its answer for the
  baseline period (given after the freeze) if any, else its first answer for a later period, when that
  is "no" (a scheme once established is assumed kept, so none later means none at the baseline);
- a member whose first answer after the baseline is "yes" cannot be dated: it may have had one all along,
  so it does not count unless it gives its baseline-period answer ("no").

The frozen baseline (lists, estimate, target) never moves; answers after the freeze only decide who of
the non-responders can count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import pandas as pd


class GapPosition(StrEnum):
    """Where a member not answered by the freeze stands at the baseline, as its later answers show."""

    LACKED = "lacked"  # a "no" for the baseline period, or a first later answer "no"
    HAD = "had"  # a "yes" for the baseline period, given after the freeze
    CANNOT_TELL = "cannot-tell"  # first answer after the baseline is "yes": when it started is unknown


@dataclass(frozen=True)
class LateAnswer:
    """One member's current answer for one period (the latest submitted), from a member not answered by the freeze."""

    member_id: str
    period: str
    period_end: date
    value: str
    submitted: date


def answers_after_freeze(
    observations: pd.DataFrame, measure_id: str, members: tuple[str, ...]
) -> tuple[LateAnswer, ...]:
    """The current answer per period of each of ``members`` (the latest submitted), by member and period end."""
    rows = observations[(observations["measure_id"] == measure_id) & observations["member_id"].isin(members)]
    rows = rows.sort_values(["member_id", "period_end", "submitted"], kind="stable")
    rows = rows.groupby(["member_id", "period_end"], as_index=False).tail(1)
    return tuple(
        LateAnswer(r.member_id, str(r.period), r.period_end, str(r.value).lower(), r.submitted)
        for r in rows.itertuples(index=False)
    )


def position(answers: tuple[LateAnswer, ...], baseline_date: date, end: date) -> tuple[GapPosition, LateAnswer] | None:
    """A non-responder's position at the baseline from its answers for periods ending by ``end``; None if none yet.

    The answer for the latest period ending on or before the baseline date decides, if there is one;
    otherwise the first answer for a period ending after it.
    """
    known = [a for a in answers if a.period_end <= end and a.value in ("yes", "no")]
    before = [a for a in known if a.period_end <= baseline_date]
    if before:
        deciding = before[-1]
        return (GapPosition.LACKED if deciding.value == "no" else GapPosition.HAD), deciding
    if not known:
        return None
    deciding = known[0]
    return (GapPosition.LACKED if deciding.value == "no" else GapPosition.CANNOT_TELL), deciding


def positions(
    answers: tuple[LateAnswer, ...], baseline_date: date, end: date
) -> dict[str, tuple[GapPosition, LateAnswer]]:
    """Each member's :func:`position` (members with no answer by ``end`` left out), by member id."""
    by_member: dict[str, list[LateAnswer]] = {}
    for answer in answers:
        by_member.setdefault(answer.member_id, []).append(answer)
    found = {m: position(tuple(a), baseline_date, end) for m, a in by_member.items()}
    return {m: p for m, p in found.items() if p is not None}


def can_count(
    lacking: tuple[str, ...], answers: tuple[LateAnswer, ...], baseline_date: date, end: date
) -> tuple[str, ...]:
    """Members that can count toward the gap at ``end``: known to lack one at the freeze, or shown since to have lacked one."""
    shown = [m for m, (where, _) in positions(answers, baseline_date, end).items() if where == GapPosition.LACKED]
    return tuple(sorted(set(lacking) | set(shown)))
