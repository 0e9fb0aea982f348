"""Member-typed text in tables: isolated in <bdi>, shortened with the whole in title; long tables capped (#22)."""

from __future__ import annotations

import pandas as pd

from compact_analysis.presentation import html as ui
from compact_analysis.presentation.member_text import capped, member_text, shortened


def test_short_text_is_isolated_and_escaped_not_shortened():
    assert member_text("Ashby <b>Council</b>") == "<bdi>Ashby &lt;b&gt;Council&lt;/b&gt;</bdi>"


def test_a_right_to_left_override_stays_inside_its_isolate():
    html = member_text("abc\u202edef")
    assert html.startswith("<bdi>") and html.endswith("</bdi>") and "\u202e" in html


def test_long_text_is_cut_at_a_word_with_the_whole_in_title():
    # 9 words of 9 letters with 8 spaces = 89 characters. Kept: the first 79 (limit 80 less the "…"),
    # which end exactly at the end of the 8th word (the 80th character is a space): 8 words, no cut back.
    # With "x" in place of that space the 79 end inside a word, so the cut goes back to the space at 69.
    text = " ".join(["abcdefghi"] * 9)
    assert shortened(text) == " ".join(["abcdefghi"] * 8) + "…"
    assert shortened(text[:79] + "x" + text[80:]) == " ".join(["abcdefghi"] * 7) + "…"
    html = member_text(text + ' "q"')
    assert f'title="{text} &quot;q&quot;"' in html and html.count("abcdefghi") == 8 + 9


def test_text_without_spaces_is_cut_at_the_limit():
    assert shortened("x" * 200) == "x" * 79 + "…"  # 79 characters and the ellipsis: 80


def test_tables_isolate_member_columns_and_cap_rows():
    frame = pd.DataFrame({"Member": ["M\u202e1", "M2"], "Return": ["late", "missing"]})
    html = ui.table(frame, "Late")
    assert "<td><bdi>M\u202e1</bdi></td>" in html and "<td>late</td>" in html
    big = pd.DataFrame({"n": range(1203)})
    shown, note = capped(big)
    assert len(shown) == 500 and "first 500 of 1,203 rows" in note and "other 703" in note
    assert ui.table(big, "Big").count("<tr>") == 501  # the header row and 500 rows
