"""Ingest in bounded memory, and DuckDB's or the disk's failures as one-line errors (issue #22, items 3 and 9).

The out-of-memory, failed-commit and full-disk cases are simulated (a connection that fails one
statement, a write that raises ENOSPC); the address-space limit is real (``ulimit -v``).
"""

from __future__ import annotations

import errno
import os
import resource
import subprocess
import sys
from datetime import date

import duckdb
import pytest
from click.testing import CliRunner

from compact_analysis.cli import main
from compact_analysis.errors import ErrorCode, InputError, StoreError
from compact_analysis.evidence import ingest as ingest_module
from compact_analysis.evidence.ingest import ingest_returns
from compact_analysis.evidence.resources import budget
from compact_analysis.evidence.store import observations_as_at, open_store
from compact_analysis.plan.members import load_register
from compact_analysis.publishing.render import NotebookWorker
from tests.helpers import HOSTILE, ROOT

GIB = 2**30


class FailingConnection:
    """A DuckDB connection that raises ``error`` on the first statement containing ``marker``."""

    def __init__(self, con, marker: str, error: Exception, rollback_raises: bool = False):
        self.con, self.marker, self.error, self.rollback_raises = con, marker, error, rollback_raises

    def execute(self, sql, *args):
        if self.marker in sql:
            self.marker = "\0never"
            raise self.error
        result = self.con.execute(sql, *args)
        if sql == "ROLLBACK" and self.rollback_raises:  # as DuckDB does after a failed COMMIT
            raise duckdb.TransactionException("cannot rollback - no transaction is active")
        return result

    def __getattr__(self, name):
        return getattr(self.con, name)


@pytest.fixture
def store(tmp_path, compact, ingested_demo):
    register = load_register(ingested_demo.demo.members_file)

    def run(name: str, marker: str = "", error: Exception | None = None, rollback_raises: bool = False):
        with open_store(tmp_path / "store.duckdb") as con:
            wrapped = FailingConnection(con, marker, error, rollback_raises) if error else con
            try:
                return ingest_returns(wrapped, HOSTILE / name, compact, register)
            finally:
                counts = [con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in ("files", "quarantine")]
                run.counts = (*counts, len(observations_as_at(con, date(2011, 1, 1))))

    return run


def test_out_of_memory_while_checking(store):
    """DuckDB runs out of memory at the checks statement (as it did under ulimit -v 2 GiB).
    InputError out-of-memory naming the file, one line; nothing stored."""
    oom = duckdb.OutOfMemoryException("Out of Memory Error: failed to allocate data of size 16.0 MiB")
    with pytest.raises(InputError, match=r"ragged_rows\.csv: ran out of memory") as caught:
        store("ragged_rows.csv", "CREATE OR REPLACE TEMP TABLE failures", oom)
    assert caught.value.code == ErrorCode.OUT_OF_MEMORY and "\n" not in str(caught.value)
    assert store.counts == (0, 0, 0)


def test_conversion_error_while_storing(store):
    """DuckDB cannot convert a value while inserting the accepted rows.
    InputError naming the file, one line; the transaction rolled back, nothing stored."""
    conversion = duckdb.ConversionException("Conversion Error: Type DOUBLE with value 1e309 can't be cast")
    with pytest.raises(InputError, match=r"ragged_rows\.csv: a value could not be converted"):
        store("ragged_rows.csv", "INSERT INTO observations", conversion)
    assert store.counts == (0, 0, 0)


def test_full_disk_at_commit_and_a_rollback_that_fails(store):
    """COMMIT fails with "No space left on device", and the ROLLBACK after it fails too.
    StoreError disk-full naming the file (the first error, never the rollback's); nothing stored."""
    full = duckdb.IOException("IO Error: Could not write file: No space left on device")
    with pytest.raises(StoreError, match=r"ragged_rows\.csv: no space left") as caught:
        store("ragged_rows.csv", "COMMIT", full, rollback_raises=True)
    assert caught.value.code == ErrorCode.DISK_FULL
    assert store.counts == (0, 0, 0)


def test_full_disk_writing_the_quarantine_file(store, monkeypatch, tmp_path):
    """Writing the quarantine CSV raises OSError(ENOSPC).
    StoreError disk-full; the store unchanged (the CSV is written before COMMIT) and no quarantine file."""

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ingest_module, "write_csv", full)
    with pytest.raises(StoreError) as caught:
        store("ragged_rows.csv")
    assert caught.value.code == ErrorCode.DISK_FULL
    assert store.counts == (0, 0, 0) and not (tmp_path / "quarantine").exists()


@pytest.mark.parametrize(
    ("file_bytes", "limit", "mapped", "cores", "expected"),
    [
        (5_000, None, 700, 2, (300, 2)),  # no limit: the 300 MB floor, a thread per core
        (400_000_000, None, 700, 8, (1024, 8)),  # 3 x 400 = 1200, capped at 1 GB; a thread per core
        (5_000, 2 * GIB, 700, 2, (300, 1)),  # spare 2048 - 700 = 1348, half 674 > 300; 1348 // 2048 -> 1 thread
        (400_000_000, 2 * GIB, 700, 8, (674, 1)),  # the file wants 1024; half the spare is 674
        (5_000, GIB, 900, 2, (64, 1)),  # spare 124, half 62: the 64 MB floor
        (5_000, 16 * GIB, 700, 8, (300, 1)),  # plenty of space, but a 300 MB cap runs one thread
    ],
)
def test_memory_and_threads_budget(file_bytes, limit, mapped, cores, expected):
    """DuckDB's memory cap and threads for a file under an address-space limit (worked by hand per case).
    Under a limit: half the unmapped space at most, 64 MB at least, a thread per 256 MB of cap and per 2 GB unmapped."""
    assert budget(file_bytes, limit, mapped, cores) == expected


def _two_gib_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 * GIB, 2 * GIB))


@pytest.mark.slow
def test_demo_ingest_under_a_2_gib_address_space_limit(tmp_path):
    """The demo returns ingested by the CLI under ulimit -v 2097152 (2 GiB), three times (slow).
    Exit code 0 every time, every file reconciled; no out-of-memory error."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = [sys.executable, "-m", "compact_analysis"]
    subprocess.run([*run, "init-demo", "--data", str(tmp_path / "d")], check=True, env=env, capture_output=True)
    for _ in range(3):
        (tmp_path / "d" / "store.duckdb").unlink(missing_ok=True)
        done = subprocess.run(
            [*run, "ingest", "--data", str(tmp_path / "d"), "--allow-quarantine"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            preexec_fn=_two_gib_address_space,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.count(" read = ") == 5 and "error" not in done.stderr  # the demo's five files


@pytest.mark.parametrize("kind", ["other tables", "not duckdb"])
def test_a_file_that_is_not_an_evidence_store_is_left_untouched(tmp_path, kind):
    """A DuckDB file of someone else's tables (no schema_migrations), and a text file, given as the store.
    StoreError (not-a-store; store-unusable for the text file) naming the file; its bytes unchanged."""
    path = tmp_path / "store.duckdb"
    if kind == "other tables":
        with duckdb.connect(str(path)) as other:
            other.execute("CREATE TABLE payroll (name TEXT, pay INTEGER); INSERT INTO payroll VALUES ('a', 1)")
    else:
        path.write_text("name,pay\na,1\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"store\.duckdb") as caught, open_store(path):
        pass
    assert caught.value.code == (ErrorCode.NOT_A_STORE if kind == "other tables" else ErrorCode.STORE)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["store.duckdb"]


def test_full_disk_while_rendering_leaves_the_published_report(demo_copy, tmp_path, monkeypatch):
    """A report re-rendered while the disk is full (the notebook's write raises ENOSPC).
    One line "error: no space left ...", exit code 1; the published folder's files unchanged, no partial folder left."""
    published = tmp_path / "reports" / "compact-2009-10" / "2009-10-Q1"
    published.mkdir(parents=True)
    (published / "evaluation.html").write_text("<p>as published</p>", encoding="utf-8")

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(NotebookWorker, "run", full)
    result = CliRunner().invoke(
        main,
        ["report", "--data", str(demo_copy), "--frameworks-dir", str(ROOT / "data" / "frameworks"),
         "--out", str(tmp_path / "reports"), "--period", "2009-10-Q1", "--no-pdf", "--workers", "1"],
    )  # fmt: skip
    assert result.exit_code == 1 and result.output.startswith("error: no space left on the disk")
    assert result.output.count("\n") == 1
    assert [p.name for p in published.parent.iterdir()] == ["2009-10-Q1"]
    assert [p.name for p in published.iterdir()] == ["evaluation.html"]
    assert (published / "evaluation.html").read_text(encoding="utf-8") == "<p>as published</p>"
