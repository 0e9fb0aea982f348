"""The fast missing-cell rule decides exactly as the rule it replaced: ``length(cell) <= 8 AND lower(trim(cell)) IN markers``."""

from __future__ import annotations

import duckdb
import pytest

from compact_analysis.evidence.missing_cells import MISSING_MARKERS, missing_trimmed_sql

# Expected by hand: a marker in any case with spaces around is missing; anything else is not.
CELLS = [
    (None, True),
    ("", True),
    ("   ", True),
    (" N/A ", True),
    ("nA", True),
    ("--", True),
    (" - ", True),
    ("---", False),  # three dashes is not a marker
    ("n/a.", False),
    ("nan", False),
    ("0", False),
    ("ＮＡ", False),  # full-width letters: lower() leaves them full-width
    ("250", False),
    ("n / a", False),
    ("     n/a", True),  # 8 characters
    ("      n/a", False),  # 9: longer cells were never read as missing, and still are not
]


@pytest.mark.parametrize(("cell", "missing"), CELLS)
def test_missing_cells_as_the_lowercase_rule(cell, missing):
    con = duckdb.connect()
    fast, slow = con.execute(
        f"SELECT {missing_trimmed_sql('c', 'trim(c)')}, "
        f"c IS NULL OR (length(c) <= 8 AND lower(trim(c)) IN {MISSING_MARKERS}) FROM (SELECT ?::VARCHAR AS c)",
        [cell],
    ).fetchone()
    assert fast is missing
    assert slow is missing
