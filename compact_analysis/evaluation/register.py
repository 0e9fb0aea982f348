"""The recorded exceptions register, its words and a paper's sections of it.

Seed 002: "significant issues (slippage, impact, budgets, emergencies) ... monitored ... until
resolved". (Not Python exceptions: those live in :mod:`compact_analysis.errors`.) The evaluation's
register is derived from the evidence (:mod:`~compact_analysis.evaluation.derived_register`); the
training monitor's exceptions (budget variance, ring-fence misuse) are still recorded here, append-only
in the store, as events: opened, seen, resolved, reopened. Both read in words the same way
(:func:`history_text`) and split into a paper's sections the same way (:func:`report_sections`).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import pandas as pd

from compact_analysis.errors import ParameterError
from compact_analysis.evidence.store import (
    EVENT_COLUMNS,
    EXCEPTION_COLUMNS,
    append_exceptions,
    exception_events,
    exception_register,
)


class ExceptionState(StrEnum):
    """Where an exception stands in a report: raised this period and not yet registered, open, or resolved."""

    NEW = "new"
    OPEN = "open"
    RESOLVED = "resolved"


class ExceptionEvent(StrEnum):
    """What the store's history records about an exception, one event a row."""

    OPENED = "opened"
    SEEN = "seen"
    REOPENED = "reopened"
    RESOLVED = "resolved"


def empty_log() -> tuple[pd.DataFrame, pd.DataFrame]:
    """An exceptions register and event log with nothing in them, shaped as the store gives them."""
    return pd.DataFrame(columns=list(EXCEPTION_COLUMNS)), pd.DataFrame(columns=list(EVENT_COLUMNS))


def statuses(events: pd.DataFrame, as_at: date | None = None) -> dict[str, str]:
    """Each exception's status from its latest event (by date, then as recorded) on or before ``as_at``:
    ``open`` or ``resolved``. An event dated before a resolution (a past period re-run) does not reopen it."""
    seen = events if as_at is None else events[events["on_date"] <= as_at]
    order = ["on_date", "event_id"] if "event_id" in seen.columns else ["on_date"]
    last = seen.sort_values(order, kind="stable").groupby("exception_id", sort=False)["event"].last()
    return {
        eid: ExceptionState.RESOLVED if event == ExceptionEvent.RESOLVED else ExceptionState.OPEN
        for eid, event in last.items()
    }


def reconcile(
    register: pd.DataFrame,
    events: pd.DataFrame,
    candidates: pd.DataFrame,
    period: str,
    on: date,
    prefix: str = "TR",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """New exceptions and events for one period's candidates (pure; the store appends them).

    A new rule key opens a new exception, numbered ``<prefix>-0001``... after the register's own; one that
    is open is marked ``seen`` (once per period); one that was resolved ``reopened`` (same id, never a
    duplicate). Only the training monitor records exceptions now (prefix ``TR``, so its ids never meet the
    derived register's ``EX-`` ones, :mod:`~compact_analysis.evaluation.derived_register`).
    """
    known = dict(zip(register["rule_key"], register["exception_id"], strict=True))
    state = statuses(events, on)
    logged = set(zip(events["exception_id"], events["period"], strict=True))
    raised = events[events["event"] != ExceptionEvent.RESOLVED]
    last_detail = raised.groupby("exception_id")["detail"].last().to_dict() if len(raised) else {}
    numbers = [int(str(i).split("-")[1]) for i in register["exception_id"] if str(i).startswith(f"{prefix}-")]
    next_number = max(numbers, default=0) + 1
    opened, new_events = [], []
    for c in candidates.itertuples(index=False):
        if c.rule_key not in known:
            eid = f"{prefix}-{next_number:04d}"
            next_number += 1
            known[c.rule_key] = eid
            opened.append(
                {
                    "exception_id": eid,
                    "rule_key": c.rule_key,
                    "kind": c.kind,
                    "indicator_id": c.indicator_id,
                    "member_id": c.member_id,
                    "opened_period": period,
                    "opened_on": on,
                    "owner": c.owner,
                    "detail": c.detail,
                }
            )
            new_events.append(_event(eid, ExceptionEvent.OPENED, period, on, None, c.detail))
            continue
        eid = known[c.rule_key]
        if state.get(eid) == ExceptionState.RESOLVED:
            if c.kind == "data-quality" and c.detail == last_detail.get(eid):
                continue  # the same quarantined cells as before it was resolved: nothing has recurred
            new_events.append(_event(eid, ExceptionEvent.REOPENED, period, on, None, c.detail))
        elif (eid, period) not in logged:
            new_events.append(_event(eid, ExceptionEvent.SEEN, period, on, None, c.detail))
    return (
        pd.DataFrame(opened, columns=list(EXCEPTION_COLUMNS)),
        pd.DataFrame(new_events, columns=[c for c in EVENT_COLUMNS if c != "event_id"]),
    )


def _event(
    exception_id: str, event: ExceptionEvent, period: str | None, on: date, note: str | None, detail: str | None
) -> dict:
    return {
        "exception_id": exception_id,
        "event": event,
        "period": period,
        "on_date": on,
        "note": note,
        "detail": detail,
    }


def register_view(
    register: pd.DataFrame,
    events: pd.DataFrame,
    as_at: date | None = None,
    candidates: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per exception known as at ``as_at``: status, opened period, owner and its history in words.

    With ``candidates`` (this period's), those not yet in the register appear as ``new`` and
    ``raised_now`` marks every exception a rule raised this period. An exception counts from its earliest
    event: re-running an earlier period after a later one (a "seen" event dated before the "opened" one)
    shows it, with its id, from that earlier period.
    """
    if as_at is not None and len(register):
        events = events[events["on_date"] <= as_at]
    order = ["on_date", "event_id"] if "event_id" in events.columns else ["on_date"]
    events = events.sort_values(order, kind="stable")
    first = events.groupby("exception_id", sort=False).first() if len(events) else None
    if as_at is not None and len(register):
        register = register[register["exception_id"].isin(first.index if first is not None else [])]
    first_period = {} if first is None else first["period"].dropna().to_dict()
    state = statuses(events) if len(events) else {}
    resolved = events[events["event"] == ExceptionEvent.RESOLVED].groupby("exception_id")["on_date"].max().to_dict()
    history = {eid: history_text(rows) for eid, rows in events.groupby("exception_id", sort=False)}
    raised = set(candidates["rule_key"]) if candidates is not None else set()
    rows = [
        {
            "exception_id": r.exception_id,
            "kind": r.kind,
            "indicator_id": r.indicator_id,
            "member_id": r.member_id,
            "opened_period": first_period.get(r.exception_id, r.opened_period),
            "owner": r.owner,
            "detail": r.detail,
            "status": state.get(r.exception_id, ExceptionState.OPEN),
            "resolved_on": resolved.get(r.exception_id)
            if state.get(r.exception_id) == ExceptionState.RESOLVED
            else None,
            "raised_now": r.rule_key in raised,
            "history": history.get(r.exception_id, ""),
        }
        for r in register.itertuples(index=False)
    ]
    if candidates is not None:
        rows += _unregistered(candidates, register)
    columns = ["exception_id", "kind", "indicator_id", "member_id", "opened_period", "owner", "detail"]
    return pd.DataFrame(rows, columns=[*columns, "status", "resolved_on", "raised_now", "history"])


def _unregistered(candidates: pd.DataFrame, register: pd.DataFrame) -> list[dict]:
    """Rows of the register view for this period's candidates the register does not hold yet: new, no id."""
    fresh = candidates[~candidates["rule_key"].isin(set(register["rule_key"]))]
    return [
        {
            "exception_id": None,
            "kind": c.kind,
            "indicator_id": c.indicator_id,
            "member_id": c.member_id,
            "opened_period": None,
            "owner": c.owner,
            "detail": c.detail,
            "status": ExceptionState.NEW,
            "resolved_on": None,
            "raised_now": True,
            "history": "",
        }
        for c in fresh.itertuples(index=False)
    ]


def report_sections(view: pd.DataFrame, period: str, period_start: date, as_at: date) -> dict[str, pd.DataFrame]:
    """The register as a period's paper shows it: new this period, still open from earlier, resolved this period.

    Resolved this period means resolved between the period's first day and the evidence date.
    """
    is_open = view["status"].eq(ExceptionState.OPEN)
    new = view["status"].eq(ExceptionState.NEW) | (is_open & view["opened_period"].eq(period))
    still_open = is_open & ~new
    resolved_on = pd.to_datetime(view["resolved_on"])
    resolved = view["status"].eq(ExceptionState.RESOLVED) & resolved_on.between(
        pd.Timestamp(period_start), pd.Timestamp(as_at)
    )
    return {
        ExceptionState.NEW: view[new].reset_index(drop=True),
        ExceptionState.OPEN: view[still_open].reset_index(drop=True),
        ExceptionState.RESOLVED: view[resolved].reset_index(drop=True),
    }


def resolve_exception(con, exception_id: str, note: str, on: date) -> None:
    """Resolve an open exception with a note and a date (recorded in the store's history)."""
    if not note.strip():
        raise ParameterError("a resolution needs a note saying what was done")
    register, events = exception_register(con), exception_events(con)
    if exception_id not in set(register["exception_id"]):
        raise ParameterError(f"no exception {exception_id} in the register")
    if statuses(events).get(exception_id) == ExceptionState.RESOLVED:
        raise ParameterError(f"{exception_id} is already resolved")
    opened_on = register.set_index("exception_id").loc[exception_id, "opened_on"]
    if on < opened_on:
        raise ParameterError(f"{exception_id} was opened on {opened_on}; it cannot be resolved on {on}")
    empty = pd.DataFrame(columns=list(register.columns))
    append_exceptions(
        con, empty, pd.DataFrame([_event(exception_id, ExceptionEvent.RESOLVED, None, on, note.strip(), None)])
    )


def _history_words(events: list[str]) -> list[str]:
    """How each event of one exception reads, in date order: the earliest is where it opened.

    The store keeps events as recorded, so rendering Q4 first and then Q1 stores "opened" for Q4 and
    "seen" for Q1; read in date order the exception opened in Q1 and was seen again in Q4.
    """
    words = []
    for i, event in enumerate(events):
        if event in (ExceptionEvent.OPENED, ExceptionEvent.SEEN):
            event = ExceptionEvent.OPENED if i == 0 else ExceptionEvent.SEEN
        words.append(event)
    return words


def history_text(events: pd.DataFrame) -> str:
    """One exception's events in words, date order: 'opened 2009-10-Q1; seen 2009-10-Q2, 2009-10-Q3; resolved ...'.

    Successive sightings are listed under one "seen", so a long-open exception's history stays short.
    """
    parts: list[tuple[str, list[str]]] = []
    for word, e in zip(_history_words(events["event"].tolist()), events.itertuples(index=False), strict=True):
        when = e.period if isinstance(e.period, str) and e.period else e.on_date.isoformat()
        if isinstance(e.note, str) and e.note:
            when += f" ({e.on_date:%-d %B %Y}: {e.note})"
        if word == ExceptionEvent.SEEN and parts and parts[-1][0] == ExceptionEvent.SEEN:
            parts[-1][1].append(when)
        else:
            parts.append((word, [when]))
    return "; ".join(f"{word} {', '.join(whens)}" for word, whens in parts)
