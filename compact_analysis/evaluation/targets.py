"""Trajectories toward targets, RAG status, direction of travel and analyst overrides.

Every status carries the inputs, the rule and the thresholds that gave it, so
the report's method appendix can explain it. Three named rules ship: the
trajectory rule (the framework default), a UK council rule, and Open SDG's
progress status.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction
from pathlib import Path

from compact_analysis.errors import InputError


@dataclass(frozen=True)
class Status:
    """A status in words, with the reason, rule, inputs and thresholds that gave it.

    ``code`` is one of green, amber, red, no-data, target-not-set, target-overdue, monitored,
    not-started, in-progress, delivered, overdue, target-achieved, on-track, needs-acceleration,
    limited-progress, deterioration, not-available, not-evaluated.
    """

    code: str
    label: str
    reason: str
    rule: str = ""
    inputs: dict[str, object] = field(default_factory=dict)
    thresholds: dict[str, object] = field(default_factory=dict)

    def explain(self) -> str:
        """One line for the method appendix: rule, thresholds, inputs and the outcome."""
        parts = [f"{self.label}: {self.reason}."]
        if self.rule:
            parts.append(f"Rule: {self.rule}.")
        if self.thresholds:
            parts.append("Thresholds: " + ", ".join(f"{k} {_fmt(v)}" for k, v in self.thresholds.items()) + ".")
        if self.inputs:
            parts.append("Inputs: " + ", ".join(f"{k} = {_fmt(v)}" for k, v in self.inputs.items()) + ".")
        return " ".join(parts)


def _fmt(value: object) -> str:
    if isinstance(value, Fraction):
        return f"{float(value):.2f}" if value.denominator != 1 else str(value.numerator)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


TRAJECTORY_RULE = "green on or better than the trajectory; amber worse but within the tolerance; red otherwise"
UK_COUNCIL_RULE = (
    "green on target or within 10%; amber more than 10% off but improved on the same period last year; "
    "red more than 10% off and not improved"
)
OPEN_SDG_RULE = (
    "observed rate of progress over the rate required to reach the target by its date: 0.95 or more on track; "
    "0.60 to 0.95 needs acceleration; 0 to 0.60 limited progress; below 0 deterioration; target achieved once met"
)

#: The named status rules a framework can choose (``rag.rule``), each in words.
RULES = {"trajectory": TRAJECTORY_RULE, "uk-council": UK_COUNCIL_RULE, "open-sdg": OPEN_SDG_RULE}


def rag_against_trajectory(
    actual: float | None, expected: Fraction, tolerance: float, polarity: str = "higher"
) -> Status:
    """Green on or better than trajectory; amber worse but within ``tolerance`` of it; red otherwise."""
    thresholds = {"amber tolerance": f"{tolerance:.0%}"}
    if actual is None:
        return Status("no-data", "No data", "no member has returned this measure", TRAJECTORY_RULE, {}, thresholds)
    actual_f = Fraction(actual)
    tol = Fraction(str(tolerance))
    if polarity == "lower":
        on_track, near = actual_f <= expected, actual_f <= expected * (1 + tol)
    else:
        on_track, near = actual_f >= expected, actual_f >= expected * (1 - tol)
    expected_text = f"{float(expected):.1f}"
    inputs = {"value": actual, "expected on trajectory": expected, "polarity": polarity}
    if on_track:
        return Status(
            "green",
            "Green: on track",
            f"{actual:g} is at or better than the trajectory's {expected_text}",
            TRAJECTORY_RULE,
            inputs,
            thresholds,
        )
    if near:
        return Status(
            "amber",
            "Amber: slightly behind",
            f"{actual:g} is behind {expected_text} by no more than {tolerance:.0%}",
            TRAJECTORY_RULE,
            inputs,
            thresholds,
        )
    return Status(
        "red",
        "Red: off track",
        f"{actual:g} is behind {expected_text} by more than {tolerance:.0%}",
        TRAJECTORY_RULE,
        inputs,
        thresholds,
    )


def rag_uk_council(
    actual: float | None,
    expected: Fraction,
    year_earlier: float | None,
    polarity: str = "higher",
    tolerance: Fraction = Fraction(1, 10),
) -> Status:
    """A UK council rule: green on target or within 10%; amber more than 10% off but improved on
    the same period last year; red more than 10% off and not improved (or nothing to compare with)."""
    thresholds = {"within": f"{float(tolerance):.0%}"}
    if actual is None:
        return Status("no-data", "No data", "no member has returned this measure", UK_COUNCIL_RULE, {}, thresholds)
    a = Fraction(actual)
    inputs = {"value": actual, "target now": expected, "same period last year": year_earlier, "polarity": polarity}
    within = a >= expected * (1 - tolerance) if polarity == "higher" else a <= expected * (1 + tolerance)
    if within:
        return Status(
            "green",
            "Green: on target or within 10%",
            f"{actual:g} against {float(expected):.1f}",
            UK_COUNCIL_RULE,
            inputs,
            thresholds,
        )
    if direction_of_travel(actual, year_earlier, polarity) == "improved":
        return Status(
            "amber",
            "Amber: off target but improving",
            f"{actual:g} is more than 10% off {float(expected):.1f} but better than {year_earlier:g} a year earlier",
            UK_COUNCIL_RULE,
            inputs,
            thresholds,
        )
    why = "no value a year earlier to show improvement" if year_earlier is None else f"not better than {year_earlier:g}"
    return Status(
        "red",
        "Red: off target, not improving",
        f"{actual:g} is more than 10% off {float(expected):.1f}; {why}",
        UK_COUNCIL_RULE,
        inputs,
        thresholds,
    )


SDG_THRESHOLDS = {"on track": 0.95, "needs acceleration": 0.60, "limited progress": 0.0}


def open_sdg_progress(
    baseline_value: float | None,
    baseline_date: date,
    current: float | None,
    at: date,
    target_value: float,
    due: date,
    polarity: str = "higher",
) -> Status:
    """Open SDG progress status: observed rate over the rate required to reach the target by its date.

    Growth rates (compound, per year) when the baseline is above 0; a linear rate (change per day)
    when the baseline is 0, where a growth rate is undefined. Thresholds 0.95 / 0.60 / 0.
    """
    thresholds = dict(SDG_THRESHOLDS)
    inputs = {
        "baseline": baseline_value,
        "baseline date": baseline_date,
        "value": current,
        "date": at,
        "target": target_value,
        "due": due,
    }
    if current is None or baseline_value is None:
        return Status("not-available", "Not available", "no value to compare", OPEN_SDG_RULE, inputs, thresholds)
    met = current >= target_value if polarity == "higher" else current <= target_value
    if met:
        return Status(
            "target-achieved",
            "Target achieved",
            f"{current:g} meets {target_value:g}",
            OPEN_SDG_RULE,
            inputs,
            thresholds,
        )
    elapsed = (at - baseline_date).days
    remaining = (due - baseline_date).days
    if elapsed <= 0:
        return Status(
            "not-available",
            "Not available",
            "no time has passed since the baseline, so no rate can be observed",
            OPEN_SDG_RULE,
            inputs,
            thresholds,
        )
    if remaining <= 0 or target_value == baseline_value:
        return Status(
            "not-available",
            "Not available",
            "the target leaves no required change to compare with",
            OPEN_SDG_RULE,
            inputs,
            thresholds,
        )
    if baseline_value == 0 or current <= 0 or target_value <= 0:
        observed = Fraction(current) - Fraction(baseline_value)
        required = (Fraction(target_value) - Fraction(baseline_value)) * Fraction(elapsed, remaining)
        ratio = float(observed / required)
        method = "linear rates (a growth rate is undefined from 0)"
    else:
        years_elapsed, years_total = elapsed / 365.25, remaining / 365.25
        observed_g = (current / baseline_value) ** (1 / years_elapsed) - 1
        required_g = (target_value / baseline_value) ** (1 / years_total) - 1
        ratio = observed_g / required_g
        method = "compound annual growth rates"
    inputs["ratio"] = round(ratio, 3)
    inputs["method"] = method
    for code, label, floor in (
        ("on-track", "On track", 0.95),
        ("needs-acceleration", "Needs acceleration", 0.60),
        ("limited-progress", "Limited progress", 0.0),
    ):
        if ratio >= floor:
            return Status(code, label, f"progress ratio {ratio:.2f} ({method})", OPEN_SDG_RULE, inputs, thresholds)
    return Status(
        "deterioration",
        "Deterioration",
        f"progress ratio {ratio:.2f} ({method})",
        OPEN_SDG_RULE,
        inputs,
        thresholds,
    )


def shortfall(value: float | None, expected: Fraction | None, polarity: str = "higher") -> Fraction | None:
    """How far ``value`` is behind the trajectory's ``expected`` (negative when ahead), respecting polarity."""
    if value is None or expected is None:
        return None
    gap = expected - Fraction(value)
    return gap if polarity == "higher" else -gap


def direction_of_travel(current: float | None, previous: float | None, polarity: str = "higher") -> str:
    """``improved``, ``worse``, ``no change`` or ``not comparable``, respecting polarity."""
    if current is None or previous is None:
        return "not comparable"
    if current == previous:
        return "no change"
    better = current > previous if polarity == "higher" else current < previous
    return "improved" if better else "worse"


@dataclass(frozen=True)
class Override:
    """An analyst's override of a computed status, with a written reason; the report shows both."""

    indicator_id: str
    period: str
    status: str
    label: str
    reason: str
    by: str
    on: date


OVERRIDE_COLUMNS = ("indicator_id", "period", "status", "label", "reason", "by", "date")


def load_overrides(path: str | Path) -> tuple[Override, ...]:
    """Read an overrides CSV (``indicator_id,period,status,label,reason,by,date``); empty if absent.

    Every override needs a written reason; a row without one raises :class:`InputError` naming it.
    """
    path = Path(path)
    if not path.exists():
        return ()
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in OVERRIDE_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(OVERRIDE_COLUMNS)}")
        out = []
        for line, row in enumerate(reader, start=2):
            for column in ("indicator_id", "period", "status", "reason", "by", "date"):
                if not (row[column] or "").strip():
                    raise InputError(f"{path}: row {line}, column {column}: blank (an override needs it)")
            try:
                on = date.fromisoformat(row["date"].strip())
            except ValueError:
                raise InputError(f"{path}: row {line}, column date: expected YYYY-MM-DD, got {row['date']!r}") from None
            out.append(
                Override(
                    row["indicator_id"].strip(),
                    row["period"].strip(),
                    row["status"].strip(),
                    (row["label"] or row["status"]).strip(),
                    row["reason"].strip(),
                    row["by"].strip(),
                    on,
                )
            )
    return tuple(out)


def find_override(overrides: tuple[Override, ...], indicator_id: str, period: str, as_at: date) -> Override | None:
    """The latest override for an indicator and period made on or before ``as_at``."""
    found = [o for o in overrides if o.indicator_id == indicator_id and o.period == period and o.on <= as_at]
    return max(found, key=lambda o: o.on) if found else None


def overridden(status: Status, override: Override) -> Status:
    """The status to show when an analyst overrides ``status``; the computed one stays in ``inputs``."""
    return replace(
        status,
        code=override.status,
        label=override.label,
        reason=f"overridden by {override.by} on {override.on:%-d %B %Y}: {override.reason}",
        rule="analyst override",
        inputs={**status.inputs, "computed status": status.label},
    )
