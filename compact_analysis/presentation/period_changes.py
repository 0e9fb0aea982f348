"""What changed under the figures during a period: who joined and left the partnership, and revised targets.

A reader who sees a count or a share move needs to know whether the denominator moved: a member that
left before the period's end counts toward no indicator of that period (seed 000 measures impact over
the "deemed" member organisations), and one that joined counts from its joining date. A target agreed
as "TBC" and later set (a revision, docs/frameworks.md) is said to be revised, with the date it was agreed.
Names come from the member register, which members type: every sentence is escaped on its way to HTML.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from compact_analysis.plan.framework import Indicator, Target
from compact_analysis.plan.members import membership_changes


def _day(day: date) -> str:
    return f"{day:%-d %B %Y}"


def membership_sentences(register: pd.DataFrame, period_start: date, period_end: date) -> list[str]:
    """One sentence per member that joined or left between the two dates (inclusive), oldest first."""
    names = register.set_index("member_id")["name"]
    sentences = []
    for row in membership_changes(register, period_start, period_end).itertuples(index=False):
        who = f"{row.name} ({row.member_id})"
        if not row.deemed:
            sentences.append(f"{who} {row.change} on {_day(row.date)} (not a deemed member, so never counted).")
            continue
        if row.change == "joined":
            sentences.append(f"{who} joined on {_day(row.date)}; it counts from that day.")
            continue
        if row.date < period_end:
            counted = "so it counts toward no indicator of this period"
        else:
            counted = "its last day was the period's last, so it counts in this period and not after"
        successor = ""
        if row.successor_id:
            successor = (
                f"; its returns now count toward {names.get(row.successor_id, row.successor_id)} ({row.successor_id})"
            )
        sentences.append(f"{who} left on {_day(row.date)}, {counted}{successor}.")
    return sentences


def membership_summary(register: pd.DataFrame, period_start: date, period_end: date) -> str:
    """The sentence before the list: how many joined and left, or that nobody did."""
    changes = membership_changes(register, period_start, period_end)
    if changes.empty:
        return "No member joined or left the partnership during the period."
    joined, left = int((changes["change"] == "joined").sum()), int((changes["change"] == "left").sum())
    return (
        f"During the period {joined} {'member' if joined == 1 else 'members'} joined and {left} left; "
        "each indicator counts the deemed members on the period's last day:"
    )


def target_words(target: Target) -> str:
    """A target in a few words: '50% of deemed members', 'to be confirmed', '12 at stage-2', ..."""
    if target.kind == "share-of-members":
        return (
            "a percentage to be confirmed (TBC)"
            if target.share is None
            else f"{float(target.share):.0%} of deemed members"
        )
    if target.kind == "share-of-baseline-gap":
        return f"{float(target.share):.0%} of the members lacking one at the baseline"
    if target.kind == "count":
        return f"{target.value}"
    if target.kind == "count-at-level":
        return f"{target.value} at {target.level} or above"
    if target.kind == "pending":
        return f"to be set by {target.set_by} by {_day(target.set_by_date)}"
    return f"delivered by {_day(target.due)}" if target.due else "a milestone"


def revision_sentence(indicator: Indicator, period_end: date) -> str | None:
    """'Target revised on 15 October 2009: was ..., now ...' when the target in force replaced an earlier one."""
    current = indicator.target_in_force(period_end)
    if current is None:
        return None
    earlier = [t for t in indicator.targets if t.agreed < current.agreed]
    if not earlier:
        return None
    before = max(earlier, key=lambda t: t.agreed)
    note = f" ({current.note})" if current.note else ""
    return (
        f"Target revised: agreed on {_day(current.agreed)}{note}, it replaced the target agreed on "
        f"{_day(before.agreed)}: was {target_words(before)}, now {target_words(current)}."
    )
