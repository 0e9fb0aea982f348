"""The evidence store: schema versions, clear refusals, bounded memory, as-at queries."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import duckdb
import pytest

from compact_analysis.errors import StoreError
from compact_analysis.evidence.migrations import migrate
from compact_analysis.evidence.store import (
    MEMORY_LIMIT,
    MIGRATIONS,
    SCHEMA_VERSION,
    observations_as_at,
    open_store,
    transaction,
)


def test_a_new_store_is_migrated_to_the_current_version(tmp_path):
    with open_store(tmp_path / "s.duckdb") as con:
        versions = con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    assert [v for (v,) in versions] == list(range(1, SCHEMA_VERSION + 1))


def test_a_version_7_store_keeps_its_ids_and_no_insert_can_take_a_sequence_id_after_migration_8(tmp_path):
    """Before migration 8 an observation's id came from a sequence; ingest now gives ids itself (largest plus
    record id), so the sequence is dropped: an insert without an id is refused rather than given an id that
    could repeat one ingest gave. The rows already stored keep theirs."""
    path = tmp_path / "s.duckdb"
    with duckdb.connect(str(path)) as con:
        migrate(con, {n: step for n, step in MIGRATIONS.items() if n <= 7})
        con.execute(
            "INSERT INTO observations (member_id, measure_id, period, period_end, value, submitted, file_id, source_row) "
            "VALUES ('M1', 'x', '2009-10-Q2', DATE '2009-09-30', '1', DATE '2009-10-10', 1, 2)"
        )
    with open_store(path) as con:
        assert con.execute("SELECT observation_id, value FROM observations").fetchall() == [(1, "1")]
        with pytest.raises(duckdb.ConstraintException, match="observation_id"):
            con.execute(
                "INSERT INTO observations (member_id, measure_id, period, period_end, value, submitted, file_id, "
                "source_row) VALUES ('M2', 'x', '2009-10-Q2', DATE '2009-09-30', '2', DATE '2009-10-10', 1, 3)"
            )


@pytest.mark.parametrize("read_only", [False, True])
def test_a_store_from_a_newer_version_is_refused_clearly(tmp_path, read_only):
    path = tmp_path / "s.duckdb"
    with open_store(path) as con:
        con.execute("INSERT INTO schema_migrations VALUES (?, 'from the future')", [SCHEMA_VERSION + 1])
    with (
        pytest.raises(StoreError, match=f"newer compact-analysis \\(schema {SCHEMA_VERSION + 1}"),
        open_store(path, read_only=read_only),
    ):
        pass


def test_a_locked_store_is_refused_clearly(tmp_path):
    path = tmp_path / "s.duckdb"
    with open_store(path):
        pass
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys; c = duckdb.connect({str(path)!r}); print('held', flush=True); sys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError, match="in use by another process"), open_store(path):
            pass
    finally:
        holder.communicate("\n", timeout=30)


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    path = tmp_path / "s.duckdb"
    path.write_text("not a database")
    with pytest.raises(StoreError, match=r"s\.duckdb"), open_store(path):
        pass


def test_every_open_is_memory_bounded(tmp_path):
    with open_store(tmp_path / "s.duckdb") as con:
        limit = con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    # 300MB is DuckDB's "286.1 MiB" (300 * 10^6 / 2^20 = 286.10)
    assert MEMORY_LIMIT == "300MB" and limit.startswith("286")


def test_as_at_never_sees_a_later_submission(tmp_path):
    with open_store(tmp_path / "s.duckdb") as con:
        con.execute(
            "INSERT INTO observations (observation_id, member_id, measure_id, period, period_end, value, submitted, "
            "file_id, source_row) "
            "VALUES (2, 'M1', 'x', '2009-10-Q2', DATE '2009-09-30', '1', DATE '2009-10-10', 1, 2), "
            "       (4, 'M1', 'x', '2009-10-Q2', DATE '2009-09-30', '2', DATE '2010-01-05', 2, 2)"
        )
        before = observations_as_at(con, date(2009, 12, 31))
        after = observations_as_at(con, date(2010, 1, 5))
    assert before["value"].tolist() == ["1"] and after["value"].tolist() == ["2"]


def test_transaction_keeps_all_writes_or_none():
    con = duckdb.connect()
    con.execute("CREATE TABLE t (x INTEGER)")
    with transaction(con):
        con.execute("INSERT INTO t VALUES (1), (2)")
    with pytest.raises(ZeroDivisionError), transaction(con):
        con.execute("INSERT INTO t VALUES (3)")
        1 / 0  # noqa: B018 - an error part-way through the block
    with pytest.raises(KeyboardInterrupt), transaction(con):
        con.execute("INSERT INTO t VALUES (4)")
        raise KeyboardInterrupt
    assert con.execute("SELECT list(x ORDER BY x) FROM t").fetchone()[0] == [1, 2]
    with transaction(con):  # the connection is usable afterwards: no transaction was left open
        con.execute("INSERT INTO t VALUES (5)")
    assert con.execute("SELECT count(*) FROM t").fetchone()[0] == 3
