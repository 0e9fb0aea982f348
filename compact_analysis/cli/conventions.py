"""The command line's conventions (issue #23): one-line ``error:`` messages, exit codes, logging, formats.

Every failure a user can fix ends with one line ``error: ...`` on stderr and the README's exit code:
``2`` for bad arguments or input (click's usage errors included: an unknown option, a missing argument,
a bad choice), the error's own code for the project's errors. Progress goes to stderr as timestamped
``logging`` lines (``--quiet`` keeps only warnings, ``--verbose`` adds detail); results go to stdout,
as a table, CSV or JSON for the list commands.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import sys

import click

#: The exit code of bad arguments or input (README, "The command line").
USAGE_EXIT = 2
#: Progress lines: time, then the message (stderr, so stdout stays the command's result).
LOG_FORMAT = "%(asctime)s %(message)s"
LOG_DATE_FORMAT = "%Y-%m-%d %H:%M:%S"


class CompactGroup(click.Group):
    """A click group whose usage errors are one ``error:`` line and exit 2, not click's usage block."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            return _fail(exc.format_message(), USAGE_EXIT, standalone_mode)
        except click.ClickException as exc:
            return _fail(exc.format_message(), exc.exit_code, standalone_mode)
        except click.Abort:
            return _fail("aborted", 1, standalone_mode)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)


def _fail(message: str, code: int, standalone_mode: bool):
    first = " ".join(message.split())  # one line, whatever click wrapped
    click.echo(f"error: {first}", err=True)
    if standalone_mode:
        sys.exit(code)
    return code


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is when a line is logged (click's test runner swaps it)."""

    @property
    def stream(self):  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def configure_logging(quiet: bool = False, verbose: bool = False) -> None:
    """Send the package's log lines to stderr with a timestamp: INFO by default, WARNING quiet, DEBUG verbose."""
    logger = logging.getLogger("compact_analysis")
    for handler in [h for h in logger.handlers if isinstance(h, _StderrHandler)]:
        logger.removeHandler(handler)
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter(LOG_FORMAT, LOG_DATE_FORMAT))
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False


def format_option(func):
    """``--format table|csv|json``: how a list command prints its rows."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "csv", "json"]),
        default="table",
        show_default=True,
        help="table: for reading; csv: a header and a row each; json: a list of objects.",
    )(func)


def echo_rows(rows: list[dict], fmt: str) -> bool:
    """Print ``rows`` as CSV or JSON and return True; return False for ``table`` (the command prints its own)."""
    if fmt == "table":
        return False
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, default=str, ensure_ascii=False))
        return True
    from compact_analysis.evidence.exports import safe_cell  # deferred for start-up time (see compact_analysis.cli)

    columns = list(rows[0]) if rows else []
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    if columns:
        writer.writeheader()
        writer.writerows({k: safe_cell("" if v is None else v) for k, v in row.items()} for row in rows)
    click.echo(out.getvalue(), nl=False)
    return True
