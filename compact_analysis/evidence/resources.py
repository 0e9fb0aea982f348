"""How much memory and how many threads DuckDB may use for one ingest: from the file and the process's limits.

DuckDB's default is 80% of the machine's memory and a thread per core; under an
address-space limit (``ulimit -v``, common on shared servers) that is more than the
process may map, and DuckDB fails with an out-of-memory error on a five-row file. So:

- the memory cap starts from the file's size (:func:`memory_limit_mb`: 300 MB, or three times a
  large file's size, at most 1 GB);
- under ``RLIMIT_AS`` it is at most half of what the process has not yet mapped (the other half
  is headroom for Python, pandas and the threads' stacks and heaps), and at least 64 MB;
- threads: a thread per core, as DuckDB's default, unless ``RLIMIT_AS`` is set; then one per
  256 MB of the cap and at most one per 2 GB not yet mapped, at least one, because each DuckDB
  thread maps about 500 MB of address space of its own (measured: a connection maps 580 MB with
  one thread, 1.1 GB with two). The store's connection is opened with these threads already
  (:func:`connection_threads`).
"""

from __future__ import annotations

import os
import resource
from pathlib import Path

import duckdb

_FLOOR_MB = 64
_MB_PER_THREAD = 256
_SPACE_PER_THREAD_MB = 2048


def memory_limit_mb(file_bytes: int) -> int:
    """DuckDB's memory cap for reading one file: 300 MB, or three times a large file's size, at most 1 GB.

    Numbering the rows of a file needs its rows in memory at once (a ten-million-row file asked
    for one 466 MB block), so a cap that suits ordinary returns would refuse a very large one.
    """
    return min(1024, max(300, 3 * file_bytes // 1_000_000))


def mapped_mb() -> int:
    """The address space this process has mapped now, in MB (0 where /proc is not there)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def address_space_limit() -> int | None:
    """The process's address-space limit in bytes (``ulimit -v``), or None when there is none."""
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    return None if soft == resource.RLIM_INFINITY else soft


def _thread_cap(address_space: int | None, mapped: int, cores: int) -> int:
    if address_space is None:
        return cores
    return max(1, min(cores, (address_space // 2**20 - mapped) // _SPACE_PER_THREAD_MB))


def budget(file_bytes: int, address_space: int | None, mapped: int, cores: int) -> tuple[int, int]:
    """(memory cap in MB, threads) for a file of ``file_bytes`` under an address-space limit in bytes (None: none)."""
    cap = memory_limit_mb(file_bytes)
    if address_space is None:
        return cap, cores  # no limit: DuckDB's own default of a thread per core
    spare = address_space // 2**20 - mapped
    cap = max(_FLOOR_MB, min(cap, spare // 2))
    return cap, max(1, min(_thread_cap(address_space, mapped, cores), cap // _MB_PER_THREAD))


def connection_threads() -> int:
    """Threads to open a DuckDB connection with: every core, or fewer under an address-space limit."""
    return _thread_cap(address_space_limit(), mapped_mb(), os.cpu_count() or 1)


def limit_resources(con: duckdb.DuckDBPyConnection, file_bytes: int) -> tuple[int, int]:
    """Set DuckDB's ``memory_limit`` and ``threads`` for ingesting a file of ``file_bytes``; returns them."""
    cap, threads = budget(file_bytes, address_space_limit(), mapped_mb(), os.cpu_count() or 1)
    con.execute(f"SET memory_limit = '{cap}MB'")
    con.execute(f"SET threads = {threads}")
    return cap, threads


__all__ = ["address_space_limit", "budget", "connection_threads", "limit_resources", "mapped_mb", "memory_limit_mb"]
