"""The conversions a framework names (its funnels): one figure over another, exactly, as the plan pairs them.

Issue 21: "a plan's funnels are specific (tested -> at level 2 or above -> at level 3)". Each conversion of
the framework's ``conversions`` divides its numerator indicator's value by its denominator's for the period
(:func:`~compact_analysis.evaluation.indicators.conversion_rate`: None when either has no return, or the
denominator is 0); nothing is paired that the framework does not name.
"""

from __future__ import annotations

import pandas as pd

from compact_analysis.evaluation.indicators import IndicatorValue, conversion_rate
from compact_analysis.plan.framework import Framework

CONVERSION_COLUMNS = ["id", "name", "numerator", "denominator", "numerator_value", "denominator_value", "rate"]


def conversions_frame(framework: Framework, values: dict[str, IndicatorValue]) -> pd.DataFrame:
    """One row per named conversion, in the framework's order (see the module docstring)."""
    rows = []
    for conversion in framework.conversions:
        numerator, denominator = values[conversion.numerator], values[conversion.denominator]
        rows.append(
            {
                "id": conversion.id,
                "name": conversion.name,
                "numerator": conversion.numerator,
                "denominator": conversion.denominator,
                "numerator_value": numerator.shown,
                "denominator_value": denominator.shown,
                "rate": conversion_rate(numerator, denominator),
            }
        )
    return pd.DataFrame(rows, columns=CONVERSION_COLUMNS)
