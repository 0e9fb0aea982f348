"""The rules that raise exceptions: which results, missing returns and quarantined rows need someone's attention.

Seed 002: "significant issues (slippage, impact, budgets, emergencies) ... monitored ... until
resolved". Rules here turn one evaluation into *candidates* (pure functions); the register
(:mod:`compact_analysis.evaluation.register`) gives each an id and a history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from compact_analysis.evaluation.milestones import cycle_subject
from compact_analysis.evaluation.returns import quarantined_in_period
from compact_analysis.evaluation.status import StatusCode
from compact_analysis.evaluation.targets import shortfall

if TYPE_CHECKING:  # results holds these rules' output in its Evaluation; the type is only for reading
    from compact_analysis.evaluation.results import IndicatorResult


class ExceptionKind(StrEnum):
    """What raised an exception; the values are the kinds the store's register and the papers have always used."""

    RED = "red"
    SLIPPING = "slipping"
    RETURN_MISSING = "return-missing"
    TARGET_OVERDUE = "target-overdue"
    MILESTONE_OVERDUE = "milestone-overdue"
    DATA_QUALITY = "data-quality"
    FIGURE_NOT_UPDATED = "figure-not-updated"
    BUDGET_VARIANCE = "budget-variance"
    RING_FENCE_MISUSE = "ring-fence-misuse"
    SLIPPAGE = "slippage"  # an action overdue (evaluation/action_rules.py)
    IMPACT = "impact"  # an action whose indicator did not move (evaluation/action_rules.py), or added by hand
    EMERGENCY = "emergency"  # added by hand (evaluation/manual_exceptions.py)
    BUDGET = "budget"  # added by hand (evaluation/manual_exceptions.py)


#: Each kind as the paper says it.
KINDS = {
    ExceptionKind.RED: "indicator red",
    ExceptionKind.SLIPPING: "slipping two periods running",
    ExceptionKind.RETURN_MISSING: "member's return missing past its due date",
    ExceptionKind.TARGET_OVERDUE: "pending target past its date",
    ExceptionKind.MILESTONE_OVERDUE: "milestone overdue",
    ExceptionKind.DATA_QUALITY: "rows quarantined",
    ExceptionKind.FIGURE_NOT_UPDATED: "figure unchanged for three periods running",
    ExceptionKind.BUDGET_VARIANCE: "training budget line materially off budget",
    ExceptionKind.RING_FENCE_MISUSE: "ring-fenced grant spent outside its purpose",
    ExceptionKind.SLIPPAGE: "action overdue (slippage)",
    ExceptionKind.IMPACT: "impact on the plan",
    ExceptionKind.EMERGENCY: "emergency",
    ExceptionKind.BUDGET: "budget issue",
}


#: Kinds raised by the training monitor (seed 001); the training paper lists them, the evaluation paper counts them.
TRAINING_KINDS = (ExceptionKind.BUDGET_VARIANCE, ExceptionKind.RING_FENCE_MISUSE)

#: Statuses that raise an exception of their own, whatever the trajectory shows.
_STATUS_KINDS = {
    StatusCode.TARGET_OVERDUE: ExceptionKind.TARGET_OVERDUE,
    StatusCode.OVERDUE: ExceptionKind.MILESTONE_OVERDUE,
}


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


@dataclass(frozen=True)
class Candidate:
    """One exception a rule raises for a period; ``rule_key`` (kind and subject) identifies it across periods."""

    kind: ExceptionKind
    indicator_id: str | None
    member_id: str | None
    owner: str
    detail: str
    subject: str | None = None  # what the exception is about when not just the indicator or member

    @property
    def rule_key(self) -> str:
        return f"{self.kind}:{self.subject or self.indicator_id or self.member_id}"


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
        ind, code = r.indicator, r.rule_status.code
        if code == StatusCode.RED:
            out.append(Candidate(ExceptionKind.RED, ind.id, None, ind.owner, r.status.reason))
        elif code == StatusCode.MISSED:  # a target missed at its due date is rated red (evaluation/year_end.py)
            detail = f"{r.rule_status.label}; {r.rule_status.reason}"
            out.append(Candidate(ExceptionKind.RED, ind.id, None, ind.owner, detail))
        elif slipping(r):
            behind = f"(now {float(r.shortfall):.2f} behind)"
            detail = f"further behind the trajectory in each of the last two periods {behind}"
            out.append(Candidate(ExceptionKind.SLIPPING, ind.id, None, ind.owner, detail))
        if r.cycles:  # a recurring milestone: one exception per overdue cycle, open until it is delivered
            out += overdue_cycles(r)
        elif code in _STATUS_KINDS:
            out.append(Candidate(_STATUS_KINDS[code], ind.id, None, ind.owner, r.status.reason))
    return out


def overdue_cycles(result: IndicatorResult) -> list[Candidate]:
    """A ``milestone-overdue`` exception for each cycle of a recurring milestone past its due date undelivered;
    its key names the cycle's due date, so a later cycle overdue is a second exception, not the same one."""
    ind = result.indicator
    return [
        Candidate(
            ExceptionKind.MILESTONE_OVERDUE,
            ind.id,
            None,
            ind.owner,
            f"the cycle due {r.cycle.due:%-d %B %Y} has no delivery recorded",
            cycle_subject(ind.id, r.cycle.due),
        )
        for r in result.cycles
        if r.overdue
    ]


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
            ExceptionKind.RETURN_MISSING,
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
        detail = f"{len(rows)} quarantined cell(s) ({_codes(rows)})"
        out.append(Candidate(ExceptionKind.DATA_QUALITY, None, str(member), owner, detail))
    for file, rows in quarantined[~named].groupby("file", sort=True):
        detail = f"{len(rows)} quarantined cell(s) with no known member ({_codes(rows)})"
        out.append(Candidate(ExceptionKind.DATA_QUALITY, f"file {file}", None, owner, detail))
    return out


def _codes(rows: pd.DataFrame) -> str:
    """The distinct reason codes of some quarantined rows, sorted: 'bad-date, not-a-number'."""
    return ", ".join(sorted(set(rows["code"].astype(str))))


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
