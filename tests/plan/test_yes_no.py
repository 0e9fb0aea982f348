"""One spelling of yes and no for returns and the member register (issue #22 item 6)."""

from __future__ import annotations

import pytest

from compact_analysis.plan.members import RegisterError, load_register
from compact_analysis.plan.yes_no import NO_WORDS, YES_WORDS, parse_yes_no

HEADER = "member_id,name,sector,code,joined,left,deemed\n"


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("yes", True), ("Y", True), ("TRUE", True), ("1", True), (" Yes ", True),
        ("no", False), ("N", False), ("False", False), ("0", False),
        ("maybe", None), ("", None), ("oui", None), ("2", None), ("yes please", None),
    ],
)  # fmt: skip
def test_each_spelling(text, answer):
    assert parse_yes_no(text) is answer


def test_the_words_are_the_documented_eight():
    # README, "Returns: formats and validation": yes/no, y/n, true/false, 1/0.
    assert (YES_WORDS, NO_WORDS) == (("yes", "y", "true", "1"), ("no", "n", "false", "0"))


def test_the_register_reads_deemed_with_the_same_words(tmp_path):
    rows = "".join(
        f"M0{i},Member {i} (fictional),other,,2009-04-01,,{word}\n"
        for i, word in enumerate(["TRUE", "y", "1", "False", "N", "0"], 1)
    )
    path = tmp_path / "members.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    # Three yes words then three no words, so deemed is True for M01-M03 only.
    assert load_register(path)["deemed"].tolist() == [True] * 3 + [False] * 3


def test_the_register_refuses_other_words(tmp_path):
    path = tmp_path / "members.csv"
    path.write_text(HEADER + "M01,Member (fictional),other,,2009-04-01,,maybe\n", encoding="utf-8")
    with pytest.raises(RegisterError) as caught:
        load_register(path)
    assert [(f.column, f.code) for f in caught.value.failures] == [("deemed", "type-error")]
