"""A ten-million-row return file is streamed through ingest with bounded memory."""

from __future__ import annotations

import os
import subprocess
import sys

import duckdb
import pytest

from tests.helpers import FRAMEWORKS
from tests.reliability.kill_helpers import INGEST_SCRIPT

ROWS = 10_000_000


def _write_big_csv(path) -> None:
    """Ten million valid rows, each member, measure and submitted date once (written by DuckDB, quickly)."""
    duckdb.sql(
        f"""
        COPY (
            SELECT 'M' || lpad(CAST(i % 50 + 1 AS VARCHAR), 3, '0') AS member_id,
                   ['sfl-participants', 'sfl-identified', 'sfl-enrolled'][CAST((i // 50) % 3 AS INTEGER) + 1] AS measure_id,
                   '2009-10-M01' AS period, CAST(i % 97 AS VARCHAR) AS value, '' AS comment,
                   strftime(DATE '2009-05-01' + CAST(i // 150 AS INTEGER), '%Y-%m-%d') AS submitted
            FROM range({ROWS}) t(i)
        ) TO '{path}' (HEADER, DELIMITER ',')
        """
    )


@pytest.mark.slow
def test_ten_million_rows_with_bounded_memory(tmp_path, ingested_demo):
    """A 10,000,000-row CSV return (about 500 MB).
    Every row read and accounted for (read = accepted + quarantined + duplicates); peak memory of the
    ingesting process under 1.5 GB, measured by the operating system."""
    big = tmp_path / "big.csv"
    _write_big_csv(big)
    child = subprocess.Popen(
        [sys.executable, "-c", INGEST_SCRIPT, str(FRAMEWORKS / "compact-2009-10.yaml"),
         str(ingested_demo.demo.members_file), str(tmp_path / "store.duckdb"), str(big)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    _, status, usage = os.wait4(child.pid, 0)
    out = child.stdout.read()
    assert os.waitstatus_to_exitcode(status) == 0, child.stderr.read()
    assert f"{ROWS} rows read = {ROWS} accepted" in out
    assert usage.ru_maxrss * 1024 < 1.5e9  # ru_maxrss is in KiB on Linux
