"""What one evaluation call works from, indexed once: the observations, deemed members by date, baselines.

An evaluation asks for the same few dates and indicators many times (this period, the two before it,
a year earlier, every step of a forecast, every month of an XmR chart); the context answers each once.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from compact_analysis.evaluation.baseline import BaselineResult, evaluate_baseline
from compact_analysis.evaluation.indicators import Evidence, IndicatorValue, indicator_value
from compact_analysis.plan.framework import Framework, Indicator, Target
from compact_analysis.plan.members import current_ids, deemed_members


class EvaluationContext:
    """The framework, the observations known as at the evidence date and the member register, with caches."""

    def __init__(self, framework: Framework, observations: pd.DataFrame, register: pd.DataFrame):
        self.framework = framework
        self.observations = observations
        self.register = register
        self.evidence = Evidence(observations)
        self._evidence_by_successors: dict[frozenset, Evidence] = {frozenset(): self.evidence}
        self._has_successors = "successor_id" in register.columns and register["successor_id"].fillna("").ne("").any()
        self._members: dict[date, pd.DataFrame] = {}
        self._baselines: dict[str, BaselineResult] = {}

    def members(self, day: date) -> pd.DataFrame:
        """Deemed members on ``day``, cached: one evaluation asks for the same few dates many times."""
        if day not in self._members:
            self._members[day] = deemed_members(self.register, day)
        return self._members[day]

    def evidence_at(self, day: date) -> Evidence:
        """The evidence with each merged or renamed member's returns under its successor as on ``day``.

        A predecessor's history counts toward its successor once it has left (``members.current_id``), so a
        merger does not drop a Pledge stage the predecessor had reached.
        """
        if not self._has_successors:
            return self.evidence
        moved = frozenset((old, new) for old, new in current_ids(self.register, day).items() if old != new)
        if moved not in self._evidence_by_successors:
            mapped = self.observations.assign(member_id=self.observations["member_id"].replace(dict(moved)))
            self._evidence_by_successors[moved] = Evidence(mapped)
        return self._evidence_by_successors[moved]

    def baseline(self, indicator: Indicator, target: Target) -> BaselineResult:
        """The frozen baseline of a gap indicator (the same for every period of one call), cached."""
        if indicator.id not in self._baselines:
            self._baselines[indicator.id] = evaluate_baseline(
                self.framework, indicator, self.observations, self.register, target.baseline_date
            )
        return self._baselines[indicator.id]

    def value(
        self, indicator: Indicator, target: Target | None, start: date, end: date
    ) -> tuple[IndicatorValue, BaselineResult | None]:
        """An indicator's value for the period ``start``..``end``, with the baseline behind it for a share of a
        baseline gap (None otherwise)."""
        if indicator.aggregate == "gap-closed" and target is not None and target.kind == "share-of-baseline-gap":
            return self._gap_closed(indicator, target, end)
        members = self.members(end)
        value = indicator_value(
            self.framework, indicator, self.observations, members, start, end, evidence=self.evidence_at(end)
        )
        return value, None

    def _gap_closed(
        self, indicator: Indicator, target: Target, end: date
    ) -> tuple[IndicatorValue, BaselineResult | None]:
        """Members who lacked the measure at the baseline and now answer "yes" (as :func:`baseline.gap_closed`)."""
        ids = set(self.members(end)["member_id"])
        if end < target.baseline_date:  # nothing to close before the baseline is taken
            return IndicatorValue(indicator.id, None, (), (), tuple(sorted(ids)), len(ids)), None
        base = self.baseline(indicator, target)
        who, answers = self.evidence.latest(indicator.measure, end)
        yes = {m for m, a in zip(who, answers, strict=True) if str(a).lower() == "yes"}
        closed = tuple(m for m in base.lacking if m in yes and m in ids)  # a member that has left counts no more
        returned = set(who) & ids
        value = IndicatorValue(
            indicator.id, float(len(closed)), closed, tuple(sorted(returned)), tuple(sorted(ids - returned)), len(ids)
        )
        return value, base
