"""Plain-English sentences from an evaluation, for the paper's summary.

Every number in a sentence is read from the same :class:`IndicatorResult` the
tables show, so the words and the tables cannot disagree. For example:
"Members committed to the Skills Pledge: 12 of 50 members (24%) by 30 September
2009, against 10 expected on trajectory: green, up from 8 in 2009-10-Q1."
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from fractions import Fraction

from compact_analysis.evaluation.direction import has_chart
from compact_analysis.evaluation.evaluate import Evaluation, IndicatorResult
from compact_analysis.evaluation.revisions import Revision
from compact_analysis.evaluation.status import Direction, StatusCode
from compact_analysis.evaluation.status_counts import VOCABULARY, Rating, status_counts
from compact_analysis.presentation.figure_words import figure_clause, figure_number
from compact_analysis.presentation.revisions_section import revised_change
from compact_analysis.presentation.travel_words import step_change

#: Status codes that are a rating against the trajectory (RAG, or Open SDG's progress status), as opposed to a
#: state or a year-end verdict: the rated codes of the one vocabulary (:mod:`.status_counts`) but achieved, missed.
JUDGED = {code for code, (_, rating) in VOCABULARY.items() if rating} - {StatusCode.ACHIEVED, StatusCode.MISSED}


def number(value: float | Fraction) -> str:
    """A count as a whole number, anything else to one decimal place, with thousands separators."""
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.1f}"


def as_planned(value: float | Fraction) -> str:
    """A plan's target as the plan wrote it: 72.77, never rounded to 72.8 (a count whole, as :func:`number`)."""
    value = float(value)
    return number(value) if value.is_integer() else f"{value:,g}"


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """'1 indicator', '2 indicators', '0 cells', '1,231 budget variances': a count with its noun in the right number."""
    return f"{n:,} {singular if n == 1 else (plural or singular + 's')}"


def _status_words(result: IndicatorResult) -> str:
    words = _short(result.status.label)
    if result.override is not None:
        computed = _short((result.computed_status or result.status).label)
        words += f" (set by an analyst; the rule gave {computed})"
    return words


def _change(result: IndicatorResult, previous_period: str | None, revision: Revision | None = None) -> str:
    """'up from 8 in 2009-10-Q1', 'unchanged from ...', or '' when there is no earlier figure; for a figure
    revised since its publication, 'up from 574 in 2009-10-Q3, since revised to 602'."""
    if step_change(result):  # a running total: its step against the previous step (travel_words.py)
        return step_change(result)
    if result.previous_value is None or previous_period is None or not result.value.members_returned:
        return ""
    now, before = result.value.value, result.previous_value
    if revision is not None and revision.period == previous_period and revision.now == before:
        return revised_change(now, revision)
    if now == before:
        return f"unchanged from {previous_period}"
    shown = number(before) if result.value.kind == "count" else figure_number(before)  # '59.64', as returned
    return f"{'up' if now > before else 'down'} from {shown} in {previous_period}"


#: Year-end verdicts (:mod:`compact_analysis.evaluation.year_end`): their label carries the margin.
YEAR_END = {StatusCode.ACHIEVED, StatusCode.MISSED}

_VARIATION_WORDS = {
    Direction.NO_SIGNIFICANT_CHANGE: "no significant change (month by month, within common-cause variation)",
    Direction.IMPROVED: "a significant improvement (month by month, a special cause)",
    Direction.WORSE: "a significant deterioration (month by month, a special cause)",
}


def variation_words(result: IndicatorResult) -> str:
    """What a monthly figure's XmR chart says of its direction, in words ('' without a chart)."""
    if not has_chart(result.spc) or result.previous_value is None or not result.value.members_returned:
        return ""
    return _VARIATION_WORDS.get(result.direction, "")


def indicator_sentence(evaluation: Evaluation, result: IndicatorResult, revision: Revision | None = None) -> str:
    """One sentence saying where an indicator stands, against what, and which way it moved (``revision``: of the
    previous period's figure since its publication, said beside the comparator)."""
    ind, value, status = result.indicator, result.value, result.status
    when = f"{evaluation.period_end:%-d %B %Y}"
    previous = evaluation.period.previous(evaluation.framework.terms).name
    if ind.aggregate in ("milestone", "none") or (result.target is not None and result.target.kind == "milestone"):
        return f"{ind.name}: {status.label.lower()} ({status.reason})."
    if not value.members_returned:
        return f"{ind.name}: no member had returned this by {when} ({status.label.lower()})."
    if result.baseline is not None and value.value is not None:
        known, pool = len(result.baseline.lacking), len(result.baseline.can_count(evaluation.period_end))
        who = f"{known} members known to lack one at the baseline"
        if pool > known:  # non-responders whose later returns show they had none (evaluation.gap_rule)
            who = f"{pool} members that lacked one at the baseline ({known} known at the freeze, {pool - known} shown since)"
        text = f"{ind.name}: {number(value.value)} of the {who} now {'has' if value.value == 1 else 'have'} one"
    elif value.kind != "count":
        text = figure_clause(ind, value, when)
    else:
        share = Fraction(len(value.members_counted), value.denominator)
        text = f"{ind.name}: {number(value.value)} of {value.denominator} members ({float(share):.0%}) by {when}"
    if result.expected is not None and result.target_value is not None and status.code in JUDGED:
        text += (
            f", against {number(result.expected)} expected on trajectory to a target of "
            f"{as_planned(result.target_value)}: {_status_words(result)}"
        )
    elif status.code in YEAR_END:
        text += f"; {status.label[0].lower()}{status.label[1:]}"
    elif status.code == "monitored":
        text += ", monitored without a target"
    else:
        text += f": {status.label.lower()} ({status.reason})"
    change = ", ".join(part for part in (_change(result, previous, revision), variation_words(result)) if part)
    return text + (f", {change}." if change else ".")


def headline(evaluation: Evaluation) -> str:
    """How many indicators stand at each status, in the one vocabulary of :mod:`.status_counts`:
    'Of 12 indicators, 2 green (2 achieved), 4 red (4 missed); not rated: 1 delivered, 3 monitored.'"""
    counts = status_counts(evaluation)
    rated = []
    for rating in Rating:
        if counts.rated(rating):
            detail = counts.detail(rating)
            rated.append(f"{counts.rated(rating)} {rating}" + (f" ({', '.join(detail)})" if detail else ""))
    text = f"Of {counted(counts.total, 'indicator')}, " + (", ".join(rated) if rated else "none has a rated status")
    if counts.not_rated:
        text += f"; not rated: {', '.join(counts.not_rated_detail())}"
    return text + "."


def _short(label: str) -> str:
    """'Green: on track' -> 'green'; labels without a colon are kept whole."""
    return label.split(":")[0].lower()


def status_changes(current: Evaluation, previous: Evaluation | None) -> list[str]:
    """Indicators whose status changed since the previous period: 'Name: amber to red'."""
    if previous is None:
        return []
    before = {r.indicator.id: r.status for r in previous.results}
    changes = []
    for r in current.results:
        old = before.get(r.indicator.id)
        if old is not None and old.code != r.status.code:
            changes.append(f"{r.indicator.name}: {_short(old.label)} to {_short(r.status.label)}")
    return changes


def since_sentence(previous_period: str | None, changed: int, annual: bool = False) -> str:
    """The line that introduces the list of status changes since the previous period of the same cadence.

    ``previous_period`` is None only when that period has no figure to compare with (an annual paper's
    previous period is the year before)."""
    if previous_period is None:
        first = "the first year with figures" if annual else "the first period of the year"
        return f"This is {first}, so there is no earlier status to compare with."
    if not changed:
        return f"No indicator changed status since {previous_period}."
    return f"Since {previous_period}, {counted(changed, 'indicator')} changed status:"


def returns_sentence(counts: dict[str, int], deemed: int, due: date, as_at: date, quarantined_cells: int) -> str:
    """Data quality in words: returns on time, late and missing among the deemed members, and cells quarantined."""
    late = f"{counts['late']} returned it late" if counts["late"] else "none late"
    if quarantined_cells:
        cells = (
            f"{counted(quarantined_cells, 'cell')} of this period's rows {'is' if quarantined_cells == 1 else 'are'}"
        )
    else:
        cells = "No cell of this period's rows is"
    return (
        f"Of {counted(deemed, 'deemed member')}, {counts['on time']} returned data for this period by the due date "
        f"({due:%-d %B %Y}), {late}, and {counts['missing']} had not returned it by the "
        f"evidence date ({as_at:%-d %B %Y}). {cells} in quarantine."
    )


def summary_sentences(evaluation: Evaluation, revised: Mapping[str, Revision] | None = None) -> list[str]:
    """The summary's sentences: one per indicator, in framework order (``revised``: the previous period's
    revised figures by indicator id)."""
    revised = revised or {}
    return [indicator_sentence(evaluation, r, revised.get(r.indicator.id)) for r in evaluation.results]


def training_exceptions_sentence(counts: dict[str, dict[str, int]]) -> str:
    """The training monitor's exceptions in one sentence for the evaluation paper ('' when there are none).

    The training paper lists them line by line; a budget-variance exception is raised per member,
    directorate and priority, so listing them here would bury the plan's own exceptions.
    """

    def both(section: str) -> str:
        c = counts.get(section, {})
        return (
            f"{counted(c.get('budget-variance', 0), 'budget variance', 'budget variances')} and "
            f"{counted(c.get('ring-fence-misuse', 0), 'case of ring-fence misuse', 'cases of ring-fence misuse')}"
        )

    if not any(n for section in counts.values() for n in section.values()):
        return ""
    return (
        f"The training monitor's exceptions are listed in the training paper, not here: {both('new')} new this "
        f"period, {both('open')} still open from earlier periods, {both('resolved')} resolved this period."
    )
