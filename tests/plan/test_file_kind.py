"""Paths that are not regular files: each refused with what it is, without being opened."""

from __future__ import annotations

import contextlib
import os
import signal

import pytest

from compact_analysis.errors import ErrorCode, FrameworkError, InputError
from compact_analysis.plan.codes import FrameworkCode
from compact_analysis.plan.file_kind import file_kind_problem, require_regular_file
from compact_analysis.plan.framework import load_framework
from compact_analysis.plan.members import find_register, load_register


@contextlib.contextmanager
def no_hang(seconds: int = 20):
    """Fail the test with TimeoutError instead of hanging if the code under test opens a FIFO to read it."""

    def alarm(*_):
        raise TimeoutError("waited on a FIFO")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def odd(tmp_path):
    """A FIFO, a folder, a broken link, a link to a regular file, and a regular file, made here (never committed)."""
    os.mkfifo(tmp_path / "pipe.csv")
    (tmp_path / "folder.csv").mkdir()
    (tmp_path / "broken.csv").symlink_to(tmp_path / "nowhere.csv")
    (tmp_path / "real.csv").write_text("x\n", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(tmp_path / "real.csv")
    return tmp_path


@pytest.mark.parametrize(
    ("name", "code", "phrase"),
    [
        ("pipe.csv", ErrorCode.NOT_A_REGULAR_FILE, "is a FIFO (named pipe)"),
        ("folder.csv", ErrorCode.NOT_A_REGULAR_FILE, "is a folder"),
        ("broken.csv", ErrorCode.BROKEN_LINK, "is a broken link"),
        ("missing.csv", ErrorCode.FILE_NOT_FOUND, "file not found"),
    ],
)
def test_each_kind_is_named(odd, name, code, phrase):
    found_code, found_phrase = file_kind_problem(odd / name)
    assert found_code == code and found_phrase.startswith(phrase)


def test_a_device_is_named():
    assert file_kind_problem("/dev/zero") == (ErrorCode.NOT_A_REGULAR_FILE, "is a device, not a file")


@pytest.mark.parametrize("name", ["real.csv", "link.csv"])
def test_a_regular_file_or_a_link_to_one_passes(odd, name):
    assert file_kind_problem(odd / name) is None
    assert require_regular_file(odd / name) == odd / name


def test_the_error_is_one_line_naming_the_path_and_the_kind(odd):
    with pytest.raises(InputError) as caught:
        require_regular_file(odd / "pipe.csv", "member register")
    assert str(caught.value) == f"{odd / 'pipe.csv'}: member register is a FIFO (named pipe), not a file"
    assert caught.value.code == ErrorCode.NOT_A_REGULAR_FILE


def test_a_fifo_register_is_refused_not_waited_on(odd):
    """Opening a FIFO with no writer blocks for ever; the check must come first (no_hang turns a hang into a failure)."""
    with no_hang(), pytest.raises(InputError) as caught:
        load_register(odd / "pipe.csv")
    assert caught.value.code == ErrorCode.NOT_A_REGULAR_FILE


def test_a_folder_named_like_the_register_is_refused_as_a_folder(tmp_path):
    (tmp_path / "members.csv").mkdir()
    with pytest.raises(InputError, match="member register is a folder") as caught:
        find_register(tmp_path)
    assert caught.value.code == ErrorCode.NOT_A_REGULAR_FILE


@pytest.mark.parametrize(("name", "phrase"), [("pipe.yaml", "FIFO"), ("folder.yaml", "folder")])
def test_a_framework_that_is_not_a_file_is_refused(tmp_path, name, phrase):
    if name == "pipe.yaml":
        os.mkfifo(tmp_path / name)
    else:
        (tmp_path / name).mkdir()
    with no_hang(), pytest.raises(FrameworkError, match=phrase) as caught:
        load_framework(tmp_path / name)
    assert [f.code for f in caught.value.failures] == [FrameworkCode.NOT_A_FILE]
