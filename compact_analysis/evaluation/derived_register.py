"""The exceptions register as a function of the evidence: derived, never recorded by rendering.

Seed 002: "significant issues (slippage, impact, budgets, emergencies) ... monitored ... until resolved".
Whether an exception is open on a date, when it opened and what it says follow from the rules
(:mod:`~compact_analysis.evaluation.exception_rules`) run on each period evaluated as at its own evidence
date, and from resolutions (dated human events kept in the store). So a paper shows the same register
whatever was rendered before it, and ``exceptions list --as-at`` agrees with it.

* An exception **opens** in the earliest raising (by evidence date, then period end) whose rules raise
  its rule key, and is **seen** in later ones; its detail is the latest raising's.
* A **resolution** dated on or before the register's date resolves it; a raising whose evidence date is
  after the resolution **reopens** it (a resolved data-quality exception reopens only when its detail,
  the quarantined cells, changed: the quarantine is append-only, so the same cells stay in it).
* **Ids** ``EX-0001``... number the exceptions in the order (evidence date of the opening raising, rule
  key), the same way at every date, so an id never changes once shown. The one caveat: a return
  backdated before an earlier evidence date but ingested later can make an earlier raising raise a new
  exception, which then takes a lower number than exceptions already shown. (A paper run with an evidence
  date other than its period's own also raises its period as at that date; an exception only that raising
  raises is numbered for that paper alone.)
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from compact_analysis.errors import ParameterError
from compact_analysis.evaluation.exception_rules import CANDIDATE_COLUMNS, TRAINING_KINDS, ExceptionKind
from compact_analysis.evaluation.manual_exceptions import is_manual
from compact_analysis.evaluation.register import ExceptionEvent, ExceptionState, history_text
from compact_analysis.evidence.store import EXCEPTION_COLUMNS

#: One raising a row: a period evaluated as at an evidence date, and one candidate its rules raised.
RAISED_COLUMNS = ["period", "period_end", "as_at", *CANDIDATE_COLUMNS]
#: A resolution: the rule key it resolves, the id shown when it was made, its date and note.
RESOLUTION_COLUMNS = ["rule_key", "exception_id", "on_date", "note"]
#: The register as papers and ``exceptions list`` show it.
VIEW_COLUMNS = [*EXCEPTION_COLUMNS, "status", "resolved_on", "raised_now", "history"]


def raised_frame(period: str, period_end: date, as_at: date, candidates: pd.DataFrame) -> pd.DataFrame:
    """One period's candidates (as the rules give them) as raising rows, tagged with the period and date."""
    frame = candidates[CANDIDATE_COLUMNS].copy()
    frame.insert(0, "as_at", as_at)
    frame.insert(0, "period_end", period_end)
    frame.insert(0, "period", period)
    return frame[RAISED_COLUMNS]


def number_exceptions(raised: pd.DataFrame) -> dict[str, str]:
    """Rule key -> ``EX-0001``..., in the order (evidence date of the earliest raising, rule key)."""
    first = raised.groupby("rule_key", sort=False)["as_at"].min().reset_index()
    first = first.sort_values(["as_at", "rule_key"], kind="stable")
    return {key: f"EX-{n:04d}" for n, key in enumerate(first["rule_key"], start=1)}


def derive_register(
    raised: pd.DataFrame, resolutions: pd.DataFrame, as_at: date, current: str | None = None
) -> pd.DataFrame:
    """The register as at ``as_at``: one row per exception any raising up to then raised.

    ``raised`` holds raising rows (:func:`raised_frame`), ``resolutions`` the store's resolutions; rows
    dated after ``as_at`` are left out. ``current`` names the paper's period: ``raised_now`` marks what its
    raising (the latest of that period) raised.
    """
    raised = raised[raised["as_at"] <= as_at].sort_values(["as_at", "period_end", "rule_key"], kind="stable")
    resolutions = resolutions[resolutions["on_date"] <= as_at].sort_values("on_date", kind="stable")
    ids = number_exceptions(raised)
    now = _raised_now(raised, current)
    by_key = dict(tuple(resolutions.groupby("rule_key", sort=False))) if len(resolutions) else {}
    rows = [
        _exception_row(ids[key], rows, by_key.get(key), key in now)
        for key, rows in raised.groupby("rule_key", sort=False)
    ]
    view = pd.DataFrame(rows, columns=VIEW_COLUMNS)
    return view.sort_values("exception_id", kind="stable").reset_index(drop=True)


def _raised_now(raised: pd.DataFrame, current: str | None) -> set[str]:
    """The rule keys the current period's latest raising raised (none when no period is named)."""
    mine = raised[raised["period"] == current]
    if mine.empty:
        return set()
    return set(mine.loc[mine["as_at"] == mine["as_at"].max(), "rule_key"])


def _timeline(raisings: pd.DataFrame, resolutions: pd.DataFrame | None) -> list[tuple]:
    """A rule key's raisings and resolutions in date order; on one date a raising comes before a resolution,
    so a resolution dated on an evidence date resolves what that evidence raised."""
    events = [(r.as_at, 0, r) for r in raisings.itertuples(index=False)]
    if resolutions is not None:
        events += [(r.on_date, 1, r) for r in resolutions.itertuples(index=False)]
    return sorted(events, key=lambda e: (e[0], e[1]))


def _exception_row(exception_id: str, raisings: pd.DataFrame, resolutions: pd.DataFrame | None, now: bool) -> dict:
    """One exception's state, dates and history from its raisings and resolutions (see the module notes)."""
    state, resolved_on, last_detail, last_period, history = None, None, None, None, []
    for when, is_resolution, e in _timeline(raisings, resolutions):
        if is_resolution:
            if state == ExceptionState.OPEN:
                state, resolved_on = ExceptionState.RESOLVED, when
                history.append((ExceptionEvent.RESOLVED, None, when, e.note))
            continue
        if state is None:
            state = ExceptionState.OPEN
            history.append((ExceptionEvent.OPENED, e.period, when, None))
        elif state == ExceptionState.RESOLVED:
            if not (e.kind == ExceptionKind.DATA_QUALITY and e.detail == last_detail):
                state, resolved_on = ExceptionState.OPEN, None
                history.append((ExceptionEvent.REOPENED, e.period, when, None))
        elif e.period != last_period:
            history.append((ExceptionEvent.SEEN, e.period, when, None))
        last_detail, last_period = e.detail, e.period
    first, last = raisings.iloc[0], raisings.iloc[-1]
    events = pd.DataFrame(history, columns=["event", "period", "on_date", "note"])
    return {
        "exception_id": exception_id,
        "rule_key": first["rule_key"],
        "kind": last["kind"],
        "indicator_id": last["indicator_id"],
        "member_id": last["member_id"],
        "opened_period": first["period"],
        "opened_on": first["as_at"],
        "owner": last["owner"],
        "detail": last["detail"],
        "status": state,
        "resolved_on": resolved_on,
        "raised_now": now,
        "history": history_text(events),
    }


def with_recorded(derived: pd.DataFrame, recorded: pd.DataFrame) -> pd.DataFrame:
    """The derived register with the training monitor's recorded exceptions (budget variance, ring-fence
    misuse) and those added by hand (``MX-``, :mod:`.manual_exceptions`) after it: recorded events, not derived."""
    training = recorded[recorded["kind"].isin(TRAINING_KINDS) | recorded["exception_id"].map(is_manual)]
    if training.empty:
        return derived
    return pd.concat([derived, training.reindex(columns=VIEW_COLUMNS)], ignore_index=True)


def check_resolution(view: pd.DataFrame, exception_id: str, note: str, on: date) -> pd.Series:
    """The exception a resolution dated ``on`` resolves, from the register as at ``on``; refused with a
    one-line reason when the note is blank, the id unknown as at that date, it is resolved or not yet open."""
    if not note.strip():
        raise ParameterError("a resolution needs a note saying what was done")
    found = view[view["exception_id"] == exception_id]
    if found.empty:
        raise ParameterError(f"no exception {exception_id} in the register as at {on}")
    row = found.iloc[0]
    if row["status"] == ExceptionState.RESOLVED:
        raise ParameterError(f"{exception_id} is already resolved (on {row['resolved_on']})")
    if on < row["opened_on"]:
        raise ParameterError(f"{exception_id} was opened on {row['opened_on']}; it cannot be resolved on {on}")
    return row
