"""The calendar of a year: members' returns due and papers to each body (seed 002, "timetable").

From the framework alone: each cadence members return at (the cadences of the indicators built on
measures members report) gives a return due date per period, the period's last day plus the framework's
``report_after_days``; each of the framework's ``papers`` gives a paper date per period of its cadence,
the period's last day plus its ``days_after`` (``report_after_days`` when not given). Nothing reads the
clock: the calendar depends only on the framework and the year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from compact_analysis.errors import PeriodError
from compact_analysis.plan.codes import PeriodCode
from compact_analysis.plan.framework_model import Framework
from compact_analysis.plan.periods import CADENCE_CODES, Period, periods_of_year

RETURN = "return"
PAPER = "paper"


@dataclass(frozen=True)
class CalendarEntry:
    """One dated item of the timetable: a return due or a paper to some bodies, for a period."""

    day: date
    kind: str  # RETURN or PAPER
    item: str  # the paper's id, or ``returns-<cadence>``
    title: str
    period: str
    cadence: str
    audience: tuple[str, ...] = ()
    consulted: tuple[str, ...] = ()
    by_exception: bool = False
    measures: tuple[str, ...] = ()
    framework_id: str = ""

    @property
    def uid(self) -> str:
        """Stable across runs and years: the framework, the item and the period (``lea/major-plans/2004-05-T1``)."""
        return f"{self.framework_id}/{self.item}/{self.period}"

    def row(self) -> dict[str, object]:
        """The entry as a flat row for a table, CSV or JSON (lists joined with ``;``)."""
        return {
            "date": self.day.isoformat(), "kind": self.kind, "item": self.item, "title": self.title,
            "period": self.period, "cadence": self.cadence, "audience": ";".join(self.audience),
            "consulted": ";".join(self.consulted), "by_exception": self.by_exception,
            "measures": ";".join(self.measures), "uid": self.uid,
        }  # fmt: skip


def returned_cadences(framework: Framework) -> dict[str, tuple[str, ...]]:
    """Each cadence members return at, with the measures returned at it (in the framework's order)."""
    by_members = {m.id for m in framework.measures if m.reported_by == "members"}
    found: dict[str, list[str]] = {}
    for ind in framework.indicators:
        if ind.measure in by_members and ind.measure not in found.setdefault(ind.cadence, []):
            found[ind.cadence].append(ind.measure)
    return {cadence: tuple(found[cadence]) for cadence in framework.cadences if found.get(cadence)}


def _check_year(framework: Framework, year: str) -> None:
    if year not in framework.years:
        message = f"{year} is outside the framework {framework.id} (years: {', '.join(framework.years)})"
        raise PeriodError(message, code=PeriodCode.OUTSIDE_FRAMEWORK)


def _returns(framework: Framework, year: str) -> list[CalendarEntry]:
    lag = timedelta(days=framework.report_after_days)
    return [
        CalendarEntry(
            period.end(framework.terms) + lag,
            RETURN,
            f"returns-{cadence}",
            f"Members' {cadence} returns due",
            period.name,
            cadence,
            measures=measures,
            framework_id=framework.id,
        )
        for cadence, measures in returned_cadences(framework).items()
        for period in periods_of_year(year, cadence, framework.terms)
    ]


def _papers(framework: Framework, year: str) -> list[CalendarEntry]:
    entries = []
    for paper in framework.papers:
        after = timedelta(days=framework.report_after_days if paper.days_after is None else paper.days_after)
        for period in periods_of_year(year, paper.cadence, framework.terms):
            entries.append(
                CalendarEntry(
                    period.end(framework.terms) + after,
                    PAPER,
                    paper.id,
                    paper.name,
                    period.name,
                    paper.cadence,
                    tuple(paper.audience),
                    tuple(paper.consulted),
                    paper.by_exception,
                    framework_id=framework.id,
                )
            )
    return entries


def year_calendar(framework: Framework, year: str) -> list[CalendarEntry]:
    """Every return due and paper of one of the framework's years, by date (returns before papers on a day)."""
    _check_year(framework, year)
    entries = _returns(framework, year) + _papers(framework, year)
    return sorted(entries, key=lambda e: (e.day, e.kind != RETURN, e.item, e.period))


def papers_for(framework: Framework, body: str) -> list[str]:
    """The ids of the framework's papers that go to ``body`` (as audience or consulted)."""
    return [p.id for p in framework.papers if body in p.audience or body in p.consulted]


def audience_of(framework: Framework, period: Period) -> tuple[list[str], list[str]]:
    """The bodies a period's paper goes to, and those consulted on it: the union over the framework's papers
    of the period's cadence, in the order of ``bodies`` (a body receiving it is not also listed as consulted)."""
    cadence = next((name for name, code in CADENCE_CODES.items() if code == period.cadence), "")
    papers = [p for p in framework.papers if p.cadence == cadence]
    receives = {b for p in papers for b in p.audience}
    consulted = {b for p in papers for b in p.consulted} - receives
    order = [b.id for b in framework.bodies]
    return [b for b in order if b in receives], [b for b in order if b in consulted]
