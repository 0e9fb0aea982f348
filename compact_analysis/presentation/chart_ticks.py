"""The x axis of a trajectory chart: one tick a period, over this year, or over every year a plan runs.

A one-year plan's chart ticks its year's periods ("Q1" ... "Q4"). A plan of several years (issue #21 item 2)
ticks every period of the cadence from the first year drawn to the plan's last year, so the chart runs across
the years with the steps drawn: an annual period is named in full ("2011-12", never "12"), and an in-year
period says its year at the first period of each year ("Q1 2011-12", then "Q2").
"""

from __future__ import annotations

from datetime import date

from compact_analysis.plan.framework import Framework
from compact_analysis.plan.periods import Period


def chart_ticks(framework: Framework, first: Period, current: Period) -> list[tuple[date, str]]:
    """(period end, label) for each period of ``current``'s cadence the chart spans: ``current``'s year for a
    one-year plan; from ``first``'s year (the earliest period drawn) to the plan's last year otherwise."""
    periods = framework.periods(current.cadence)
    if len(framework.years) < 2:
        shown = [p for p in periods if p.year == current.year]
        return [(p.end(framework.terms), p.name.split("-")[-1]) for p in shown]
    shown = [p for p in periods if p.year >= first.year]
    ticks, seen = [], set()
    for p in shown:
        if p.cadence == "Y":
            label = p.name
        else:
            short = p.name.split("-")[-1]
            label = short if p.year in seen else f"{short}\n{p.year_name}"
        seen.add(p.year)
        ticks.append((p.end(framework.terms), label))
    return ticks
