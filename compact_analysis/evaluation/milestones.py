"""Milestones: a one-off deliverable due by a date, and a recurring one due each cycle (issue #21).

A milestone's measure is a level on a scale of stages (not-started < in-progress < delivered). A one-off
milestone reads the latest stage reported. A recurring milestone (:mod:`compact_analysis.plan.cycles`) reads
each cycle from the returns whose period ends in that cycle: a "delivered" counts only for its own cycle, so
last year's delivery is never carried into this year. A delivery is on time when the return saying
"delivered" was submitted by the cycle's due date, late when submitted after it (a return for a period of
that cycle, sent late); a cycle whose due date has passed with no delivery recorded is overdue, and stays so
(with its exception, ``milestone-overdue``) until a delivery for that cycle is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import numpy as np
import pandas as pd

from compact_analysis.evaluation.context import EvaluationContext
from compact_analysis.evaluation.status import Status, StatusCode
from compact_analysis.plan.cycles import Cycle, target_cycles
from compact_analysis.plan.framework import Indicator, Target

#: Labels of the milestone stages the frameworks name; another stage is shown as it was reported.
STAGE_LABELS = {
    StatusCode.IN_PROGRESS: "In progress",
    StatusCode.NOT_STARTED: "Not started",
    StatusCode.DELIVERED: "Delivered",
}


def milestone_status(ctx: EvaluationContext, indicator: Indicator, target: Target, end: date) -> Status:
    """A milestone's latest reported stage: delivered, overdue when not delivered by its due date, or the stage."""
    _, reported = ctx.evidence.latest(indicator.measure, end) if indicator.measure else (None, [])
    stage = reported[-1] if len(reported) else StatusCode.NOT_STARTED
    rule = "delivered once reported delivered; overdue when not delivered by the due date"
    inputs = {"reported": stage, "due": target.due, "period end": end}
    if stage == StatusCode.DELIVERED:
        return Status(StatusCode.DELIVERED, "Delivered", "reported delivered", rule, inputs)
    if end > target.due:
        return Status(StatusCode.OVERDUE, "Overdue", f"due {target.due:%-d %B %Y} and not delivered", rule, inputs)
    return Status(stage, STAGE_LABELS.get(stage, stage), f"due {target.due:%-d %B %Y}", rule, inputs)


class CycleOutcome(StrEnum):
    """Where one cycle of a recurring milestone stands at a period end."""

    ON_TIME = "delivered on time"
    LATE = "delivered late"
    OVERDUE = "not delivered"  # its due date has passed
    OPEN = "open"  # not yet due and not yet delivered


@dataclass(frozen=True)
class CycleRecord:
    """One cycle at a period end: the latest stage reported for it, when its delivery was submitted, the outcome."""

    cycle: Cycle
    stage: str
    delivered_on: date | None
    outcome: CycleOutcome

    @property
    def overdue(self) -> bool:
        return self.outcome == CycleOutcome.OVERDUE

    def in_words(self) -> str:
        """'delivered late (submitted 10 February 2011; due 31 December 2010)' and the like."""
        due = f"due {self.cycle.due:%-d %B %Y}"
        if self.delivered_on is not None:
            return f"{self.outcome} (submitted {self.delivered_on:%-d %B %Y}; {due})"
        if self.outcome == CycleOutcome.OPEN:
            return f"{STAGE_LABELS.get(self.stage, self.stage).lower()} ({due})"
        return f"{self.outcome} ({due})"


def cycle_subject(indicator_id: str, due: date) -> str:
    """What a cycle's ``milestone-overdue`` exception is about: the indicator and the cycle's due date."""
    return f"{indicator_id}@{due.isoformat()}"


def _cycle_rows(ctx: EvaluationContext, measure: str | None, end: date) -> pd.DataFrame:
    """The measure's returns for periods ending on or before ``end``, one per member and period: the latest
    submission's value, with the first date a "delivered" that still stands was submitted."""
    obs = ctx.observations
    rows = obs[(obs["measure_id"] == measure) & (pd.to_datetime(obs["period_end"]) <= pd.Timestamp(end))]
    rows = rows.assign(
        period_end=pd.to_datetime(rows["period_end"]).dt.date, submitted=pd.to_datetime(rows["submitted"]).dt.date
    )
    rows = rows.sort_values(["period_end", "submitted"], kind="stable")
    latest = rows.groupby(["member_id", "period_end"], sort=False).tail(1)
    first_delivered = (
        rows[rows["value"] == StatusCode.DELIVERED].groupby(["member_id", "period_end"])["submitted"].min()
    )
    keys = list(zip(latest["member_id"], latest["period_end"], strict=True))
    return latest.assign(delivered_on=[first_delivered.get(k) for k in keys])


def _record(cycle: Cycle, rows: pd.DataFrame, end: date) -> CycleRecord:
    mine = rows.loc[np.array([cycle.holds(day) for day in rows["period_end"]], dtype=bool)]
    stage = str(mine["value"].iloc[-1]) if len(mine) else StatusCode.NOT_STARTED
    delivered = mine[mine["value"] == StatusCode.DELIVERED]
    delivered_on = min(delivered["delivered_on"]) if len(delivered) else None
    if delivered_on is not None:
        outcome = CycleOutcome.ON_TIME if delivered_on <= cycle.due else CycleOutcome.LATE
    else:
        outcome = CycleOutcome.OVERDUE if end > cycle.due else CycleOutcome.OPEN
    return CycleRecord(cycle, StatusCode.DELIVERED if delivered_on else stage, delivered_on, outcome)


def cycle_records(
    ctx: EvaluationContext, indicator: Indicator, target: Target | None, end: date
) -> tuple[CycleRecord, ...]:
    """Every cycle begun by ``end`` with where it stands then (empty unless the target is a recurring milestone)."""
    if target is None or target.kind != "recurring-milestone":
        return ()
    begun = [c for c in target_cycles(ctx.framework, target) if c.start <= end]
    rows = _cycle_rows(ctx, indicator.measure, end)
    return tuple(_record(c, rows, end) for c in begun)


_EVERY = {"annual": "year", "quarterly": "quarter", "monthly": "month", "termly": "term"}

_RULE = (
    "each cycle is judged on the returns for periods ending in it; overdue while any cycle whose due date has "
    "passed has no delivery recorded, else the current cycle's latest stage"
)


def recurring_status(ctx: EvaluationContext, indicator: Indicator, target: Target, end: date) -> Status:
    """The current cycle's status (Delivered / In progress / Not started), or Overdue while a past cycle is."""
    records = cycle_records(ctx, indicator, target, end)
    every = f"due every {_EVERY[target.every]}"
    if not records:
        first = target_cycles(ctx.framework, target)
        reason = f"the first cycle begins {first[0].start:%-d %B %Y}" if first else "no cycle falls in the framework"
        return Status(StatusCode.NOT_STARTED, "Not started", reason, _RULE, {"every": target.every})
    inputs = {"every": target.every, "period end": end, "cycles": len(records)}
    overdue = [r for r in records if r.overdue]
    if overdue:
        which = "; ".join(f"the cycle due {r.cycle.due:%-d %B %Y}" for r in overdue)
        reason = f"{which} was not delivered; {every}"
        return Status(StatusCode.OVERDUE, "Overdue", reason, _RULE, inputs)
    now = next((r for r in records if r.cycle.holds(end)), records[-1])
    inputs["reported"] = now.stage
    if now.delivered_on is not None:
        reason = f"{now.in_words()}; {every}"
        return Status(StatusCode.DELIVERED, "Delivered", reason, _RULE, inputs)
    reason = f"the cycle is due {now.cycle.due:%-d %B %Y}; {every}"
    return Status(now.stage, STAGE_LABELS.get(now.stage, now.stage), reason, _RULE, inputs)


#: The status function of each milestone kind of target (target_status.py dispatches to it).
MILESTONE_STATUS = {"milestone": milestone_status, "recurring-milestone": recurring_status}
