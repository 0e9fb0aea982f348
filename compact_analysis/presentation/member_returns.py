"""A member's returns in words: what each value means, how often each return is due, what was sent and what is owed.

The scorecard's tables of a member's own returns. Everything comes from the framework: levels in words
from its scales, measure names from its measures, and when each return is due from the cadences of its
indicators, so another partnership's framework needs no code changes.
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd

from compact_analysis.plan.framework import Framework, Scale
from compact_analysis.plan.members import members_as_at
from compact_analysis.plan.periods import Period

#: Cadences from the most to the least frequent, to break ties between equally frequent ones.
CADENCE_ORDER = ("monthly", "half-termly", "quarterly", "termly", "annual")


# -- words for values ------------------------------------------------------------


def readable_code(code: str) -> str:
    """A level code as words: ``not-committed`` -> "Not committed", ``stage-2`` -> "Stage 2"."""
    words = " ".join(str(code).replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:] if words else str(code)


def level_label(scale: Scale, code: str) -> str:
    """A level as a reader sees it. The framework's scales list level codes only (no labels), so this is
    the readable form of the code; one place to change if scales ever carry labels."""
    return readable_code(code)


def number_text(number: float) -> str:
    """A returned number as written: thousands separated, whole numbers without decimals, others to at most 6."""
    number = float(number)
    return f"{number:,.0f}" if number.is_integer() else f"{number:,.6f}".rstrip("0").rstrip(".")


def value_in_words(framework: Framework, measure_id: str, value: object, number: object = None) -> str:
    """A returned value as a reader should see it: a level's label, "yes"/"no", or the number."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    try:
        measure = framework.measure(measure_id)
    except KeyError:
        return str(value)
    if measure.type == "level" and measure.scale:
        try:
            return level_label(framework.scale(measure.scale), str(value))
        except KeyError:
            return readable_code(str(value))
    if measure.type == "yes-no":
        return str(value).strip().lower()
    if measure.type == "number":
        found = pd.to_numeric(pd.Series([number, value], dtype=object), errors="coerce").dropna()
        return number_text(float(found.iloc[0])) if len(found) else str(value)
    return str(value)


# -- returns owed ---------------------------------------------------------------------


def _frequency(framework: Framework, cadence: str) -> tuple[float, int]:
    """Sort key, most frequent first: periods a year (a framework may have six terms), then CADENCE_ORDER."""
    per_year = len(framework.periods(cadence)) / len(framework.years)
    return -per_year, CADENCE_ORDER.index(cadence) if cadence in CADENCE_ORDER else len(CADENCE_ORDER)


def measure_cadences(framework: Framework) -> dict[str, str]:
    """How often each measure is returned: the most frequent cadence of the indicators built on it.

    A measure used by a monthly and a quarterly indicator is returned monthly (the months add up to
    the quarter, and the latest monthly return is the quarter's state); a measure no indicator uses is
    returned at the framework's ``default_cadence``. Ties (four terms and four quarters) go to the
    earlier of monthly, quarterly, termly, annual.
    """
    used: dict[str, set[str]] = {}
    for ind in framework.indicators:
        if ind.measure is not None:
            used.setdefault(ind.measure, set()).add(ind.cadence)
    for plan in (p for p in framework.plans if p.spend is not None):  # a budgeted plan's spend, at its cadence
        used.setdefault(plan.spend, set()).add(plan.cadence)
    return {
        m.id: min(used.get(m.id) or {framework.default_cadence}, key=lambda c: _frequency(framework, c))
        for m in framework.measures
    }


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


_ADVERB = {"annual": "annually"}


def cadence_sentence(framework: Framework) -> str:
    """Which member returns are due how often, in words, from :func:`measure_cadences`."""
    cadences = measure_cadences(framework)
    by_cadence: dict[str, list[str]] = {}
    for measure in framework.measures:
        if measure.reported_by == "members":
            by_cadence.setdefault(cadences[measure.id], []).append(measure.name)
    if not by_cadence:
        return "Members return no measures under this framework."
    order = sorted(by_cadence, key=lambda c: _frequency(framework, c))
    return " ".join(f"Due {_ADVERB.get(cadence, cadence)}: {_and_list(by_cadence[cadence])}." for cadence in order)


def returns_owed(
    framework: Framework, observations: pd.DataFrame, register: pd.DataFrame, member_id: str, period: Period
) -> pd.DataFrame:
    """Returns a member should have sent for this year's periods up to ``period`` and has not.

    Each measure members report is due at its cadence from :func:`measure_cadences` (the most frequent
    cadence of the indicators using it, else the framework's default); only periods the member belonged
    for (on their last day) are owed.
    """
    member = register[register["member_id"] == member_id]
    cadences = measure_cadences(framework)
    mine = observations[observations["member_id"] == member_id]  # once, not once per measure and period
    sent = set(zip(mine["measure_id"], mine["period"], strict=True))
    belonged: dict[date, bool] = {}
    rows = []
    for measure in framework.measures:
        if measure.reported_by != "members":
            continue
        for due in framework.periods(cadences[measure.id]):
            end = due.end(framework.terms)
            if due.year != period.year or end > period.end(framework.terms):
                continue
            if end not in belonged:  # measures share due dates: the register is read once per date
                belonged[end] = len(members_as_at(member, end)) > 0
            if not belonged[end]:
                continue
            if (measure.id, due.name) not in sent:
                rows.append({"Measure": measure.name, "Period": due.name})
    return pd.DataFrame(rows, columns=["Measure", "Period"])


# -- returns received -----------------------------------------------------------------

RECEIVED_COLUMNS = ["Period", "Measure", "Value", "Submitted", "Comment"]


def returns_received(framework: Framework, observations: pd.DataFrame, member_id: str, period: Period) -> pd.DataFrame:
    """The member's returns for this year's periods ending by ``period``'s end, in order of period end.

    Measures by name, values in words (:func:`value_in_words`); comments are the member's own text, kept
    as typed (the table escapes them).
    """
    end = period.end(framework.terms)
    mine = observations[(observations["member_id"] == member_id) & (observations["period_end"] <= end)]
    mine = mine[mine["period"].astype(str).str.startswith(period.year_name)]
    names = {m.id: m.name for m in framework.measures}
    numbers = mine["value_number"] if "value_number" in mine else pd.Series(None, index=mine.index)
    comments = mine["comment"] if "comment" in mine else pd.Series(None, index=mine.index)
    shown = pd.DataFrame(
        {
            "Period": mine["period"],
            "Measure": mine["measure_id"].map(lambda m: names.get(m, m)),
            "Value": [
                value_in_words(framework, m, v, n)
                for m, v, n in zip(mine["measure_id"], mine["value"], numbers, strict=True)
            ],
            "Submitted": mine["submitted"],
            "Comment": pd.Series(
                [c if isinstance(c, str) and c.strip() else None for c in comments], index=mine.index, dtype=object
            ),
            "_end": mine["period_end"],
        }
    )
    shown = shown.sort_values(["_end", "Period", "Measure"], kind="stable")
    return shown[RECEIVED_COLUMNS].reset_index(drop=True)
