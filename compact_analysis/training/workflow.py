"""The training report as one call: record its exceptions in the evidence store's register, render, re-index.

``compact-analysis training report`` calls :func:`report_training`; recording comes first so material
budget variances and ring-fence misuse stay open in the register until someone resolves them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from compact_analysis.evaluation.exception_rules import training_candidates
from compact_analysis.folder import DataFolder
from compact_analysis.plan.periods import parse_period
from compact_analysis.publishing.run_lock import run_lock
from compact_analysis.publishing.site_index import write_index
from compact_analysis.training.folder import load_training_pack
from compact_analysis.training.report import TrainingReport, render_training


@dataclass(frozen=True)
class TrainingRun:
    """What ``training report`` made: the paper's files and the rewritten reports index."""

    paper: TrainingReport
    index: Path


def record_training_period(data: str | Path, period: str) -> str:
    """Record a training period's exceptions in the data folder's evidence store; a line saying how many."""
    chosen = parse_period(period)
    pack = load_training_pack(data, chosen).pack
    on = chosen.end()
    view = DataFolder.open(data).record_training_exceptions(chosen.name, training_candidates(pack.exceptions), on)
    return f"{chosen.name}: {int(view['raised_now'].sum())} training exception(s) in the register"


def report_training(
    data: str | Path,
    period: str,
    reports_dir: str | Path = "reports",
    framework_id: str = "compact-2009-10",
    pdf: bool = True,
    record: bool = True,
    say: Callable[[str], None] = print,
) -> TrainingRun:
    """Record the period's exceptions (when asked and the folder has an evidence store), render, re-index.

    ``say`` is given the recording's one-line summary as soon as it is known, before the paper renders.
    """
    if record and DataFolder.open(data).store_path.exists():
        say(record_training_period(data, period))
    with run_lock(reports_dir):  # one run at a time per reports folder, as report and report-all
        paper = render_training(data, period, reports_dir, framework_id, pdf=pdf)
        return TrainingRun(paper, write_index(Path(reports_dir)).resolve())
