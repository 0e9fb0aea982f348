"""Where each value known on a date came from: the return file, its row (and sheet) and the submitted date.

Issue #24 item 8 (Code of Practice for Statistics, Q3: "every published value can be traced to the returns
behind it"). The store keeps each observation's ``file_id`` and ``source_row`` (:mod:`.store`); this reads
the same rows as :func:`~compact_analysis.evidence.store.observations_as_at` (the latest submission of each
member, measure and period on or before the date) with the file's name beside them.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

SOURCE_COLUMNS = ("member_id", "measure_id", "period", "period_end", "value", "submitted", "file", "sheet", "row")


def observation_sources(con: duckdb.DuckDBPyConnection, as_at: date) -> pd.DataFrame:
    """Each value known on ``as_at`` with the file, sheet and row it was read from (rows counted as in the
    failure vocabulary: the header is row 1) and its submitted date, ordered by measure, member and period end."""
    frame = con.execute(
        """
        SELECT o.member_id, o.measure_id, o.period, o.period_end, o.value, o.submitted,
               f.name AS file, o.sheet, o.source_row AS row
        FROM observations o JOIN files f USING (file_id)
        WHERE o.submitted <= ?
        QUALIFY row_number() OVER (
            PARTITION BY o.member_id, o.measure_id, o.period ORDER BY o.submitted DESC, o.observation_id DESC
        ) = 1
        ORDER BY o.measure_id, o.member_id, o.period_end
        """,
        [as_at],
    ).df()
    for column in ("period_end", "submitted"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame[list(SOURCE_COLUMNS)]
