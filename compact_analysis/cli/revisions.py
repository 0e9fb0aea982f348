"""``compact-analysis revisions``: figures of earlier periods a paper cites that changed since they were published."""

from __future__ import annotations

import click

from compact_analysis.cli.conventions import echo_rows, format_option
from compact_analysis.cli.options import data_folder, data_option, framework_options, handle_errors, parse_day


@click.command("revisions")
@framework_options
@data_option
@click.option("--period", "-p", required=True, help="The paper's period, such as 2009-10-Q4.")
@click.option("--as-at", default=None, help="Evidence date YYYY-MM-DD (default: period end plus the reporting lag).")
@format_option
@handle_errors
def revisions(framework: str, frameworks_dir: str, data: str, period: str, as_at: str | None, fmt: str) -> None:
    """List the figures of earlier periods cited by a period's paper that changed since their own evidence date,
    each with its cause (correction, late return or resubmission), its size and the returns behind it.

    Example: compact-analysis revisions --period 2009-10-Q4 --format csv > revisions.csv
    """
    from compact_analysis.evaluation.revisions import revisions_frame  # deferred for start-up time
    from compact_analysis.evidence.exports import safe_cell

    found = data_folder(data, framework, frameworks_dir).revisions(period, parse_day(as_at, "--as-at"))
    frame = revisions_frame(found)
    if fmt == "csv":
        click.echo(frame.map(safe_cell).to_csv(index=False), nl=False)
        return
    if echo_rows(frame.astype(object).where(frame.notna(), None).to_dict("records"), fmt):
        return
    if frame.empty:
        click.echo(f"{period}: no figure of an earlier period it cites has been revised since publication")
        return
    for r in found:
        size = "new figure" if r.size is None else f"{r.size:+g}"
        click.echo(
            f"{r.indicator_id}  {r.period}  published {r.published_on.isoformat()}: {_shown(r.published)}  "
            f"now: {_shown(r.now)}  ({size}, {r.cause})"
        )
        for back in r.returns:
            click.echo(f"    {back.describe()}")


def _shown(value: float | None) -> str:
    return "no return" if value is None else f"{value:g}"
