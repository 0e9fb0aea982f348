"""``compact-analysis chase`` and ``compact-analysis returns``: collection windows and sign-off (issue #26)."""

from __future__ import annotations

import click

from compact_analysis.cli.conventions import echo_rows, format_option
from compact_analysis.cli.options import data_folder, data_option, framework_options, handle_errors, parse_day


@click.command("chase")
@framework_options
@data_option
@click.option("--period", "-p", required=True, help="The period whose returns are chased, such as 2004-05-T1.")
@click.option("--as-at", required=True, help="The date the chase is as at (YYYY-MM-DD): what had arrived by then.")
@click.option("--out", "out", default="reports", show_default=True, type=click.Path(file_okay=False))
@handle_errors
def chase(framework: str, frameworks_dir: str, data: str, period: str, as_at: str, out: str) -> None:
    """Write who has returned a period's data, who is late, and a chase list and letter per member that owes.

    Writes OUT/chase-PERIOD/: collection.csv (every member and measure), chase.csv (what each owes, by
    when, to whom) and chase-MEMBER.html (a short letter each).

    Example: compact-analysis chase --framework lea-performance-2004-05 --period 2004-05-T1 --as-at 2004-09-01
    """
    from compact_analysis.publishing.collection import write_chase  # deferred for start-up time

    day = parse_day(as_at, "--as-at")
    counts = write_chase(data_folder(data, framework, frameworks_dir), period, day, out)
    letters = counts.pop("letters")
    click.echo(", ".join(f"{n} {status}" for status, n in counts.items()) + f"; {letters} letters in {out}")


@click.group()
def returns() -> None:
    """Members' returns: sign-off of a period's return (who, when), kept in the evidence store.

    Example: compact-analysis returns sign-off --member M001 --period 2004-05-T1 --by "A Head" --on 2004-08-01
    """


@returns.command("sign-off")
@framework_options
@data_option
@click.option("--member", "-m", required=True, help="The member id, as in the register.")
@click.option("--period", "-p", required=True, help="The period of the return signed off, such as 2004-05-T1.")
@click.option("--by", "signed_by", required=True, help="Who signed it off.")
@click.option("--on", "on", required=True, help="The day it was signed off (YYYY-MM-DD), on or after the period end.")
@handle_errors
def sign_off(framework: str, frameworks_dir: str, data: str, member: str, period: str, signed_by: str, on: str) -> None:
    """Record a member's sign-off of its return for a period; a later one for the same period supersedes it.

    Example: compact-analysis returns sign-off --member M001 --period 2004-05-T1 --by "A Head" --on 2004-08-01
    """
    from compact_analysis.publishing.collection import sign_off as record  # deferred for start-up time

    record(data_folder(data, framework, frameworks_dir), member, period, signed_by, parse_day(on, "--on"))
    click.echo(f"{member} {period}: signed off by {signed_by.strip()} on {on}")


@returns.command("sign-offs")
@framework_options
@data_option
@click.option("--as-at", required=True, help="Sign-offs made on or before this date (YYYY-MM-DD).")
@format_option
@handle_errors
def sign_offs(framework: str, frameworks_dir: str, data: str, as_at: str, fmt: str) -> None:
    """List each member's latest sign-off of each period as at a date.

    Example: compact-analysis returns sign-offs --as-at 2004-09-01 --format csv
    """
    from compact_analysis.publishing.collection import folder_signoffs  # deferred for start-up time

    found = folder_signoffs(data_folder(data, framework, frameworks_dir), parse_day(as_at, "--as-at"))
    rows = found.astype(object).where(found.notna(), None).to_dict("records")
    if echo_rows(rows, fmt):
        return
    for row in rows:
        click.echo(f"{row['member_id']}  {row['period']}  signed off by {row['signed_by']} on {row['signed_on']}")
    if not rows:
        click.echo("no sign-offs")
