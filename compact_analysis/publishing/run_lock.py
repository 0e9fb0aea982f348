"""One run at a time per reports folder: a lock file held with ``fcntl.flock`` (issue #23).

Two scheduled runs writing the same reports folder would rebuild each other's periods and index. A run
takes an exclusive lock on ``<reports>/.run.lock`` for as long as it writes; a second run waits up to
``wait_seconds`` and then stops with a one-line :class:`RenderError` (``reports-locked``, exit 1) that
names the holder (its process id, command and start, written into the file by the holder). The kernel
releases the lock when its process ends, however it ends, so a lock left by a killed run is simply
taken over: there is no stale lock to clean up by hand.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from compact_analysis.errors import ErrorCode, RenderError

#: The lock file's name inside a reports folder (hidden, so no index lists it).
LOCK_FILE = ".run.lock"
#: How long a second run waits for the first before giving up, in seconds.
WAIT_SECONDS = 10.0


@contextmanager
def run_lock(
    reports_dir: str | Path, wait_seconds: float = WAIT_SECONDS, started: datetime | None = None
) -> Iterator[Path]:
    """Hold the reports folder's run lock for the ``with`` block; ``started`` is written for the next run to read."""
    folder = Path(reports_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / LOCK_FILE, "a+", encoding="utf-8")  # noqa: SIM115 -- held for the with block
    except OSError as exc:
        raise RenderError(f"cannot write reports under {folder}: {exc.strerror or exc}") from None
    try:
        _acquire(handle, folder, wait_seconds)
        handle.seek(0)
        handle.truncate()
        when = f" since {started.isoformat(timespec='seconds')}" if started else ""
        handle.write(
            f"process {os.getpid()} ({' '.join(Path(a).name if i == 0 else a for i, a in enumerate(sys.argv))}){when}\n"
        )
        handle.flush()
        yield folder / LOCK_FILE
    finally:
        handle.close()  # closing the file releases the lock


def _acquire(handle, folder: Path, wait_seconds: float) -> None:
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise RenderError(
                    f"another run is writing {folder} ({holder}); waited {wait_seconds:g} s",
                    code=ErrorCode.REPORTS_LOCKED,
                ) from None
            time.sleep(0.2)
