"""The training store opens like the evidence store: numbered migrations, a lock wait, an old store adopted."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

from compact_analysis.errors import FAILURE_COLUMNS, InputError, StoreError
from compact_analysis.training import records
from compact_analysis.training.config import load_training_config
from compact_analysis.training.records import TrainingReason, ingest_training_records, training_quarantine
from compact_analysis.training.store import SCHEMA_VERSION, open_training_store

#: The training tables as the code before migrations made them (``CREATE TABLE IF NOT EXISTS``, no versions).
LEGACY_SCHEMA = """
CREATE TABLE training_files (
    file_id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE,
    rows_read INTEGER NOT NULL, accepted INTEGER NOT NULL, quarantined INTEGER NOT NULL, ingested_at TIMESTAMP
);
CREATE TABLE learner_keys (learner_key TEXT PRIMARY KEY, learner_id INTEGER NOT NULL UNIQUE);
CREATE TABLE training_records (
    member_id TEXT NOT NULL, directorate TEXT NOT NULL, learner_id INTEGER NOT NULL, course TEXT,
    category TEXT NOT NULL, priority TEXT NOT NULL, start_date DATE NOT NULL, end_date DATE,
    minutes INTEGER NOT NULL, cost_pence BIGINT NOT NULL, funding_source TEXT NOT NULL, status TEXT NOT NULL,
    file_id INTEGER NOT NULL, source_row BIGINT NOT NULL
);
CREATE TABLE training_budgets (
    member_id TEXT NOT NULL, directorate TEXT NOT NULL, priority TEXT NOT NULL, year TEXT NOT NULL,
    budget_pence BIGINT NOT NULL, file_id INTEGER NOT NULL, source_row BIGINT NOT NULL
);
CREATE TABLE training_quarantine (
    file_id INTEGER NOT NULL, file TEXT NOT NULL, sheet TEXT, row BIGINT, "column" TEXT,
    value TEXT, code TEXT NOT NULL, message TEXT NOT NULL
);
"""


def test_a_store_made_before_migrations_is_adopted_with_its_rows(tmp_path):
    path = tmp_path / "store.duckdb"
    legacy = duckdb.connect(str(path))
    legacy.execute(LEGACY_SCHEMA)
    legacy.execute("INSERT INTO learner_keys VALUES ('LK-a', 1), ('LK-b', 2)")
    legacy.close()
    with open_training_store(path) as con:
        versions = con.execute("SELECT version FROM schema_migrations").fetchall()
        keys = con.execute("SELECT learner_key, learner_id FROM learner_keys ORDER BY learner_id").fetchall()
    assert versions == [(1,)] and SCHEMA_VERSION == 1
    assert keys == [("LK-a", 1), ("LK-b", 2)]
    with open_training_store(path, read_only=True) as con:  # and opens again, read-only, unchanged
        assert con.execute("SELECT count(*) FROM learner_keys").fetchone()[0] == 2


def test_a_missing_store_names_the_command_that_makes_it(tmp_path):
    with pytest.raises(InputError, match="training ingest"), open_training_store(tmp_path / "none.duckdb", True):
        pass


def test_a_store_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "store.duckdb"
    with open_training_store(path) as con:
        con.execute("INSERT INTO schema_migrations VALUES (2, 'from the future')")
    newer = r"newer compact-analysis \(schema 2, this one knows 1\)"
    with pytest.raises(StoreError, match=newer), open_training_store(path, read_only=True):
        pass


def test_a_writer_is_refused_while_another_process_holds_the_store(tmp_path):
    path = tmp_path / "store.duckdb"
    with open_training_store(path):
        pass
    script = f"import duckdb, sys; c = duckdb.connect({str(path)!r}); print('held', flush=True); sys.stdin.readline()"
    holder = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError, match="in use by another process"), open_training_store(path):
            pass
    finally:
        holder.communicate("\n", timeout=30)


def test_check_queries_take_their_codes_from_the_enum():
    for template in (records._RECORD_CHECKS, records._BUDGET_CHECKS):
        assert not any(f"'{reason.value}'" in template.template for reason in TrainingReason)
    rendered = records._checks(records._BUDGET_CHECKS)
    assert "'duplicate-key'" in rendered and "'unknown-priority'" in rendered and "$" not in rendered


def test_quarantine_reads_in_the_shared_failure_columns(tmp_path):
    path = tmp_path / "records.csv"
    path.write_text(
        "member_id,directorate,learner_key,course,category,start_date,end_date,hours,cost,funding_source,status\n"
        "M001,Alpha,LK-a,X,skills-for-life,2009-04-10,,1,ten,core-budget,completed\n",
        encoding="utf-8",
    )
    con = duckdb.connect()
    ingest_training_records(con, path, load_training_config())
    failures = training_quarantine(con)
    assert tuple(failures.columns) == FAILURE_COLUMNS
    assert failures.iloc[0].to_dict() == {
        "file": "records.csv", "sheet": None, "row": 2, "column": "cost", "value": "ten",
        "code": TrainingReason.TYPE_ERROR, "message": "expected pounds and pence like 125.50 or 1,250 (commas in threes; at most 2 decimal places; never rounded)",
    }  # fmt: skip
