"""``compact-analysis exceptions``: list, update and resolve the evidence store's exceptions register."""

from __future__ import annotations

import click

from compact_analysis.cli.options import data_folder, data_option, framework_options, handle_errors, parse_day


@click.group()
def exceptions() -> None:
    """The exceptions register: slippage, missing returns, overdue targets and milestones, data quality.

    Example: compact-analysis exceptions list --data data/demo
    """


@exceptions.command("list")
@data_option
@click.option("--status", type=click.Choice(["open", "resolved", "all"]), default="open", show_default=True)
@click.option("--as-at", default=None, help="Show the register as it stood on this date (YYYY-MM-DD).")
@handle_errors
def exceptions_list(data: str, status: str, as_at: str | None) -> None:
    """Print the exceptions register, one exception per line with its history.

    Example: compact-analysis exceptions list --data data/demo --status all
    """
    view = data_folder(data).list_register(status, parse_day(as_at, "--as-at"))
    if view.empty:
        click.echo(f"no {status if status != 'all' else ''} exceptions".replace("  ", " "))
        return
    for row in view.itertuples(index=False):
        subject = row.indicator_id if isinstance(row.indicator_id, str) else row.member_id
        click.echo(
            f"{row.exception_id}  {row.status:<8} {row.kind:<17} {subject}  opened {row.opened_period}  owner: {row.owner}"
        )
        click.echo(f"    {row.detail}")
        click.echo(f"    history: {row.history}")


@exceptions.command("update")
@framework_options
@data_option
@click.option("--period", "-p", required=True, help="Period such as 2009-10-Q2.")
@click.option("--as-at", default=None, help="Evidence date YYYY-MM-DD (default: period end plus the reporting lag).")
@handle_errors
def exceptions_update(framework: str, frameworks_dir: str, data: str, period: str, as_at: str | None) -> None:
    """Evaluate a period and record the exceptions its rules raise in the store's register.

    Example: compact-analysis exceptions update --period 2009-10-Q2
    """
    view = data_folder(data, framework, frameworks_dir).record_period(period, parse_day(as_at, "--as-at"))
    raised = int(view["raised_now"].sum())
    still = int(((view["status"] == "open") & ~view["raised_now"]).sum())
    click.echo(f"{period}: {raised} exception(s) raised, {still} more still open from earlier periods")


@exceptions.command("resolve")
@data_option
@click.argument("exception_id")
@click.option("--note", required=True, help="What was done to resolve it.")
@click.option("--date", "on", required=True, help="Date it was resolved, YYYY-MM-DD.")
@handle_errors
def exceptions_resolve(data: str, exception_id: str, note: str, on: str) -> None:
    """Resolve an exception with a note and a date; it reopens if its rule fires again later.

    Example: compact-analysis exceptions resolve EX-0003 --note "Return received" --date 2009-11-20
    """
    data_folder(data).resolve(exception_id, note, parse_day(on, "--date"))
    click.echo(f"{exception_id} resolved on {on}")
