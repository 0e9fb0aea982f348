"""A member's scorecard: its position on every indicator, what it returned, what it owes,
and how it compares with peers of the same sector (councils with councils, as LG Inform does).

Everything a member is shown comes from the framework, so another partnership's framework needs no
code changes; the tables of the member's own returns (values in words, what is due and owed) are in
:mod:`compact_analysis.presentation.member_returns`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from compact_analysis.errors import ParameterError
from compact_analysis.evaluation.evaluate import Evaluation, IndicatorResult
from compact_analysis.evaluation.exception_rules import kind_in_words
from compact_analysis.evaluation.gap_rule import GapPosition
from compact_analysis.evaluation.indicators import Evidence
from compact_analysis.plan.framework import Framework
from compact_analysis.presentation import html as ui
from compact_analysis.presentation.member_figures import NO_RETURN, member_figure
from compact_analysis.presentation.member_returns import (
    cadence_sentence,
    level_label,
    returns_owed,
    returns_received,
    value_in_words,
)
from compact_analysis.presentation.paper import Paper, prepare_paper
from compact_analysis.presentation.signoff_section import signoff_section

#: Aggregates of indicators members report toward: counted one by one, added up, or a baseline gap closed.
_MEMBER_AGGREGATES = ("count-at-level", "count-yes", "sum", "gap-closed", "mean", "rate", "cumulative-sum")

#: The "Counts toward it" words, with the status code that colours the badge (words first; colour repeats them).
COUNTED = ("green", "Counted")
NOT_YET = ("red", "Not yet")
NOT_IN_GAP = ("not-in-gap", "Not in the gap")
NOT_COUNTED = ("not-counted", "Not counted")
POSITION_COLUMNS = ["Priority", "Indicator", "Value", "counts_code", "Counts toward it", "How it counts"]


# -- position on each indicator ------------------------------------------------------


def is_member_indicator(framework: Framework, result: IndicatorResult) -> bool:
    """Whether members report toward an indicator one by one (not the partnership's own milestones, pending)."""
    ind = result.indicator
    if ind.aggregate not in _MEMBER_AGGREGATES or ind.measure is None:
        return False
    try:
        return framework.measure(ind.measure).reported_by == "members"
    except KeyError:
        return False


def _day(day: date) -> str:
    return f"{day:%-d %B %Y}"


def gap_position(evaluation: Evaluation, result: IndicatorResult, member_id: str) -> tuple[tuple[str, str], str]:
    """Where a member stands on a share-of-a-baseline-gap indicator (P3, P5): badge and sentence.

    The gap is the deemed members who said "no" at the baseline (as known by the baseline date plus the
    reporting lag), and those not answered by then whose returns since show they had none
    (:mod:`compact_analysis.evaluation.gap_rule`); one counts toward the derived target once its latest answer
    is "yes". Members who had one, cannot be dated, or were not deemed members at the baseline do not count.
    """
    target = result.indicator.target_in_force(evaluation.period_end)
    base = result.baseline
    if target is None or target.kind != "share-of-baseline-gap" or target.baseline_date is None:
        return NOT_COUNTED, "No share-of-a-baseline-gap target is in force"
    when = _day(target.baseline_date)
    if base is None:
        return NOT_COUNTED, f"The baseline is taken on {when}; nothing counts before it"
    if member_id in base.lacking:
        if member_id in result.value.members_counted:
            return COUNTED, f"Lacked one at the baseline ({when}); has one now, so counts toward the target"
        return NOT_YET, f"Lacked one at the baseline ({when}); not yet"
    if member_id in base.having:
        return NOT_IN_GAP, f"Had one at the baseline ({when}): not in the gap"
    if member_id in base.unanswered:
        return _unanswered_position(base, result, member_id, evaluation.period_end, when)
    return NOT_IN_GAP, f"Not a deemed member at the baseline ({when}): not in the gap"


def _unanswered_position(base, result: IndicatorResult, member_id: str, end: date, when: str):
    """A member not answered by the freeze: its answers since decide whether it can count (evaluation.gap_rule)."""
    found = base.positions(end).get(member_id)
    if found is None:
        return (
            NOT_COUNTED,
            f"Did not answer at the baseline ({when}): not counted; the estimate of the gap allows for it",
        )
    where, answer = found
    said = f"Not answered by the freeze ({_day(base.freeze)}); its \u201c{answer.value}\u201d for {answer.period} ({_day(answer.submitted)})"
    if where == GapPosition.HAD:
        return NOT_IN_GAP, f"{said} shows it had one at the baseline ({when}): not in the gap"
    if where == GapPosition.CANNOT_TELL:
        return NOT_COUNTED, f"{said} cannot say when its one started: not counted unless it answers for the baseline"
    if member_id in result.value.members_counted:
        return COUNTED, f"{said} shows it had none at the baseline ({when}); has one now, so counts toward the target"
    return NOT_YET, f"{said} shows it had none at the baseline ({when}); not yet"


def _count_position(
    framework: Framework, result: IndicatorResult, member_id: str, returned: bool
) -> tuple[tuple[str, str], str]:
    """Badge and rule for a member-counted indicator (members at or above a level, members saying yes)."""
    ind = result.indicator
    if member_id in result.value.members_counted:
        counts = COUNTED
    elif returned:
        counts = NOT_YET
    else:
        counts = NO_RETURN
    if ind.aggregate == "count-at-level" and ind.level and ind.measure:
        scale = framework.scale(framework.measure(ind.measure).scale)
        return counts, f"{level_label(scale, ind.level)} or above counts"
    return counts, "A yes counts"


def member_position(evaluation: Evaluation, observations: pd.DataFrame, member_id: str) -> pd.DataFrame:
    """One row per indicator a member reports toward: its own value, whether it counts and why.

    ``Value`` is the member's latest return as at the period end in words (a level's label, yes/no), or
    its total for the period for a sum. ``Counts toward it`` is a word (``counts_code`` colours its badge):
    Counted, Not yet, No return, In the total (a sum), Not in the gap or Not counted (a baseline gap).
    ``How it counts`` says the rule, and for a baseline gap where the member stood at the baseline.
    The partnership's own indicators (milestones, pending targets) are left out: see
    :func:`partnership_indicators`.
    """
    framework = evaluation.framework
    observations = observations[observations["member_id"] == member_id]  # every figure below is the member's own
    evidence = Evidence(observations)  # indexed once for every figure
    rows = []
    for result in evaluation.results:
        ind = result.indicator
        if not is_member_indicator(framework, result):
            continue
        if result.value.kind != "count":  # a figure: the member's own sum, mean, rate or running total
            value, counts, how = member_figure(evaluation, result, observations, member_id, evidence)
        else:
            _, latest = evidence.latest(ind.measure, evaluation.period_end)  # as the evaluation counts it
            value = value_in_words(framework, ind.measure, latest[0]) if len(latest) else "no return"
            if ind.aggregate == "gap-closed":
                counts, how = gap_position(evaluation, result, member_id)
            else:
                counts, how = _count_position(framework, result, member_id, returned=len(latest) > 0)
        rows.append(
            {
                "Priority": result.priority_id,
                "Indicator": ind.name,
                "Value": value,
                "counts_code": counts[0],
                "Counts toward it": counts[1],
                "How it counts": how,
            }
        )
    return pd.DataFrame(rows, columns=POSITION_COLUMNS)


def partnership_indicators(evaluation: Evaluation) -> list[str]:
    """The indicators no member reports toward (milestones, pending targets), each with its status."""
    return [
        f"{r.indicator.name} ({r.priority_id}: {r.status.label})"
        for r in evaluation.results
        if not is_member_indicator(evaluation.framework, r)
    ]


def peer_comparison(evaluation: Evaluation, register: pd.DataFrame, member_id: str) -> pd.DataFrame:
    """For each counted indicator: how many of the member's sector peers count, against the partnership."""
    sector = register.loc[register["member_id"] == member_id, "sector"].iloc[0]
    deemed = set(evaluation.members["member_id"])
    peers = set(register.loc[(register["sector"] == sector) & register["member_id"].isin(deemed), "member_id"])
    rows = []
    for result in evaluation.results:
        if result.indicator.aggregate not in ("count-at-level", "count-yes"):
            continue
        counted = set(result.value.members_counted)
        rows.append(
            {
                "Indicator": result.indicator.name,
                f"Peers ({sector})": f"{len(counted & peers)} of {len(peers)}",
                "All members": f"{len(counted)} of {len(deemed)}",
            }
        )
    return pd.DataFrame(rows, columns=["Indicator", f"Peers ({sector})", "All members"])


@dataclass(frozen=True)
class Scorecard:
    """One member's scorecard for one period, built on the period's paper."""

    paper: Paper
    member_id: str

    @property
    def member(self) -> pd.Series:
        return self.paper.register.set_index("member_id").loc[self.member_id]

    def title_block(self) -> ui.Html:
        ev = self.paper.evaluation
        return ui.Html(
            f"<h1>{ui.escape(str(self.member['name']))}: scorecard for "
            f'<span class="ca-nowrap">{ui.escape(ev.period.name)}</span></h1>'
            + ui.synthetic_banner(self.paper.is_synthetic)
            + ui.paragraph(
                f"Member {self.member_id}, {self.member['sector']}. {self.paper.framework.title}. "
                f"Period ending {ev.period_end:%-d %B %Y}; evidence as submitted up to {ev.as_at:%-d %B %Y}."
            )
        )

    def position(self) -> ui.Html:
        """The position table, then a line naming the partnership's own indicators it leaves out."""
        table = member_position(self.paper.evaluation, self.paper.observations, self.member_id)
        html = ui.table(
            table,
            "This member's position on each indicator at the period end",
            status_columns=("counts_code", "Counts toward it"),
            widths=["4em", None, "8.5em", "10.5em", None],
        )
        others = partnership_indicators(self.paper.evaluation)
        if others:
            html += ui.paragraph(
                "Not shown, because the partnership reports them rather than its members: "
                f"{'; '.join(others)}. The evaluation paper gives their detail."
            )
        return ui.Html(html)

    def peers(self) -> ui.Html:
        table = peer_comparison(self.paper.evaluation, self.paper.register, self.member_id)
        return ui.table(table, "Members counted: this member's sector peers against all members")

    def returned(self) -> ui.Html:
        table = returns_received(
            self.paper.framework, self.paper.observations, self.member_id, self.paper.evaluation.period
        )
        return ui.table(table, "Returns received this year", widths=["8.5em", None, "8.5em", "7em", None])

    def owed(self) -> ui.Html:
        table = returns_owed(
            self.paper.framework,
            self.paper.observations,
            self.paper.register,
            self.member_id,
            self.paper.evaluation.period,
        )
        due = ui.paragraph(cadence_sentence(self.paper.framework))
        if table.empty:
            return ui.Html(due + ui.paragraph("No returns are outstanding for this year to date."))
        return ui.Html(due + ui.table(table, f"Returns outstanding ({len(table)})"))

    def signed_off(self) -> ui.Html:
        """Who signed off the member's return for the period, as at the evidence date (the folder's store)."""
        ev = self.paper.evaluation
        return signoff_section(self.paper.signoffs, self.member_id, ev.period.name)

    def open_exceptions(self) -> ui.Html:
        """The member's exceptions still open at this period (missing returns, quarantined rows), with history."""
        view = self.paper.evaluation.exceptions
        mine = view[(view["member_id"] == self.member_id) & view["status"].isin(["open", "new"])]
        if mine.empty:
            return ui.paragraph("This member has no open exceptions.")
        shown = pd.DataFrame(
            {
                "ID": mine["exception_id"].fillna("(not yet recorded)"),
                "Kind": mine["kind"].map(kind_in_words),
                "Detail": mine["detail"],
                "Opened": mine["opened_period"].fillna(self.paper.evaluation.period.name),
                "History": mine["history"],
            }
        )
        return ui.table(shown, f"Open exceptions ({len(mine)})")


def prepare_scorecard(
    framework: str,
    data: str | None,
    period: str,
    member: str,
    as_at: str | None = None,
    frameworks_dir: str | None = None,
    rule: str | None = None,
) -> Scorecard:
    """Check the scorecard parameters and load what it needs (the period's paper is cached)."""
    paper = prepare_paper(framework, data, period, as_at, frameworks_dir, rule=rule)
    if member not in set(paper.register["member_id"]):
        raise ParameterError(f"member {member!r} is not in the member register")
    return Scorecard(paper, member)
