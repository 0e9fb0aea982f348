"""Action tracking as at a date: done, done late, overdue, no progress; and whether an action had an impact.

Seed 002's focus is "monitoring implementation of action plans, monitoring impact of action plans", and
"significant issues re: slippage, impact ... are monitored ... until resolved". Pure functions of an
action (:class:`~compact_analysis.plan.plans_model.Action`), its progress returns known by a date and,
for impact, two figures of its indicator. The rules that turn these into exceptions are in
:mod:`compact_analysis.evaluation.action_rules`.

**State as at a date D** (from the latest progress return reported on or before D):

* ``done`` - reported done, on or before the due date; ``done-late`` - reported done after the due date;
* ``overdue`` - not reported done and D is after the due date (on the due date itself it is not overdue);
* ``not-begun`` - D is before the action's start date (nothing is expected yet);
* ``no-progress`` - started (D on or after its start), not yet due, and no return reported, or the latest
  says ``not-started``;
* ``in-progress`` - started, not yet due, the latest return says ``in-progress``.

**Impact** (:func:`impact_moved`): the indicator's figure for the last period of its cadence ending on or
before the action's start ("before") against its figure for the last period ending on or before the
evaluated period's end ("after"), judged only once that period ends on or after the action's due date
(its life is over). The impact "does not move" when "after" is not better than "before" in the
indicator's polarity: equal, or lower where higher is better (higher where lower is better). No judgement
(None) when either figure is missing (No data), the indicator has no polarity, or no period ends before
the start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import pandas as pd

from compact_analysis.plan.plans_model import PROGRESS_COLUMNS, ProgressStatus

__all__ = ["PROGRESS_COLUMNS", "ActionState", "ActionStatus", "ProgressStatus", "action_state", "action_status"]


class ActionState(StrEnum):
    """Where an action stands as at a date (module notes)."""

    DONE = "done"
    DONE_LATE = "done-late"
    OVERDUE = "overdue"
    NO_PROGRESS = "no-progress"
    IN_PROGRESS = "in-progress"
    NOT_BEGUN = "not-begun"


#: Each state as a paper says it.
STATE_WORDS = {
    ActionState.DONE: "done on time",
    ActionState.DONE_LATE: "done late",
    ActionState.OVERDUE: "overdue",
    ActionState.NO_PROGRESS: "no progress reported",
    ActionState.IN_PROGRESS: "in progress",
    ActionState.NOT_BEGUN: "not yet begun",
}
#: States a report by exception lists: the action needs someone's attention now.
NEEDS_ATTENTION = (ActionState.OVERDUE, ActionState.NO_PROGRESS)


@dataclass(frozen=True)
class ActionStatus:
    """An action's state as at a date, with the latest return behind it (None when nothing was reported)."""

    action_id: str
    state: ActionState
    as_at: date
    due: date
    reported_on: date | None = None
    done_on: date | None = None
    note: str | None = None
    reported_by: str | None = None

    @property
    def days_late(self) -> int:
        """Days past the due date: to the done date when done late, to the as-at date when overdue; else 0."""
        if self.state == ActionState.DONE_LATE:
            return (self.done_on - self.due).days
        if self.state == ActionState.OVERDUE:
            return (self.as_at - self.due).days
        return 0


def latest_return(progress: pd.DataFrame, action_id: str, as_at: date) -> pd.Series | None:
    """The action's latest progress return reported on or before ``as_at`` (the later row on one date)."""
    if progress is None or progress.empty:
        return None
    rows = progress[(progress["action_id"] == action_id) & (progress["reported_on"] <= as_at)]
    if rows.empty:
        return None
    return rows.sort_values("reported_on", kind="stable").iloc[-1]


def action_state(start: date, due: date, latest: pd.Series | None, as_at: date) -> ActionState:
    """The state of an action starting ``start`` and due ``due`` given its latest return as at ``as_at``."""
    status = None if latest is None else latest["status"]
    if status == ProgressStatus.DONE:
        return ActionState.DONE if latest["done_on"] <= due else ActionState.DONE_LATE
    if as_at > due:
        return ActionState.OVERDUE
    if as_at < start:
        return ActionState.NOT_BEGUN
    if status is None or status == ProgressStatus.NOT_STARTED:
        return ActionState.NO_PROGRESS
    return ActionState.IN_PROGRESS


def action_status(action, progress: pd.DataFrame, as_at: date) -> ActionStatus:
    """:func:`action_state` of a framework action with the facts of its latest return as at ``as_at``."""
    latest = latest_return(progress, action.id, as_at)
    state = action_state(action.start, action.due, latest, as_at)
    if latest is None:
        return ActionStatus(action.id, state, as_at, action.due)
    done_on = latest["done_on"] if latest["status"] == ProgressStatus.DONE else None
    note = latest["note"] if isinstance(latest["note"], str) and latest["note"] else None
    return ActionStatus(
        action.id, state, as_at, action.due, latest["reported_on"], done_on, note, latest["reported_by"]
    )


def impact_moved(before: float | None, after: float | None, polarity: str) -> bool | None:
    """Whether the figure moved the right way from ``before`` to ``after`` (None: no judgement can be made).

    Higher is better: moved when after > before; lower is better: when after < before; equal never moved.
    """
    if before is None or after is None or polarity not in ("higher", "lower"):
        return None
    return after > before if polarity == "higher" else after < before


def plan_actions(framework) -> list[tuple[object, object]]:
    """Every (plan, action) of the framework's plans, in the file's order."""
    return [(plan, action) for plan in framework.plans for action in plan.actions]
