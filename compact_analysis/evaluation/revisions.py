"""Revisions: figures of earlier periods a paper cites that have changed since those periods were published.

A paper for period P with evidence date D cites earlier periods Q: the previous period and the same period a
year earlier (:mod:`~compact_analysis.evaluation.history`), and, for an indicator with a trajectory chart,
every earlier period of the year. Q's own paper used Q's evidence date (``default_as_at(framework, Q)``);
where an indicator's value for Q as at that date differs from its value as at D, the figure was revised.
Each revision is labelled by its cause, as official statistics label them (ONS revisions policy; Code of
Practice for Statistics, Q3.4): a **correction** (a return marked ``correction=yes`` superseding an earlier
one), a **late return** (first submitted after Q's evidence date), or a **resubmission** (a later return
superseding an earlier one without being marked a correction, so its cause is not known).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import pandas as pd

from compact_analysis.errors import PeriodError
from compact_analysis.evaluation.context import EvaluationContext
from compact_analysis.evaluation.evaluate import Evaluation, default_as_at
from compact_analysis.evaluation.figures import FIGURE_KINDS
from compact_analysis.evaluation.indicators import IndicatorValue
from compact_analysis.plan.framework import Framework, Indicator
from compact_analysis.plan.periods import Period


class RevisionCause(StrEnum):
    """Why a published figure changed (ONS revisions policy: late data, corrections of errors)."""

    CORRECTION = "correction"
    LATE_RETURN = "late return"
    RESUBMISSION = "resubmission"


@dataclass(frozen=True)
class RevisingReturn:
    """One stored return that moved a published figure: the member's row now in force, and why it is new."""

    member_id: str
    measure_id: str
    period: str
    value: str
    submitted: date
    file: str
    cause: RevisionCause

    def describe(self) -> str:
        """'M030 pledge-level 2009-10-Q2: committed, sent 2010-02-19 in 2009-10-corrections.csv (correction)'."""
        return (
            f"{self.member_id} {self.measure_id} {self.period}: {self.value}, sent {self.submitted.isoformat()} "
            f"in {self.file} ({self.cause})"
        )


@dataclass(frozen=True)
class Revision:
    """An indicator's figure for an earlier period: as published (on ``published_on``) and as known now."""

    indicator_id: str
    indicator_name: str
    period: str
    published_on: date
    published: float | None  # None: no member had returned it by the period's evidence date
    now: float | None
    returns: tuple[RevisingReturn, ...]

    @property
    def size(self) -> float | None:
        """Now minus as published; None when nothing was published."""
        return None if self.published is None or self.now is None else self.now - self.published

    @property
    def causes(self) -> tuple[RevisionCause, ...]:
        """The distinct causes of the returns behind it, in the enum's order."""
        found = {r.cause for r in self.returns}
        return tuple(c for c in RevisionCause if c in found)

    @property
    def cause(self) -> str:
        """The causes in words: 'correction', 'late return', 'correction, late return and resubmission'."""
        words = [str(c) for c in self.causes]
        if not words:
            return "not traced to a return"
        return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def latest_rows(submissions: pd.DataFrame, as_at: date) -> pd.DataFrame:
    """Each member, measure and period's latest row submitted by ``as_at`` (as ``observations_as_at``: ties on
    the date go to the row ingested last)."""
    known = submissions[submissions["submitted"] <= as_at]
    known = known.sort_values(["submitted", "observation_id"], kind="stable")
    latest = known.groupby(["member_id", "measure_id", "period"], as_index=False, sort=False).tail(1)
    return latest.sort_values(["measure_id", "member_id", "period_end"], kind="stable").reset_index(drop=True)


def cited_periods(framework: Framework, period: Period, charted: bool) -> tuple[Period, ...]:
    """The earlier periods whose figures a paper for ``period`` shows: the previous period, the same period a
    year earlier and, when the indicator's trajectory chart is shown, every earlier period of the year."""
    found = [p for p in framework.periods(period.cadence) if p < period and p.year == period.year] if charted else []
    for earlier in (period.previous, lambda terms: period.year_earlier()):
        try:
            candidate = earlier(framework.terms)
            candidate.bounds(framework.terms)
        except PeriodError:  # termly periods without term dates for that year
            continue
        found.append(candidate)
    return tuple(sorted(set(found)))


def revisions(evaluation: Evaluation, submissions: pd.DataFrame, register: pd.DataFrame) -> tuple[Revision, ...]:
    """Every figure of an earlier period cited by ``evaluation``'s paper that changed since its publication.

    ``submissions`` is every row submitted by the evidence date (:func:`~compact_analysis.evidence.submissions.
    submissions_as_at`), not only the latest, so the figures as at each earlier evidence date can be rebuilt.
    In framework order, then period order.
    """
    fw, as_at = evaluation.framework, evaluation.as_at
    now = EvaluationContext(fw, latest_rows(submissions, as_at), register)
    then: dict[date, EvaluationContext] = {}
    found = []
    for result in evaluation.results:
        indicator = result.indicator
        if indicator.measure is None or indicator.aggregate in ("none", "milestone"):
            continue
        for earlier in cited_periods(fw, evaluation.period, result.has_trajectory):
            published_on = default_as_at(fw, earlier)
            if published_on >= as_at:  # not yet published on this paper's evidence date
                continue
            if published_on not in then:
                then[published_on] = EvaluationContext(fw, latest_rows(submissions, published_on), register)
            revision = _revision(indicator, earlier, then[published_on], now, submissions, published_on)
            if revision is not None:
                found.append(revision)
    return tuple(found)


def _revision(
    indicator: Indicator,
    period: Period,
    then: EvaluationContext,
    now: EvaluationContext,
    submissions: pd.DataFrame,
    published_on: date,
) -> Revision | None:
    """The revision of one indicator's figure for one earlier period, or None when it is unchanged."""
    start, end = period.bounds(now.framework.terms)
    target = indicator.target_in_force(end)
    before, _ = then.value(indicator, target, start, end)
    after, _ = now.value(indicator, target, start, end)
    if before.shown == after.shown:
        return None
    rows = _rows_behind(indicator, before, after, now.observations, then.observations, (start, end), published_on)
    causes = [_cause(row, submissions, published_on) for row in rows.itertuples(index=False)]
    returns = tuple(
        RevisingReturn(r.member_id, r.measure_id, r.period, str(r.value), r.submitted, str(r.file or ""), cause)
        for r, cause in zip(rows.itertuples(index=False), causes, strict=True)
    )
    return Revision(indicator.id, indicator.name, period.name, published_on, before.shown, after.shown, returns)


def _rows_behind(
    indicator: Indicator,
    before: IndicatorValue,
    after: IndicatorValue,
    now_rows: pd.DataFrame,
    then_rows: pd.DataFrame,
    bounds: tuple[date, date],
    published_on: date,
) -> pd.DataFrame:
    """The rows in force now, submitted after ``published_on``, that changed a member's part in the figure.

    A sum reads every row of the period: a row counts if its number differs from the row in force then (or
    there was none). A count reads each member's latest row: a member counts if whether it was counted or
    (when no one's count moved: whether it had returned) differs between then and now, and its row in force now is
    new.
    """
    start, end = bounds
    rows = now_rows[(now_rows["measure_id"] == indicator.measure) & (now_rows["period_end"] <= end)]
    members = set(before.members_returned) | set(after.members_returned)
    if indicator.aggregate in FIGURE_KINDS:  # a figure reads every row of the period, not a latest state
        rows = rows[(rows["period_end"] >= start) & rows["member_id"].isin(members)]
        old = then_rows.set_index(["member_id", "measure_id", "period"])["value_number"].to_dict()
        changed = [
            old.get((m, s, p)) is None or old.get((m, s, p)) != n
            for m, s, p, n in zip(
                rows["member_id"], rows["measure_id"], rows["period"], rows["value_number"], strict=True
            )
        ]
        rows = rows[changed]
    else:
        rows = rows.sort_values(["member_id", "period_end"], kind="stable").groupby("member_id").tail(1)
        moved = set(before.members_counted) ^ set(after.members_counted)
        moved = moved or set(before.members_returned) ^ set(after.members_returned)  # no return -> 0
        rows = rows[rows["member_id"].isin(moved)]
    rows = rows[rows["submitted"] > published_on]
    return rows.sort_values(["member_id", "period_end", "submitted"], kind="stable").reset_index(drop=True)


def _cause(row, submissions: pd.DataFrame, published_on: date) -> RevisionCause:
    """Late if no row for the member, measure and period had been submitted by ``published_on``; otherwise a
    correction when marked ``correction=yes``, else a resubmission."""
    earlier = submissions[
        (submissions["member_id"] == row.member_id)
        & (submissions["measure_id"] == row.measure_id)
        & (submissions["period"] == row.period)
        & (submissions["submitted"] <= published_on)
    ]
    if earlier.empty:
        return RevisionCause.LATE_RETURN
    return RevisionCause.CORRECTION if bool(row.is_correction) else RevisionCause.RESUBMISSION


def revisions_frame(found: tuple[Revision, ...]) -> pd.DataFrame:
    """The revisions as a table for analysts (the ``revisions`` command and its CSV): one row per figure."""
    columns = ["indicator_id", "indicator", "period", "published_on", "as_published", "now", "size", "cause", "returns"]
    return pd.DataFrame(
        [
            (
                r.indicator_id,
                r.indicator_name,
                r.period,
                r.published_on.isoformat(),
                r.published,
                r.now,
                r.size,
                r.cause,
                "; ".join(x.describe() for x in r.returns),
            )
            for r in found
        ],
        columns=columns,
    )
