"""``compact-analysis report-by-exception``: a short paper for one body and period, only what needs attention."""

from __future__ import annotations

import click

from compact_analysis.cli.options import data_option, framework_options, handle_errors, parse_day


@click.command("report-by-exception")
@framework_options
@data_option
@click.option("--period", required=True, help="The paper's period, e.g. 2004-05-H4 (half-termly) or 2004-05-T2.")
@click.option("--body", required=True, help="The body it goes to: an id of the framework's bodies, e.g. emt.")
@click.option("--as-at", default=None, help="Evidence date YYYY-MM-DD (default: period end plus the lag).")
@click.option("--out", "reports_dir", default="reports", show_default=True, type=click.Path(file_okay=False))
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="Also print a PDF.")
@handle_errors
def report_by_exception(framework, frameworks_dir, data, period, body, as_at, reports_dir, pdf) -> None:
    """Render the report by exception for BODY and PERIOD: new and open exceptions, indicators red or missed,
    actions overdue or without progress (seed 002: "half term by exception"). The full paper is unchanged.

    Example: compact-analysis report-by-exception -f lea-performance-2004-05 --body emt --period 2004-05-H4
    """
    from compact_analysis.publishing.by_exception import render_by_exception  # deferred for start-up time

    day = parse_day(as_at, "--as-at")
    report = render_by_exception(data, framework, period, body, reports_dir, day, pdf, frameworks_dir)
    click.echo(f"{report.paper.period} by exception to {report.paper.body_name}: {report.html}")
    if report.pdf is not None:
        click.echo(str(report.pdf))
