"""The exceptions register: significant issues opened by rules and monitored until resolved.

Seed 002: "significant issues (slippage, impact, budgets, emergencies) ... monitored ... until
resolved". (Not Python exceptions: those live in :mod:`compact_analysis.errors`.) Rules raise
candidates from an evaluation; the register, kept append-only in the store, gives each an id
and a history. An exception stays open in every later report until someone resolves it with a
note and a date; if its rule fires again after that, the same exception reopens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .errors import ParameterError
from .returns import quarantined_in_period
from .targets import shortfall

if TYPE_CHECKING:  # evaluate imports this module; the types are only for reading
    from .evaluate import IndicatorResult

KINDS = {
    "red": "indicator red",
    "slipping": "slipping two periods running",
    "return-missing": "member's return missing past its due date",
    "target-overdue": "pending target past its date",
    "milestone-overdue": "milestone overdue",
    "data-quality": "rows quarantined",
    "budget-variance": "training budget line materially off budget",
    "ring-fence-misuse": "ring-fenced grant spent outside its purpose",
}


#: Kinds raised by the training monitor (seed 001); the training paper lists them, the evaluation paper counts them.
TRAINING_KINDS = ("budget-variance", "ring-fence-misuse")


def training_counts(sections: dict[str, pd.DataFrame]) -> dict[str, dict[str, int]]:
    """How many training exceptions each section of a paper's register holds, by kind.

    ``sections`` as :func:`report_sections` gives them; the result is ``{"new": {"budget-variance": 3, ...},
    "open": {...}, "resolved": {...}}`` with every kind of :data:`TRAINING_KINDS` present (0 when none).
    """
    return {
        name: {kind: int(frame["kind"].eq(kind).sum()) for kind in TRAINING_KINDS} for name, frame in sections.items()
    }


def without_training(sections: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The sections with the training monitor's exceptions left out (the evaluation paper lists the rest)."""
    return {name: frame[~frame["kind"].isin(TRAINING_KINDS)].reset_index(drop=True) for name, frame in sections.items()}


def kind_in_words(kind: str) -> str:
    """An exception's kind as the paper says it ('indicator red'); an unknown kind as it is."""
    return KINDS.get(kind, kind)


CANDIDATE_COLUMNS = ["rule_key", "kind", "indicator_id", "member_id", "owner", "detail"]
DATA_OWNER = "Partnership analyst"
#: How long recording waits for another process (a report reading the store) to let go of it.
STORE_WAIT_SECONDS = 120


@dataclass(frozen=True)
class Candidate:
    """One exception a rule raises for a period; ``rule_key`` (kind and subject) identifies it across periods."""

    kind: str
    indicator_id: str | None
    member_id: str | None
    owner: str
    detail: str

    @property
    def rule_key(self) -> str:
        return f"{self.kind}:{self.indicator_id or self.member_id}"


def slipping(result: IndicatorResult) -> bool:
    """True when the shortfall against the trajectory grew in each of the last two periods and is positive now."""
    points = [shortfall(v, e, result.indicator.polarity) for _, v, e in result.recent]
    points.append(result.shortfall)
    if len(points) < 3 or any(p is None for p in points):
        return False
    a, b, c = points[-3:]
    return a < b < c and c > 0


def indicator_candidates(results: tuple[IndicatorResult, ...]) -> list[Candidate]:
    """Exceptions raised by indicator statuses: red, slipping, a pending target overdue, a milestone overdue."""
    out = []
    for r in results:
        ind, code = r.indicator, (r.computed_status or r.status).code
        if code == "red":
            out.append(Candidate("red", ind.id, None, ind.owner, r.status.reason))
        elif slipping(r):
            out.append(
                Candidate(
                    "slipping",
                    ind.id,
                    None,
                    ind.owner,
                    "further behind the trajectory in each of the last two periods "
                    f"(now {float(r.shortfall):.2f} behind)",
                )
            )
        if code == "target-overdue":
            out.append(Candidate("target-overdue", ind.id, None, ind.owner, r.status.reason))
        if code == "overdue":
            out.append(Candidate("milestone-overdue", ind.id, None, ind.owner, r.status.reason))
    return out


def missing_returns(
    observations: pd.DataFrame,
    members: pd.DataFrame,
    period_start: date,
    period_end: date,
    as_at: date,
    report_after_days: int,
    owner: str = DATA_OWNER,
) -> list[Candidate]:
    """Members who returned nothing for the period (no row for any measure whose period ends in it)
    by the due date, the period end plus the framework's reporting lag; raised once ``as_at`` reaches it."""
    due = period_end + timedelta(days=report_after_days)
    if as_at < due:
        return []
    ends = pd.to_datetime(observations["period_end"]).to_numpy(dtype="datetime64[D]")
    within = (ends >= np.datetime64(period_start, "D")) & (ends <= np.datetime64(period_end, "D"))
    returned = set(observations["member_id"].to_numpy()[within])
    return [
        Candidate(
            "return-missing",
            None,
            m,
            owner,
            f"no return for the period ending {period_end:%-d %B %Y}, due {due:%-d %B %Y}",
        )
        for m in sorted(set(members["member_id"]) - returned)
    ]


def quarantine_candidates(quarantined: pd.DataFrame | None, owner: str = DATA_OWNER) -> list[Candidate]:
    """Data quality: quarantined cells per member where the row named a known member, else per file.

    Every quarantined row is counted somewhere: rows whose member could not be read are not dropped.
    """
    if quarantined is None or quarantined.empty:
        return []
    members = quarantined["member_id"] if "member_id" in quarantined.columns else pd.Series(None, quarantined.index)
    named = members.notna() & members.astype(str).str.len().gt(0)
    out = []
    for member, rows in quarantined[named].groupby(members[named], sort=True):
        codes = ", ".join(sorted(set(rows["code"].astype(str))))
        out.append(Candidate("data-quality", None, str(member), owner, f"{len(rows)} quarantined cell(s) ({codes})"))
    for file, rows in quarantined[~named].groupby("file", sort=True):
        codes = ", ".join(sorted(set(rows["code"].astype(str))))
        out.append(
            Candidate(
                "data-quality",
                f"file {file}",
                None,
                owner,
                f"{len(rows)} quarantined cell(s) with no known member ({codes})",
            )
        )
    return out


def quarantine_of_period(quarantined: pd.DataFrame | None, period_start: date, period_end: date) -> pd.DataFrame | None:
    """Quarantined rows for a period ending within the dates, and rows whose period could not be read.

    Rows of other periods raise their exception in their own period, so a resolved one does not come back
    every quarter; rows with no readable period belong to no period and stay with their file.
    """
    if quarantined is None or quarantined.empty or "period_end" not in quarantined.columns:
        return quarantined
    unread = quarantined[pd.to_datetime(quarantined["period_end"]).isna()]
    return pd.concat([quarantined_in_period(quarantined, period_start, period_end), unread], ignore_index=True)


def candidates_frame(candidates: list[Candidate]) -> pd.DataFrame:
    """Candidates as a table, one row per rule key (first wins)."""
    rows = [{"rule_key": c.rule_key, **{k: getattr(c, k) for k in CANDIDATE_COLUMNS[1:]}} for c in candidates]
    frame = pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)
    return frame.drop_duplicates("rule_key").reset_index(drop=True)


def statuses(events: pd.DataFrame, as_at: date | None = None) -> dict[str, str]:
    """Each exception's status from its latest event (by date, then as recorded) on or before ``as_at``:
    ``open`` or ``resolved``. An event dated before a resolution (a past period re-run) does not reopen it."""
    seen = events if as_at is None else events[events["on_date"] <= as_at]
    order = ["on_date", "event_id"] if "event_id" in seen.columns else ["on_date"]
    last = seen.sort_values(order, kind="stable").groupby("exception_id", sort=False)["event"].last()
    return {eid: ("resolved" if event == "resolved" else "open") for eid, event in last.items()}


def reconcile(
    register: pd.DataFrame, events: pd.DataFrame, candidates: pd.DataFrame, period: str, on: date
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """New exceptions and events for one period's candidates (pure; the store appends them).

    A new rule key opens a new exception; one that is open is marked ``seen`` (once per period);
    one that was resolved ``reopened`` (same id, never a duplicate).
    """
    known = dict(zip(register["rule_key"], register["exception_id"], strict=True))
    state = statuses(events, on)
    logged = set(zip(events["exception_id"], events["period"], strict=True))
    raised = events[events["event"] != "resolved"]
    last_detail = raised.groupby("exception_id")["detail"].last().to_dict() if len(raised) else {}
    numbers = [int(str(i).split("-")[1]) for i in register["exception_id"]]
    next_number = max(numbers, default=0) + 1
    opened, new_events = [], []
    for c in candidates.itertuples(index=False):
        if c.rule_key not in known:
            eid = f"EX-{next_number:04d}"
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
            new_events.append(_event(eid, "opened", period, on, None, c.detail))
            continue
        eid = known[c.rule_key]
        if state.get(eid) == "resolved":
            if c.kind == "data-quality" and c.detail == last_detail.get(eid):
                continue  # the same quarantined cells as before it was resolved: nothing has recurred
            new_events.append(_event(eid, "reopened", period, on, None, c.detail))
        elif (eid, period) not in logged:
            new_events.append(_event(eid, "seen", period, on, None, c.detail))
    from .store import EVENT_COLUMNS, EXCEPTION_COLUMNS

    return (
        pd.DataFrame(opened, columns=list(EXCEPTION_COLUMNS)),
        pd.DataFrame(new_events, columns=[c for c in EVENT_COLUMNS if c != "event_id"]),
    )


def _event(exception_id: str, event: str, period: str | None, on: date, note: str | None, detail: str | None) -> dict:
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
    resolved = events[events["event"] == "resolved"].groupby("exception_id")["on_date"].max().to_dict()
    history = {eid: _history_text(rows) for eid, rows in events.groupby("exception_id", sort=False)}
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
            "status": state.get(r.exception_id, "open"),
            "resolved_on": resolved.get(r.exception_id) if state.get(r.exception_id) == "resolved" else None,
            "raised_now": r.rule_key in raised,
            "history": history.get(r.exception_id, ""),
        }
        for r in register.itertuples(index=False)
    ]
    if candidates is not None:
        for c in candidates[~candidates["rule_key"].isin(set(register["rule_key"]))].itertuples(index=False):
            rows.append(
                {
                    "exception_id": None,
                    "kind": c.kind,
                    "indicator_id": c.indicator_id,
                    "member_id": c.member_id,
                    "opened_period": None,
                    "owner": c.owner,
                    "detail": c.detail,
                    "status": "new",
                    "resolved_on": None,
                    "raised_now": True,
                    "history": "",
                }
            )
    columns = ["exception_id", "kind", "indicator_id", "member_id", "opened_period", "owner", "detail"]
    return pd.DataFrame(rows, columns=[*columns, "status", "resolved_on", "raised_now", "history"])


def report_sections(view: pd.DataFrame, period: str, period_start: date, as_at: date) -> dict[str, pd.DataFrame]:
    """The register as a period's paper shows it: new this period, still open from earlier, resolved this period.

    Resolved this period means resolved between the period's first day and the evidence date.
    """
    new = view["status"].eq("new") | (view["status"].eq("open") & view["opened_period"].eq(period))
    still_open = view["status"].eq("open") & ~new
    resolved_on = pd.to_datetime(view["resolved_on"])
    resolved = view["status"].eq("resolved") & resolved_on.between(pd.Timestamp(period_start), pd.Timestamp(as_at))
    return {
        "new": view[new].reset_index(drop=True),
        "open": view[still_open].reset_index(drop=True),
        "resolved": view[resolved].reset_index(drop=True),
    }


def record_exceptions(con, evaluation) -> pd.DataFrame:
    """Append this evaluation's exceptions to the store's register; return the register as at its date."""
    from .store import append_exceptions, exception_events, exception_register

    register, events = exception_register(con), exception_events(con)
    candidates = evaluation.candidates
    opened, new_events = reconcile(register, events, candidates, evaluation.period.name, evaluation.as_at)
    append_exceptions(con, opened, new_events)
    return register_view(exception_register(con), exception_events(con), evaluation.as_at, candidates)


def resolve_exception(con, exception_id: str, note: str, on: date) -> None:
    """Resolve an open exception with a note and a date (recorded in the store's history)."""
    from .store import append_exceptions, exception_events, exception_register

    if not note.strip():
        raise ParameterError("a resolution needs a note saying what was done")
    register, events = exception_register(con), exception_events(con)
    if exception_id not in set(register["exception_id"]):
        raise ParameterError(f"no exception {exception_id} in the register")
    if statuses(events).get(exception_id) == "resolved":
        raise ParameterError(f"{exception_id} is already resolved")
    opened_on = register.set_index("exception_id").loc[exception_id, "opened_on"]
    if on < opened_on:
        raise ParameterError(f"{exception_id} was opened on {opened_on}; it cannot be resolved on {on}")
    empty = pd.DataFrame(columns=list(register.columns))
    append_exceptions(con, empty, pd.DataFrame([_event(exception_id, "resolved", None, on, note.strip(), None)]))


def record_period(framework, data_dir, period: str, as_at: date | None = None) -> pd.DataFrame:
    """Evaluate a period from a data folder's store and record its exceptions there (the CLI's ``update``)."""
    from pathlib import Path

    from .evaluate import default_as_at, evaluate_period
    from .members import find_register, load_register
    from .store import exception_events, exception_register, observations_as_at, open_store, quarantine

    chosen = framework.check_period(period)
    evidence_date = as_at or default_as_at(framework, chosen)
    data_dir = Path(data_dir)
    register = load_register(find_register(data_dir))
    with open_store(data_dir / "store.duckdb", wait_seconds=STORE_WAIT_SECONDS) as con:
        evaluation = evaluate_period(
            framework,
            observations_as_at(con, evidence_date),
            register,
            chosen,
            evidence_date,
            quarantined=quarantine(con),
            exception_log=(exception_register(con), exception_events(con)),
        )
        return record_exceptions(con, evaluation)


def list_register(data_dir, status: str = "open", as_at: date | None = None) -> pd.DataFrame:
    """The register of a data folder's store: ``open``, ``resolved`` or ``all`` exceptions."""
    from pathlib import Path

    from .store import exception_events, exception_register, open_store

    with open_store(Path(data_dir) / "store.duckdb", read_only=True) as con:
        view = register_view(exception_register(con), exception_events(con), as_at)
    return view if status == "all" else view[view["status"] == status].reset_index(drop=True)


def resolve_in_store(data_dir, exception_id: str, note: str, on: date) -> None:
    """Resolve an exception in a data folder's store (the CLI's ``resolve``)."""
    from pathlib import Path

    from .store import open_store

    with open_store(Path(data_dir) / "store.duckdb") as con:
        resolve_exception(con, exception_id, note, on)


def _history_words(events: list[str]) -> list[str]:
    """How each event of one exception reads, in date order: the earliest is where it opened.

    The store keeps events as recorded, so rendering Q4 first and then Q1 stores "opened" for Q4 and
    "seen" for Q1; read in date order the exception opened in Q1 and was seen again in Q4.
    """
    words = []
    for i, event in enumerate(events):
        if event in ("opened", "seen"):
            event = "opened" if i == 0 else "seen"
        words.append(event)
    return words


def _history_text(events: pd.DataFrame) -> str:
    """One exception's events in words, date order: 'opened 2009-10-Q1; seen 2009-10-Q2, 2009-10-Q3; resolved ...'.

    Successive sightings are listed under one "seen", so a long-open exception's history stays short.
    """
    parts: list[tuple[str, list[str]]] = []
    for word, e in zip(_history_words(events["event"].tolist()), events.itertuples(index=False), strict=True):
        when = e.period if isinstance(e.period, str) and e.period else e.on_date.isoformat()
        if isinstance(e.note, str) and e.note:
            when += f" ({e.on_date:%-d %B %Y}: {e.note})"
        if word == "seen" and parts and parts[-1][0] == "seen":
            parts[-1][1].append(when)
        else:
            parts.append((word, [when]))
    return "; ".join(f"{word} {', '.join(whens)}" for word, whens in parts)


def record_periods(framework, data_dir, periods: list[str], as_at: date | None = None) -> None:
    """Record each period's exceptions in time order, so the register's history runs forward (``report`` does this)."""
    for period in sorted(periods, key=framework.check_period):
        record_period(framework, data_dir, period, as_at)


TRAINING_OWNER = "Training and development lead"


def training_candidates(frame: pd.DataFrame, owner: str = TRAINING_OWNER) -> pd.DataFrame:
    """Training exceptions (budget variance beyond tolerance, ring-fenced grant misuse) as register candidates.

    Seed 001: grant funding "will be ring fenced"; issue 13: "budget variance beyond a framework-set tolerance
    opens an exception". One exception per kind and budget line (member, directorate, priority).
    """
    if "rule_key" in frame.columns:  # already in candidate form
        return frame[CANDIDATE_COLUMNS].drop_duplicates("rule_key").reset_index(drop=True)
    rows = [
        {
            "rule_key": f"{r.kind}:{r.member}/{r.directorate}/{r.priority}",
            "kind": r.kind,
            "indicator_id": None,
            "member_id": r.member,
            "owner": owner,
            "detail": f"{r.directorate}, {r.priority}: {r.detail}",
        }
        for r in frame.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=CANDIDATE_COLUMNS).drop_duplicates("rule_key").reset_index(drop=True)


def record_training_exceptions(data_dir, period: str, candidates: pd.DataFrame, on: date) -> pd.DataFrame:
    """Record a training period's exceptions in the data folder's evidence store, beside the evaluation's."""
    from pathlib import Path

    from .store import append_exceptions, exception_events, exception_register, open_store

    with open_store(Path(data_dir) / "store.duckdb", wait_seconds=STORE_WAIT_SECONDS) as con:
        register, events = exception_register(con), exception_events(con)
        opened, new_events = reconcile(register, events, candidates, period, on)
        append_exceptions(con, opened, new_events)
        return register_view(exception_register(con), exception_events(con), on, candidates)
