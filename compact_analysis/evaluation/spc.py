"""Statistical process control: is a change in a monthly series more than noise?

Spec: "for monthly series, also whether a change is more than noise (statistical process control as
NHS "Making Data Count" does it: an XmR chart with limits at the mean ± 2.66 × the average moving
range; a shift is 7 consecutive points on one side of the mean, a trend 7 consecutive points each
above (or below) the one before, as the NHS-R plot-the-dots package counts them; say how a point on
the mean and a repeated value are treated), so a report does not call random wobble a trend."

The rules follow NHSRplotthedots 0.2.2 (github.com/nhs-r-community/NHSRplotthedots, commit 050b07d,
``R/ptd_spc_standard.R`` and ``R/ptd_calculate_point_type.R``): a point's side is sign(value - mean),
so a point on the mean (side 0) breaks a shift; a trend is 6 successive differences of one sign, so a
repeated value (difference 0) breaks a trend; the 2-of-3 rule it also applies is not used here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

LIMIT_FACTOR = 2.66
RUN_LENGTH = 7
MIN_POINTS_FOR_CHART = 2
MIN_POINTS_FOR_FIXED_LIMITS = 12
POLARITIES = ("higher", "lower", "neutral")
TIE_TOLERANCE = 1e-9

COMMON_CAUSE = "common cause"
IMPROVEMENT = "special cause improvement"
CONCERN = "special cause concern"
NEUTRAL = "special cause neutral"

METHOD = (
    "XmR chart as NHS England 'Making Data Count' and NHSRplotthedots 0.2.2: centre line the mean; "
    "process limits the mean ± 2.66 × the average moving range (mean of |x[i] - x[i-1]|), both taken over "
    "the baseline points; no moving range is screened out (as the Making Data Count Excel tool; "
    "plotthedots screens ranges above 3.267 × the average by default). Special cause, in priority order: "
    "a point above the upper or below the lower limit (a point on a limit is inside); a trend, 7 points "
    "each above (or below) the one before, i.e. 6 successive rises (or falls); a shift, 7 or more "
    "consecutive points on one side of the mean. As in plotthedots, a point on the mean is on neither side "
    "and breaks a shift, and a repeated value is neither a rise nor a fall and breaks a trend (the NHS "
    "Institute run-chart guide instead lets a repeat neither add to nor break a trend, plotthedots PR #24). "
    "Values within 1e-9 of the series' scale count as equal. The 2-of-3-near-the-limits rule is not "
    "applied. Fewer than 12 baseline points: limits are provisional (plotthedots warns below 12); fewer "
    "than 2 points: no chart."
)


@dataclass(frozen=True)
class XmR:
    """An XmR chart: centre line, limits, per-point signals and a one-line summary for a report.

    ``points`` has columns label, value, moving_range, outside_limits, shift, trend, signal, variation.
    Without a chart (fewer than 2 points) mean and limits are None and ``points`` has no flags set.
    """

    mean: float | None
    average_moving_range: float | None
    upper_limit: float | None
    lower_limit: float | None
    points: pd.DataFrame
    polarity: str
    baseline_points: int
    provisional: bool
    summary: str
    method: str


def _signs(differences: np.ndarray, scale: float) -> np.ndarray:
    """-1, 0 or 1 per difference, with differences within the tie tolerance of the scale taken as 0."""
    signs = np.sign(differences)
    signs[np.abs(differences) <= TIE_TOLERANCE * scale] = 0
    return signs.astype(int)


def _run_lengths(signs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Length of the run of equal signs each element belongs to, and the index where that run starts."""
    n = len(signs)
    if n == 0:
        return np.zeros(0, dtype=int), np.zeros(0, dtype=int)
    breaks = np.flatnonzero(np.diff(signs) != 0) + 1
    starts = np.concatenate(([0], breaks))
    lengths = np.diff(np.concatenate((starts, [n])))
    run = np.repeat(np.arange(len(starts)), lengths)
    return lengths[run], starts[run]


def shift_flags(sides: np.ndarray) -> np.ndarray:
    """Part of a shift: in a run of at least 7 consecutive points on the same (non-zero) side of the mean."""
    length, _ = _run_lengths(sides)
    return (sides != 0) & (length >= RUN_LENGTH)


def trend_directions(steps: np.ndarray) -> np.ndarray:
    """Per point, +1/-1 if part of a trend of 7 points (6 successive rises/falls), else 0.

    ``steps`` are the n-1 signs of successive differences. A point at the join of two trends takes the
    later one's direction, as plotthedots does.
    """
    length, _ = _run_lengths(steps)
    in_trend = np.where((steps != 0) & (length >= RUN_LENGTH - 1), steps, 0)
    direction = np.zeros(len(steps) + 1, dtype=int)
    direction[1:] = in_trend
    later = np.concatenate((in_trend, [0]))
    return np.where(later != 0, later, direction)


def _classify(direction: np.ndarray, polarity: str) -> np.ndarray:
    """Variation class from the signal's direction (+1 high, -1 low, 0 none) and the polarity."""
    if polarity == "neutral":
        return np.where(direction != 0, NEUTRAL, COMMON_CAUSE)
    good = 1 if polarity == "higher" else -1
    return np.select([direction == good, direction == -good], [IMPROVEMENT, CONCERN], COMMON_CAUSE)


def _signals(points: pd.DataFrame, sides: np.ndarray, trend: np.ndarray, upper: float) -> tuple[np.ndarray, np.ndarray]:
    """The rule that flags each point (limits, then trend, then shift) and its direction."""
    above = points["value"].to_numpy() > upper
    outside, shift = points["outside_limits"].to_numpy(), points["shift"].to_numpy()
    signal = np.select(
        [outside & above, outside, trend > 0, trend < 0, shift & (sides > 0), shift],
        ["above upper limit", "below lower limit", "trend up", "trend down", "shift above mean", "shift below mean"],
        "",
    )
    direction = np.select([outside, trend != 0, shift], [np.where(above, 1, -1), trend, sides], 0)
    return signal, direction


def _latest(points: pd.DataFrame, sides: np.ndarray, steps: np.ndarray) -> str:
    """What the last point's signal says, in words, e.g. "7 points above the mean since 2009-10-M04"."""
    last = points.iloc[-1]
    signal, labels = last["signal"], points["label"].tolist()
    if signal in ("above upper limit", "below lower limit"):
        side, limit = signal.split(" ", 1)
        return f"the latest value ({last['value']:g} at {last['label']}) is {side} the {limit}"
    if signal.startswith("trend"):
        first = int(_run_lengths(steps)[1][-1])
        word = "above" if signal == "trend up" else "below"
        return f"{len(points) - first} points each {word} the one before since {labels[first]}"
    length, start = _run_lengths(sides)
    word = "above" if sides[-1] > 0 else "below"
    return f"{int(length[-1])} points {word} the mean since {labels[int(start[-1])]}"


def _summary(points: pd.DataFrame, sides: np.ndarray, steps: np.ndarray, used: int) -> str:
    """One line for a report: the signal at the latest point, or that its change is common-cause."""
    prefix = f"Provisional limits ({used} points): " if used < MIN_POINTS_FOR_FIXED_LIMITS else ""
    last = points.iloc[-1]
    if last["variation"] == COMMON_CAUSE:
        earlier = points.loc[points["variation"] != COMMON_CAUSE, "label"]
        note = f" (an earlier signal ended at {earlier.iloc[-1]})" if len(earlier) else ""
        return f"{prefix}No signal: the last change is within common-cause variation{note}"
    kind = last["variation"].removeprefix("special cause ")
    return f"{prefix}Special cause: {kind}: {_latest(points, sides, steps)}"


def _no_chart(labels: list[str], values: np.ndarray, polarity: str) -> XmR:
    """The clear return for a series too short for a moving range."""
    points = pd.DataFrame(
        {
            "label": labels,
            "value": values,
            "moving_range": np.full(len(values), np.nan),
            "outside_limits": False,
            "shift": False,
            "trend": False,
            "signal": "",
            "variation": COMMON_CAUSE,
        }
    )
    points_word = "point" if len(values) == 1 else "points"
    summary = f"No chart: {len(values)} {points_word}; at least {MIN_POINTS_FOR_CHART} are needed for a moving range"
    return XmR(None, None, None, None, points, polarity, len(values), True, summary, METHOD)


def xmr(
    values: Sequence[float],
    labels: Sequence[str] | None = None,
    polarity: str = "higher",
    baseline_points: int | None = None,
) -> XmR:
    """XmR chart of a series in time order, with Making Data Count signals classed by ``polarity``.

    ``polarity`` says which way is better ("higher", "lower" or "neutral"); mean and limits come from the
    first ``baseline_points`` values (all if None), as plotthedots' ``fix_after_n_points``.
    """
    if polarity not in POLARITIES:
        raise ValueError(f"polarity must be one of {POLARITIES}, not {polarity!r}")
    series = np.asarray(values, dtype=float)
    if not np.all(np.isfinite(series)):
        raise ValueError("values must be finite numbers in time order (no gaps)")
    labels = [str(i + 1) for i in range(len(series))] if labels is None else [str(label) for label in labels]
    if len(labels) != len(series):
        raise ValueError(f"{len(labels)} labels for {len(series)} values")
    if baseline_points is not None and baseline_points < MIN_POINTS_FOR_CHART:
        raise ValueError(f"baseline_points must be at least {MIN_POINTS_FOR_CHART}, not {baseline_points}")
    used = len(series) if baseline_points is None else min(baseline_points, len(series))
    if used < MIN_POINTS_FOR_CHART:
        return _no_chart(labels, series, polarity)

    baseline = series[:used]
    mean = float(baseline.mean())
    average_moving_range = float(np.abs(np.diff(baseline)).mean())
    upper = mean + LIMIT_FACTOR * average_moving_range
    lower = mean - LIMIT_FACTOR * average_moving_range
    scale = max(float(np.abs(series).max()), 1.0)
    sides = _signs(series - mean, scale)
    steps = _signs(np.diff(series), scale)
    trend = trend_directions(steps)

    points = pd.DataFrame(
        {
            "label": labels,
            "value": series,
            "moving_range": np.concatenate(([np.nan], np.abs(np.diff(series)))),
            "outside_limits": (series > upper) | (series < lower),
            "shift": shift_flags(sides),
            "trend": trend != 0,
        }
    )
    signal, direction = _signals(points, sides, trend, upper)
    points["signal"] = signal
    points["variation"] = _classify(direction, polarity)
    summary = _summary(points, sides, steps, used)
    provisional = used < MIN_POINTS_FOR_FIXED_LIMITS
    return XmR(mean, average_moving_range, upper, lower, points, polarity, used, provisional, summary, METHOD)
