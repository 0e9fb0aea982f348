"""Which timetable paper a report by exception is, and which periods' papers go to a body (issue #26).

Seed 002's timetable: "Major LEA plans - half term by exception / termly - EMT". Where a framework has a
timetable (``papers:``), it, not the plans' audiences, says who receives a report by exception and when: a
body and period get one only when some paper marked ``by_exception`` has the body in its ``audience`` and
the period's cadence as its ``cadence``. A body or period the timetable sends no such paper to is refused
with a one-line error naming what the timetable does send that body. Frameworks without ``papers:`` keep
the plan-audience rule (assumption E19; :mod:`compact_analysis.evaluation.by_exception`).
"""

from __future__ import annotations

from compact_analysis.errors import ParameterError
from compact_analysis.plan.audience_model import Paper
from compact_analysis.plan.framework_model import Framework
from compact_analysis.plan.periods import CADENCE_CODES, Period, parse_period


def cadence_name(period: Period) -> str:
    """The cadence name (``half-termly``) of a period (``2004-05-H4``)."""
    return next((name for name, code in CADENCE_CODES.items() if code == period.cadence), period.cadence)


def _listed(papers: list[Paper]) -> str:
    return ", ".join(f"{p.id} ({p.cadence}{', by exception' if p.by_exception else ''})" for p in papers) or "none"


def exception_paper(framework: Framework, body: str, period: Period) -> Paper | None:
    """The timetable's by-exception paper to ``body`` at ``period``'s cadence; None when the framework has no
    timetable (the plan-audience rule applies); a :class:`ParameterError` naming what the body does receive
    when the timetable sends it no report by exception at that cadence."""
    if not framework.papers:
        return None
    cadence = cadence_name(period)
    mine = [p for p in framework.papers if body in p.audience]
    found = [p for p in mine if p.by_exception and p.cadence == cadence]
    if found:
        return found[0]
    raise ParameterError(
        f"the timetable of {framework.id} sends {body} no report by exception for {period.name} ({cadence}); "
        f"it sends {body}: {_listed(mine)}"
    )


def receives_by_exception(framework: Framework, body: str) -> bool:
    """Whether the timetable sends ``body`` any report by exception (as audience)."""
    return any(p.by_exception and body in p.audience for p in framework.papers)


def periods_for_body(framework: Framework, names: list[str], body: str) -> list[str]:
    """Of the period names, those whose period paper (not a report by exception) goes to ``body`` as audience
    or consulted, by the timetable; a :class:`ParameterError` for a body the framework does not name, or
    when none of the periods' papers goes to it (naming the cadences that do)."""
    known = [b.id for b in framework.bodies]
    if body not in known:
        raise ParameterError(f"{framework.id} has no body {body!r} (bodies: {', '.join(known) or 'none'})")
    papers = [p for p in framework.papers if not p.by_exception and (body in p.audience or body in p.consulted)]
    cadences = {p.cadence for p in papers}
    kept = [name for name in names if cadence_name(parse_period(name)) in cadences]
    if names and not kept:
        raise ParameterError(
            f"the timetable of {framework.id} sends {body} none of these papers "
            f"({names[0]}{'...' if len(names) > 1 else ''}); it sends {body}: {_listed(papers)}"
        )
    return kept
