"""What a report by exception lists for a body: only what needs its attention (seed 002).

Seed 002's timetable sends "Major LEA plans - half term by exception / termly" to EMT, and "significant
issues re: slippage, impact, budgets, emergencies are monitored on a regular basis by EMT until
resolved". A report by exception for a body and period lists, and lists only:

* **exceptions** new since the period began (opened on or after its first day) and still open from
  before, from the register as at the paper's evidence date (resolved ones are left out);
* **indicators red or missed**: rated red, missed, not met, deteriorating, or a milestone or target
  overdue, in the latest period of the framework's default cadence ending on or before the paper's period
  end (a half-term paper shows the indicators as the last termly paper rated them);
* **actions overdue or without progress** (:mod:`~compact_analysis.evaluation.actions`).

Who receives what: where the framework has a timetable (``papers:``), a body the timetable sends a report
by exception (:mod:`compact_analysis.plan.exception_papers`) receives every action, indicator and exception
that needs attention, and any other body none. Without a timetable, actions, and their slippage and impact
exceptions, go to the bodies in their plan's ``audience``; indicators and the other exceptions go to the
audience of the framework's ``monitoring-measure`` plans (seed 002: "Performance Indicators - termly -
EMT"), or to every body when the framework has no such plan. Nothing green, on time or resolved appears.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from compact_analysis.evaluation.actions import NEEDS_ATTENTION, ActionStatus, action_status, plan_actions
from compact_analysis.evaluation.register import ExceptionState
from compact_analysis.evaluation.status import StatusCode
from compact_analysis.plan.exception_papers import receives_by_exception
from compact_analysis.plan.periods import Period

#: Statuses a report by exception lists: red, or a target missed, not met or overdue.
RED_OR_MISSED = frozenset(
    {
        StatusCode.RED,
        StatusCode.MISSED,
        StatusCode.NOT_MET,
        StatusCode.DETERIORATION,
        StatusCode.OVERDUE,
        StatusCode.TARGET_OVERDUE,
    }
)
#: Exception kinds raised by actions: they go to the bodies of the action's plan.
ACTION_KINDS = ("slippage", "impact")


def receives_indicators(framework, body: str) -> bool:
    """Whether a body receives the indicators and their exceptions (module notes)."""
    if framework.papers:
        return receives_by_exception(framework, body)
    measures = [p for p in framework.plans if p.kind == "monitoring-measure"]
    return not measures or any(body in p.audience for p in measures)


def body_actions(framework, body: str) -> dict[str, tuple]:
    """Action id -> (plan, action) for the actions the body receives: every plan's when the timetable sends it
    a report by exception, else (no timetable) those of plans whose audience includes ``body``."""
    if framework.papers:
        sent = receives_by_exception(framework, body)
        return {action.id: (plan, action) for plan, action in plan_actions(framework) if sent}
    return {action.id: (plan, action) for plan, action in plan_actions(framework) if body in plan.audience}


def attention_actions(framework, progress: pd.DataFrame, body: str, as_at: date) -> list[tuple]:
    """(plan, action, :class:`ActionStatus`) for the body's actions overdue or without progress as at ``as_at``,
    overdue first, then by due date."""
    found = [
        (plan, action, action_status(action, progress, as_at))
        for plan, action in body_actions(framework, body).values()
    ]
    found = [item for item in found if item[2].state in NEEDS_ATTENTION]
    return sorted(found, key=lambda item: (NEEDS_ATTENTION.index(item[2].state), item[1].due, item[1].id))


def action_of(rule_key: str) -> str | None:
    """The action id of an action's exception (``slippage:action BP-3``, ``impact:action BP-3 impact``)."""
    kind, _, subject = str(rule_key).partition(":")
    if kind not in ACTION_KINDS or not subject.startswith("action "):
        return None
    return subject.removeprefix("action ").removesuffix(" impact")


def attention_exceptions(register: pd.DataFrame, framework, body: str, since: date) -> dict[str, pd.DataFrame]:
    """``{"new": ..., "open": ...}``: exceptions open in the register, opened on or after ``since`` or before
    it, kept when they go to ``body`` (module notes); resolved ones are never listed."""
    open_now = register[register["status"] == ExceptionState.OPEN]
    mine = set(body_actions(framework, body))
    indicators = receives_indicators(framework, body)
    actions = open_now["rule_key"].map(action_of)
    keep = actions.isin(mine) | (actions.isna() & indicators)
    kept = open_now[keep.to_numpy(dtype=bool)]
    opened = pd.to_datetime(kept["opened_on"])
    is_new = (opened >= pd.Timestamp(since)).to_numpy(dtype=bool)
    return {"new": kept[is_new].reset_index(drop=True), "open": kept[~is_new].reset_index(drop=True)}


def attention_indicators(evaluation, framework, body: str) -> list:
    """The evaluation's results rated red or missed (:data:`RED_OR_MISSED`), when the body receives indicators."""
    if not receives_indicators(framework, body):
        return []
    return [r for r in evaluation.results if r.status.code in RED_OR_MISSED]


def indicator_period(framework, period: Period) -> Period:
    """The period whose indicator ratings a paper for ``period`` shows: ``period`` itself in the default cadence,
    else the latest default-cadence period ending on or before its end (the first one when none has ended)."""
    cadence = framework.default_cadence
    if framework.periods(cadence) and period in framework.periods(cadence):
        return period
    end = period.end(framework.terms)
    candidates = framework.periods(cadence)
    ended = [p for p in candidates if p.end(framework.terms) <= end]
    return ended[-1] if ended else candidates[0]


__all__ = ["ActionStatus", "attention_actions", "attention_exceptions", "attention_indicators", "indicator_period"]
