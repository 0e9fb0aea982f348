"""Property: whatever rows a return holds, rows read = accepted + quarantined + duplicates ignored."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compact_analysis.errors import ErrorCode, InputError
from compact_analysis.evidence.ingest import ingest_returns
from compact_analysis.evidence.store import open_store
from compact_analysis.plan.members import load_register

HEADER = ["member_id", "measure_id", "period", "value", "comment", "submitted", "correction"]
cells = st.fixed_dictionaries(
    {
        "member_id": st.sampled_from(["", "M003", "M004", "M011", "M051", "M999", "", " M005 "]),
        "measure_id": st.sampled_from(["", "pledge-level", "sfl-enrolled", "sfl-test-event", "nope", ""]),
        "period": st.sampled_from(["", "2009-10-Q1", "2009-10-Q2", "2009-10-Q4", "2009-10-M04", "2009-10-Q5", "n/a"]),
        "value": st.sampled_from(
            ["", "committed", "stage-2", "not-committed", "yes", "12", "1,200", "-3", "x", "", "-"]
        ),
        "comment": st.one_of(st.sampled_from(["", " ", "=1+1", "a\nb"]), st.text(max_size=5)),
        "submitted": st.sampled_from(["", "2009-07-10", "10/07/2009", "2009-10-10", "2010-04-20", "31/13/2009", ""]),
        "correction": st.sampled_from(["", "yes"]),
    }
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(rows=st.lists(cells, max_size=25))
def test_every_row_read_is_accounted_for_once(rows, compact, ingested_demo):
    register = load_register(ingested_demo.demo.members_file)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=HEADER)
            writer.writeheader()
            writer.writerows(rows)
        # Blank rows after the last non-blank one are not rows (spreadsheets leave them behind).
        counted = len(rows)
        while counted and all(not str(v).strip(" ") for v in rows[counted - 1].values()):
            counted -= 1
        with open_store(Path(folder) / "s.duckdb") as con:
            if counted == 0:  # a header and no rows is refused, storing nothing (issue #22)
                with pytest.raises(InputError) as caught:
                    ingest_returns(con, path, compact, register)
                assert caught.value.code == ErrorCode.NO_ROWS
                assert con.execute("SELECT count(*) FROM files").fetchall()[0][0] == 0
                return
            result = ingest_returns(con, path, compact, register)
            stored = con.execute("SELECT count(*) FROM observations").fetchall()[0][0]
            quarantined_rows = con.execute("SELECT count(DISTINCT row) FROM quarantine").fetchall()[0][0]
    assert result.rows_read == counted
    assert result.rows_read == result.accepted + result.quarantined + result.duplicates
    assert (stored, quarantined_rows) == (result.accepted, result.quarantined)
