"""The command line's conventions (issue #23): every bad input ends in one ``error:`` line and the README's code.

README, "The command line": exit 2 for bad arguments or input (click's usage errors included), 1 for a run
that finished with problems; errors are one line on stderr starting ``error:``. Log lines (timestamped
progress) may come before it; nothing else does.
"""

import re

import pytest
from click.testing import CliRunner

from compact_analysis.cli import main
from tests.helpers import FRAMEWORKS, ROOT

LOG_LINE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} ")
BAD_YAML = str(ROOT / "tests" / "data" / "frameworks" / "level_not_in_scale.yaml")

# (command line with DATA for the ingested demo and MISSING for a folder that is not there, exit code)
CASES = {
    "unknown command": (["no-such-command"], 2),
    "unknown option": (["report", "--bogus"], 2),
    "missing option": (["report", "--data", "DATA"], 2),
    "bad choice": (["report-all", "--cadence", "weekly"], 2),
    "workers 0": (["report", "-p", "2009-10-Q1", "--workers", "0"], 2),
    "unknown period": (["report", "-p", "2009-10-Q9", "--data", "DATA"], 2),
    "period outside the framework": (["report", "-p", "2015-16-Q1", "--data", "DATA"], 2),
    "report: missing data folder": (["report", "-p", "latest", "--data", "MISSING"], 2),
    "ingest: missing data folder": (["ingest", "--data", "MISSING"], 2),
    "exceptions list: missing data folder": (["exceptions", "list", "--data", "MISSING"], 2),
    "exceptions list: bad format": (["exceptions", "list", "--data", "DATA", "--format", "xml"], 2),
    "exceptions list: bad date": (["exceptions", "list", "--data", "DATA", "--as-at", "31/03/2010"], 2),
    "exceptions resolve: missing argument": (["exceptions", "resolve", "--data", "DATA"], 2),
    "unknown framework id": (["periods", "-f", "no-such-framework"], 2),
    "validate-framework: unknown id": (["validate-framework", "-f", "no-such-framework"], 2),
    "validate-framework: invalid file": (["validate-framework", BAD_YAML], 2),
    "template: missing argument": (["template"], 2),
    "init-demo over a store": (["init-demo", "--data", "DATA"], 2),
    "revisions: bad date": (["revisions", "-p", "2009-10-Q2", "--data", "DATA", "--as-at", "soon"], 2),
    "training report: missing option": (["training", "report"], 2),
    "exceptions: unknown subcommand": (["exceptions", "forget"], 2),
    "futures validate: no futures folder": (["futures", "validate", "--data", "MISSING"], 2),
}


@pytest.mark.parametrize("args, code", list(CASES.values()), ids=list(CASES))
def test_a_bad_input_is_one_error_line_and_the_documented_exit_code(args, code, ingested_demo, tmp_path):
    data, missing = str(ingested_demo.folder.path), str(tmp_path / "not-here")
    args = [data if a == "DATA" else missing if a == "MISSING" else a for a in args]
    if args[0] in ("report", "report-all", "ingest", "periods", "validate-framework", "init-demo", "revisions"):
        args += ["--frameworks-dir", str(FRAMEWORKS)]  # so the error is the one the case is about
    elif args[:2] == ["exceptions", "list"]:
        args += ["--frameworks-dir", str(FRAMEWORKS)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if not LOG_LINE.match(line)]
    assert lines and lines[-1].startswith("error: "), result.stderr
    if args[0] != "validate-framework":  # it lists every problem before its error line
        assert len(lines) == 1, result.stderr
    assert "Usage:" not in result.stderr and "Traceback" not in result.stderr


def test_progress_lines_are_timestamped_on_stderr_and_quiet_hides_them(caplog):
    from compact_analysis.cli.conventions import configure_logging
    from compact_analysis.publishing.batch import log

    configure_logging()
    assert log.isEnabledFor(20) and not log.isEnabledFor(10)  # INFO shown, DEBUG not
    configure_logging(quiet=True)
    assert not log.isEnabledFor(20) and log.isEnabledFor(30)
    configure_logging(verbose=True)
    assert log.isEnabledFor(10)
    configure_logging()


def test_a_log_line_has_the_time_first(capsys):
    import logging

    from compact_analysis.cli.conventions import configure_logging

    configure_logging()
    logging.getLogger("compact_analysis.publishing.batch").info("[1/2] 2009-10-Q1: ok (1.0 s)")
    line = capsys.readouterr().err.strip()
    assert LOG_LINE.match(line) and line.endswith("[1/2] 2009-10-Q1: ok (1.0 s)")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_periods_and_the_register_as_csv_and_json(fmt, ingested_demo):
    import csv
    import io
    import json

    common = ["--frameworks-dir", str(FRAMEWORKS), "--format", fmt]
    periods = CliRunner().invoke(main, ["periods", "-c", "quarterly", *common])
    register = CliRunner().invoke(main, ["exceptions", "list", "--data", str(ingested_demo.folder.path), *common])
    assert periods.exit_code == register.exit_code == 0, (periods.stderr, register.stderr)
    parse = (lambda text: list(csv.DictReader(io.StringIO(text)))) if fmt == "csv" else json.loads
    rows = parse(periods.stdout)
    # 2009-10's four quarters; the first runs 1 April to 30 June 2009.
    assert [r["period"] for r in rows] == [f"2009-10-Q{q}" for q in range(1, 5)]
    assert (rows[0]["start"], rows[0]["end"]) == ("2009-04-01", "2009-06-30")
    listed = parse(register.stdout)
    assert listed and {"exception_id", "status", "kind", "detail"} <= set(listed[0])
    assert all(r["status"] == "open" for r in listed)
