"""The scorecard's "Sign-off" section: who signed off the member's return for the period, and when.

Sign-offs are recorded by ``compact-analysis returns sign-off`` in the evidence store
(:mod:`compact_analysis.evidence.signoffs`); the scorecard shows the latest signed on or before its
evidence date, so a scorecard rendered again as at the same date reads the same.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from compact_analysis.evidence.signoffs import signoffs_as_at
from compact_analysis.evidence.store import open_store
from compact_analysis.presentation import html as ui


def signoff_sentence(signoffs, member_id: str, period: str) -> str:
    """One sentence: signed off by whom on which day, or not signed off (``signoffs``: :func:`signoffs_as_at`)."""
    mine = signoffs[(signoffs["member_id"] == member_id) & (signoffs["period"] == period)]
    if mine.empty:
        return f"The return for {period} has not been signed off."
    row = mine.iloc[-1]
    return f"The return for {period} was signed off by {row['signed_by']} on {row['signed_on']:%-d %B %Y}."


def no_signoffs() -> pd.DataFrame:
    """An empty sign-off table: no return signed off."""
    return pd.DataFrame(columns=["member_id", "period", "signed_by", "signed_on"])


def read_signoffs(store_path: Path, as_at: date) -> pd.DataFrame:
    """Every sign-off as at ``as_at`` (:func:`signoffs_as_at`), read once for all of a period's scorecards."""
    with open_store(store_path, read_only=True) as con:
        return signoffs_as_at(con, as_at)


def signoff_section(signoffs: pd.DataFrame, member_id: str, period: str) -> ui.Html:
    """The section's paragraph (escaped: the name is typed by a person); ``signoffs`` from :func:`read_signoffs`."""
    return ui.paragraph(signoff_sentence(signoffs, member_id, period))
