"""``compact-analysis training``: synthetic training records, their ingest, and the training paper."""

from __future__ import annotations

import logging
import sys
from datetime import datetime
from pathlib import Path

import click

from compact_analysis.cli.options import DEFAULT_FRAMEWORK, data_option, handle_errors


@click.group()
def training() -> None:
    """Training activity and spend against priorities and budgets (demo, ingest, report).

    Example: compact-analysis training demo && compact-analysis training ingest && compact-analysis training report --period 2009-10-Q3
    """


@training.command("demo")
@data_option
@click.option("--seed", default=2009, show_default=True, help="Random seed; the same seed gives the same records.")
@click.option("--rows", default=20_000, show_default=True, help="How many training records.")
@handle_errors
def training_demo(data: str, seed: int, rows: int) -> None:
    """Write synthetic training records and budgets into DATA/training.

    Example: compact-analysis training demo --data data/demo --rows 20000
    """
    from compact_analysis.training.folder import init_training_demo  # deferred for start-up time

    result = init_training_demo(data, seed=seed, rows=rows)
    click.echo(f"wrote {result.records_file} ({result.records} records) and {result.budgets_file}")


@training.command("ingest")
@data_option
@click.option("--allow-quarantine", is_flag=True, help="Exit 0 even when rows were quarantined.")
@handle_errors
def training_ingest(data: str, allow_quarantine: bool) -> None:
    """Check DATA/training records and budgets files into the training store; print the reconciliation.

    Example: compact-analysis training ingest --data data/demo --allow-quarantine
    """
    from compact_analysis.training.folder import ingest_training  # deferred for start-up time

    results = ingest_training(data, ingested_at=datetime.now())
    for result in results:
        click.echo(result.line())
    quarantined = sum(r.quarantined for r in results)
    if quarantined and not allow_quarantine:
        click.echo(f"{quarantined} rows quarantined: see the data quality section of the training report", err=True)
        sys.exit(1)


@training.command("report")
@data_option
@click.option("--period", "-p", required=True, help="Period such as 2009-10-Q2 or 2009-10-M07.")
@click.option(
    "--framework",
    "-f",
    "--framework-id",
    "framework_id",
    default=DEFAULT_FRAMEWORK,
    show_default=True,
    help="Framework id or path to its YAML file: its id names the folder under --out.",
)
@click.option("--out", "reports_dir", default="reports", show_default=True, type=click.Path(file_okay=False))
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="Also print the PDF.")
@click.option(
    "--record/--no-record",
    default=True,
    show_default=True,
    help="First record budget-variance and ring-fence exceptions in the evidence store's register.",
)
@handle_errors
def training_report(data: str, period: str, framework_id: str, reports_dir: str, pdf: bool, record: bool) -> None:
    """Render the training monitoring paper for one period to HTML and PDF.

    Material budget variances (beyond the tolerance and the minimum sum) and ring-fence misuse are first
    recorded in the evidence store's exceptions register (when the data folder has one), so they stay open
    until resolved.

    Example: compact-analysis training report --period 2009-10-Q3
    """
    from compact_analysis.training.workflow import report_training  # deferred for start-up time

    framework_id = Path(framework_id).stem if framework_id.endswith((".yaml", ".yml")) else framework_id
    say = logging.getLogger("compact_analysis.training.workflow").info  # a progress line (stderr, timestamped)
    run = report_training(data, period, reports_dir, framework_id, pdf=pdf, record=record, say=say)
    click.echo(f"Index: {run.index}")
    click.echo(f"HTML: {run.paper.html}")
    if run.paper.pdf:
        click.echo(f"PDF:  {run.paper.pdf}")
