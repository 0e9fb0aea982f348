"""The scorecard's sign-off sentence: who signed the member's return off and when, escaped."""

from datetime import date

import pandas as pd

from compact_analysis.presentation import html as ui
from compact_analysis.presentation.signoff_section import signoff_sentence

SIGNOFFS = pd.DataFrame(
    [("S01", "2004-05-T1", "<b>A Head</b>", date(2004, 8, 9)), ("S02", "2004-05-T2", "B Deputy", date(2005, 1, 3))],
    columns=["member_id", "period", "signed_by", "signed_on"],
)


def test_a_signed_off_return_names_who_and_when():
    sentence = signoff_sentence(SIGNOFFS, "S01", "2004-05-T1")
    assert sentence == "The return for 2004-05-T1 was signed off by <b>A Head</b> on 9 August 2004."
    assert "&lt;b&gt;A Head" in ui.paragraph(sentence)


def test_another_members_or_periods_sign_off_does_not_count():
    assert signoff_sentence(SIGNOFFS, "S02", "2004-05-T1") == "The return for 2004-05-T1 has not been signed off."
    assert signoff_sentence(SIGNOFFS.iloc[0:0], "S01", "2004-05-T1").endswith("has not been signed off.")
