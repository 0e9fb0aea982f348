"""DuckDB's and the disk's failures during one ingest, as one-line errors naming the file (never a traceback).

- out of memory (``duckdb.OutOfMemoryException``): ``out-of-memory``, with what to do;
- a value DuckDB could not convert (``duckdb.ConversionException``): ``input-unreadable``;
- no space left on the disk (``OSError`` ENOSPC from a write, or DuckDB's I/O error saying so): ``disk-full``.

Each is raised after the ingest's transaction has rolled back, so the message can say the store
is unchanged; the quarantine file is written inside that transaction (see :mod:`.ingest`).
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from compact_analysis.errors import ErrorCode, InputError, StoreError

_UNCHANGED = "nothing was stored"


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def is_disk_full(exc: BaseException) -> bool:
    """Whether an error says the disk is full (ENOSPC, or DuckDB's I/O error saying so)."""
    if isinstance(exc, OSError):
        return exc.errno == errno.ENOSPC
    return isinstance(exc, duckdb.IOException) and "no space left" in str(exc).lower()


@contextmanager
def errors_named(path: Path) -> Iterator[None]:
    """Turn DuckDB's out-of-memory and conversion errors and a full disk into one-line errors naming ``path``."""
    try:
        yield
    except duckdb.OutOfMemoryException as exc:
        raise InputError(
            f"{path}: ran out of memory while checking the file ({_first_line(exc)}); {_UNCHANGED}. "
            "Split the file, or run where the process may use more memory (ulimit -v)",
            code=ErrorCode.OUT_OF_MEMORY,
        ) from None
    except duckdb.ConversionException as exc:
        raise InputError(f"{path}: a value could not be converted ({_first_line(exc)}); {_UNCHANGED}") from None
    except (OSError, duckdb.IOException) as exc:
        if not is_disk_full(exc):
            raise
        raise StoreError(
            f"{path}: no space left on the disk ({_first_line(exc)}); {_UNCHANGED}", code=ErrorCode.DISK_FULL
        ) from None


__all__ = ["errors_named", "is_disk_full"]
