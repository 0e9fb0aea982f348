"""The baseline behind a share of a baseline gap (seed 000, priorities 3 and 5), in words.

Seed 000: "establish how many member organisations have not yet got an established Apprenticeship
Scheme in place. Then to support 50% of those organisations to develop a scheme by March 2010."
The block says when the baseline was frozen and why, the estimate and its honesty checks, the target
with its range, what can count toward it (:mod:`compact_analysis.evaluation.gap_rule`), and who
answered after the freeze, with what and when.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pandas as pd

from compact_analysis.evaluation.baseline import BaselineResult
from compact_analysis.evaluation.gap_rule import GapPosition
from compact_analysis.presentation import html as ui
from compact_analysis.presentation.member_text import member_text

MEANING = {
    GapPosition.LACKED: "had none at the baseline: counts once it has one",
    GapPosition.HAD: "had one at the baseline: not in the gap",
    GapPosition.CANNOT_TELL: "has one, but when it started cannot be told: does not count unless it answers for the baseline period",
}


def _day(day: date) -> str:
    return f"{day:%-d %B %Y}"


def freeze_sentence(baseline: BaselineResult) -> str:
    """When the baseline was frozen and why; empty for a baseline without dates."""
    if baseline.freeze is None or baseline.baseline_date is None:
        return ""
    lag = (baseline.freeze - baseline.baseline_date).days
    return (
        f"The baseline is frozen at {_day(baseline.freeze)}: answers for periods ending by the baseline date "
        f"({_day(baseline.baseline_date)}) count if submitted by then, the baseline date plus the framework's "
        f"{lag}-day reporting lag, so the target is fixed once the baseline returns are due. Later answers do not "
        "move the baseline or the target; they decide only whether a member not answered by then can count."
    )


def target_sentence(baseline: BaselineResult) -> str:
    """'Target: 11, half of an estimated 20.3 ... (bounds 13 to 31 give 7 to 16; ...)'."""
    est, target = baseline.estimate, baseline.target
    if target.value is None or est.point is None or target.unrounded is None:
        return f"Target: undefined, as nobody answered by the freeze; the bounds {est.low} to {est.high} give {target.low} to {target.high}."
    share = target.unrounded / est.point if est.point else None
    share_words = "half" if share == Fraction(1, 2) else (f"{share}" if share is not None else "a share")
    text = (
        f"Target: {target.value}, {share_words} of an estimated {float(est.point):.1f} members without one at the "
        f"baseline, rounded up (the bounds {est.low} to {est.high} give {target.low} to {target.high}"
    )
    if est.interval is not None and target.interval is not None:
        text += f"; the 95% interval {est.interval[0]} to {est.interval[1]} gives {target.interval[0]} to {target.interval[1]}"
    return text + ")."


def counts_sentence(baseline: BaselineResult, end: date) -> str:
    """What counts toward the target, with how many of those not answered by the freeze have shown they had none."""
    shown = sum(1 for where, _ in baseline.positions(end).values() if where == GapPosition.LACKED)
    return (
        "What counts toward it: a member that lacked one at the baseline and has one now. That is the "
        f"{len(baseline.lacking)} known to lack one at the freeze, and those of the {len(baseline.unanswered)} not "
        "answered by then whose returns since show they had none at the baseline (a \u201cno\u201d for the baseline "
        f"period, or a first later answer \u201cno\u201d): {shown} by {_day(end)}. A member whose first answer since is "
        "\u201cyes\u201d may have had one all along (the return asks whether a member has one, not when it started), "
        "so it does not count unless it gives its answer for the baseline period."
    )


def late_answers(baseline: BaselineResult, register: pd.DataFrame, end: date) -> pd.DataFrame:
    """Members not answered by the freeze that have answered since: the deciding answer, when, and what it means."""
    names = register.set_index("member_id")["name"]
    rows = [
        {
            "Member": f"{names.get(m, m)} ({m})",
            "Said": answer.value,
            "For": answer.period,
            "Submitted": _day(answer.submitted),
            "What it means": MEANING[where],
        }
        for m, (where, answer) in sorted(baseline.positions(end).items())
    ]
    return pd.DataFrame(rows, columns=["Member", "Said", "For", "Submitted", "What it means"])


def baseline_block(baseline: BaselineResult, register: pd.DataFrame, end: date, indicator: str = "") -> ui.Html:
    """The baseline behind a derived target: the freeze, the estimate, the target's range, who counts and who is listed.

    ``indicator`` (its name) leads the late answers' caption, so two baselines on a page have distinct captions
    and scroll regions a screen reader can tell apart."""
    est, target = baseline.estimate, baseline.target
    names = register.set_index("member_id")["name"]

    def listed(ids: tuple[str, ...]) -> str:
        return "; ".join(member_text(f"{names.get(i, i)} ({i})") for i in ids) or "none"

    lines = [
        f"Known by the freeze to lack one at the baseline: {est.known_lacking}; known to have one: {est.known_having}; "
        f"not answered: {est.unanswered}"
        + (f" (response rate {float(est.response_rate):.0%})." if est.response_rate is not None else "."),
        f"Bounds that assume nothing about non-responders: {est.low} to {est.high}.",
    ]
    if est.point is not None:
        lines.append(
            f"Estimate if non-responders resemble responders: {float(est.point):.1f}"
            + (f", 95% interval {est.interval[0]} to {est.interval[1]}." if est.interval else ".")
        )
        lines.append(
            "If non-responders are 1.5 or 2 times as likely to lack one: "
            + ", ".join(f"{float(v):.1f}" for _, v in sorted(est.sensitivity.items()))
            + "."
        )
    if est.warning:
        lines.append(est.warning)
    lines += [target_sentence(baseline), f"Working: {target.text}.", counts_sentence(baseline, end)]
    parts = [ui.paragraph(freeze_sentence(baseline))] if baseline.freeze is not None else []
    parts.append(ui.bullets(lines, "ca-baseline"))
    parts.append(ui.Html(f"<p><strong>Lacked one at the baseline:</strong> {listed(baseline.lacking)}</p>"))
    parts.append(ui.Html(f"<p><strong>Not answered by the freeze:</strong> {listed(baseline.unanswered)}</p>"))
    answered = late_answers(baseline, register, end)
    if not answered.empty:
        caption = (
            f"{indicator + ': ' if indicator else ''}answered after the freeze (these do not move the frozen baseline)"
        )
        caption = caption[0].upper() + caption[1:]
        parts.append(ui.table(answered, caption, nowrap=("For", "Submitted")))
    return ui.Html("".join(parts))
