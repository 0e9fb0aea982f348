"""A scratch database for one ingest's cells, stored compressed so each distinct cell is parsed once.

DuckDB keeps temp tables uncompressed. A table in a database file is written with dictionary
compression, and a function over a dictionary-encoded column runs once per distinct value, not once
per row. A return's columns repeat (a few measures, a dozen periods, a few dozen submitted dates), so
the trims, date and number parses and look-ups that build ingest's ``prepared`` table cost about half
as much: on 1,000,000 rows 0.81 s became 0.40 s, for 0.13 s more to write the cells compressed
(``benchmarks/profile_ingest.py``). The cells also leave memory for the file, so ``prepared`` no
longer spills.

The file lives beside the store in its temp folder (DuckDB's own spill folder), named after the
store, and is deleted on exit. Only one process writes to a store at a time (DuckDB locks the file),
so a scratch file of the same store found there on entry is a killed run's leftover and is removed.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb

from compact_analysis.evidence.migrations import TEMP_FOLDER
from compact_analysis.evidence.store import store_file

#: The name the scratch database is attached under; readers create their cell tables in it.
SCRATCH = "ingest_scratch"
#: Files smaller than this keep their cells in a temp table. DuckDB writes a table compressed only in
#: whole row groups (122,880 rows); a smaller table stays in memory as it is, and the scratch is pure cost.
#: Measured on this machine, ingest end to end: 100,000 rows (5 MB) 0.57 s with a scratch, 0.52 s without;
#: 150,000 rows (7.6 MB) 0.49 and 0.54 s; 500,000 rows (25 MB) 0.89 and 1.03 s.
SCRATCH_FROM_BYTES = 8 * 1024 * 1024
_PREFIX = "ingest-cells-"


def _drop_tables(con: duckdb.DuckDBPyConnection) -> None:
    tables = con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = ?", [SCRATCH]).fetchall()
    for (table,) in tables:
        con.execute(f'DROP TABLE {SCRATCH}."{table}"')


@contextmanager
def scratch_for(con: duckdb.DuckDBPyConnection, file_bytes: int) -> Iterator[str | None]:
    """A scratch database (see :func:`scratch_database`) for a file of ``file_bytes`` that gains from one, else None."""
    if file_bytes < SCRATCH_FROM_BYTES:
        yield None
        return
    with scratch_database(con) as scratch:
        yield scratch


@contextmanager
def scratch_database(con: duckdb.DuckDBPyConnection) -> Iterator[str]:
    """Attach a new, empty scratch database as :data:`SCRATCH`; detach and delete it on exit, whatever happens."""
    store = store_file(con)
    owned = store is None  # an in-memory store: a folder of our own, removed with the file
    folder = Path(tempfile.mkdtemp(prefix="compact-ingest-")) if owned else store.parent / TEMP_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    # Stores in one folder share its temp folder: only this store's leftovers are removed.
    mine = f"{_PREFIX}{store.name}-" if store else _PREFIX
    for leftover in folder.iterdir():
        if re.fullmatch(re.escape(mine) + r"[0-9]+\.duckdb(\.wal)?", leftover.name):
            leftover.unlink(missing_ok=True)
    path = folder / f"{mine}{os.getpid()}.duckdb"
    con.execute(f"ATTACH '{path.as_posix().replace(chr(39), chr(39) * 2)}' AS {SCRATCH}")
    try:
        yield SCRATCH
    finally:
        with suppress(duckdb.Error):
            _drop_tables(con)  # else DETACH first checkpoints them into the file it is about to lose (0.26 s)
            con.execute(f"DETACH {SCRATCH}")
        for name in (path, path.with_name(path.name + ".wal")):
            name.unlink(missing_ok=True)
        if owned:
            shutil.rmtree(folder, ignore_errors=True)


__all__ = ["SCRATCH", "SCRATCH_FROM_BYTES", "scratch_database", "scratch_for"]
