"""Paths that are not files, and ids that collide: each gets the outcome written here (issue #22, items 4 and 7).

The FIFO, folder and broken link are made in the test (a FIFO cannot be committed);
the registers, return and framework are in tests/data/hostile/ (make_corpus.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from compact_analysis.errors import ErrorCode, FrameworkError, InputError
from compact_analysis.plan.codes import FrameworkCode, RegisterCode
from compact_analysis.plan.framework import load_framework
from compact_analysis.plan.members import RegisterError, load_register
from tests.helpers import HOSTILE, ROOT


@pytest.fixture
def not_files(tmp_path):
    os.mkfifo(tmp_path / "pipe.csv")
    (tmp_path / "folder.csv").mkdir()
    (tmp_path / "broken.csv").symlink_to(tmp_path / "nowhere.csv")
    return {
        "pipe.csv": tmp_path / "pipe.csv",
        "folder.csv": tmp_path / "folder.csv",
        "broken.csv": tmp_path / "broken.csv",
        "device": Path("/dev/zero"),
    }


@pytest.mark.parametrize(
    ("name", "code", "phrase"),
    [
        ("pipe.csv", ErrorCode.NOT_A_REGULAR_FILE, "is a FIFO"),
        ("device", ErrorCode.NOT_A_REGULAR_FILE, "is a device"),
        ("folder.csv", ErrorCode.NOT_A_REGULAR_FILE, "is a folder"),
        ("broken.csv", ErrorCode.BROKEN_LINK, "is a broken link"),
    ],
)
def test_a_return_that_is_not_a_file(ingest, not_files, name, code, phrase):
    """A FIFO, /dev/zero, a folder or a broken link given as a return.
    InputError saying what it is (never "file not found", never a hang: the FIFO is not opened)."""
    with pytest.raises(InputError, match=phrase) as caught:
        ingest(not_files[name])
    assert caught.value.code == code and "\n" not in str(caught.value)


def test_cli_ingest_of_a_fifo_exits_2_at_once(not_files, demo_copy):
    """`compact-analysis ingest` given a FIFO, with nothing writing to it.
    One line "is a FIFO (named pipe)", exit 2, within the 60 s the acceptance allows."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "compact_analysis",
            "ingest",
            "--data",
            str(demo_copy),
            str(not_files["pipe.csv"]),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 2 and "is a FIFO (named pipe)" in done.stderr


@pytest.mark.parametrize("name", ["members_case_collision.csv", "members_nfc_collision.csv"])
def test_register_ids_differing_only_by_case_or_unicode_form(name):
    """A register holding m020 and M020, or café composed and decomposed.
    RegisterError with an id-collision failure on each of the two rows, each naming the other."""
    with pytest.raises(RegisterError) as caught:
        load_register(HOSTILE / name)
    assert [(f.row, f.code) for f in caught.value.failures] == [
        (2, RegisterCode.ID_COLLISION),
        (3, RegisterCode.ID_COLLISION),
    ]


def test_register_ids_holding_invisible_characters():
    """A register id holding a zero-width space, another a right-to-left override.
    RegisterError: invalid-id on both rows, the characters named by code point."""
    with pytest.raises(RegisterError) as caught:
        load_register(HOSTILE / "members_invisible_id.csv")
    failures = caught.value.failures
    assert [(f.row, f.code) for f in failures] == [(2, RegisterCode.INVALID_ID), (3, RegisterCode.INVALID_ID)]
    assert "U+200B" in failures[0].message and "U+202E" in failures[1].message


def test_a_return_naming_a_member_in_the_wrong_case(ingest):
    """A return naming m003 for the registered M003.
    That row quarantined as unknown-member with a message suggesting M003; the other row accepted."""
    result, _, failed = ingest(HOSTILE / "member_id_wrong_case.csv")
    assert (result.rows_read, result.accepted, result.quarantined) == (2, 1, 1)
    assert failed["code"].tolist() == ["unknown-member"] and "did you mean M003?" in failed["message"].item()


def test_a_return_member_id_in_another_unicode_form(ingest, tmp_path):
    """A return naming café decomposed for a register holding café composed.
    Matched after NFC normalisation: accepted, stored under the register's (composed) id."""
    composed, decomposed = "caf\u00e9", "cafe\u0301"
    members = tmp_path / "members.csv"
    members.write_text(
        f"member_id,name,sector,code,joined,left,deemed\n{composed},Café,health,,2008-04-01,,yes\n", encoding="utf-8"
    )
    path = tmp_path / "return.csv"
    path.write_text(
        "member_id,measure_id,period,value,comment,submitted\n"
        f"{decomposed},pledge-level,2009-10-Q1,committed,,2009-07-10\n",
        encoding="utf-8",
    )
    result, stored, _ = ingest(path, load_register(members))
    assert result.accepted == 1 and stored["member_id"].tolist() == [composed]
    assert unicodedata.is_normalized("NFC", stored["member_id"].item())


def test_framework_ids_that_collide_or_hold_invisible_characters():
    """A framework with measures café composed and decomposed, a measure id with a zero-width space, indicators At-Bronze and at-bronze.
    FrameworkError with id-collision at both places of each pair and invalid-id at the third measure, each located."""
    with pytest.raises(FrameworkError) as caught:
        load_framework(HOSTILE / "framework_id_collision.yaml")
    codes = {(f.column, f.code) for f in caught.value.failures}
    assert {
        ("measures[0].id", FrameworkCode.ID_COLLISION),
        ("measures[1].id", FrameworkCode.ID_COLLISION),
        ("measures[2].id", FrameworkCode.INVALID_ID),
        ("priorities[1].indicators[0].id", FrameworkCode.ID_COLLISION),
    } <= codes
