"""Indicator values as at a period end, per member and in total.

Members who have not returned are counted as "no return", never as zero.
A level implies the ones below it: a member at stage 3 counts toward stage 2
and toward commitment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

import numpy as np
import pandas as pd

from compact_analysis.evaluation import figures
from compact_analysis.evaluation.figures import Rows
from compact_analysis.plan.framework import Framework, Indicator


@dataclass(frozen=True)
class IndicatorValue:
    """An indicator's value with the members behind it."""

    indicator_id: str
    value: float | None
    members_counted: tuple[str, ...]
    members_returned: tuple[str, ...]
    members_without_return: tuple[str, ...]
    denominator: int
    #: "count" (count-at-level, count-yes, gap-closed) or the figure's aggregate (:mod:`.figures`).
    kind: str = "count"
    #: What a figure says of itself ("running total from 1 April 2009"); returns not read for their cadence.
    note: str = ""
    not_read: int = 0

    @property
    def shown(self) -> float | None:
        """The value a paper shows: None when no member returned the measure (no return is never a zero)."""
        return self.value if self.members_returned else None

    @property
    def response_rate(self) -> float | None:
        return len(self.members_returned) / self.denominator if self.denominator else None

    @property
    def share_of_members(self) -> Fraction | None:
        """Members counted over the deemed members (the denominator of shares), exact."""
        if self.value is None or not self.denominator:
            return None
        return Fraction(len(self.members_counted), self.denominator)

    @property
    def share_of_returned(self) -> Fraction | None:
        """Members counted over the members who returned the measure, exact."""
        if self.value is None or not self.members_returned:
            return None
        return Fraction(len(set(self.members_counted) & set(self.members_returned)), len(self.members_returned))


def latest_state(observations: pd.DataFrame, measure_id: str, period_end: date) -> pd.DataFrame:
    """Each member's latest value of a measure for a period ending on or before ``period_end``."""
    rows = observations[(observations["measure_id"] == measure_id) & (observations["period_end"] <= period_end)]
    rows = rows.sort_values(["member_id", "period_end", "submitted"])
    return rows.groupby("member_id", as_index=False).tail(1).reset_index(drop=True)


class Evidence:
    """Observations indexed once so each as-at lookup is a few numpy operations, not a pandas filter.

    Per measure, rows are sorted by member, period end and submission date; "latest state at a date"
    is then the last row per member among rows whose period ends on or before it (as :func:`latest_state`).
    """

    def __init__(self, observations: pd.DataFrame):
        self._by_measure: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}
        self._periods: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        if observations.empty:
            return
        frame = observations.sort_values(["measure_id", "member_id", "period_end", "submitted"], kind="stable")
        ends = pd.to_datetime(frame["period_end"]).to_numpy(dtype="datetime64[D]")
        measures = frame["measure_id"].to_numpy()
        members = frame["member_id"].to_numpy()
        values = frame["value"].to_numpy()
        numbers = pd.to_numeric(frame["value_number"], errors="coerce").to_numpy(dtype=float)
        names = frame["period"].astype(str).to_numpy(dtype=object) if "period" in frame else np.full(len(frame), "")
        cadences = pd.Series(names, dtype=object).str.extract(r"^\d{4}-\d{2}(?:-([QMT])\d+)?$")[0]
        cadences = cadences.fillna("Y").where(pd.Series(names, dtype=object) != "", "").to_numpy(dtype=object)
        bounds = np.flatnonzero(measures[1:] != measures[:-1]) + 1
        for lo, hi in zip(np.r_[0, bounds], np.r_[bounds, len(frame)], strict=True):
            self._by_measure[measures[lo]] = (members[lo:hi], ends[lo:hi], values[lo:hi], numbers[lo:hi])
            self._periods[measures[lo]] = (names[lo:hi], cadences[lo:hi])

    def latest(self, measure_id: str, period_end: date) -> tuple[np.ndarray, np.ndarray]:
        """Members and their latest value for periods ending on or before ``period_end``."""
        found = self._by_measure.get(measure_id)
        if found is None:
            return np.array([], dtype=object), np.array([], dtype=object)
        members, ends, values, _ = found
        idx = np.flatnonzero(ends <= np.datetime64(period_end, "D"))
        if not len(idx):
            return members[idx], values[idx]
        chosen = members[idx]
        last = np.r_[chosen[1:] != chosen[:-1], True]
        return chosen[last], values[idx][last]

    def rows(self, measure_id: str) -> Rows:
        """A measure's returns with their period names and cadence codes (:mod:`.figures` reads these)."""
        found = self._by_measure.get(measure_id)
        if found is None:
            return Rows.empty()
        members, ends, _, numbers = found
        names, cadences = self._periods[measure_id]
        return Rows(members, ends, numbers, names, cadences)

    def within(self, measure_id: str, start: date, end: date) -> tuple[np.ndarray, np.ndarray]:
        """Members and numbers for periods ending between ``start`` and ``end`` inclusive."""
        found = self._by_measure.get(measure_id)
        if found is None:
            return np.array([], dtype=object), np.array([], dtype=float)
        members, ends, _, numbers = found
        mask = (ends >= np.datetime64(start, "D")) & (ends <= np.datetime64(end, "D"))
        return members[mask], numbers[mask]


def indicator_value(
    framework: Framework,
    indicator: Indicator,
    observations: pd.DataFrame,
    members: pd.DataFrame,
    period_start: date,
    period_end: date,
    evidence: Evidence | None = None,
) -> IndicatorValue:
    """Value of one indicator for the members given (normally the deemed members at the period end).

    ``evidence`` is ``observations`` indexed once (:class:`Evidence`); pass it when evaluating many
    indicators or periods from the same observations.
    """
    ids = set(members["member_id"])
    if indicator.measure is None or indicator.aggregate in ("none", "gap-closed", "milestone"):
        return IndicatorValue(indicator.id, None, (), (), tuple(sorted(ids)), len(ids))
    evidence = evidence if evidence is not None else Evidence(observations)
    measure = framework.measure(indicator.measure)
    if indicator.aggregate in figures.FIGURE_KINDS:
        return _figure_value(framework, indicator, ids, evidence, period_start, period_end)
    who, values = evidence.latest(measure.id, period_end)
    keep = np.fromiter((m in ids for m in who), dtype=bool, count=len(who))
    who, values = who[keep], values[keep]
    returned = set(who)
    if indicator.aggregate == "count-at-level":
        levels = framework.scale(measure.scale).levels
        floor = levels.index(indicator.level)
        rank = {name: i for i, name in enumerate(levels)}
        counted = {m for m, v in zip(who, values, strict=True) if rank.get(v, -1) >= floor}
    else:  # count-yes
        counted = set(who[values == "yes"])
    value = float(len(counted))
    return IndicatorValue(
        indicator.id,
        value,
        tuple(sorted(counted)),
        tuple(sorted(returned)),
        tuple(sorted(ids - returned)),
        len(ids),
    )


def _figure_value(
    framework: Framework, indicator: Indicator, ids: set, evidence: Evidence, start: date, end: date
) -> IndicatorValue:
    """A sum, mean, rate, partnership value or running total (:mod:`.figures`) as an :class:`IndicatorValue`."""
    rows = evidence.rows(indicator.measure)
    if indicator.aggregate == "rate":
        found = figures.rate(rows, evidence.rows(indicator.denominator), ids, start, end, indicator)
    elif indicator.aggregate == "value":
        found = figures.partnership_value(rows, end, indicator.cadence)
    elif indicator.aggregate == "cumulative-sum":
        found = figures.cumulative(rows, ids, framework, indicator, end)
    else:
        found = figures.summed(rows, ids, start, end, indicator.cadence, indicator.aggregate)
    return IndicatorValue(
        indicator.id,
        found.value,
        tuple(sorted(found.counted)),
        tuple(sorted(found.returned)),
        tuple(sorted(ids - found.returned)),
        len(ids),
        figures.kind_of(indicator.aggregate),
        found.note,
        found.not_read,
    )


def conversion_rate(numerator: IndicatorValue, denominator: IndicatorValue) -> Fraction | None:
    """One monitored figure over another (e.g. staff enrolling over staff identified), exact; None if undefined.

    Seed 000, priority 2: "Compact to record participation figures, numbers identified as requiring SfL
    support and numbers enrolling on SfL courses".
    """
    if numerator.value is None or not denominator.value or not denominator.members_returned:
        return None
    return Fraction(numerator.value).limit_denominator() / Fraction(denominator.value).limit_denominator()
