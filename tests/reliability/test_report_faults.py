"""Killing a report batch, and output folders that cannot be written."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from compact_analysis.cli import main
from tests.helpers import FRAMEWORKS

COMPLETE = ("evaluation.ipynb", "evaluation.html", "manifest.json")


def _report(data, out, *extra):
    return subprocess.Popen(
        [sys.executable, "-m", "compact_analysis", "report", "--data", str(data),
         "--frameworks-dir", str(FRAMEWORKS), "--out", str(out), "--period", "2009-10-Q1", "--no-pdf",
         "--workers", "1", *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip


def _visible_folders_are_complete(out) -> None:
    parent = out / "compact-2009-10"
    for folder in parent.iterdir() if parent.exists() else ():
        if folder.name.startswith(".") or folder.name == "failed":
            continue  # partial folders are hidden: nothing presents them as a report
        assert all((folder / name).exists() for name in COMPLETE), f"{folder} looks complete but is not"


def _kill_and_rerun(data, out, delays) -> None:
    for delay in delays:
        child = _report(data, out)
        time.sleep(delay)
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        _visible_folders_are_complete(out)
    done = _report(data, out)
    assert done.wait(timeout=300) == 0
    _visible_folders_are_complete(out)
    parent = out / "compact-2009-10"
    assert [p.name for p in parent.iterdir() if p.name.startswith(".2009-10-Q1")] == []  # stale partials cleared
    assert all((parent / "2009-10-Q1" / name).exists() for name in COMPLETE)


@pytest.mark.slow
def test_killed_report_then_rerun(demo_copy, tmp_path):
    """SIGKILL of a report run (and its kernel) at two moments, then a re-run.
    No folder looks complete unless it is; the re-run publishes the complete report and clears the partials."""
    _kill_and_rerun(demo_copy, tmp_path / "reports", [1.0, 3.0])


@pytest.mark.slow
def test_killed_report_twenty_times(demo_copy, tmp_path):
    """SIGKILL of a report run at 20 random moments (slow), then a re-run.
    Zero complete-looking partial reports at every kill; the re-run completes."""
    rng = random.Random(200910)
    _kill_and_rerun(demo_copy, tmp_path / "reports", [rng.uniform(0.3, 6.0) for _ in range(20)])


def test_unwritable_output_folder(demo_copy, tmp_path):
    """An output folder that cannot be created (a file stands where the folder should be).
    A one-line error naming the folder, exit code 1, and nothing written."""
    blocker = tmp_path / "shared-drive"
    blocker.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["report", "--data", str(demo_copy), "--frameworks-dir", str(FRAMEWORKS),
         "--out", str(blocker / "reports"), "--period", "2009-10-Q1", "--no-pdf"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.output.startswith("error: cannot write reports under") and result.output.count("\n") == 1
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_two_report_runs_at_once(demo_copy, tmp_path):
    """Two processes rendering the same period into the same folder at the same moment.
    Both finish: the reports folder's run lock makes the second wait for the first (here up to 300 s;
    with the default 10 s a long first run makes the second exit 1, ``test_run_lock.py``), and the
    published folder is complete with no partial folder left behind."""
    out = tmp_path / "reports"
    first, second = _report(demo_copy, out, "--lock-wait", "300"), _report(demo_copy, out, "--lock-wait", "300")
    assert first.wait(timeout=300) == 0 and second.wait(timeout=300) == 0
    _visible_folders_are_complete(out)
    parent = out / "compact-2009-10"
    assert sorted(p.name for p in parent.iterdir()) == ["2009-10-Q1"]
