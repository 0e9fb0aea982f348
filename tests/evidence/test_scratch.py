"""The scratch database a large ingest keeps its cells in: always removed, never another store's."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from compact_analysis.evidence import scratch
from compact_analysis.evidence.scratch import SCRATCH, scratch_database, scratch_for
from compact_analysis.evidence.store import open_store


def _attached(con) -> set[str]:
    return {row[0] for row in con.execute("SELECT database_name FROM duckdb_databases()").fetchall()}


def test_the_scratch_is_beside_the_store_and_gone_after_use_even_after_an_error(tmp_path):
    with open_store(tmp_path / "store.duckdb") as con:
        with pytest.raises(RuntimeError), scratch_database(con) as name:
            con.execute(f"CREATE TABLE {name}.cells AS SELECT range AS n FROM range(10)")
            assert (tmp_path / ".store-tmp" / f"ingest-cells-store.duckdb-{os.getpid()}.duckdb").is_file()
            raise RuntimeError("a failing check")
        assert SCRATCH not in _attached(con)
    assert not list((tmp_path / ".store-tmp").glob("ingest-cells-*"))


def test_a_killed_runs_leftover_is_removed_and_another_stores_is_kept(tmp_path):
    """A leftover of this store (a killed run: the store is locked, so no live run owns it) is removed;
    a scratch of another store in the same folder, whose name starts the same way, is not touched."""
    temp = tmp_path / ".store-tmp"
    temp.mkdir()
    (temp / "ingest-cells-store.duckdb-99999.duckdb").write_bytes(b"left by a killed run")
    (temp / "ingest-cells-store.duckdb-99999.duckdb.wal").write_bytes(b"")
    other = temp / "ingest-cells-store.duckdb-old-12.duckdb"  # the store named store.duckdb-old
    other.write_bytes(b"another store's")
    with open_store(tmp_path / "store.duckdb") as con, scratch_database(con):
        pass
    assert sorted(p.name for p in temp.glob("ingest-cells-*")) == [other.name]


def test_an_in_memory_store_gets_a_folder_of_its_own_removed_after(tmp_path):
    with duckdb.connect() as con:
        with scratch_database(con) as name:
            folder = con.execute(f"SELECT path FROM duckdb_databases() WHERE database_name = '{name}'").fetchall()[0][0]
            folder = Path(folder).parent
            assert folder.is_dir()
        assert not folder.exists()


def test_small_files_keep_their_cells_in_a_temp_table(tmp_path, monkeypatch):
    monkeypatch.setattr(scratch, "SCRATCH_FROM_BYTES", 100)
    with duckdb.connect() as con:
        with scratch_for(con, 99) as name:
            assert name is None and SCRATCH not in _attached(con)
        with scratch_for(con, 100) as name:
            assert name == SCRATCH and SCRATCH in _attached(con)
        assert SCRATCH not in _attached(con)
