"""``compact-analysis exceptions``: list the register as a paper shows it, and resolve exceptions."""

from __future__ import annotations

import click

from compact_analysis.cli.conventions import echo_rows, format_option
from compact_analysis.cli.options import data_folder, data_option, framework_options, handle_errors, parse_day
from compact_analysis.errors import ParameterError


@click.group()
def exceptions() -> None:
    """The exceptions register: slippage, missing returns, overdue targets and milestones, data quality,
    and the issues added by hand (impact, emergencies, budgets).

    The register is derived from the evidence and the resolutions, so it reads the same as the papers
    with the same evidence date, whatever was rendered before.

    Example: compact-analysis exceptions list --data data/demo --as-at 2009-11-14
    """


@exceptions.command("list")
@framework_options
@data_option
@click.option("--status", type=click.Choice(["open", "resolved", "all"]), default="open", show_default=True)
@click.option("--as-at", default=None, help="The register as a paper with this evidence date shows it (YYYY-MM-DD).")
@click.option("--period", "-p", default=None, help="The register as this period's paper shows it, e.g. 2009-10-Q2.")
@format_option
@handle_errors
def exceptions_list(
    framework: str, frameworks_dir: str, data: str, status: str, as_at: str | None, period: str | None, fmt: str
) -> None:
    """Print the exceptions register, one exception per line with its history.

    With neither --as-at nor --period: as the latest period's paper shows it.

    Example: compact-analysis exceptions list --data data/demo --status all --period 2009-10-Q2 --format json
    """
    folder = data_folder(data, framework, frameworks_dir)
    view = folder.list_register(status, parse_day(as_at, "--as-at"), period)
    if echo_rows(view.astype(object).where(view.notna(), None).to_dict("records"), fmt):
        return
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
    """Print how many exceptions a period's rules raise and how many more are open (nothing is recorded).

    The register is derived from the evidence, so there is nothing to record; the command stays so
    schedulers that call it keep working.

    Example: compact-analysis exceptions update --period 2009-10-Q2
    """
    view = data_folder(data, framework, frameworks_dir).exceptions_as_at(parse_day(as_at, "--as-at"), period)
    raised = int(view["raised_now"].fillna(False).astype(bool).sum())
    still = int(((view["status"] == "open") & ~view["raised_now"].fillna(False).astype(bool)).sum())
    click.echo(f"{period}: {raised} exception(s) raised, {still} more still open from earlier periods")


@exceptions.command("add")
@framework_options
@data_option
@click.option("--kind", required=True, type=click.Choice(["impact", "emergency", "budget"]), help="What sort of issue.")
@click.option("--owner", required=True, help="Who owns the issue and its action.")
@click.option("--description", required=True, help="What happened, in a sentence.")
@click.option("--action", required=True, help="What is being done about it.")
@click.option("--due", required=True, help="When the action is due, YYYY-MM-DD.")
@click.option("--date", "on", required=True, help="The day the issue is added, YYYY-MM-DD (papers as at then show it).")
@handle_errors
def exceptions_add(
    framework: str,
    frameworks_dir: str,
    data: str,
    kind: str,
    owner: str,
    description: str,
    action: str,
    due: str,
    on: str,
) -> None:
    """Add an exception no rule raises (seed 002: impact, budgets, emergencies), open until resolved.

    It is kept in the register with the rule-raised ones (id MX-0001...), listed and resolved the same
    way; papers with an evidence date before --date do not show it.

    Example: compact-analysis exceptions add --kind emergency --owner "Chief Executive" --description "Flooding
    closed two learning centres" --action "Classes moved to the library" --due 2010-01-31 --date 2009-12-01
    """
    from compact_analysis.evaluation.manual_exceptions import add_manual_exception  # deferred (start-up time)
    from compact_analysis.folder import STORE_WAIT_SECONDS

    folder = data_folder(data, framework, frameworks_dir)
    folder.check_exists()
    if not folder.store_path.exists():
        raise ParameterError(f"{folder.store_path}: no evidence store yet; run compact-analysis ingest first")
    day, due_day = parse_day(on, "--date"), parse_day(due, "--due")
    with folder.connect(wait_seconds=STORE_WAIT_SECONDS) as con:
        eid = add_manual_exception(con, folder.framework, kind, owner, description, action, due_day, day)
    click.echo(f"{eid} added on {on} ({kind}, owner: {owner.strip()})")


@exceptions.command("resolve")
@framework_options
@data_option
@click.argument("exception_id")
@click.option("--note", required=True, help="What was done to resolve it.")
@click.option("--date", "on", required=True, help="Date it was resolved, YYYY-MM-DD.")
@handle_errors
def exceptions_resolve(framework: str, frameworks_dir: str, data: str, exception_id: str, note: str, on: str) -> None:
    """Resolve an exception with a note and a date; it reopens if its rule fires again later.

    The id must be in the register as at that date (``exceptions list --as-at DATE``), open, and opened
    on or before it. Papers with an evidence date on or after DATE show it resolved.

    Example: compact-analysis exceptions resolve EX-0004 --note "Return received" --date 2009-11-20
    """
    data_folder(data, framework, frameworks_dir).resolve(exception_id, note, parse_day(on, "--date"))
    click.echo(f"{exception_id} resolved on {on}")
