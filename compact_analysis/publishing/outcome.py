"""What a batch of period renders produced: one outcome a period, and the plain-text table the command prints."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from compact_analysis.publishing.render import JobResult


@dataclass(frozen=True)
class PeriodOutcome:
    """``seconds`` is the sum of this period's notebook times; ``batch_seconds`` the whole batch's wall time."""

    period: str
    ok: bool
    folder: Path | None
    failures: tuple[JobResult, ...]
    seconds: float
    batch_seconds: float = 0.0
    note: str = ""  # what happened to scorecards published before (kept or dropped), for the reader
    rendered: int = 0  # papers rendered
    unchanged: int = 0  # papers left as they were, their digest unchanged (publishing.incremental)


def summary_table(outcomes: list[PeriodOutcome]) -> str:
    """A plain-text table of a batch's outcomes, one line a period, failures named with their cell.

    ``notebook-s`` is the sum of the period's own notebook times (with several workers they overlap,
    so the column can add up to more than the wall time); the batch's wall-clock time is the last line.
    """
    lines = [f"{'period':<14}{'result':<8}{'notebook-s':>10}  detail"]
    for o in outcomes:
        detail = str(o.folder) if o.ok else "; ".join(f"{f.label}: {f.error}" for f in o.failures)
        result = "FAILED" if not o.ok else "same" if o.unchanged and not o.rendered else "ok"  # same: none rendered
        lines.append(f"{o.period:<14}{result:<8}{o.seconds:>10.1f}  {detail}")
    if outcomes:
        wall = max(o.batch_seconds for o in outcomes)
        lines.append(f"{'total':<14}{'':<8}{wall:>10.1f}  wall-clock seconds for the whole batch")
    return "\n".join(lines)
