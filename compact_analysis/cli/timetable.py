"""``compact-analysis timetable``: the year's calendar of returns due and papers to each body (seed 002)."""

from __future__ import annotations

import click

from compact_analysis.cli.conventions import echo_rows
from compact_analysis.cli.options import framework_from, framework_options, handle_errors, usage_error


@click.command("timetable")
@framework_options
@click.option("--year", "-y", required=True, help="A financial year of the framework, such as 2004-05.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "ics"]),
    default="table",
    show_default=True,
    help="table: for reading; csv, json: a row each; ics: an iCalendar file of all-day events.",
)
@click.option("--body", default=None, help="Only the papers that go to this body (by id), with the returns due.")
@click.option(
    "--out", "out", default=None, type=click.Path(dir_okay=False), help="Write to this file (default: stdout)."
)
@handle_errors
def timetable(framework: str, frameworks_dir: str, year: str, fmt: str, body: str | None, out: str | None) -> None:
    """Write the calendar of members' returns due and papers to each body for a year, from the framework's
    cadences, report_after_days and papers.

    Example: compact-analysis timetable --framework lea-performance-2004-05 --year 2004-05 --format ics --out lea.ics
    """
    from compact_analysis.plan.timetable import year_calendar  # deferred for start-up time
    from compact_analysis.presentation.timetable_files import calendar_ics, for_body, table_text, write_timetable

    found = framework_from(framework, frameworks_dir)
    if body is not None and body not in {b.id for b in found.bodies}:
        known = ", ".join(b.id for b in found.bodies) or "none"
        usage_error(f"--body {body!r} is not a body of the framework {found.id} (bodies: {known})")
    entries = for_body(year_calendar(found, year), body)
    if out is not None:
        write_timetable(out, entries, found, fmt)
        click.echo(f"{out}: {len(entries)} entries")
    elif fmt == "ics":
        click.echo(calendar_ics(entries, found).decode(), nl=False)
    elif fmt == "table":
        click.echo(table_text(entries, found), nl=False)
    else:
        echo_rows([e.row() for e in entries], fmt)
