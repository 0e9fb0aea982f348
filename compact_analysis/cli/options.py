"""What the commands share: their common options, the data folder they open, and errors as exit codes.

The library is imported when a command runs, not at start-up (see :mod:`compact_analysis.cli` for why).
"""

from __future__ import annotations

import functools
import os
import sys
from datetime import date

import click

from compact_analysis.errors import CompactError, ParameterError

DEFAULT_FRAMEWORK = "compact-2009-10"  # the same as compact_analysis.plan.locate.DEFAULT_FRAMEWORK (a test checks)


def handle_errors(func):
    """Turn the project's own errors into ``error: <one line>`` on stderr and the error's exit code."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except CompactError as exc:
            usage_error(str(exc), exc.exit_code)

    return wrapper


def usage_error(message: str, exit_code: int = 2) -> None:
    """Stop with one line ``error: <message>`` on stderr and ``exit_code`` (2: bad arguments or input)."""
    click.echo(f"error: {message}", err=True)
    sys.exit(exit_code)


def framework_options(func):
    """Shared options: which framework, and where framework files live."""
    func = click.option(
        "--frameworks-dir",
        default=None,
        type=click.Path(file_okay=False),
        help="Folder of framework YAML files [default: the data folder's own (its compact-analysis.toml), "
        "then the frameworks shipped with the package].",
    )(func)
    return click.option(
        "--framework",
        "-f",
        default=DEFAULT_FRAMEWORK,
        show_default=True,
        help="Framework id (a file under --frameworks-dir) or a path to a framework YAML file.",
    )(func)


def data_folder(data: str, framework: str | None = None, frameworks_dir: str | None = None):
    """The data folder a command works on. Given a framework, it is loaded at once, so a bad one is
    reported before anything else, as it always was."""
    from compact_analysis.folder import DataFolder  # deferred for start-up time (see compact_analysis.cli)

    folder = DataFolder.open(data, framework or DEFAULT_FRAMEWORK, frameworks_dir)
    if framework is not None:
        folder.framework  # noqa: B018 -- loading it is the point
    return folder


def framework_from(framework: str, frameworks_dir: str):
    """The framework named by ``--framework`` and ``--frameworks-dir``, for commands with no data folder."""
    from compact_analysis.plan.locate import open_framework  # deferred for start-up time (see compact_analysis.cli)

    return open_framework(framework, frameworks_dir)


def data_option(func):
    """The ``--data`` option: the data set folder a command reads or writes."""
    return click.option(
        "--data",
        "-d",
        default="data/demo",
        show_default=True,
        type=click.Path(file_okay=False),
        help="Data set folder: members.csv, returns/ and the evidence store (store.duckdb).",
    )(func)


def report_options(func):
    """Options shared by ``report`` and ``report-all``."""
    for option in reversed(
        [
            click.option("--as-at", default=None, help="Evidence date YYYY-MM-DD (default: period end plus the lag)."),
            click.option(
                "--rule",
                type=click.Choice(["trajectory", "uk-council", "open-sdg"]),
                default=None,
                help="Status rule for this run, over each indicator's and the framework's (default: the plan's).",
            ),
            click.option(
                "--out", "reports_dir", default="reports", show_default=True, type=click.Path(file_okay=False)
            ),
            click.option("--pdf/--no-pdf", default=True, show_default=True, help="Also print PDFs."),
            click.option("--scorecards", is_flag=True, help="Also render one scorecard per deemed member."),
            click.option(
                "--workers",
                default=os.cpu_count() or 1,
                show_default=True,
                type=click.IntRange(min=1),
                help="Parallel worker processes (a whole number, at least 1).",
            ),
            click.option(
                "--drop-scorecards",
                "drop",
                is_flag=True,
                help="Remove scorecards published before (by default they are kept when not rendered again).",
            ),
            click.option(
                "--lock-wait",
                "wait",
                default=10.0,
                show_default=True,
                type=click.FloatRange(min=0),
                help="Seconds to wait for another run writing the same --out folder before giving up (exit 1).",
            ),
            click.option(
                "--force",
                is_flag=True,
                help="Render every paper, also those whose inputs are unchanged since published.",
            ),
            click.option(
                "--record/--no-record",
                default=True,
                hidden=True,
                help="No longer needed (the exceptions register is derived from the evidence); accepted for scripts.",
            ),
        ]
    ):
        func = option(func)
    return func


def parse_day(value: str | None, option: str) -> date | None:
    """A ``YYYY-MM-DD`` option as a date (``None`` stays ``None``); a one-line error otherwise."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ParameterError(f"{option} {value!r} is not a date YYYY-MM-DD") from None
