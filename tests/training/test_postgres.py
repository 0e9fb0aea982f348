"""The same period-pack SQL on a second real engine, PostgreSQL, gives identical results to DuckDB.

The test starts a throwaway PostgreSQL cluster on a Unix socket in a temporary
folder (initdb + pg_ctl; as root it runs them as the ``postgres`` user) and talks
to it with ``psql --csv``, so no Python driver is needed.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from compact_analysis.training.aggregate import duckdb_runner, period_pack
from compact_analysis.training.demo import training_frame
from tests.training.fixtures import CREATE_TABLE, small_records

PG_BIN = next(
    (p for p in [*sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)] if (p / "pg_ctl").exists()),
    Path(shutil.which("pg_ctl") or "/nonexistent").parent,
)
HAVE_PG = (PG_BIN / "initdb").exists() and (PG_BIN / "pg_ctl").exists() and (PG_BIN / "psql").exists()
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

pytestmark = [
    pytest.mark.skipif(
        not HAVE_PG,
        reason="PostgreSQL server binaries (initdb, pg_ctl, psql) not found: run scripts/setup.sh as root "
        "or `apt-get install postgresql`",
    ),
]


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if AS_ROOT else command


class Postgres:
    def __init__(self, folder: Path):
        self.folder = folder
        self.data = folder / "data"
        self.socket = folder

    def psql(self, sql: str, stdin: str | None = None) -> str:
        command = _as_owner(
            [str(PG_BIN / "psql"), "-h", str(self.socket), "-p", "55432", "-d", "postgres", "-X", "-q", "--csv",
             "-v", "ON_ERROR_STOP=1", "-c", sql]
        )  # fmt: skip
        done = subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def run(self, sql: str) -> pd.DataFrame:
        return pd.read_csv(io.StringIO(self.psql(sql)), dtype={"member_id": object, "directorate": object})

    def load(self, frame: pd.DataFrame) -> None:
        self.psql("DROP TABLE IF EXISTS training_records")
        self.psql(CREATE_TABLE)
        columns = ["member_id", "directorate", "priority", "funding_source", "learner_id", "start_date", "minutes",
                   "cost_pence", "status"]  # fmt: skip
        text = frame[columns].astype(str).to_csv(index=False, header=False)
        self.psql(f"COPY training_records ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)", stdin=text)


@pytest.fixture(scope="module")
def postgres():
    folder = Path(tempfile.mkdtemp(prefix="ca-pg-"))
    os.chmod(folder, 0o777)
    if AS_ROOT:
        shutil.chown(folder, "postgres")
    pg = Postgres(folder)
    subprocess.run(_as_owner([str(PG_BIN / "initdb"), "-D", str(pg.data), "-A", "trust", "-U", "postgres"]),
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    options = f"-k {folder} -p 55432 -c listen_addresses='' -c fsync=off"
    subprocess.run(
        _as_owner([str(PG_BIN / "pg_ctl"), "-D", str(pg.data), "-o", options, "-l", str(folder / "log"), "-w", "start"]),
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    try:
        yield pg
    finally:
        subprocess.run(_as_owner([str(PG_BIN / "pg_ctl"), "-D", str(pg.data), "-m", "immediate", "stop"]),
                       capture_output=True, timeout=60)  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


def _duckdb_pack(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    con = duckdb.connect()
    con.execute(CREATE_TABLE)
    con.register("frame_df", frame)
    con.execute("INSERT INTO training_records SELECT member_id, directorate, priority, funding_source, learner_id, "
                "start_date, minutes, cost_pence, status FROM frame_df")  # fmt: skip
    return period_pack(duckdb_runner(con), "training_records", period)


def test_small_set_identical_on_postgres(postgres):
    frame = small_records()
    postgres.load(frame)
    on_postgres = period_pack(postgres.run, "training_records", "2009-10-Q2")
    pd.testing.assert_frame_equal(on_postgres, _duckdb_pack(frame, "2009-10-Q2"))
    # One hand-worked figure on PostgreSQL too: 5 enrolments, 3 learners, 189000p year to date.
    ytd = on_postgres[(on_postgres["grain"] == "year-to-date") & (on_postgres["view"] == "all")]
    assert ytd[["enrolments", "unique_learners", "spend_pence"]].values.tolist() == [[5, 3, 189000]]


def test_demo_set_identical_on_postgres(postgres):
    frame = training_frame(seed=7, rows=20_000, members=12)
    frame["start_date"] = frame["start_date"].dt.date
    postgres.load(frame)
    for period in ("2009-10-M05", "2009-10-Q4"):
        pd.testing.assert_frame_equal(
            period_pack(postgres.run, "training_records", period), _duckdb_pack(frame, period)
        )
