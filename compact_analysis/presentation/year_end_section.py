"""The paper's year-end section: every target due by the period end or evidence date, achieved or missed.

Shown only once some target is due by the period end (:func:`compact_analysis.evaluation.year_end.is_due`); before that it is
empty, heading and all. The rows come from :func:`compact_analysis.evaluation.year_end_table.year_end_table`.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from compact_analysis.evaluation.results import Evaluation
from compact_analysis.evaluation.year_end_table import year_end_table
from compact_analysis.presentation import html as ui
from compact_analysis.presentation.narrative import counted


def year_end_section(evaluation: Evaluation) -> ui.Html:
    """The heading, a sentence counting targets achieved and missed, and the table; empty before any is due."""
    table = year_end_table(evaluation)
    if table.empty:
        return ui.Html("")
    outcomes = Counter(table["outcome"])
    other = [f"{n} {word}" for word, n in outcomes.items() if word not in ("achieved", "missed")]
    sentence = (
        f"{counted(len(table), 'target')} {'was' if len(table) == 1 else 'were'} due by "
        f"{evaluation.period_end:%-d %B %Y}: {outcomes['achieved']} achieved, {outcomes['missed']} missed"
        + "".join(f", {text}" for text in other)
        + f". A numeric target is judged on its value at the due date, from the returns submitted by "
        f"{evaluation.as_at:%-d %B %Y}; a milestone on whether it was delivered."
    )
    shown = pd.DataFrame(
        {
            "Priority": table["priority"],
            "Indicator": table["indicator"],
            "Due": table["due"].map(lambda d: f"{d:%-d %B %Y}"),
            "Target": table["target"],
            "Value at the due date": table["value"],
            "outcome": table["outcome"],
            "Outcome": table["outcome"].str.capitalize(),
            "Margin": table["margin"],
        }
    )
    caption = f"Targets due by {evaluation.period_end:%-d %B %Y}, achieved or missed"
    return ui.Html(
        ui.heading("Year end")
        + ui.paragraph(sentence)
        + ui.table(shown, caption, status_columns=("outcome", "Outcome"), nowrap=("Due",))
    )
