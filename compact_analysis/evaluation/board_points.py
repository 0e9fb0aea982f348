"""What the board's first page picks out of an evaluation: indicators needing attention, and ratings that moved.

Issue 24: key messages "generated from the evaluation (what is off track or missed, what changed since
the last period, which exceptions are new)". An indicator *needs attention* when its status is rated
red in the one vocabulary (:mod:`.status_counts`: red, missed, not met, deterioration) or it is a
milestone or a pending target past its date (overdue, target overdue): those are the indicators whose
owner's commentary and remedial action the paper asks for. A rating *got worse* (or *improved*) when
both periods are rated and the colour moved (green < amber < red); a change between states that are
not ratings (in progress to delivered) is neither.
"""

from __future__ import annotations

import pandas as pd

from compact_analysis.evaluation.exception_rules import without_training
from compact_analysis.evaluation.register import report_sections
from compact_analysis.evaluation.results import Evaluation, IndicatorResult
from compact_analysis.evaluation.status import Status, StatusCode
from compact_analysis.evaluation.status_counts import VOCABULARY, Rating
from compact_analysis.evidence.commentary import COMMENTARY_COLUMNS

#: Statuses that are not red ratings but still need the owner's account.
PAST_DUE = (StatusCode.OVERDUE, StatusCode.TARGET_OVERDUE)
_RANK = {Rating.GREEN: 0, Rating.AMBER: 1, Rating.RED: 2}


def rating(status: Status) -> Rating | None:
    """The colour a status counts under (None for a state such as delivered, or an override's own word)."""
    found = VOCABULARY.get(status.code)
    return found[1] if found else None


def needs_attention(result: IndicatorResult) -> bool:
    """Whether an indicator is red (or missed, not met, deteriorating) or past its date."""
    return rating(result.status) == Rating.RED or result.status.code in PAST_DUE


def attention(evaluation: Evaluation) -> list[IndicatorResult]:
    """The indicators that need attention, in framework order."""
    return [r for r in evaluation.results if needs_attention(r)]


def moved(current: Evaluation, previous: Evaluation | None) -> tuple[list[tuple], list[tuple]]:
    """``(worse, improved)``: each a list of (result now, status then) whose rating moved since ``previous``."""
    if previous is None:
        return [], []
    before = {r.indicator.id: r.status for r in previous.results}
    worse, better = [], []
    for r in current.results:
        old = before.get(r.indicator.id)
        then, now = (rating(old) if old is not None else None), rating(r.status)
        if then is None or now is None or then == now:
            continue
        (worse if _RANK[now] > _RANK[then] else better).append((r, old))
    return worse, better


def template_rows(evaluation: Evaluation) -> pd.DataFrame:
    """The blank commentary file for a period: a row for each indicator that needs attention (its owner from
    the framework) and each exception new or still open (its owner from the register), commentary to write.
    The training monitor's exceptions are left out: the training paper has its own owners."""
    ev = evaluation
    rows = [{"id": r.indicator.id, "owner": r.indicator.owner} for r in attention(ev)]
    sections = without_training(report_sections(ev.exceptions, ev.period.name, ev.period_start, ev.as_at))
    for frame in (sections["new"], sections["open"]):
        rows += [{"id": e, "owner": o} for e, o in zip(frame["exception_id"], frame["owner"], strict=True) if e]
    return pd.DataFrame(rows, columns=list(COMMENTARY_COLUMNS)).astype(object).fillna("")
