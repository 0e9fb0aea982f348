"""Revisions in the paper: the comparator phrase that says a figure was revised, and the revisions table.

The figures come from :mod:`compact_analysis.evaluation.revisions`; this module only words them. Each return
behind a revision names a member and a file, which members typed, so every cell is escaped on the way to HTML.
"""

from __future__ import annotations

import pandas as pd

from compact_analysis.evaluation.revisions import Revision
from compact_analysis.presentation import html as ui


def _number(value: float) -> str:
    """As :func:`compact_analysis.presentation.narrative.number` (a count whole, else one decimal place)."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _way(now: float, before: float) -> str:
    return "unchanged" if now == before else ("up" if now > before else "down")


def revised_change(now: float, revision: Revision) -> str:
    """The comparator for a previous-period figure revised since its publication.

    'up from 574 in 2009-10-Q3, since revised to 602' when the value now moved the same way from both figures;
    otherwise the movement is from the revised figure, and the published one is given in brackets.
    """
    period, revised, published = revision.period, revision.now, revision.published
    if published is None:
        return f"{_way(now, revised)} from {_number(revised)} in {period} (no figure when {period} was published)"
    if _way(now, published) == _way(now, revised) != "unchanged":
        return f"{_way(now, published)} from {_number(published)} in {period}, since revised to {_number(revised)}"
    if now == revised:
        return f"unchanged from {period} as since revised ({_number(revised)}; published as {_number(published)})"
    return (
        f"{_way(now, revised)} from {_number(revised)} in {period} as since revised (published as {_number(published)})"
    )


def previous_period_revisions(found: tuple[Revision, ...], previous_period: str) -> dict[str, Revision]:
    """The revisions of the previous period's figures, by indicator id (what the summary sentences compare with)."""
    return {r.indicator_id: r for r in found if r.period == previous_period}


def _shown(value: float | None) -> str:
    return "no return" if value is None else _number(value)


def _size(revision: Revision) -> str:
    size = revision.size
    if size is None:
        return "new figure"
    return f"{'+' if size > 0 else ''}{_number(size)}"


def revisions_section(found: tuple[Revision, ...], as_at_words: str) -> ui.Html:
    """'Revisions since publication': one row per revised figure, or one line saying there is none."""
    parts = [ui.heading("Revisions since publication", 2)]
    if not found:
        parts.append(
            ui.paragraph(
                "No figure of an earlier period shown in this paper has been revised since that period's paper "
                f"was published (evidence up to {as_at_words})."
            )
        )
        return ui.Html("".join(parts))
    parts.append(
        ui.paragraph(
            "Figures of earlier periods shown in this paper that have changed since that period's own evidence "
            f"date, as known on {as_at_words}. A correction is a return marked as correcting an earlier one; a "
            "late return was first sent after the period's evidence date; a resubmission replaced an earlier "
            "return without being marked a correction."
        )
    )
    shown = pd.DataFrame(
        {
            "Indicator": [r.indicator_name for r in found],
            "Period": [r.period for r in found],
            "As published": [f"{_shown(r.published)} ({r.published_on:%-d %b %Y})" for r in found],
            "Now": [_shown(r.now) for r in found],
            "Cause": [r.cause for r in found],
            "Size": [_size(r) for r in found],
            "Returns behind it": ["; ".join(x.describe() for x in r.returns) or "none traced" for r in found],
        },
        columns=["Indicator", "Period", "As published", "Now", "Cause", "Size", "Returns behind it"],
    )
    parts.append(ui.table(shown, "Revisions since publication", nowrap=("Period",)))
    return ui.Html("".join(parts))
