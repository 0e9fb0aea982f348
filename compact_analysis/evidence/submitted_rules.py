"""What a submitted date and a correction cell may hold, beyond being a date and a yes/no.

- A submitted date after the ingest's own as-at date (the day of the run, or ``--as-at``,
  recorded with the file as ``ingested_at``) is quarantined as ``submitted-in-future``: a return
  cannot have been sent after it was received (``2099-07-10`` is a typing slip).
- A numeric date with a two-digit year (``15/10/09``, ``15-10-09``) is quarantined as
  ``two-digit-year``: the century is a guess (the day-first forms read ``09`` as year 9), so it
  is not made; ``10-Jul-09`` stays accepted, as documented, because the month name shows the form.
- A correction cell must be blank or a yes/no word (:mod:`compact_analysis.plan.yes_no`);
  anything else (``maybe``, ``corrected``) is a ``type-error``, never silently "no".

The rules are SQL over ingest's ``prepared`` table; :func:`record_as_at` writes the as-at date
they compare with into the temp table ``ingest_as_at``.
"""

from __future__ import annotations

from datetime import date

import duckdb

from compact_analysis.evidence.reasons import Reason
from compact_analysis.plan.yes_no import YES_NO_HELP, YES_NO_WORDS

#: A day, month and year in digits with a two-digit (or shorter) year: 15/10/09, 1.2.10, 15-10-09.
TWO_DIGIT_YEAR = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{1,2}"
TWO_DIGIT_YEAR_MESSAGE = (
    "a two-digit year: the century is not guessed; write the year in full (15/10/2009 or 2009-10-15)"
)


def two_digit_year_sql(text: str) -> str:
    """SQL: whether a trimmed submitted cell is a numeric date with a two-digit year.

    Such a date is at most 8 characters, so longer cells (every ISO date) skip the regex.
    """
    return f"CASE WHEN length({text}) > 8 THEN FALSE ELSE regexp_full_match({text}, '{TWO_DIGIT_YEAR}') END"


def record_as_at(con: duckdb.DuckDBPyConnection, as_at: date | None) -> None:
    """The ingest's as-at date as a one-row temp table (NULL: no date given, so no future check)."""
    con.execute("CREATE OR REPLACE TEMP TABLE ingest_as_at AS SELECT ?::DATE AS as_at", [as_at])


def correction_fault_sql(cell: str) -> str:
    """SQL: whether a correction cell holds something other than blank or a yes/no word."""
    return f"coalesce(trim({cell}) <> '' AND lower(trim({cell})) NOT IN {YES_NO_WORDS}, FALSE)"


#: Failures in ingest's failed-cells shape (the cell named, shown from ``raw``); UNION ALL'd into its checks.
SUBMITTED_CHECKS = f"""
SELECT record_id, sheet, source_row, 'submitted', 'submitted', '{Reason.TWO_DIGIT_YEAR}', '{TWO_DIGIT_YEAR_MESSAGE}'
FROM prepared r WHERE two_digit_year
UNION ALL
SELECT record_id, sheet, source_row, 'submitted', 'submitted', '{Reason.SUBMITTED_IN_FUTURE}',
       'after the day the file was ingested (' || strftime(a.as_at, '%Y-%m-%d') || '): a return cannot be sent later'
FROM prepared r, ingest_as_at a WHERE a.as_at IS NOT NULL AND submitted_date > a.as_at
UNION ALL
SELECT record_id, sheet, source_row, 'correction', 'correction', '{Reason.TYPE_ERROR}',
       '{YES_NO_HELP}, or blank for a row that is not a correction'
FROM prepared r WHERE correction_fault
"""

__all__ = ["SUBMITTED_CHECKS", "TWO_DIGIT_YEAR", "correction_fault_sql", "record_as_at", "two_digit_year_sql"]
