"""``compact-analysis commentary``: the owners' commentary file for a period, written blank for them to fill in."""

from __future__ import annotations

import click

from compact_analysis.cli.options import data_folder, data_option, framework_options, handle_errors, parse_day
from compact_analysis.errors import ParameterError


@click.group()
def commentary() -> None:
    """Owners' commentary and remedial actions for a period (commentary/<period>.csv or .xlsx).

    Example: compact-analysis commentary template --data data/demo --period 2009-10-Q4
    """


@commentary.command("template")
@framework_options
@data_option
@click.option("--period", "-p", required=True, help="The paper's period, such as 2009-10-Q4.")
@click.option("--as-at", default=None, help="Evidence date YYYY-MM-DD (default: period end plus the reporting lag).")
@click.option("--xlsx", is_flag=True, help="Write an Excel workbook instead of a CSV file.")
@click.option("--force", is_flag=True, help="Replace the period's commentary file if there is one.")
@handle_errors
def template(framework: str, frameworks_dir: str, data: str, period: str, as_at: str | None, xlsx: bool, force: bool):
    """Write the period's blank commentary file, a row for each red, missed or overdue indicator and each
    open exception, with its owner: columns id, owner, commentary, action, action_due (YYYY-MM-DD).

    Owners fill in commentary and, for a remedial action, its due date; a row left blank stays "awaited"
    in the paper. Cells are written safe from spreadsheet formulas. An existing file is kept unless --force.

    Example: compact-analysis commentary template --period 2009-10-Q4 --xlsx
    """
    from compact_analysis.evaluation.board_points import template_rows  # deferred for start-up time
    from compact_analysis.evidence.commentary import board_files
    from compact_analysis.evidence.exports import write_csv, write_xlsx

    folder = data_folder(data, framework, frameworks_dir)
    folder.check_exists()
    chosen = folder.period(period)
    existing = [p for p in board_files(folder.path, chosen.name) if p.exists()]
    if existing and not force:
        raise ParameterError(f"{existing[0]} already exists; use --force to replace it")
    rows = template_rows(folder.evaluate(chosen, parse_day(as_at, "--as-at"), overrides=True))
    csv_path, xlsx_path = board_files(folder.path, chosen.name)
    for old in existing:
        old.unlink()
    written = write_xlsx(xlsx_path, {"commentary": rows}) if xlsx else write_csv(csv_path, rows)
    click.echo(f"wrote {written} ({len(rows)} row(s) for owners to fill in)")
