"""The report by exception: a short paper for one body and period listing only what needs its attention.

Seed 002: "Major LEA plans - half term by exception / termly - EMT". What is selected, and why, is
:mod:`compact_analysis.evaluation.by_exception`'s; here it is laid out as escaped HTML for
``notebooks/by_exception.ipynb`` (words in the notebook). Text an owner typed (action notes, commentary)
is escaped and isolated (:func:`~compact_analysis.presentation.html.table`'s member columns). The full
period paper stays as it is.

Owners' commentary (``commentary/<period>.*`` of the paper's own period, issue 24, read by
``DataFolder.commentary(period, as_at)`` as the board paper reads it) is shown beside an exception or
indicator when given; a column appears only when some row has commentary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from compact_analysis.errors import ParameterError
from compact_analysis.evaluation.actions import STATE_WORDS, ActionState
from compact_analysis.evaluation.by_exception import (
    attention_actions,
    attention_exceptions,
    attention_indicators,
    indicator_period,
)
from compact_analysis.evaluation.evaluate import default_as_at
from compact_analysis.evaluation.exception_rules import kind_in_words
from compact_analysis.folder import DataFolder
from compact_analysis.plan.exception_papers import exception_paper
from compact_analysis.presentation import html as ui

#: The CSS class of each action state a report by exception lists (its words are always shown too).
STATE_CODES = {ActionState.OVERDUE: "overdue", ActionState.NO_PROGRESS: "needs-acceleration"}
COMMENTARY_COLUMNS = ["id", "owner", "commentary", "action", "action_due"]


def body_name(framework, body: str) -> str:
    """The body's name from the framework's ``bodies`` (a one-line error naming the known ones otherwise)."""
    bodies = {b.id: b.name for b in getattr(framework, "bodies", [])}
    bodies = bodies or {b: b for plan in framework.plans for b in plan.audience}
    if body not in bodies:
        known = ", ".join(sorted(bodies)) or "none"
        raise ParameterError(f"{framework.id} has no body {body!r} (bodies: {known})")
    return bodies[body]


@dataclass(frozen=True)
class ByExceptionPaper:
    """The selected items and their context; each method gives one section as escaped HTML."""

    title: str
    body: str
    body_name: str
    period: str
    indicator_period: str
    as_at: date
    synthetic: bool
    exceptions: dict[str, pd.DataFrame]
    indicators: list
    actions: list
    commentary: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=COMMENTARY_COLUMNS))
    timetable_paper: str | None = None  # the id of the timetable's paper it is (None: no timetable)

    def headline_figures(self) -> dict[str, int]:
        """How many items each section lists (written to the manifest)."""
        return {
            "new_exceptions": len(self.exceptions["new"]),
            "open_exceptions": len(self.exceptions["open"]),
            "indicators_red_or_missed": len(self.indicators),
            "actions_overdue": sum(a[2].state == ActionState.OVERDUE for a in self.actions),
            "actions_without_progress": sum(a[2].state == ActionState.NO_PROGRESS for a in self.actions),
        }

    def title_block(self) -> ui.Html:
        return ui.Html(
            f"<h1>{ui.escape(self.title)}: report by exception to {ui.escape(self.body_name)}, "
            f'<span class="ca-nowrap">{ui.escape(self.period)}</span></h1>'
            + ui.synthetic_banner(self.synthetic)
            + ui.paragraph(
                f"Evidence as at {self.as_at:%-d %B %Y}. Only what needs {self.body_name}'s attention is listed: "
                "exceptions open, indicators red or missed, actions overdue or without progress."
            )
        )

    def summary(self) -> ui.Html:
        n = self.headline_figures()
        items = [
            f"{n['new_exceptions']} new exception(s) and {n['open_exceptions']} still open from before",
            f"{n['indicators_red_or_missed']} indicator(s) red or missed in {self.indicator_period}",
            f"{n['actions_overdue']} action(s) overdue and {n['actions_without_progress']} without progress",
        ]
        return ui.bullets(items)

    def _with_commentary(self, shown: pd.DataFrame, ids: list[str | None]) -> pd.DataFrame:
        """The table with a Commentary column when any of its rows has owners' commentary (none: no column)."""
        by_id = {str(r.id): r for r in self.commentary.itertuples(index=False)}
        texts = [_commentary_text(by_id.get(str(i))) for i in ids]
        return shown.assign(Commentary=texts) if any(texts) else shown

    def exceptions_table(self, which: str) -> ui.Html:
        frame = self.exceptions[which]
        if frame.empty:
            return ui.paragraph("None." if which == "open" else "No new exception.")
        about = [_about(r) for r in frame.itertuples(index=False)]
        shown = pd.DataFrame(
            {
                "Exception": frame["exception_id"],
                "Kind": frame["kind"].map(kind_in_words),
                "About": about,
                "Owner": frame["owner"],
                "Detail": frame["detail"],
                "Opened": frame["opened_period"],
            }
        )
        shown = self._with_commentary(shown, [*frame["exception_id"]])
        caption = "New exceptions" if which == "new" else "Exceptions still open from earlier periods"
        return ui.table(shown, caption, nowrap=("Exception", "Opened"), member_columns=("Owner", "Commentary"))

    def indicators_table(self) -> ui.Html:
        if not self.indicators:
            return ui.paragraph(f"No indicator is red or missed in {self.indicator_period}.")
        shown = pd.DataFrame(
            {
                "code": [str(r.status.code) for r in self.indicators],
                "Indicator": [r.indicator.name for r in self.indicators],
                "Status": [r.status.label for r in self.indicators],
                "Why": [r.status.reason for r in self.indicators],
                "Owner": [r.indicator.owner for r in self.indicators],
            }
        )
        shown = self._with_commentary(shown, [r.indicator.id for r in self.indicators])
        caption = f"Indicators red or missed in {self.indicator_period}"
        return ui.table(shown, caption, ("code", "Status"), member_columns=("Owner", "Commentary"))

    def actions_table(self) -> ui.Html:
        if not self.actions:
            return ui.paragraph("No action is overdue or without progress.")
        shown = pd.DataFrame(
            {
                "code": [STATE_CODES[s.state] for _, _, s in self.actions],
                "Action": [a.id for _, a, _ in self.actions],
                "Plan": [p.name for p, _, _ in self.actions],
                "What": [a.description for _, a, _ in self.actions],
                "Owner": [a.owner for _, a, _ in self.actions],
                "Due": [f"{a.due:%-d %b %Y}" for _, a, _ in self.actions],
                "State": [_state_words(s) for _, _, s in self.actions],
                "Latest return": [_latest(s) for _, _, s in self.actions],
            }
        )
        caption = f"Actions overdue or without progress as at {self.as_at:%-d %B %Y}"
        members = ("Owner", "Latest return", "What")
        return ui.table(shown, caption, ("code", "State"), nowrap=("Action", "Due"), member_columns=members)


def _about(row) -> str:
    """What an exception is about: its indicator, member or action."""
    for value in (row.indicator_id, row.member_id):
        if isinstance(value, str) and value:
            return value
    return ""


def _state_words(status) -> str:
    words = STATE_WORDS[status.state]
    return f"{words}, {status.days_late} days" if status.state == ActionState.OVERDUE else words


def _latest(status) -> str:
    if status.reported_on is None:
        return "none reported"
    note = f": {status.note}" if status.note else ""
    return f"{status.reported_on:%-d %b %Y} by {status.reported_by}{note}"


def _commentary_text(row) -> str:
    if row is None:
        return ""
    due = f" (due {row.action_due})" if isinstance(row.action_due, str | date) and str(row.action_due) else ""
    action = f" Action: {row.action}{due}." if isinstance(row.action, str) and row.action else ""
    return f"{row.owner}: {row.commentary}{action}"


def prepare_by_exception(
    data: str | Path,
    framework: str | Path,
    period: str,
    body: str,
    as_at: date | None = None,
    commentary: pd.DataFrame | None = None,
    frameworks_dir: str | Path | None = None,
) -> ByExceptionPaper:
    """Select what a body's report by exception lists for a period, as known on ``as_at`` (default: the period
    end plus the framework's reporting lag)."""
    folder = DataFolder.open(data, framework, frameworks_dir)
    fw = folder.framework
    chosen = folder.period(period)
    name = body_name(fw, body)
    paper = exception_paper(fw, body, chosen)  # refuses a body and period the timetable sends none to
    evidence_date = as_at or default_as_at(fw, chosen)
    rated = indicator_period(fw, chosen)
    evaluation = folder.evaluate(rated, evidence_date, overrides=True)
    progress = folder.read_evidence(evidence_date).actions
    return ByExceptionPaper(
        title=fw.title,
        body=body,
        body_name=name,
        period=chosen.name,
        indicator_period=rated.name,
        as_at=evidence_date,
        synthetic=folder.is_synthetic,
        exceptions=attention_exceptions(evaluation.exceptions, fw, body, chosen.start(fw.terms)),
        indicators=attention_indicators(evaluation, fw, body),
        actions=attention_actions(fw, progress, body, evidence_date),
        commentary=commentary if commentary is not None else commentary_frame(folder.commentary(chosen, evidence_date)),
        timetable_paper=paper.id if paper else None,
    )


def commentary_frame(comments: dict) -> pd.DataFrame:
    """Owners' commentary (``DataFolder.commentary``: id -> comment) as a frame of :data:`COMMENTARY_COLUMNS`."""
    rows = [{c: getattr(comment, c) for c in COMMENTARY_COLUMNS} for comment in comments.values()]
    return pd.DataFrame(rows, columns=COMMENTARY_COLUMNS)
