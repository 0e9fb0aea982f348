"""Every value known on a date traces back to its return: file, sheet, row and submitted date (issue #24 item 8)."""

from __future__ import annotations

from datetime import date

from compact_analysis.evidence.sources import observation_sources
from compact_analysis.evidence.store import open_store


def test_each_value_names_the_file_row_and_date_it_came_from(tmp_path):
    with open_store(tmp_path / "s.duckdb") as con:
        con.execute(
            "INSERT INTO files VALUES (1, 'q2.csv', 'a', 2, 2, 0, 0, NULL), (2, 'fix.xlsx', 'b', 1, 1, 0, 0, NULL)"
        )
        con.execute(
            "INSERT INTO observations (observation_id, member_id, measure_id, period, period_end, value, submitted, "
            "file_id, source_row, sheet) VALUES "  # ids as ingest gives them: the largest so far plus the record id
            "(2, 'M1', 'x', '2009-10-Q2', DATE '2009-09-30', '1', DATE '2009-10-10', 1, 2, NULL), "
            "(3, 'M2', 'x', '2009-10-Q2', DATE '2009-09-30', '5', DATE '2009-10-11', 1, 3, NULL), "
            "(10, 'M1', 'x', '2009-10-Q2', DATE '2009-09-30', '2', DATE '2010-01-05', 2, 7, 'Returns')"
        )
        before = observation_sources(con, date(2009, 12, 31))
        after = observation_sources(con, date(2010, 1, 5))
    # By hand: before the correction M1's value is row 2 of q2.csv; M2's is row 3 throughout.
    shown = before[["member_id", "value", "file", "row"]].values.tolist()
    assert shown == [["M1", "1", "q2.csv", 2], ["M2", "5", "q2.csv", 3]]
    # On 5 January 2010 the correction (row 7 of fix.xlsx, sheet Returns) supersedes M1's first return.
    first = after.iloc[0]
    assert (first["value"], first["file"], first["sheet"], first["row"]) == ("2", "fix.xlsx", "Returns", 7)
    assert first["submitted"] == date(2010, 1, 5)
