"""The baseline block of a gap indicator: the freeze, the target's range, what counts and who answered late."""

from datetime import date

from compact_analysis.presentation.baseline_block import (
    baseline_block,
    counts_sentence,
    freeze_sentence,
    late_answers,
    target_sentence,
)
from tests.evaluation.test_baseline import GAP_CASES, gap_register, gap_result


def _baseline(compact):
    return gap_result(compact, GAP_CASES, "2009-10-Q3", date(2010, 2, 14)).baseline


def test_the_freeze_is_stated_with_its_reason(compact):
    text = freeze_sentence(_baseline(compact))
    # 30 June 2009 + 45 days (the framework's report_after_days) = 14 August 2009.
    assert text.startswith("The baseline is frozen at 14 August 2009: answers for periods ending by the baseline date")
    assert "(30 June 2009)" in text and "45-day reporting lag" in text


def test_the_target_is_printed_with_its_range(compact):
    # k=3, h=1, u=5 (tests/evaluation/test_baseline.py): point 6.75, target 4, bounds 3..8 -> 2..4,
    # interval 4..8 -> 2..4.
    assert target_sentence(_baseline(compact)) == (
        "Target: 4, half of an estimated 6.8 members without one at the baseline, rounded up (the bounds 3 to 8 "
        "give 2 to 4; the 95% interval 4 to 8 gives 2 to 4)."
    )


def test_what_counts_is_said_in_words(compact):
    text = counts_sentence(_baseline(compact), date(2009, 12, 31))
    # 3 known (A, B, G); 5 not answered (D, E, F, H, I), of whom D and E have shown they had none: 2.
    assert "the 3 known to lack one at the freeze, and those of the 5 not answered" in text
    assert ": 2 by 31 December 2009." in text


def test_members_answering_after_the_freeze_are_listed_with_what_and_when(compact):
    register = gap_register().assign(name=lambda f: f["member_id"].map({"F": "<b>Foxton</b> & Co"}))
    table = late_answers(_baseline(compact), register, date(2009, 12, 31))
    # D, E, F, H answered after the freeze (I never did); one row each with its deciding answer.
    assert list(table["For"]) == ["2009-10-Q1", "2009-10-Q2", "2009-10-Q2", "2009-10-Q1"]
    assert list(table["Said"]) == ["no", "no", "yes", "yes"]
    assert list(table["Submitted"]) == ["1 September 2009", "10 October 2009", "10 October 2009", "15 September 2009"]
    assert table["What it means"].iloc[3] == "had one at the baseline: not in the gap"
    html = str(baseline_block(_baseline(compact), register, date(2009, 12, 31)))
    assert "&lt;b&gt;Foxton&lt;/b&gt; &amp; Co (F)" in html and "<b>Foxton" not in html  # a typed name is escaped
    assert "<caption>Answered after the freeze" in html
    named = str(baseline_block(_baseline(compact), register, date(2009, 12, 31), "Apprentices <new>"))
    # the caption (and so the scroll region's name) names its indicator, escaped, so two baselines differ
    assert "<caption>Apprentices &lt;new&gt;: answered after the freeze" in named
