"""Progress lines of ``ingest`` and ``training ingest`` through logging, like a batch's (issue #23); and a
missing data folder named as such by ``report`` and ``report-all``, whatever the period asked for."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from compact_analysis.cli import main
from tests.helpers import FRAMEWORKS

STAMP = r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} "
HEADER = "member_id,measure_id,period,value,comment,submitted\n"


def _progress(stderr: str) -> list[str]:
    """The progress lines' words, the timestamp and the seconds taken off."""
    return [re.sub(r" \(\d+\.\d s\)$", "", line[20:]) for line in stderr.splitlines() if re.match(STAMP, line)]


def test_ingest_says_each_file_as_it_is_checked_in_and_quiet_hides_it(demo_copy, tmp_path):
    one, two = tmp_path / "a.csv", tmp_path / "b.csv"
    one.write_text(HEADER + "M003,pledge-level,2009-10-Q1,committed,,2009-07-10\n", encoding="utf-8")
    two.write_text(
        HEADER + "M004,pledge-level,2009-10-Q1,committed,,2009-07-10\nM005,pledge-level,2009-10-Q1,nope,,2009-07-10\n",
        encoding="utf-8",
    )
    args = ["ingest", "--data", str(demo_copy), "--frameworks-dir", str(FRAMEWORKS), "--allow-quarantine"]
    done = CliRunner().invoke(main, [*args, str(one), str(two)])
    assert done.exit_code == 0, done.stderr
    # a.csv: one good row; b.csv: a good row and one whose level 'nope' is not on the Pledge scale.
    assert _progress(done.stderr) == [
        "[1/2] a.csv: 1 row read, 0 quarantined",
        "[2/2] b.csv: 2 rows read, 1 quarantined",
    ]
    assert done.stdout.splitlines()[0].startswith("a.csv: 1 row read = 1 accepted")  # the result stays on stdout
    again = CliRunner().invoke(main, ["--quiet", *args, str(one), str(two)])
    assert again.exit_code == 0 and _progress(again.stderr) == []
    assert again.stdout.splitlines()[0] == "a.csv: already ingested (same content), nothing changed"


def test_training_ingest_says_each_file_too(tmp_path):
    data = tmp_path / "data"
    assert CliRunner().invoke(main, ["training", "demo", "--data", str(data), "--rows", "200"]).exit_code == 0
    done = CliRunner().invoke(main, ["training", "ingest", "--data", str(data), "--allow-quarantine"])
    assert done.exit_code == 0, done.stderr
    # The demo writes budgets.csv and records.csv, checked in name order; each progress line says the counts
    # its reconciliation line (stdout) gives: "records.csv: 203 rows read = 200 accepted + 3 quarantined + ...".
    counts = [
        re.match(r"(\S+): (\d+) rows read = \d+ accepted \+ (\d+) quarantined", line).groups()
        for line in done.stdout.splitlines()
    ]
    assert [name for name, _, _ in counts] == ["budgets.csv", "records.csv"]
    assert _progress(done.stderr) == [
        f"[{i}/2] {n}: {r} rows read, {q} quarantined" for i, (n, r, q) in enumerate(counts, 1)
    ]


@pytest.mark.parametrize("command", [["report", "-p", "latest"], ["report", "-p", "2009-10-Q2"], ["report-all"]])
def test_report_with_a_missing_data_folder_says_so(command, tmp_path):
    missing = tmp_path / "not-here"
    args = [*command, "--data", str(missing), "--frameworks-dir", str(FRAMEWORKS), "--out", str(tmp_path / "out")]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 2
    assert done.stderr.splitlines() == [f"error: data folder {missing} not found"]
    assert not (tmp_path / "out").exists()
