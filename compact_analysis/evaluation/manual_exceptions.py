"""Exceptions added by hand: the significant issues no rule raises (impact, emergencies, budgets).

Seed 002: "significant issues (slippage, impact, budgets, emergencies) ... monitored ... until
resolved". An analyst adds one with ``compact-analysis exceptions add``: it is recorded, append-only,
in the store's register beside the training monitor's (ids ``MX-0001``...), opened on the date given,
so a paper as at an earlier date does not show it, and it is resolved like any other
(``exceptions resolve MX-0001 --note ... --date ...``). Its description, action and due date are kept
in its detail as the analyst wrote them (escaped only on the way to HTML).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from compact_analysis.errors import ParameterError, PeriodError
from compact_analysis.evaluation.exception_rules import ExceptionKind
from compact_analysis.evaluation.register import ExceptionEvent
from compact_analysis.evidence.store import EVENT_COLUMNS, EXCEPTION_COLUMNS, append_exceptions, exception_register
from compact_analysis.plan.framework import Framework
from compact_analysis.plan.periods import period_containing

#: The id prefix of exceptions added by hand (never met by the derived ``EX-`` or the training ``TR-`` ones).
MANUAL_PREFIX = "MX-"
#: The kinds an analyst may add by hand.
MANUAL_KINDS = (ExceptionKind.IMPACT, ExceptionKind.EMERGENCY, ExceptionKind.BUDGET)


def is_manual(exception_id: object) -> bool:
    """Whether an exception id is one added by hand."""
    return isinstance(exception_id, str) and exception_id.startswith(MANUAL_PREFIX)


def manual_detail(description: str, action: str, due: date) -> str:
    """The detail a paper and ``exceptions list`` show: 'Flooding closed two centres. Action: ... (due 31 January 2010).'"""
    text = description.strip()
    return f"{text}{'' if text.endswith(('.', '!', '?')) else '.'} Action: {action.strip()} (due {due:%-d %B %Y})."


def manual_exception(
    register: pd.DataFrame,
    kind: str,
    owner: str,
    description: str,
    action: str,
    due: date,
    on: date,
    period: str | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The register row and the "opened" event of a new exception added by hand (pure; the store appends them).

    Refused with a one-line :class:`ParameterError` for a kind not added by hand, a blank owner,
    description or action, or an action due before the day the exception is added.
    """
    if kind not in MANUAL_KINDS:
        raise ParameterError(f"kind {kind!r} is not one added by hand; use one of {', '.join(MANUAL_KINDS)}")
    for name, text in (("--owner", owner), ("--description", description), ("--action", action)):
        if not text.strip():
            raise ParameterError(f"{name} is blank: an exception added by hand needs it")
    if due < on:
        raise ParameterError(f"the action is due on {due} but the exception is added on {on}: due must not be earlier")
    numbers = [int(i[len(MANUAL_PREFIX) :]) for i in register["exception_id"] if is_manual(i)]
    eid = f"{MANUAL_PREFIX}{max(numbers, default=0) + 1:04d}"
    detail = manual_detail(description, action, due)
    opened = {
        "exception_id": eid,
        "rule_key": f"manual:{eid}",
        "kind": str(kind),
        "indicator_id": None,
        "member_id": None,
        "opened_period": period,
        "opened_on": on,
        "owner": owner.strip(),
        "detail": detail,
    }
    event = {"exception_id": eid, "event": str(ExceptionEvent.OPENED), "period": period, "on_date": on}
    event |= {"note": None, "detail": detail}
    return (
        pd.DataFrame([opened], columns=list(EXCEPTION_COLUMNS)),
        pd.DataFrame([event], columns=[c for c in EVENT_COLUMNS if c != "event_id"]),
    )


def add_manual_exception(
    con, framework: Framework, kind: str, owner: str, description: str, action: str, due: date, on: date
) -> str:
    """Record an exception added by hand in an open store's register, opened on ``on``; its id (``MX-0001``).

    Its period is the one of the framework's default cadence holding ``on`` (none between terms).
    """
    try:
        period = period_containing(on, framework.default_cadence, framework.terms).name
    except PeriodError:
        period = None
    opened, events = manual_exception(exception_register(con), kind, owner, description, action, due, on, period)
    append_exceptions(con, opened, events)
    return str(opened["exception_id"].iloc[0])
