"""A member's scorecard: its position on every indicator, what it returned, what it owes,
and how it compares with peers of the same sector (councils with councils, as LG Inform does).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import presentation as ui
from .errors import ParameterError
from .evaluate import Evaluation
from .exceptions import kind_in_words
from .framework import Framework
from .indicators import latest_state
from .members import members_as_at
from .paper import Paper, prepare_paper
from .periods import Period

_MEMBER_AGGREGATES = ("count-at-level", "count-yes", "sum")
_CADENCE_OF_TYPE = {"number": "monthly", "yes-no": "quarterly", "level": "quarterly"}


def member_position(evaluation: Evaluation, observations: pd.DataFrame, member_id: str) -> pd.DataFrame:
    """One row per indicator a member reports toward: its own value and whether it counts."""
    rows = []
    for result in evaluation.results:
        ind = result.indicator
        if ind.aggregate not in _MEMBER_AGGREGATES or ind.measure is None:
            continue
        if ind.aggregate == "sum":
            mine = observations[
                (observations["member_id"] == member_id)
                & (observations["measure_id"] == ind.measure)
                & (observations["period_end"] >= evaluation.period_start)
                & (observations["period_end"] <= evaluation.period_end)
            ]
            value = f"{mine['value_number'].sum():g}" if len(mine) else "no return"
            counts = "–"
        else:
            state = latest_state(observations, ind.measure, evaluation.period_end)
            mine = state[state["member_id"] == member_id]
            value = mine["value"].iloc[0] if len(mine) else "no return"
            counts = "yes" if member_id in result.value.members_counted else "no"
        rows.append({"Priority": result.priority_id, "Indicator": ind.name, "Value": value, "Counts toward it": counts})
    return pd.DataFrame(rows, columns=["Priority", "Indicator", "Value", "Counts toward it"])


def returns_owed(
    framework: Framework, observations: pd.DataFrame, register: pd.DataFrame, member_id: str, period: Period
) -> pd.DataFrame:
    """Returns a member should have sent for this year's periods up to ``period`` and has not.

    Levels and yes/no measures are returned quarterly, numbers monthly; only
    periods the member belonged for (on their last day) are owed.
    """
    member = register[register["member_id"] == member_id]
    rows = []
    for measure in framework.measures:
        if measure.reported_by != "members":
            continue
        cadence = _CADENCE_OF_TYPE[measure.type]
        for due in framework.periods(cadence):
            if due.year != period.year or due.end(framework.terms) > period.end(framework.terms):
                continue
            if not len(members_as_at(member, due.end(framework.terms))):
                continue
            sent = observations[
                (observations["member_id"] == member_id)
                & (observations["measure_id"] == measure.id)
                & (observations["period"] == due.name)
            ]
            if sent.empty:
                rows.append({"Measure": measure.name, "Period": due.name})
    return pd.DataFrame(rows, columns=["Measure", "Period"])


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


MATRIX_WORDS = ("Counted", "Partly", "Not yet", "No return")


def member_priority_matrix(evaluation: Evaluation, register: pd.DataFrame) -> pd.DataFrame:
    """Members × priorities: whether each deemed member counts toward the priority's member-counted indicators.

    "Counted" toward all of them, "Partly" toward some, "Not yet" toward none though it returned,
    "No return" when it returned none of them; priorities with no such indicator are left out.
    """
    names = register.set_index("member_id")["name"]
    by_priority: dict[str, list] = {}
    for result in evaluation.results:
        if result.indicator.aggregate in ("count-at-level", "count-yes"):
            by_priority.setdefault(result.priority_id, []).append(result)
    rows = []
    for member in sorted(evaluation.members["member_id"]):
        row = {"Member": f"{names[member]} ({member})"}
        for priority, results in by_priority.items():
            counted = sum(member in r.value.members_counted for r in results)
            returned = sum(member in r.value.members_returned for r in results)
            if returned == 0:
                row[priority] = "No return"
            elif counted == len(results):
                row[priority] = "Counted"
            else:
                row[priority] = "Partly" if counted else "Not yet"
        rows.append(row)
    return pd.DataFrame(rows, columns=["Member", *by_priority])


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
            f"<h1>{ui.escape(str(self.member['name']))}: scorecard for {ev.period.name}</h1>"
            + ui.synthetic_banner(self.paper.is_synthetic)
            + ui.paragraph(
                f"Member {self.member_id}, {self.member['sector']}. {self.paper.framework.title}. "
                f"Period ending {ev.period_end:%-d %B %Y}; evidence as submitted up to {ev.as_at:%-d %B %Y}."
            )
        )

    def position(self) -> ui.Html:
        table = member_position(self.paper.evaluation, self.paper.observations, self.member_id)
        return ui.table(table, "This member's position on each indicator at the period end")

    def peers(self) -> ui.Html:
        table = peer_comparison(self.paper.evaluation, self.paper.register, self.member_id)
        return ui.table(table, "Members counted: this member's sector peers against all members")

    def returned(self) -> ui.Html:
        obs = self.paper.observations
        mine = obs[(obs["member_id"] == self.member_id) & (obs["period_end"] <= self.paper.evaluation.period_end)]
        mine = mine[mine["period"].str.startswith(self.paper.evaluation.period.year_name)]
        shown = mine[["period", "measure_id", "value", "submitted", "comment"]].rename(
            columns={"period": "Period", "measure_id": "Measure", "value": "Value", "submitted": "Submitted",
                     "comment": "Comment"}
        )  # fmt: skip
        return ui.table(shown.sort_values(["Period", "Measure"]), "Returns received this year")

    def owed(self) -> ui.Html:
        table = returns_owed(
            self.paper.framework,
            self.paper.observations,
            self.paper.register,
            self.member_id,
            self.paper.evaluation.period,
        )
        if table.empty:
            return ui.paragraph("No returns are outstanding for this year to date.")
        return ui.table(table, f"Returns outstanding ({len(table)})")

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
    data: str,
    period: str,
    member: str,
    as_at: str | None = None,
    frameworks_dir: str = "data/frameworks",
) -> Scorecard:
    """Check the scorecard parameters and load what it needs (the period's paper is cached)."""
    paper = prepare_paper(framework, data, period, as_at, frameworks_dir)
    if member not in set(paper.register["member_id"]):
        raise ParameterError(f"member {member!r} is not in the member register")
    return Scorecard(paper, member)
