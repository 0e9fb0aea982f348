"""Trajectories toward targets, RAG status, direction of travel and analyst overrides.

Every status carries the inputs, the rule and the thresholds that gave it, so
the report's method appendix can explain it. Three named rules ship: the
trajectory rule (the framework default), a UK council rule, and Open SDG's
progress status.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction
from pathlib import Path

from compact_analysis.errors import InputError
from compact_analysis.evaluation.status import Direction, Status, StatusCode, no_return

TRAJECTORY_RULE = "green on or better than the trajectory; amber worse but within the tolerance; red otherwise"

#: The UK council rule's tolerance: green within this share of the value on the trajectory now.
UK_COUNCIL_TOLERANCE = Fraction(1, 10)


def _uk_council_rule(tolerance: Fraction) -> str:
    """The UK council rule in words, for a tolerance (10% by default). It compares with the value on the
    trajectory now (the target itself once it is due), so it says so."""
    within = f"{float(tolerance):.0%}"
    return (
        f"green on the trajectory or within {within} of it; amber more than {within} off but improved on the same "
        f"period last year; red more than {within} off and not improved"
    )


UK_COUNCIL_RULE = _uk_council_rule(UK_COUNCIL_TOLERANCE)

#: Open SDG's progress bands, best first: (code, label, lowest progress ratio in the band). Below the last
#: band is deterioration. The rule text and the thresholds the method appendix prints are built from these.
SDG_BANDS = (
    (StatusCode.ON_TRACK, "On track", 0.95),
    (StatusCode.NEEDS_ACCELERATION, "Needs acceleration", 0.60),
    (StatusCode.LIMITED_PROGRESS, "Limited progress", 0.0),
)
SDG_THRESHOLDS = {label.lower(): floor for _, label, floor in SDG_BANDS}


def _sdg_rule() -> str:
    """Open SDG's rule in words from :data:`SDG_BANDS` ('0.95 or more on track; 0.60 to 0.95 needs ...')."""

    def number(x: float) -> str:
        return "0" if x == 0 else f"{x:.2f}"

    bands, upper = [], None
    for _, label, floor in SDG_BANDS:
        span = f"{number(floor)} or more" if upper is None else f"{number(floor)} to {number(upper)}"
        bands.append(f"{span} {label.lower()}")
        upper = floor
    return (
        "observed rate of progress over the rate required to reach the target by its date: "
        + "; ".join(bands)
        + f"; below {number(upper)} deterioration; target achieved once met"
    )


OPEN_SDG_RULE = _sdg_rule()

#: The named status rules a framework can choose (``rag.rule``), each in words.
RULES = {"trajectory": TRAJECTORY_RULE, "uk-council": UK_COUNCIL_RULE, "open-sdg": OPEN_SDG_RULE}


def rag_against_trajectory(
    actual: float | None, expected: Fraction, tolerance: float, polarity: str = "higher"
) -> Status:
    """Green on or better than trajectory; amber worse but within ``tolerance`` of it; red otherwise."""
    thresholds = {"amber tolerance": f"{tolerance:.0%}"}
    if actual is None:
        return no_return(TRAJECTORY_RULE, thresholds)
    actual_f = Fraction(actual)
    tol = Fraction(str(tolerance))
    if polarity == "lower":
        on_track, near = actual_f <= expected, actual_f <= expected * (1 + tol)
    else:
        on_track, near = actual_f >= expected, actual_f >= expected * (1 - tol)
    expected_text = f"{float(expected):.1f}"
    inputs = {"value": actual, "expected on trajectory": expected, "polarity": polarity}
    if on_track:
        code, label, reason = (
            StatusCode.GREEN,
            "Green: on track",
            f"is at or better than the trajectory's {expected_text}",
        )
    elif near:
        code, label = StatusCode.AMBER, "Amber: slightly behind"
        reason = f"is behind {expected_text} by no more than {tolerance:.0%}"
    else:
        code, label, reason = (
            StatusCode.RED,
            "Red: off track",
            f"is behind {expected_text} by more than {tolerance:.0%}",
        )
    return Status(code, label, f"{actual:g} {reason}", TRAJECTORY_RULE, inputs, thresholds)


def rag_uk_council(
    actual: float | None,
    expected: Fraction,
    year_earlier: float | None,
    polarity: str = "higher",
    tolerance: Fraction = UK_COUNCIL_TOLERANCE,
) -> Status:
    """A UK council rule: green on the trajectory now (``expected``) or within 10% of it; amber more than 10% off
    but improved on the same period last year; red more than 10% off and not improved (or nothing to compare with)."""
    rule, within_text = _uk_council_rule(tolerance), f"{float(tolerance):.0%}"
    thresholds = {"within": within_text}
    if actual is None:
        return no_return(rule, thresholds)
    a = Fraction(actual)
    inputs = {
        "value": actual,
        "on the trajectory now": expected,
        "same period last year": year_earlier,
        "polarity": polarity,
    }
    within = a >= expected * (1 - tolerance) if polarity == "higher" else a <= expected * (1 + tolerance)
    off = f"{actual:g} is more than {within_text} off the trajectory's {float(expected):.1f}"
    if within:
        label = f"Green: on the trajectory or within {within_text}"
        reason = f"{actual:g} against {float(expected):.1f} on the trajectory now"
        return Status(StatusCode.GREEN, label, reason, rule, inputs, thresholds)
    if direction_of_travel(actual, year_earlier, polarity) == Direction.IMPROVED:
        reason = f"{off} but better than {year_earlier:g} a year earlier"
        return Status(StatusCode.AMBER, "Amber: off target but improving", reason, rule, inputs, thresholds)
    why = "no value a year earlier to show improvement" if year_earlier is None else f"not better than {year_earlier:g}"
    return Status(StatusCode.RED, "Red: off target, not improving", f"{off}; {why}", rule, inputs, thresholds)


def open_sdg_progress(
    baseline_value: float | None,
    baseline_date: date,
    current: float | None,
    at: date,
    target_value: float,
    due: date,
    polarity: str = "higher",
    expected_now: float | None = None,
) -> Status:
    """Open SDG progress status: the observed rate over the rate required, direction-adjusted (see
    :func:`progress_ratio`), banded by :data:`SDG_BANDS`. ``expected_now`` is the trajectory's value now when the
    target has a profile: the required rate is then the profile's, to that value by now. The ratio is given for
    an achieved target too; "not available" says why where the method cannot compute one."""
    thresholds = dict(SDG_THRESHOLDS)
    inputs = {
        "baseline": baseline_value,
        "baseline date": baseline_date,
        "value": current,
        "date": at,
        "target": target_value,
        "due": due,
    }
    if expected_now is not None:
        inputs["profile value now"] = expected_now

    def status(code: str, label: str, reason: str) -> Status:
        return Status(code, label, reason, OPEN_SDG_RULE, inputs, thresholds)

    if current is None or baseline_value is None:
        return status(StatusCode.NOT_AVAILABLE, "Not available", "no value to compare")
    elapsed, remaining = (at - baseline_date).days, (due - baseline_date).days
    ratio, method = None, "no time has passed since the baseline, so no rate can be observed"
    if elapsed > 0 and remaining > 0:
        ratio, method = progress_ratio(
            baseline_value, current, target_value, elapsed, remaining, polarity, expected_now
        )
    if ratio is not None:
        inputs["ratio"], inputs["method"] = round(ratio, 3), method
    met = current >= target_value if polarity != "lower" else current <= target_value
    if met:
        ratio_words = f" (progress ratio {ratio:.2f}, {method})" if ratio is not None else ""
        return status(StatusCode.TARGET_ACHIEVED, "Target achieved", f"{current:g} meets {target_value:g}{ratio_words}")
    if ratio is None:
        return status(StatusCode.NOT_AVAILABLE, "Not available", f"not computable: {method}")
    return status(*sdg_band(ratio), f"progress ratio {ratio:.2f} ({method})")


def sdg_band(ratio: float) -> tuple[StatusCode, str]:
    """The code and label of the first of :data:`SDG_BANDS` whose floor ``ratio`` reaches; else deterioration."""
    for code, label, floor in SDG_BANDS:
        if ratio >= floor:
            return code, label
    return StatusCode.DETERIORATION, "Deterioration"


def progress_ratio(
    baseline: float,
    current: float,
    target: float,
    elapsed: int,
    remaining: int,
    polarity: str = "higher",
    expected_now: float | None = None,
) -> tuple[float | None, str]:
    """Open SDG's ratio R = s · d · CAGR_observed / |CAGR_required| and the method in words; None (with why) where
    the method cannot compute one.

    As sdg-build's ``SeriesProgress``: d is -1 where lower is better, s is -1 where the values are negative, and
    the required rate enters by its size only, so the ratio's sign says whether the figure moved the right way
    even when the baseline is already past the target. Growth rates hold only when every value is positive or
    every value negative; otherwise not computable. From a baseline of 0 (no growth rate) the rates are linear,
    this package's stated departure (the published code refuses a zero baseline). The required rate runs to the
    target by its due date (``remaining`` days), or, given ``expected_now`` (a profile's value now), to that
    value by now (``elapsed`` days).
    """
    d = -1 if polarity == "lower" else 1
    goal, span = (target, remaining) if expected_now is None else (expected_now, elapsed)
    towards = "the target by its due date" if expected_now is None else "the profile's value now"
    if baseline == 0:
        required = (Fraction(goal) - Fraction(baseline)) * Fraction(elapsed, span)
        if required == 0:
            return None, f"reaching {towards} requires no change from the baseline"
        observed = Fraction(current) - Fraction(baseline)
        return float(d * observed / abs(required)), f"linear rates (a growth rate is undefined from 0), to {towards}"
    values = (baseline, current, goal)
    if not (all(v > 0 for v in values) or all(v < 0 for v in values)):
        return None, "a growth rate needs every value positive or every value negative (here 0 or both signs)"
    sign = -1 if baseline < 0 else 1
    observed_g = (current / baseline) ** (365.25 / elapsed) - 1
    required_g = (goal / baseline) ** (365.25 / span) - 1
    if required_g == 0:
        return None, f"reaching {towards} requires no change from the baseline"
    return sign * d * observed_g / abs(required_g), f"compound annual growth rates, direction-adjusted, to {towards}"


def shortfall(value: float | None, expected: Fraction | None, polarity: str = "higher") -> Fraction | None:
    """How far ``value`` is behind the trajectory's ``expected`` (negative when ahead), respecting polarity."""
    if value is None or expected is None:
        return None
    gap = expected - Fraction(value)
    return gap if polarity == "higher" else -gap


def direction_of_travel(current: float | None, previous: float | None, polarity: str = "higher") -> Direction:
    """``improved``, ``worse``, ``no change`` or ``not comparable``, respecting polarity; ``up`` or ``down`` for
    an information-only figure (polarity ``none``: neither way is better)."""
    if current is None or previous is None:
        return Direction.NOT_COMPARABLE
    if current == previous:
        return Direction.NO_CHANGE
    if polarity == "none":
        return Direction.UP if current > previous else Direction.DOWN
    better = current > previous if polarity == "higher" else current < previous
    return Direction.IMPROVED if better else Direction.WORSE


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
