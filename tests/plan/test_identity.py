"""Ids that collide by case or Unicode form, or hold characters nobody can see: register and framework."""

from __future__ import annotations

import pytest

from compact_analysis.errors import FrameworkError
from compact_analysis.plan.codes import FrameworkCode, RegisterCode
from compact_analysis.plan.framework import load_framework
from compact_analysis.plan.identity import (
    collisions,
    id_key,
    invalid_id_message,
    invisible_characters,
    letter_scripts,
    normalise_id,
)
from compact_analysis.plan.members import RegisterError, load_register
from tests.helpers import HOSTILE

COMPOSED, DECOMPOSED = "caf\u00e9", "cafe\u0301"  # é as one character; e then a combining acute accent
HEADER = "member_id,name,sector,code,joined,left,deemed,successor_id\n"


def test_normalise_id_gives_the_composed_form():
    # NFC turns e + U+0301 into the single character U+00E9: 5 code points become 4.
    assert len(DECOMPOSED) == 5 and normalise_id(f" {DECOMPOSED} ") == COMPOSED


def test_id_key_folds_case_and_form():
    assert id_key("M020") == id_key("m020") == "m020"
    assert id_key(COMPOSED) == id_key(DECOMPOSED.upper())
    assert id_key("M020") != id_key("M021")


def test_invisible_characters_are_named():
    assert invisible_characters("M\u200b021") == ["U+200B ZERO WIDTH SPACE"]
    assert invisible_characters("M\u202e022") == ["U+202E RIGHT-TO-LEFT OVERRIDE"]
    assert invisible_characters(DECOMPOSED) == []  # a combining accent is seen (category Mn)
    assert invisible_characters("M-020 café") == []


def test_letters_from_two_scripts_make_an_invalid_id():
    # "M\u0430rket": the second letter is CYRILLIC SMALL LETTER A, which looks like Latin a.
    assert letter_scripts("M\u0430rket") == ["LATIN", "CYRILLIC"]
    assert "Latin and Cyrillic" in invalid_id_message("M\u0430rket")
    assert letter_scripts("café-020") == ["LATIN"] and invalid_id_message("café-020") is None
    assert invalid_id_message("\u041c020") is None  # one script throughout (Cyrillic М): not caught by this rule


def test_collisions_name_every_spelling_and_not_exact_repeats():
    found = collisions([("a", "M020"), ("b", "m020"), ("c", "M021"), ("d", "M021")])
    assert found == [("a", "M020", [("b", "m020")]), ("b", "m020", [("a", "M020")])]


def _register(tmp_path, rows: str):
    path = tmp_path / "members.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def _failures(path):
    with pytest.raises(RegisterError) as caught:
        load_register(path)
    return [(f.row, f.column, f.code) for f in caught.value.failures]


@pytest.mark.parametrize("name", ["members_case_collision.csv", "members_nfc_collision.csv"])
def test_a_register_with_ids_differing_by_case_or_form_names_both_rows(name):
    # Both data rows (spreadsheet rows 2 and 3) hold the one member twice.
    with pytest.raises(RegisterError) as caught:
        load_register(HOSTILE / name)
    found = [(f.row, f.column, f.code) for f in caught.value.failures]
    assert found == [(2, "member_id", RegisterCode.ID_COLLISION), (3, "member_id", RegisterCode.ID_COLLISION)]
    assert "row 3" in caught.value.failures[0].message and "row 2" in caught.value.failures[1].message


def test_a_register_id_holding_an_invisible_character_is_invalid():
    # Rows 2 (zero-width space) and 3 (right-to-left override) are invalid; M023 on row 4 is fine.
    found = _failures(HOSTILE / "members_invisible_id.csv")
    assert found == [(2, "member_id", RegisterCode.INVALID_ID), (3, "member_id", RegisterCode.INVALID_ID)]


def test_register_ids_are_stored_composed_and_successors_match_in_that_form(tmp_path):
    path = _register(
        tmp_path,
        f"{DECOMPOSED},Old,health,,2009-04-01,2009-06-30,yes,M2\n"
        f"M2,New,health,,2009-07-01,,yes,\n"
        f"M3,Older,health,,2009-04-01,2009-06-30,yes,{DECOMPOSED}\n",
    )
    register = load_register(path)
    assert register["member_id"].tolist() == [COMPOSED, "M2", "M3"]
    assert register["successor_id"].tolist() == ["M2", "", COMPOSED]


def test_exact_repeats_stay_duplicate_id_not_collision(tmp_path):
    path = _register(tmp_path, "M1,A,health,,2009-04-01,,yes,\nM1,B,health,,2009-04-01,,yes,\n")
    assert _failures(path) == [(3, "member_id", RegisterCode.DUPLICATE_ID)]


def test_framework_ids_that_collide_or_hold_invisible_characters_are_located():
    with pytest.raises(FrameworkError) as caught:
        load_framework(HOSTILE / "framework_id_collision.yaml")
    found = {(f.column, f.code) for f in caught.value.failures if f.code in (FrameworkCode.ID_COLLISION, "invalid-id")}
    assert found == {
        ("measures[0].id", FrameworkCode.ID_COLLISION),
        ("measures[1].id", FrameworkCode.ID_COLLISION),
        ("measures[2].id", FrameworkCode.INVALID_ID),
        ("priorities[0].indicators[0].id", FrameworkCode.ID_COLLISION),
        ("priorities[1].indicators[0].id", FrameworkCode.ID_COLLISION),
    }
