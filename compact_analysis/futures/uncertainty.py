"""How uncertain demand is: the demographic variants and the participation trend, as one interval.

Method (stated in the paper): the participation history gives the LA-wide participation rate of each
past year (young people in any route / all young people, every area and age together). A straight line
is fitted to it by least squares; its 80% prediction interval at year ``t`` has the half-width

    h(t) = t(0.90, n - 2) × s × sqrt(1 + 1/n + (t - mean year)² / Σ (year - mean year)²)

with ``s`` the residual standard error over ``n`` years (no widening with fewer than three years). The
low bound of demand takes the low variant's cohort and the scenario's rates lowered by ``h`` (not below
0); the high bound the high variant's cohort and the rates raised by ``h`` (not above 1). A variant
without a cohort file is replaced by the scenario's own.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy.special import stdtrit  # the t quantile; scipy.stats takes seconds to import, this does not

from compact_analysis.futures.history import NOT_PARTICIPATING

#: The coverage of the participation-trend interval.
COVERAGE = 0.80


def la_rates(participation: pd.DataFrame) -> pd.DataFrame:
    """year, rate: the LA-wide participation rate of each year of the history."""
    total = participation.groupby("year")["young_people"].sum().astype(float)
    learners = participation[participation["route"] != NOT_PARTICIPATING].groupby("year")["young_people"].sum()
    rate = (learners.reindex(total.index, fill_value=0) / total).rename("rate")
    return rate.reset_index()


def trend(history: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """year, rate, half_width: the fitted straight line at ``years`` and its prediction half-width.

    ``history``: year, rate. With fewer than three years the line is flat at the last rate, half-width 0.
    """
    n = len(history)
    if n < 3:
        last = float(history["rate"].iloc[-1]) if n else 0.0
        return pd.DataFrame({"year": years, "rate": last, "half_width": 0.0})
    x = history["year"].astype(float)
    y = history["rate"].astype(float)
    mean = x.mean()
    sxx = float(((x - mean) ** 2).sum())
    slope = float(((x - mean) * (y - y.mean())).sum()) / sxx
    intercept = float(y.mean()) - slope * mean
    residual = y - (intercept + slope * x)
    s = math.sqrt(float((residual**2).sum()) / (n - 2))
    quantile = float(stdtrit(n - 2, 0.5 + COVERAGE / 2))
    rows = [
        (year, intercept + slope * year, quantile * s * math.sqrt(1 + 1 / n + (year - mean) ** 2 / sxx))
        for year in years
    ]
    return pd.DataFrame(rows, columns=["year", "rate", "half_width"])


def widened(rates: np.ndarray, half_widths: np.ndarray, sign: int) -> np.ndarray:
    """The rate path [area, age, year] moved by ``sign`` × each year's half-width, kept within 0 and 1."""
    return np.clip(rates + sign * half_widths[None, None, :], 0.0, 1.0)
