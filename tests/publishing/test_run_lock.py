"""One run at a time per reports folder (issue #23): a second run waits, then names the holder; a killed
run's lock is taken over, because the kernel releases a ``flock`` when its process dies."""

import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from compact_analysis.cli import main
from compact_analysis.errors import ErrorCode, RenderError
from compact_analysis.publishing.run_lock import LOCK_FILE, run_lock
from tests.helpers import FRAMEWORKS, ROOT

HOLD = "import sys, time; from compact_analysis.publishing.run_lock import run_lock\nwith run_lock(sys.argv[1], 0):\n    print('held', flush=True); time.sleep(60)\n"


@pytest.fixture
def holder(tmp_path):
    """Another process holding the lock on ``tmp_path / 'reports'`` until the test ends (or kills it)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path / "reports")], stdout=subprocess.PIPE, env=env)
    assert process.stdout.readline().strip() == b"held"
    yield process
    if process.poll() is None:
        process.kill()
        process.wait()


def test_a_second_run_waits_then_names_the_holder(holder, tmp_path):
    started = time.monotonic()
    with pytest.raises(RenderError) as caught, run_lock(tmp_path / "reports", wait_seconds=0.5):
        pass
    assert caught.value.code == ErrorCode.REPORTS_LOCKED and caught.value.exit_code == 1
    assert f"process {holder.pid}" in str(caught.value) and "\n" not in str(caught.value)
    assert time.monotonic() - started >= 0.5  # it waited before giving up


def test_a_killed_run_s_lock_is_taken_over(holder, tmp_path):
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with run_lock(tmp_path / "reports", wait_seconds=0) as lock:
        assert lock == tmp_path / "reports" / LOCK_FILE
        assert f"process {os.getpid()}" in lock.read_text(encoding="utf-8")  # the new holder names itself


def test_the_lock_is_released_after_the_block(tmp_path):
    with run_lock(tmp_path, wait_seconds=0):
        pass
    with run_lock(tmp_path, wait_seconds=0):  # would raise if the first were still held
        pass


def test_report_on_a_locked_reports_folder_is_one_error_line_and_exit_1(holder, ingested_demo, tmp_path):
    args = ["report", "-p", "2009-10-Q1", "--data", str(ingested_demo.folder.path), "--frameworks-dir", str(FRAMEWORKS),
            "--out", str(tmp_path / "reports"), "--no-pdf", "--lock-wait", "0"]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: another run is writing") and result.stderr.count("\n") == 1
    assert f"process {holder.pid}" in result.stderr
