"""The analyst's messages and asks: read as written, every problem at its line."""

from __future__ import annotations

import pytest

from compact_analysis.evidence.board_messages import BoardMessages, read_messages
from compact_analysis.evidence.commentary import BoardInputCode, BoardInputError


def _write(folder, text: str):
    (folder / "messages").mkdir(exist_ok=True)
    (folder / "messages" / "2009-10-Q4.yaml").write_text(text, encoding="utf-8")


def test_no_file_means_no_messages_and_no_asks(tmp_path):
    assert read_messages(tmp_path, "2009-10-Q4") == BoardMessages()


def test_messages_and_asks_are_kept_as_written(tmp_path):
    _write(tmp_path, "messages:\n  - '<b>Pledge</b> stalled & slipping'\nasks:\n  - Agree to write to members.\n")
    found = read_messages(tmp_path, "2009-10-Q4")
    assert found.messages == ("<b>Pledge</b> stalled & slipping",) and found.asks == ("Agree to write to members.",)
    _write(tmp_path, "asks:\n")  # an empty list is no asks, not an error
    assert read_messages(tmp_path, "2009-10-Q4").asks == ()


@pytest.mark.parametrize(
    ("text", "row", "column", "code"),
    [
        ("messages:\n  - ok\nrequests:\n  - x\n", 3, "requests", BoardInputCode.UNKNOWN_FIELD),
        ("messages:\n  - ok\n  - ''\n", 3, "messages[1]", BoardInputCode.MISSING_CELL),
        ("asks: Agree it\n", 1, "asks", BoardInputCode.TYPE_ERROR),
        ("asks:\n  - 12\n", 2, "asks[0]", BoardInputCode.TYPE_ERROR),
        ("- a list\n", 1, None, BoardInputCode.NOT_A_MAPPING),
        ("asks:\n  - a\n  - *b\n", 3, "line 3, column 5", "yaml-alias"),
    ],
)
def test_each_problem_is_located(tmp_path, text, row, column, code):
    _write(tmp_path, text)
    with pytest.raises(BoardInputError) as caught:
        read_messages(tmp_path, "2009-10-Q4")
    first = caught.value.failures[0]
    assert (first.row, first.column, first.code) == (row, column, code)
    assert str(caught.value).startswith(str(tmp_path))
