"""Opening the package's DuckDB files: numbered schema migrations, a bounded lock wait, bounded memory.

Both stores (the evidence store and the training store) open through :func:`open_database`, so a
fix to how a store is created, upgraded, locked or refused is made once. Each store passes its own
numbered migrations; a file records the ones applied in its ``schema_migrations`` table.
"""

from __future__ import annotations

import contextlib
import re
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb

from compact_analysis.errors import ErrorCode, StoreError
from compact_analysis.evidence.resources import connection_threads

#: Migration number -> (what it does, its SQL). Numbers run from 1 with no gaps.
Migrations = dict[int, tuple[str, str]]

# Every open is bounded: DuckDB spills to TEMP_FOLDER beside the store rather than grow past this.
MEMORY_LIMIT = "300MB"
TEMP_FOLDER = ".store-tmp"
READER_WAIT_SECONDS = 60
_CREATED = re.compile(r"CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.IGNORECASE)


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The last migration applied to an open store (0 for a new file or one made before migrations)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchall()[0][0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchall()[0][0]


def refuse_foreign(con: duckdb.DuckDBPyConnection, migrations: Migrations, path: str, kind: str) -> None:
    """A DuckDB file with no ``schema_migrations`` holding tables these migrations do not make is not ours:
    refuse it before anything is written (a store from before migrations holds only our own tables)."""
    if schema_version(con):
        return
    ours = {name.lower() for _, sql in migrations.values() for name in _CREATED.findall(sql)}
    tables = [name for (name,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT temporary").fetchall()]
    foreign = sorted(t for t in tables if t.lower() not in ours)
    if foreign:
        raise StoreError(
            f"{path}: not {kind} (a DuckDB file holding other tables: {', '.join(foreign[:5])}); left untouched",
            code=ErrorCode.NOT_A_STORE,
        )


def refuse_newer(version: int, migrations: Migrations, path: str) -> None:
    """A store written by a later release has tables this one does not know: refuse it rather than guess."""
    latest = max(migrations)
    if version > latest:
        raise StoreError(
            f"{path}: written by a newer compact-analysis (schema {version}, this one knows {latest}); upgrade",
            code=ErrorCode.STORE_NEWER_SCHEMA,
        )


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection):
    """All of the block's writes or none: BEGIN, then COMMIT, or ROLLBACK on any error or interrupt."""
    con.execute("BEGIN")
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:
        # A failed COMMIT (a full disk) may have ended the transaction already: the error to
        # report is the first one, never a second from ROLLBACK.
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise


def migrate(con: duckdb.DuckDBPyConnection, migrations: Migrations, path: str = "store") -> int:
    """Apply the migrations not yet applied, in order, each in its own transaction; return the version reached."""
    version = schema_version(con)
    refuse_newer(version, migrations, path)
    if version == 0:
        con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    for number in range(version + 1, max(migrations) + 1):
        name, sql = migrations[number]
        with transaction(con):
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [number, name])
    return max(migrations)


def connect(path: Path, read_only: bool, wait_seconds: float, kind: str) -> duckdb.DuckDBPyConnection:
    """Connect with bounded memory, retrying while another process holds the lock for up to ``wait_seconds``."""
    config = {"memory_limit": MEMORY_LIMIT, "temp_directory": str(path.parent / TEMP_FOLDER)}
    config["threads"] = connection_threads()  # fewer under ``ulimit -v``: each thread maps ~500 MB
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise StoreError(f"{path}: cannot open the store ({str(exc).splitlines()[0]})") from None
            if time.monotonic() >= deadline:
                raise StoreError(
                    f"{path}: the store is in use by another process; try again when it finishes",
                    code=ErrorCode.STORE_LOCKED,
                ) from None
            time.sleep(0.25)
        except duckdb.Error as exc:
            raise StoreError(
                f"{path}: not {kind} or damaged ({str(exc).splitlines()[0]})", code=ErrorCode.STORE_DAMAGED
            ) from None


@contextmanager
def open_database(
    path: Path, migrations: Migrations, read_only: bool, wait_seconds: float | None, kind: str = "a store"
):
    """Open a store, creating and migrating it when writing; refuse one from a newer release either way.

    ``wait_seconds`` is how long to wait for another process to let go first: by default a reader
    waits up to READER_WAIT_SECONDS and a writer not at all (it is told at once that the store is busy).
    The caller checks that a store it only reads exists (its message names the command that makes it).
    """
    if wait_seconds is None:
        wait_seconds = READER_WAIT_SECONDS if read_only else 0
    path.parent.mkdir(parents=True, exist_ok=True)
    con = connect(path, read_only, wait_seconds, kind)
    try:
        if read_only:
            refuse_newer(schema_version(con), migrations, str(path))
        else:
            refuse_foreign(con, migrations, str(path), kind)
            try:
                migrate(con, migrations, str(path))
            except duckdb.Error as exc:  # out of memory or disk at the first write: one line, not a traceback
                raise StoreError(f"{path}: cannot be prepared ({str(exc).splitlines()[0]})") from None
        yield con
    finally:
        con.close()
