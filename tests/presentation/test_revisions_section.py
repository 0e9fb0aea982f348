"""Revisions in the paper, word for word: the comparator beside a revised figure and the revisions table."""

from __future__ import annotations

from datetime import date

from compact_analysis.evaluation.revisions import RevisingReturn, Revision, RevisionCause
from compact_analysis.presentation.narrative import indicator_sentence, summary_sentences
from compact_analysis.presentation.revisions_section import (
    previous_period_revisions,
    revised_change,
    revisions_section,
)
from tests.helpers import P2_ROWS, evaluate_rows, register


def revision(published, now, period="2009-10-Q3", returns=()) -> Revision:
    return Revision(
        "sfl-participants", "Skills for Life participation", period, date(2010, 2, 14), published, now, returns
    )


def test_the_comparator_says_what_was_published_and_what_it_was_revised_to():
    # The example: 574 as at Q3's own evidence date, 602 now; Q4's 627 is up from both.
    assert revised_change(627, revision(574, 602)) == "up from 574 in 2009-10-Q3, since revised to 602"
    assert revised_change(500, revision(574, 602)) == "down from 574 in 2009-10-Q3, since revised to 602"
    # 590 is up from 574 but down from 602: the movement is told from the revised figure.
    assert revised_change(590, revision(574, 602)) == (
        "down from 602 in 2009-10-Q3 as since revised (published as 574)"
    )
    assert revised_change(602, revision(574, 602)) == (
        "unchanged from 2009-10-Q3 as since revised (602; published as 574)"
    )
    assert revised_change(627, revision(None, 602)) == (
        "up from 602 in 2009-10-Q3 (no figure when 2009-10-Q3 was published)"
    )


def test_the_indicator_sentence_says_the_previous_figure_was_revised(compact):
    ev = evaluate_rows(compact, P2_ROWS, register(*"ABCD"), "2009-10-Q2")
    # Q2 (July-September): A 10 + 12, B 8 = 30; Q1 (June): A's 5 as known now, say 3 when Q1 was published.
    revised = revision(3, 5, period="2009-10-Q1")
    assert indicator_sentence(ev, ev.result("sfl-participants"), revised) == (
        "Skills for Life participation: 30 people in the period to 30 September 2009 (2 of 4 members returned), "
        "monitored without a target, up from 3 in 2009-10-Q1, since revised to 5, "
        "no significant change (month by month, within common-cause variation)."
    )
    # A revision of another period, or of a figure the evaluation does not compare with, changes nothing.
    plain = "up from 5 in 2009-10-Q1, no significant change (month by month, within common-cause variation)."
    assert indicator_sentence(ev, ev.result("sfl-participants"), revision(3, 5, period="2008-09-Q2")).endswith(plain)
    assert indicator_sentence(ev, ev.result("sfl-participants"), revision(3, 4, period="2009-10-Q1")).endswith(plain)
    sentences = summary_sentences(ev, previous_period_revisions((revised,), "2009-10-Q1"))
    # The seventh indicator (3 Pledge, 2 skills analysis and action plan, the test event, then participation).
    assert "up from 3 in 2009-10-Q1, since revised to 5, no significant change" in sentences[6]
    assert sentences == [
        indicator_sentence(ev, r, revised if r.indicator.id == "sfl-participants" else None) for r in ev.results
    ]


def test_no_revision_is_said_in_one_line():
    assert revisions_section((), "15 May 2010") == (
        "<h2>Revisions since publication</h2><p>No figure of an earlier period shown in this paper has been revised "
        "since that period&#x27;s paper was published (evidence up to 15 May 2010).</p>"
    )


def test_the_table_lists_each_revised_figure_with_its_cause_size_and_returns_escaped():
    back = RevisingReturn(
        "M009", "sfl-participants", "2009-10-M09", "5", date(2010, 3, 13), "<b>late</b>.csv", RevisionCause.LATE_RETURN
    )
    html = revisions_section(
        (revision(574, 602, returns=(back,)), revision(None, 3, period="2009-10-Q2")), "15 May 2010"
    )
    cells = [
        "<td>Skills for Life participation</td>",
        '<td class="ca-nowrap">2009-10-Q3</td>',
        "<td>574 (14 Feb 2010)</td>",
        "<td>602</td>",
        "<td>late return</td>",
        "<td>+28</td>",  # 602 - 574
        "<td>M009 sfl-participants 2009-10-M09: 5, sent 2010-03-13 in &lt;b&gt;late&lt;/b&gt;.csv (late return)</td>",
        "<td>no return (14 Feb 2010)</td>",
        "<td>new figure</td>",
        "<td>none traced</td>",
    ]
    for cell in cells:
        assert cell in html, cell
    assert "<b>late" not in html
