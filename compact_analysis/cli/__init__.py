"""The ``compact-analysis`` command: a thin layer over the library.

Each command parses its arguments, makes one library call (a :class:`~compact_analysis.folder.DataFolder`
method, a publishing or a training function), prints what it returns, and turns the project's own
errors into a one-line message and a non-zero exit code.

Start-up time: the library pulls in pandas, SciPy and DuckDB (``import compact_analysis.folder`` takes
about 1.5 s, ``compact_analysis.publishing.batch`` 2.5 s), while ``python -m compact_analysis --help``
takes 0.08 s without them (measured before and after this layout with ``/usr/bin/time``). So each
command imports the library module it calls when it runs: those are the only imports inside functions.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from compact_analysis.cli.by_exception import report_by_exception
from compact_analysis.cli.collection import chase, returns
from compact_analysis.cli.commentary import commentary
from compact_analysis.cli.conventions import CompactGroup, configure_logging, echo_rows, format_option
from compact_analysis.cli.exceptions import exceptions
from compact_analysis.cli.futures import futures
from compact_analysis.cli.options import (
    data_folder,
    data_option,
    framework_from,
    framework_options,
    handle_errors,
    report_options,
    usage_error,
)
from compact_analysis.cli.revisions import revisions
from compact_analysis.cli.timetable import timetable
from compact_analysis.cli.training import training
from compact_analysis.errors import FrameworkError

CADENCE_CHOICE = click.Choice(["monthly", "quarterly", "termly", "half-termly", "annual"])


@click.group(cls=CompactGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="compact-analysis")
@click.option("--quiet", "-q", is_flag=True, help="Only warnings and errors on stderr (no progress lines).")
@click.option("--verbose", "-v", is_flag=True, help="More progress detail on stderr.")
def main(quiet: bool, verbose: bool) -> None:
    """Evaluate a partnership against its Statement of Priorities and publish the paper.

    Results go to stdout; timestamped progress lines and one-line `error:` messages to stderr.

    Example: compact-analysis init-demo && compact-analysis ingest && compact-analysis report --period latest
    """
    configure_logging(quiet, verbose)


@main.command("init-demo")
@framework_options
@data_option
@click.option("--seed", default=2009, show_default=True, help="Random seed; the same seed gives the same data.")
@click.option("--members", default=50, show_default=True, help="How many deemed member organisations.")
@click.option("--force", is_flag=True, help="Replace an existing evidence store (and its exceptions resolutions).")
@handle_errors
def init_demo(framework: str, frameworks_dir: str, data: str, seed: int, members: int, force: bool) -> None:
    """Write a synthetic data set (fictional members, returns) into the data folder.

    Refuses (exit 2) when the folder already holds an evidence store, unless --force.

    Example: compact-analysis init-demo --data data/demo --seed 2009
    """
    folder = data_folder(data, framework, frameworks_dir)
    result = folder.init_demo(seed, members, force=force)
    click.echo(f"wrote {result.members_file} and {len(result.return_files)} return files to {folder.path / 'returns'}")


@main.command()
@framework_options
@data_option
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--allow-quarantine", is_flag=True, help="Exit 0 even when rows were quarantined.")
@click.option(
    "--as-at",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The ingest's date (default: today): recorded with each file; submitted dates after it are quarantined.",
)
@handle_errors
def ingest(
    framework: str, frameworks_dir: str, data: str, files: tuple[str, ...], allow_quarantine: bool, as_at
) -> None:
    """Check return files and add them to the evidence store; print the reconciliation.

    With no FILES, ingests every CSV and XLSX file under DATA/returns. Quarantined
    rows and their reasons are written to DATA/quarantine/<file>.csv. Exits 1 when
    any row was quarantined, unless --allow-quarantine; exits 2 for a file that cannot be
    ingested at all (empty, a header and no rows, a line over 32 MB, over 1,000 columns).

    Example: compact-analysis ingest --data data/demo data/demo/returns/2009-10-Q1.csv
    """
    folder = data_folder(data, framework, frameworks_dir)
    folder.check_exists()
    results = folder.ingest(files, ingested_at=as_at or datetime.now())
    for result in results:
        click.echo(result.line())
    quarantined = sum(r.quarantined for r in results)
    for action_file in [] if files else folder.ingest_actions(ingested_at=as_at or datetime.now()):
        click.echo(action_file.line())  # DATA/actions/*.csv, seed 002's action-progress returns
        quarantined += action_file.quarantined
    if quarantined and not allow_quarantine:
        click.echo(
            f"{quarantined} rows quarantined: reasons in {folder.path / 'quarantine'} and in the report", err=True
        )
        sys.exit(1)


def _render(
    framework, frameworks_dir, data, periods, as_at, reports_dir, pdf, scorecards, workers, drop, cadence, wait, rule,
    force=False,
):  # fmt: skip
    """Render the periods (``None``: every one with data) and print the summary and where the papers are.

    ``drop``: remove scorecards published before (by default a period rendered without ``--scorecards``
    keeps them).
    """
    from compact_analysis.publishing.batch import render_reports  # deferred for start-up time
    from compact_analysis.publishing.incremental import papers_line
    from compact_analysis.publishing.outcome import summary_table  # deferred for start-up time

    outcomes = render_reports(
        framework,
        data,
        periods,
        reports_dir,
        frameworks_dir,
        as_at=as_at,
        scorecards=scorecards,
        pdf=pdf,
        workers=workers,
        progress=None,  # shown for more than one notebook
        drop_scorecards=drop,
        cadence=cadence,
        lock_wait=wait,
        rule=rule,
        force=force,
    )
    for outcome in outcomes:
        if outcome.note:
            click.echo(outcome.note)
    if len(outcomes) > 1 or not outcomes[0].ok:
        click.echo(summary_table(outcomes))
    click.echo(papers_line(outcomes))
    click.echo(f"Index: {Path(reports_dir).resolve() / 'index.html'}")
    for outcome in outcomes:  # the report's own paths come last, for the reader and for scripts
        if outcome.ok and len(outcomes) == 1:
            click.echo(f"HTML: {outcome.folder / 'evaluation.html'}")
            if pdf:
                click.echo(f"PDF:  {outcome.folder / 'evaluation.pdf'}")
    if not all(o.ok for o in outcomes):
        sys.exit(1)


@main.command()
@framework_options
@click.argument("out", type=click.Path(dir_okay=False))
@click.option(
    "--layout",
    type=click.Choice(["tidy", "wide"]),
    default="tidy",
    show_default=True,
    help="tidy: a row per member, measure and period; wide: a row per member and period, a column per measure.",
)
@handle_errors
def template(framework: str, frameworks_dir: str, out: str, layout: str) -> None:
    """Write a return template with example rows: CSV, or an Excel workbook if OUT ends in .xlsx.

    Example: compact-analysis template returns-template.xlsx --layout wide
    """
    from compact_analysis.evidence.template import write_template  # deferred for start-up time

    path = write_template(out, framework_from(framework, frameworks_dir), layout)
    click.echo(f"wrote {path}")


@main.command()
@framework_options
@data_option
@click.option(
    "--period", "-p", required=True, help="Period such as 2009-10-Q2, or 'latest': the newest finished one with data."
)
@click.option(
    "--cadence", type=CADENCE_CHOICE, default=None, help="The cadence of 'latest' (default: the framework's)."
)
@report_options
@handle_errors
def report(
    framework,
    frameworks_dir,
    data,
    period,
    cadence,
    as_at,
    rule,
    reports_dir,
    pdf,
    scorecards,
    workers,
    wait,
    record,
    drop,
    force,
) -> None:
    """Render one period's evaluation paper (and member scorecards) to HTML and PDF.

    'latest' is the newest period of the cadence that is finished (it ends on or before the newest
    return's period end) and has data. Without --scorecards, scorecards already published for the
    period are kept (--drop-scorecards removes them).

    Example: compact-analysis report --period 2009-10-Q2 --scorecards
    """
    _render(
        framework,
        frameworks_dir,
        data,
        [period],
        as_at,
        reports_dir,
        pdf,
        scorecards,
        workers,
        drop,
        cadence,
        wait,
        rule,
        force,
    )


@main.command("report-all")
@framework_options
@data_option
@click.option("--cadence", type=CADENCE_CHOICE, default=None, help="Which periods (default: the framework's cadence).")
@click.option("--body", default=None, help="Only the papers the framework's timetable sends this body (by id).")
@report_options
@handle_errors
def report_all(
    framework, frameworks_dir, data, cadence, body, as_at, rule, reports_dir, pdf, scorecards, workers, wait, record,
    drop, force,
):  # fmt: skip
    """Render every finished period of a cadence that has data, in parallel workers.

    Continues past a failed notebook and ends with a summary table; exits 1 if any failed. Without
    --scorecards, scorecards already published are kept (--drop-scorecards removes them).

    Example: compact-analysis report-all --scorecards --workers 2
    """
    from compact_analysis.publishing.body_periods import body_period_names  # deferred for start-up time

    names = None if body is None else body_period_names(framework, data, body, cadence, frameworks_dir)
    _render(
        framework, frameworks_dir, data, names, as_at, reports_dir, pdf, scorecards, workers, drop, cadence, wait, rule,
        force,
    )  # fmt: skip


@main.command("validate-framework")
@framework_options
@click.argument("file", required=False)
@handle_errors
def validate_framework(framework: str, frameworks_dir: str, file: str | None) -> None:
    """Check a framework (FILE or --framework: an id or a path) and print "valid", or every problem on stderr.

    An invalid framework exits 2 after its problems, with one `error:` line last.

    Example: compact-analysis validate-framework -f data/frameworks/compact-2009-10.yaml
    """
    from compact_analysis.plan.framework import load_framework  # deferred for start-up time
    from compact_analysis.plan.locate import framework_file  # deferred for start-up time

    path = framework_file(file or framework, frameworks_dir)
    try:
        load_framework(path)
    except FrameworkError as exc:
        for location, message in exc.problems:
            click.echo(f"{path}: {location}: {message}", err=True)
        usage_error(f"{path} is not a valid framework: {len(exc.problems)} problem(s) above", exc.exit_code)
    click.echo(f"{path}: valid")


@main.command()
@framework_options
@click.option("--cadence", "-c", type=CADENCE_CHOICE, default=None, help="Which periods (default: every cadence used).")
@format_option
@handle_errors
def periods(framework: str, frameworks_dir: str, cadence: str | None, fmt: str) -> None:
    """List a framework's reporting periods with their first and last days.

    Example: compact-analysis periods --framework lea-performance-2004-05 --cadence termly --format csv
    """
    from compact_analysis.plan.framework import period_calendar  # deferred for start-up time

    found = period_calendar(framework_from(framework, frameworks_dir), cadence)
    rows = [{"period": name, "start": start.isoformat(), "end": end.isoformat()} for name, start, end in found]
    if not echo_rows(rows, fmt):
        for row in rows:
            click.echo("\t".join(row.values()))


main.add_command(training)
main.add_command(exceptions)
main.add_command(revisions)
main.add_command(report_by_exception)
main.add_command(commentary)
main.add_command(timetable)
main.add_command(chase)
main.add_command(returns)
main.add_command(futures)
