"""The paper says who joined and left during a period, and beside an indicator when its target was revised."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from compact_analysis.plan.framework import load_framework
from compact_analysis.presentation.paper import prepare_paper
from compact_analysis.presentation.period_changes import membership_sentences, membership_summary, revision_sentence
from tests.helpers import FRAMEWORKS, csv_register

REGISTER = """member_id,name,sector,code,joined,left,deemed,successor_id
M01,Northshire County Council,local authority,,2009-04-01,,yes,
M02,Eastvale Fire <b>and</b> Rescue,fire,,2009-04-01,2009-10-31,yes,
M03,Old Town College,education,,2009-04-01,2009-12-31,yes,M05
M04,Westmoor Police,police,,2009-11-01,,yes,
M05,Town and Country College,education,,2009-10-01,,yes,
M06,A supplier,other,,2009-04-01,2009-11-30,no,
"""


@pytest.fixture
def register():
    return csv_register(REGISTER)


def test_joiners_and_leavers_of_a_quarter_in_date_order(register):
    # 2009-10-Q3 (1 October to 31 December 2009), read off the register above by date.
    q3 = (date(2009, 10, 1), date(2009, 12, 31))
    assert membership_sentences(register, *q3) == [
        "Town and Country College (M05) joined on 1 October 2009; it counts from that day.",
        "Eastvale Fire <b>and</b> Rescue (M02) left on 31 October 2009, so it counts toward no indicator of this period.",
        "Westmoor Police (M04) joined on 1 November 2009; it counts from that day.",
        "A supplier (M06) left on 30 November 2009 (not a deemed member, so never counted).",
        "Old Town College (M03) left on 31 December 2009, its last day was the period's last, so it counts in "
        "this period and not after; its returns now count toward Town and Country College (M05).",
    ]
    # 2 joined (M05, M04), 3 left (M02, M06, M03).
    assert membership_summary(register, *q3).startswith("During the period 2 members joined and 3 left;")
    assert membership_summary(register, date(2009, 7, 1), date(2009, 9, 30)) == (
        "No member joined or left the partnership during the period."
    )


def test_a_tbc_target_set_later_is_said_to_be_revised_from_its_agreed_date():
    indicator = load_framework(FRAMEWORKS / "small-test.yaml").indicator("signed-up")
    # Agreed TBC on 1 April 2009, set to 50% on 15 October 2009: not yet revised at the end of September.
    assert revision_sentence(indicator, date(2009, 9, 30)) is None
    assert revision_sentence(indicator, date(2009, 12, 31)) == (
        "Target revised: agreed on 15 October 2009 (Set by the Scheme Group on 15 October 2009), it replaced the "
        "target agreed on 1 April 2009: was a percentage to be confirmed (TBC), now 50% of deemed members."
    )


def test_the_paper_escapes_the_names_it_lists(ingested_demo, register):
    data = str(ingested_demo.store.parent)
    paper = prepare_paper("compact-2009-10", data, "2009-10-Q3", frameworks_dir=str(FRAMEWORKS))
    shown = dataclasses.replace(paper, register=register).membership_changes()
    assert "Eastvale Fire &lt;b&gt;and&lt;/b&gt; Rescue (M02) left on 31 October 2009" in shown
    assert "<b>and</b>" not in shown
    # The demo's own Q3: its leaver (31 October) is named in the first block of the paper.
    leaver = ingested_demo.demo.left_mid_year
    assert f"({leaver}) left on 31 October 2009, so it counts toward no indicator" in paper.title_block()
