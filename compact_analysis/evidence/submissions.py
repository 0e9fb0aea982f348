"""Every return row the store held on a date, not only the latest: what revisions are traced back to.

:func:`~compact_analysis.evidence.store.observations_as_at` keeps the latest row of each member, measure
and period; this keeps them all, with whether each was marked ``correction=yes`` and the file it came in,
so a figure that changed since a paper was published can be traced to the returns that changed it.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd


def submissions_as_at(con: duckdb.DuckDBPyConnection, as_at: date) -> pd.DataFrame:
    """Every observation submitted on or before ``as_at``, in the order ingested, with its file's name."""
    frame = con.execute(
        """
        SELECT o.observation_id, o.member_id, o.measure_id, o.period, o.period_end, o.value, o.value_number,
               o.comment, o.submitted, o.is_correction, f.name AS file
        FROM observations o LEFT JOIN files f USING (file_id)
        WHERE o.submitted <= ?
        ORDER BY o.observation_id
        """,
        [as_at],
    ).df()
    for column in ("period_end", "submitted"):
        frame[column] = frame[column].dt.date
    return frame
