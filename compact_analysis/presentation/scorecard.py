"""A member's scorecard: its position on every indicator, what it returned, what it owes,
and how it compares with peers of the same sector (councils with councils, as LG Inform does).

Everything a member is shown comes from the framework: levels in words from its scales, measure
names from its measures, and when each return is due from the cadences of its indicators, so
another partnership's framework needs no code changes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import pandas as pd

from compact_analysis.errors import ParameterError
from compact_analysis.evaluation.evaluate import Evaluation, IndicatorResult
from compact_analysis.evaluation.exception_rules import kind_in_words
from compact_analysis.evaluation.indicators import latest_state
from compact_analysis.plan.framework import Framework, Scale
from compact_analysis.plan.members import members_as_at
from compact_analysis.plan.periods import Period
from compact_analysis.presentation import html as ui
from compact_analysis.presentation.paper import Paper, prepare_paper

#: Aggregates of indicators members report toward: counted one by one, added up, or a baseline gap closed.
_MEMBER_AGGREGATES = ("count-at-level", "count-yes", "sum", "gap-closed")
#: Cadences from the most to the least frequent, to break ties between equally frequent ones.
CADENCE_ORDER = ("monthly", "quarterly", "termly", "annual")

#: The "Counts toward it" words, with the status code that colours the badge (words first; colour repeats them).
COUNTED = ("green", "Counted")
NOT_YET = ("red", "Not yet")
NO_RETURN = ("no-return", "No return")
NOT_IN_GAP = ("not-in-gap", "Not in the gap")
NOT_COUNTED = ("not-counted", "Not counted")
IN_TOTAL = ("in-total", "In the total")
POSITION_COLUMNS = ["Priority", "Indicator", "Value", "counts_code", "Counts toward it", "How it counts"]


# -- words for values ------------------------------------------------------------


def readable_code(code: str) -> str:
    """A level code as words: ``not-committed`` -> "Not committed", ``stage-2`` -> "Stage 2"."""
    words = " ".join(str(code).replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:] if words else str(code)


def level_label(scale: Scale, code: str) -> str:
    """A level as a reader sees it. The framework's scales list level codes only (no labels), so this is
    the readable form of the code; one place to change if scales ever carry labels."""
    return readable_code(code)


def number_text(number: float) -> str:
    """A returned number as written: thousands separated, whole numbers without decimals, others to at most 6."""
    number = float(number)
    return f"{number:,.0f}" if number.is_integer() else f"{number:,.6f}".rstrip("0").rstrip(".")


def value_in_words(framework: Framework, measure_id: str, value: object, number: object = None) -> str:
    """A returned value as a reader should see it: a level's label, "yes"/"no", or the number."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    try:
        measure = framework.measure(measure_id)
    except KeyError:
        return str(value)
    if measure.type == "level" and measure.scale:
        try:
            return level_label(framework.scale(measure.scale), str(value))
        except KeyError:
            return readable_code(str(value))
    if measure.type == "yes-no":
        return str(value).strip().lower()
    if measure.type == "number":
        found = pd.to_numeric(pd.Series([number, value], dtype=object), errors="coerce").dropna()
        return number_text(float(found.iloc[0])) if len(found) else str(value)
    return str(value)


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
    reporting lag); one counts toward the derived target once its latest answer is "yes". Members who had
    one, did not answer, or were not deemed members at the baseline are never counted toward it.
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
        return (
            NOT_COUNTED,
            f"Did not answer at the baseline ({when}): not counted; the estimate of the gap allows for it",
        )
    return NOT_IN_GAP, f"Not a deemed member at the baseline ({when}): not in the gap"


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
    rows = []
    for result in evaluation.results:
        ind = result.indicator
        if not is_member_indicator(framework, result):
            continue
        if ind.aggregate == "sum":
            mine = observations[
                (observations["member_id"] == member_id)
                & (observations["measure_id"] == ind.measure)
                & (observations["period_end"] >= evaluation.period_start)
                & (observations["period_end"] <= evaluation.period_end)
            ]
            numbers = pd.to_numeric(mine["value_number"], errors="coerce").dropna()
            value = number_text(float(numbers.sum())) if len(numbers) else "no return"
            counts = IN_TOTAL if len(numbers) else NO_RETURN
            how = "Added to the partnership's total"
        else:
            state = latest_state(observations, ind.measure, evaluation.period_end)
            mine = state[state["member_id"] == member_id]
            value = value_in_words(framework, ind.measure, mine["value"].iloc[0]) if len(mine) else "no return"
            if ind.aggregate == "gap-closed":
                counts, how = gap_position(evaluation, result, member_id)
            else:
                counts, how = _count_position(framework, result, member_id, returned=len(mine) > 0)
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


# -- returns owed ---------------------------------------------------------------------


def _frequency(framework: Framework, cadence: str) -> tuple[float, int]:
    """Sort key, most frequent first: periods a year (a framework may have six terms), then CADENCE_ORDER."""
    per_year = len(framework.periods(cadence)) / len(framework.years)
    return -per_year, CADENCE_ORDER.index(cadence) if cadence in CADENCE_ORDER else len(CADENCE_ORDER)


def measure_cadences(framework: Framework) -> dict[str, str]:
    """How often each measure is returned: the most frequent cadence of the indicators built on it.

    A measure used by a monthly and a quarterly indicator is returned monthly (the months add up to
    the quarter, and the latest monthly return is the quarter's state); a measure no indicator uses is
    returned at the framework's ``default_cadence``. Ties (four terms and four quarters) go to the
    earlier of monthly, quarterly, termly, annual.
    """
    used: dict[str, set[str]] = {}
    for ind in framework.indicators:
        if ind.measure is not None:
            used.setdefault(ind.measure, set()).add(ind.cadence)
    return {
        m.id: min(used.get(m.id) or {framework.default_cadence}, key=lambda c: _frequency(framework, c))
        for m in framework.measures
    }


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


_ADVERB = {"annual": "annually"}


def cadence_sentence(framework: Framework) -> str:
    """Which member returns are due how often, in words, from :func:`measure_cadences`."""
    cadences = measure_cadences(framework)
    by_cadence: dict[str, list[str]] = {}
    for measure in framework.measures:
        if measure.reported_by == "members":
            by_cadence.setdefault(cadences[measure.id], []).append(measure.name)
    if not by_cadence:
        return "Members return no measures under this framework."
    order = sorted(by_cadence, key=lambda c: _frequency(framework, c))
    return " ".join(f"Due {_ADVERB.get(cadence, cadence)}: {_and_list(by_cadence[cadence])}." for cadence in order)


def returns_owed(
    framework: Framework, observations: pd.DataFrame, register: pd.DataFrame, member_id: str, period: Period
) -> pd.DataFrame:
    """Returns a member should have sent for this year's periods up to ``period`` and has not.

    Each measure members report is due at its cadence from :func:`measure_cadences` (the most frequent
    cadence of the indicators using it, else the framework's default); only periods the member belonged
    for (on their last day) are owed.
    """
    member = register[register["member_id"] == member_id]
    cadences = measure_cadences(framework)
    rows = []
    for measure in framework.measures:
        if measure.reported_by != "members":
            continue
        for due in framework.periods(cadences[measure.id]):
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


# -- returns received -----------------------------------------------------------------

RECEIVED_COLUMNS = ["Period", "Measure", "Value", "Submitted", "Comment"]


def returns_received(framework: Framework, observations: pd.DataFrame, member_id: str, period: Period) -> pd.DataFrame:
    """The member's returns for this year's periods ending by ``period``'s end, in order of period end.

    Measures by name, values in words (:func:`value_in_words`); comments are the member's own text, kept
    as typed (the table escapes them).
    """
    end = period.end(framework.terms)
    mine = observations[(observations["member_id"] == member_id) & (observations["period_end"] <= end)]
    mine = mine[mine["period"].astype(str).str.startswith(period.year_name)]
    names = {m.id: m.name for m in framework.measures}
    numbers = mine["value_number"] if "value_number" in mine else pd.Series(None, index=mine.index)
    comments = mine["comment"] if "comment" in mine else pd.Series(None, index=mine.index)
    shown = pd.DataFrame(
        {
            "Period": mine["period"],
            "Measure": mine["measure_id"].map(lambda m: names.get(m, m)),
            "Value": [
                value_in_words(framework, m, v, n)
                for m, v, n in zip(mine["measure_id"], mine["value"], numbers, strict=True)
            ],
            "Submitted": mine["submitted"],
            "Comment": pd.Series(
                [c if isinstance(c, str) and c.strip() else None for c in comments], index=mine.index, dtype=object
            ),
            "_end": mine["period_end"],
        }
    )
    shown = shown.sort_values(["_end", "Period", "Measure"], kind="stable")
    return shown[RECEIVED_COLUMNS].reset_index(drop=True)


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
