"""Collection windows: for a period and each measure due, who has returned, who is late, who owes what.

Issue #26 (seed 002's cycle): a return of a period is due on the period's last day plus the framework's
``report_after_days``. As at a date, each member of the register on the period's last day is, for each
measure members return at the period's cadence (:func:`compact_analysis.plan.timetable.returned_cadences`):

- ``on time``: its first return arrived by the due date;
- ``late``: it arrived after the due date (and by the evidence date);
- ``overdue``: nothing has arrived and the due date has passed;
- ``not yet due``: nothing has arrived and the due date is still to come.

A member's chase list is its overdue and not-yet-due rows: what it owes, by when, and to whom (the owners
of the indicators built on the measure). Nothing reads the clock: the evidence date is an argument.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

import pandas as pd

from compact_analysis.plan.framework_model import Framework
from compact_analysis.plan.members import members_as_at
from compact_analysis.plan.periods import CADENCE_CODES, Period
from compact_analysis.plan.timetable import returned_cadences


class CollectionStatus(StrEnum):
    """Where one member's return of one measure for a period stands on the evidence date."""

    ON_TIME = "on time"
    LATE = "late"
    OVERDUE = "overdue"
    NOT_YET_DUE = "not yet due"


#: The statuses a member is chased for.
OWED = (CollectionStatus.OVERDUE, CollectionStatus.NOT_YET_DUE)
WINDOW_COLUMNS = [
    "member_id", "name", "measure_id", "measure", "period", "due", "status", "first_submitted", "send_to",
]  # fmt: skip
_CADENCE_NAMES = {code: name for name, code in CADENCE_CODES.items()}


def due_date(framework: Framework, period: Period) -> date:
    """The day a period's returns are due: its last day plus ``report_after_days``."""
    return period.end(framework.terms) + timedelta(days=framework.report_after_days)


def measures_due(framework: Framework, period: Period) -> tuple[str, ...]:
    """The measures members return at the period's cadence (none for a cadence nobody returns at)."""
    return returned_cadences(framework).get(_CADENCE_NAMES.get(period.cadence, ""), ())


def send_to(framework: Framework, measure_id: str) -> str:
    """To whom a measure's return goes: the owners of the indicators built on it, in the framework's order."""
    owners = dict.fromkeys(ind.owner for ind in framework.indicators if ind.measure == measure_id)
    return "; ".join(owners) or framework.organisation


def _status(first: date | None, due: date, as_at: date) -> CollectionStatus:
    if first is not None:
        return CollectionStatus.ON_TIME if first <= due else CollectionStatus.LATE
    return CollectionStatus.OVERDUE if as_at > due else CollectionStatus.NOT_YET_DUE


def _row(framework, member, measure: str, name: str, period: Period, due: date, first, as_at: date) -> dict:
    status = str(_status(first, due, as_at))
    values = (
        member.member_id,
        member.name,
        measure,
        name,
        period.name,
        due,
        status,
        first,
        send_to(framework, measure),
    )
    return dict(zip(WINDOW_COLUMNS, values, strict=True))


def collection_window(
    framework: Framework, register: pd.DataFrame, first: pd.DataFrame, period: Period, as_at: date
) -> pd.DataFrame:
    """One row per member and measure due for ``period``, as at ``as_at`` (:data:`WINDOW_COLUMNS`).

    ``first`` holds each member's first return of each measure for the period submitted by ``as_at``
    (:func:`compact_analysis.evidence.signoffs.first_returns`); anything later is not known and not read.
    """
    due = due_date(framework, period)
    known = first[[d is not None and d <= as_at for d in first["first_submitted"]]] if len(first) else first
    sent = {
        (m, k): d for m, k, d in zip(known["member_id"], known["measure_id"], known["first_submitted"], strict=True)
    }
    members = members_as_at(register, period.end(framework.terms)).sort_values("member_id")
    names = {m.id: m.name for m in framework.measures}
    rows = [
        _row(framework, member, measure, names[measure], period, due, sent.get((member.member_id, measure)), as_at)
        for member in members.itertuples(index=False)
        for measure in measures_due(framework, period)
    ]
    return pd.DataFrame(rows, columns=WINDOW_COLUMNS)


def chase_list(window: pd.DataFrame) -> pd.DataFrame:
    """The rows of a collection window a member is chased for: overdue, then not yet due, by member."""
    owed = window[window["status"].isin([str(s) for s in OWED])]
    return owed.sort_values(["member_id", "due", "measure_id"], kind="stable").reset_index(drop=True)


def window_counts(window: pd.DataFrame) -> dict[str, int]:
    """How many member-measure returns are in each status (every status present, zero if none)."""
    counts = window["status"].value_counts()
    return {str(s): int(counts.get(str(s), 0)) for s in CollectionStatus}
