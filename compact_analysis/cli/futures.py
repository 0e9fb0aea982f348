"""``compact-analysis futures``: synthetic futures inputs, their check, and the futures paper."""

from __future__ import annotations

from pathlib import Path

import click

from compact_analysis.cli.options import DEFAULT_FRAMEWORK, data_option, handle_errors
from compact_analysis.errors import FAILURE_COLUMNS, InputError


@click.group()
def futures() -> None:
    """Futures modelling: demand, places and the gap by route, area and year under named scenarios.

    Example: compact-analysis futures init-demo && compact-analysis futures report --no-pdf
    """


def _failure_table(exc: InputError) -> None:
    """Every located failure of a futures input on stderr, a tab-separated row each, under a header."""
    failures = getattr(exc, "failures", None)
    if not failures:
        return
    click.echo("\t".join(FAILURE_COLUMNS), err=True)
    for failure in failures:
        row = failure.as_row()
        click.echo(
            "\t".join("" if row[c] is None else " ".join(str(row[c]).split()) for c in FAILURE_COLUMNS), err=True
        )


def _checked(call):
    """Run ``call``; on bad futures input print the failure table, then let the one-line error follow."""
    try:
        return call()
    except InputError as exc:
        _failure_table(exc)
        raise


@futures.command("init-demo")
@data_option
@click.option("--seed", default=2009, show_default=True, help="Random seed; the same seed gives the same inputs.")
@handle_errors
def futures_init_demo(data: str, seed: int) -> None:
    """Write synthetic futures inputs (fictional areas and providers, three scenarios) into DATA/futures.

    Example: compact-analysis futures init-demo --data data/demo
    """
    from compact_analysis.futures.demo import write_futures_demo  # deferred for start-up time

    demo = write_futures_demo(data, seed=seed)
    click.echo(f"wrote {len(demo.files)} files to {demo.folder}")


@futures.command("validate")
@data_option
@handle_errors
def futures_validate(data: str) -> None:
    """Check DATA/futures and print "valid", or a failure table and one `error:` line (exit 2).

    Example: compact-analysis futures validate --data data/demo
    """
    from compact_analysis.futures.inputs import futures_folder, load_futures  # deferred for start-up time

    inputs = _checked(lambda: load_futures(data))
    click.echo(
        f"{futures_folder(data)}: valid ({len(inputs.areas)} areas, {len(inputs.scenarios)} scenarios, "
        f"history to {inputs.base_year})"
    )


@futures.command("report")
@data_option
@click.option(
    "--framework",
    "-f",
    "framework_id",
    default=DEFAULT_FRAMEWORK,
    show_default=True,
    help="Framework id or YAML path: it names the folder under --out the paper goes in; its futures: block links the plan.",
)
@click.option("--out", "reports_dir", default="reports", show_default=True, type=click.Path(file_okay=False))
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="Also print the PDF.")
@handle_errors
def futures_report(data: str, framework_id: str, reports_dir: str, pdf: bool) -> None:
    """Render the futures paper (every scenario in DATA/futures/scenarios.yaml) to HTML and PDF.

    Example: compact-analysis futures report --data data/demo --no-pdf
    """
    from compact_analysis.futures.report import render_futures  # deferred for start-up time

    framework = framework_id
    framework_id = Path(framework_id).stem if framework_id.endswith((".yaml", ".yml")) else framework_id
    report = _checked(lambda: render_futures(data, reports_dir, framework_id, pdf=pdf, framework=framework))
    click.echo(f"Index: {report.index}")
    click.echo(f"HTML: {report.html}")
    if report.pdf:
        click.echo(f"PDF:  {report.pdf}")
