"""The board's first page: what needs attention, whose rating moved, new exceptions, asks and awaited commentary.

Hand-built evaluations (stand-ins with only what these functions read), so every expected sentence is
worked out from the statuses written here.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pandas as pd

from compact_analysis.evaluation.board_points import attention, moved, needs_attention
from compact_analysis.evaluation.status import Status
from compact_analysis.evidence.board_messages import BoardMessages
from compact_analysis.evidence.commentary import Comment
from compact_analysis.presentation.commentary_blocks import commentary_text, indicator_commentary
from compact_analysis.presentation.key_messages import (
    asks_section,
    attention_message,
    awaited,
    board_asks,
    generated_messages,
    key_messages_section,
    movement_message,
    new_exceptions_message,
)

HOSTILE = '<script>alert("x")</script>'


def _result(ident: str, code: str, label: str, owner: str = "Theme Group"):
    indicator = SimpleNamespace(id=ident, name=f"Indicator {ident}", owner=owner)
    return SimpleNamespace(indicator=indicator, status=Status(code, label, ""))


def _evaluation(period: str, *results):
    return SimpleNamespace(results=list(results), period=SimpleNamespace(name=period))


NOW = _evaluation(
    "2009-10-Q4",
    _result("a", "red", "Red: behind"),  # needs attention
    _result("b", "missed", "Missed by 5"),  # red rating: needs attention
    _result("c", "green", "Green: on track"),
    _result("d", "overdue", "Overdue", owner=HOSTILE),  # past its date: needs attention
    _result("e", "amber", "Amber: slightly behind"),
)
BEFORE = _evaluation(
    "2009-10-Q3",
    _result("a", "amber", "Amber: slightly behind"),  # amber -> red: worse
    _result("b", "red", "Red: behind"),  # red -> missed: same colour, neither
    _result("c", "amber", "Amber: slightly behind"),  # amber -> green: improved
    _result("d", "in-progress", "In progress"),  # not a rating: neither
    _result("e", "amber", "Amber: slightly behind"),  # unchanged
)


def test_attention_is_red_ratings_and_past_due_states():
    assert [r.indicator.id for r in attention(NOW)] == ["a", "b", "d"]
    assert needs_attention(_result("x", "not-met", "Not met")) is not False  # not met counts under red
    assert needs_attention(_result("x", "target-overdue", "Target overdue"))
    assert not needs_attention(_result("x", "no-data", "No data"))


def test_attention_message_names_each_with_its_status():
    assert attention_message(NOW) == (
        "3 of 5 indicators need attention (red, missed or past its date): Indicator a (red); "
        "Indicator b (missed by 5); Indicator d (overdue)."
    )
    calm = _evaluation("2009-10-Q4", _result("c", "green", "Green: on track"))
    assert attention_message(calm) == "None of the 1 indicator is red, missed or past its date."


def test_movement_compares_colours_only():
    worse, better = moved(NOW, BEFORE)
    assert [r.indicator.id for r, _ in worse] == ["a"] and [r.indicator.id for r, _ in better] == ["c"]
    assert movement_message(NOW, BEFORE) == (
        "Since 2009-10-Q3, 1 indicator got worse (Indicator a: amber to red) and "
        "1 indicator improved (Indicator c: amber to green)."
    )
    assert movement_message(NOW, None) == ""
    # b went red -> missed and d in progress -> overdue: both changed status, neither changed colour.
    same = _evaluation("2009-10-Q4", NOW.results[1], NOW.results[3])
    assert movement_message(same, BEFORE) == (
        "No indicator's rating got better or worse since 2009-10-Q3; "
        "2 indicators changed status within the same colour (see the summary)."
    )


def test_new_exceptions_are_counted_by_kind_with_those_still_open():
    new = pd.DataFrame({"kind": ["return-missing", "emergency", "return-missing"]})
    assert new_exceptions_message(new, 4) == (
        "3 new exceptions this period (2 member's return missing past its due date; 1 emergency); "
        "4 are still open from earlier periods."
    )
    assert new_exceptions_message(new.head(0), 1) == (
        "No new exception was opened this period; 1 is still open from earlier periods."
    )
    assert len(generated_messages(NOW, None, new.head(0), 0)) == 2  # no previous period: no movement message


def test_asks_name_whose_commentary_is_awaited_and_always_ask_to_note():
    given = {"a": Comment("a", "Owner A", "Recovering", "", None, 2)}
    waiting = awaited(NOW, given)
    assert waiting == {"Theme Group": ["Indicator b"], HOSTILE: ["Indicator d"]}
    asks = board_asks(BoardMessages(asks=("Agree the recovery plan.",)), waiting)
    assert asks == [
        "Agree the recovery plan.",
        "Ask Theme Group for commentary and a remedial action on Indicator b",
        f"Ask {HOSTILE} for commentary and a remedial action on Indicator d",
        "Note where the plan stands, as this paper reports it.",
    ]
    html = asks_section(BoardMessages(), waiting)
    assert html.startswith("<p>No decision is sought from the board this period. The board is asked to:</p>")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "No decision" not in asks_section(BoardMessages(asks=("Agree.",)), {})


def test_analyst_messages_come_first_and_are_escaped():
    html = key_messages_section(BoardMessages(messages=(HOSTILE,)), ["Generated."])
    assert html.index("From the analyst") < html.index("&lt;script&gt;") < html.index("Generated.")
    assert "<script>" not in html
    assert (
        key_messages_section(BoardMessages(), ["Generated."]) == '<ul class="ca-key-messages"><li>Generated.</li></ul>'
    )


def test_commentary_beside_an_indicator_is_escaped_or_says_it_is_awaited():
    red = NOW.results[0]
    assert "Commentary awaited from <bdi>Theme Group</bdi>." in indicator_commentary(red, None)
    assert indicator_commentary(NOW.results[2], None) == ""  # green: nothing asked
    hostile = Comment("a", HOSTILE, HOSTILE, HOSTILE, date(2010, 6, 30), 2)
    html = indicator_commentary(red, hostile)
    assert "<script>" not in html and html.count("&lt;script&gt;") == 3
    assert "(due 30 June 2010)" in html
    assert commentary_text(Comment("EX-0001", "Data team", "Chased.", "Call them", date(2010, 5, 1), 2)) == (
        "Data team: Chased. Action: Call them (due 1 May 2010)."
    )
    assert commentary_text(None) is None
