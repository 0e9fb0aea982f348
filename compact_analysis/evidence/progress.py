"""Progress lines while files are ingested, through :mod:`logging` like a batch of papers (issue #23).

One line a file once it is checked in: ``[2/5] 2009-10-Q2.csv: 250 rows read, 3 quarantined (0.4 s)``, at INFO
when there is more than one file and at DEBUG for one (its reconciliation line, printed by the command, says
it all). The command line sends these to stderr with a timestamp (``--quiet`` hides them, ``--verbose``
adds a line as each file starts); the reconciliation lines stay on stdout as the command's result. The
seconds are only said, never used in a calculation.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from compact_analysis.evidence.reconciliation import Reconciliation

log = logging.getLogger(__name__)


def ingest_each(paths: Sequence[Path], ingest_one: Callable[[Path], Reconciliation]) -> list[Reconciliation]:
    """``ingest_one(path)`` for each path in order, with a progress line after each; the reconciliations."""
    total, results = len(paths), []
    level = logging.INFO if total > 1 else logging.DEBUG
    for number, path in enumerate(paths, start=1):
        log.debug("[%d/%d] %s: checking", number, total, path.name)
        started = time.perf_counter()
        result = ingest_one(path)
        seconds = time.perf_counter() - started
        log.log(level, "[%d/%d] %s (%.1f s)", number, total, progress_words(result), seconds)
        results.append(result)
    return results


def progress_words(result: Reconciliation) -> str:
    """``name: 250 rows read, 3 quarantined``, or ``name: already ingested``."""
    if result.already_ingested:
        return f"{result.file}: already ingested"
    rows = f"{result.rows_read} {'row' if result.rows_read == 1 else 'rows'} read"
    return f"{result.file}: {rows}, {result.quarantined} quarantined"


__all__ = ["ingest_each", "log", "progress_words"]
