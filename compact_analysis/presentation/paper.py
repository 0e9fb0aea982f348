"""The content of an evaluation paper: inputs checked and loaded, and each section as HTML.

The notebook calls these in order and adds the words; every number shown comes
from :mod:`compact_analysis.evaluation.evaluate` and is escaped on the way to HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from compact_analysis.errors import ParameterError
from compact_analysis.evaluation.earlier import earlier_evaluation
from compact_analysis.evaluation.earlier_years import earlier_years
from compact_analysis.evaluation.evaluate import Evaluation, default_as_at
from compact_analysis.evaluation.figures import returns_not_read
from compact_analysis.evaluation.member_views import member_priority_matrix
from compact_analysis.evaluation.returns import quarantined_in_period, returns_timeliness, timeliness_counts
from compact_analysis.evaluation.revisions import Revision
from compact_analysis.evaluation.targets import RULES
from compact_analysis.evidence.board_messages import BoardMessages, messages_file, read_messages
from compact_analysis.evidence.commentary import Comment, board_files, read_commentary
from compact_analysis.evidence.ingest import file_sha256
from compact_analysis.folder import DataFolder
from compact_analysis.paths import data_path
from compact_analysis.plan.framework import Framework
from compact_analysis.plan.periods import Period
from compact_analysis.presentation import html as ui
from compact_analysis.presentation.conversions_table import conversions_table
from compact_analysis.presentation.data_banner import data_banner
from compact_analysis.presentation.exceptions_section import exceptions_section, new_and_open
from compact_analysis.presentation.figure_words import not_read_sentence
from compact_analysis.presentation.indicator_sections import priority_sections
from compact_analysis.presentation.key_messages import asks_section, awaited, generated_messages, key_messages_section
from compact_analysis.presentation.narrative import (
    counted,
    headline,
    returns_sentence,
    since_sentence,
    status_changes,
    summary_sentences,
)
from compact_analysis.presentation.period_changes import membership_sentences, membership_summary
from compact_analysis.presentation.repeated_note import repeated_note
from compact_analysis.presentation.revisions_section import previous_period_revisions, revisions_section
from compact_analysis.presentation.signoff_section import no_signoffs, read_signoffs
from compact_analysis.presentation.uncertainty_words import uncertainty_cell
from compact_analysis.presentation.year_end_section import year_end_section

#: What a table shows for a figure nobody returned (never 0).
NO_DATA = "No data"


@dataclass(frozen=True)
class Paper:
    """Everything one period's paper needs, loaded once."""

    framework: Framework
    evaluation: Evaluation
    history: tuple[Evaluation, ...]  # this year's periods up to and including this one
    register: pd.DataFrame
    files: pd.DataFrame
    quarantined: pd.DataFrame
    is_synthetic: bool
    data_dir: Path
    observations: pd.DataFrame  # as known on the evidence date
    timeliness: pd.DataFrame  # each deemed member's return for the period: on time, late or missing
    sources: tuple[tuple[str, str, str], ...] = ()  # (what, file name, SHA-256) of the framework, register, overrides
    revisions: tuple[Revision, ...] = ()  # earlier periods' figures shown here, changed since their publication
    earlier: Evaluation | None = None  # the period before, same cadence, when it is last year's and has figures
    earlier_years: tuple[Evaluation, ...] = ()  # a multi-year plan's earlier years, same cadence: the chart's actuals
    commentary: Mapping[str, Comment] = field(default_factory=dict)  # owners' commentary for the period, by id
    messages: BoardMessages = field(default_factory=BoardMessages)  # the analyst's key messages and asks for the period
    signoffs: pd.DataFrame = field(default_factory=no_signoffs)  # as at the evidence date, for the scorecards

    def __repr__(self) -> str:  # the dataclass's own repr printed every table: 240,000 characters
        ev = self.evaluation
        return (
            f"<Paper {self.framework.id} {ev.period.name} as at {ev.as_at}: {len(ev.results)} indicators, "
            f"{len(ev.members)} members, {len(self.observations)} observations>"
        )

    def _repr_html_(self) -> str:
        """A notebook shows the paper's title block and the indicator table."""
        return str(self.title_block()) + self.evaluation._repr_html_()

    # -- sections --------------------------------------------------------------
    def key_messages(self) -> ui.Html:
        """The first page's key messages: the analyst's for the period, then the evaluation's (:mod:`.key_messages`)."""
        previous = self.history[-2] if len(self.history) > 1 else self.earlier
        generated = generated_messages(self.evaluation, previous, *new_and_open(self.evaluation))
        return key_messages_section(self.messages, generated)

    def asks(self) -> ui.Html:
        """What is asked of the board: the analyst's asks, the commentary awaited, and to note the paper."""
        return asks_section(self.messages, awaited(self.evaluation, self.commentary))

    def title_block(self) -> ui.Html:
        ev = self.evaluation
        return ui.Html(
            f'<h1>{ui.escape(self.framework.title)}: evaluation for <span class="ca-nowrap">{ui.escape(ev.period.name)}</span></h1>'
            + data_banner(self.data_dir, self.is_synthetic)
            + ui.paragraph(
                f"{self.framework.organisation}. Period {ev.period_start:%-d %B %Y} to {ev.period_end:%-d %B %Y}; "
                f"evidence as submitted up to {ev.as_at:%-d %B %Y}; {len(ev.members)} deemed member organisations."
            )
            + self.membership_changes()
        )

    def membership_changes(self) -> ui.Html:
        """Who joined and who left during the period, so a reader sees why the denominator moved."""
        ev = self.evaluation
        return ui.Html(
            ui.paragraph(membership_summary(self.register, ev.period_start, ev.period_end))
            + ui.bullets(membership_sentences(self.register, ev.period_start, ev.period_end))
        )

    def summary_table(self) -> ui.Html:
        t = self.evaluation.table()
        t["value"] = t["value"].astype(object).where(t["value"].notna(), NO_DATA)  # a missing figure is never 0
        t["uncertainty"] = [uncertainty_cell(r) for r in self.evaluation.results]  # Code of Practice Q3 (#24)
        shown = t[["priority", "indicator", "value", "target", "expected_now", "status", "status_label", "direction",
                   "uncertainty"]]  # fmt: skip
        shown = shown.rename(
            columns={
                "priority": "Priority",
                "indicator": "Indicator",
                "value": "Value",
                "target": "Target",
                "expected_now": "Expected now",
                "status_label": "Status",
                "direction": "Direction of travel",
                "uncertainty": "Uncertainty",
            }
        )
        caption = f"Indicators at {self.evaluation.period.name} (No data: nobody returned the figure; –: no target)"
        table = ui.table(shown, caption, status_columns=("status", "Status"))
        return ui.Html(table + conversions_table(self.evaluation))  # the funnels the plan names, a table of their own

    def year_end(self) -> ui.Html:
        """Every target due by now, achieved or missed (empty, heading and all, before any is due)."""
        return year_end_section(self.evaluation)

    def rule_note(self) -> ui.Html:
        """The status rule this paper applies, in the plan's words for it."""
        rule = self.evaluation.rule
        text = RULES[rule]
        if rule == "trajectory":
            text = text.replace("the tolerance", f"{self.framework.rag.amber_tolerance:.0%}")
        own = [
            f"{r.indicator.name} ({r.indicator.rule})"
            for r in self.evaluation.results
            if r.indicator.rule not in (None, rule) and (r.computed_status or r.status).rule == RULES[r.indicator.rule]
        ]
        mine = f" Indicators judged by a rule of their own (the plan's): {'; '.join(own)}." if own else ""
        floors = sum(
            1 for r in self.evaluation.results if r.target is not None and r.target.kind in ("floor", "ceiling")
        )
        if floors:  # a floor or ceiling is judged in every period by its own words, whatever the rule
            words = "met, nearly met (within the plan's tolerance) or not met in each period, whatever the rule"
            mine += f" {counted(floors, 'indicator')} with a floor or ceiling: {words}."
        return ui.paragraph(f"Status rule ({rule}): {text}.{mine}")

    def narrative(self) -> ui.Html:
        """The summary in words: the headline counts, what changed since last period, a sentence per indicator."""
        ev = self.evaluation
        previous = self.history[-2] if len(self.history) > 1 else self.earlier
        changes = status_changes(ev, previous)
        name = previous.period.name if previous is not None else None
        since = since_sentence(name, len(changes), annual=ev.period.cadence == "Y")
        return ui.Html(
            ui.paragraph(headline(ev))
            + ui.paragraph(since)
            + ui.bullets(changes)
            + ui.heading("Where each indicator stands", 3)
            + ui.bullets(summary_sentences(ev, self._previous_revisions()), "ca-narrative")
        )

    def _previous_revisions(self) -> dict[str, Revision]:
        return previous_period_revisions(self.revisions, self.evaluation.period.previous(self.framework.terms).name)

    def revisions_table(self) -> ui.Html:
        """'Revisions since publication': earlier periods' figures shown here that changed since published."""
        return revisions_section(self.revisions, f"{self.evaluation.as_at:%-d %B %Y}")

    def _member_label(self, member_id: object) -> str:
        if not isinstance(member_id, str) or not member_id:
            return ""
        names = self.register.set_index("member_id")["name"]
        return f"{names.get(member_id, member_id)} ({member_id})"

    def exceptions_register(self) -> ui.Html:
        """The exceptions register at this period: new, still open from earlier periods, resolved this period."""
        return exceptions_section(self.framework, self.evaluation, self.register, self.commentary)

    def returns_received(self) -> ui.Html:
        """Data quality for this period: returns on time, late and missing, and cells quarantined."""
        ev = self.evaluation
        counts = timeliness_counts(self.timeliness)
        due = ev.period_end + timedelta(days=self.framework.report_after_days)
        quarantined = quarantined_in_period(self.quarantined, ev.period_start, ev.period_end)
        text = returns_sentence(counts, len(self.timeliness), due, ev.as_at, len(quarantined))
        parts = [ui.paragraph(text)]
        if cadence_note := not_read_sentence(returns_not_read(ev.results)):
            parts.append(ui.paragraph(cadence_note))
        owed = self.timeliness[self.timeliness["status"] != "on time"]
        if len(owed):
            shown = pd.DataFrame(
                {
                    "Member": [self._member_label(m) for m in owed["member_id"]],
                    "Return": owed["status"],
                    "First sent": owed["first_submitted"].map(lambda d: d.isoformat() if d else None),
                }
            )
            parts.append(ui.table(shown, "Members whose return for this period was late or is missing"))
        return ui.Html("".join(parts))

    def method_appendix(self) -> ui.Html:
        """How each status was reached: the rule, thresholds and inputs, and any analyst's override."""
        table = self.evaluation.explanations()
        names = {r.indicator.id: r.indicator.name for r in self.evaluation.results}
        shown = pd.DataFrame(
            {
                "Indicator": table["indicator_id"].map(names),
                "Status shown": table["status"],
                "How it was reached": table["explanation"],
                "Override": table["override"],
            }
        )
        notes = []
        methods = dict.fromkeys(r.forecast.method for r in self.evaluation.results if r.forecast is not None)
        notes += [f"Forecasts. {method}" for method in methods]  # member counts and trends each say theirs
        variation = next((r.spc for r in self.evaluation.results if r.spc is not None), None)
        if variation is not None:
            notes.append(f"Month-by-month variation. {variation.method}")
        baseline = next((r.baseline for r in self.evaluation.results if r.baseline is not None), None)
        if baseline is not None:
            notes.append(f"Baselines. {baseline.estimate.method}.")
        return ui.Html(
            ui.table(shown, f"How each status at {self.evaluation.period.name} was reached") + ui.bullets(notes)
        )

    def priority_sections(self) -> ui.Html:
        """Each priority with its indicators: value, status, forecast, charts (see :mod:`.indicator_sections`)."""
        return priority_sections(self.framework, self.earlier_years + self.history, self.register, self.commentary)

    def member_matrix(self) -> ui.Html:
        frame = member_priority_matrix(self.evaluation, self.register)
        return ui.matrix(frame, "Members by priority: counted toward the priority's indicators", "Member")

    def data_quality(self) -> ui.Html:
        shown = self.files[["name", "rows_read", "accepted", "quarantined", "duplicates"]].rename(
            columns={
                "name": "File",
                "rows_read": "Rows read",
                "accepted": "Accepted",
                "quarantined": "Quarantined",
                "duplicates": "Duplicates ignored",
            }
        )
        by = f"{self.evaluation.as_at:%-d %B %Y}"
        caption = f"Returns ingested: rows submitted by {by} (rows read = accepted + quarantined + duplicates ignored)"
        parts = [ui.table(shown, caption), repeated_note(self.evaluation, self.observations, self.register)]
        if len(self.quarantined):
            q = self.quarantined[["file", "row", "column", "value", "code", "message"]].rename(columns=str.capitalize)
            parts.append(ui.table(q, "Quarantined cells and their reasons", member_columns=("Value",)))
        return ui.Html("".join(parts))

    def inputs_appendix(self) -> ui.Html:
        """What this paper was computed from: the evidence date, and every input file with its content hash."""
        ev = self.evaluation
        known = len(self.observations)
        text = (
            f"Evidence as submitted up to {ev.as_at:%-d %B %Y} ({ev.as_at.isoformat()}): "
            f"{known:,} {'observation' if known == 1 else 'observations'} in the evidence store on that date. "
            "Re-running this paper with the same inputs and evidence date gives the same figures."
        )
        rows = [{"Input": what, "File": name, "SHA-256": digest} for what, name, digest in self.sources]
        rows += [
            {"Input": "Returns", "File": n, "SHA-256": h}
            for n, h in zip(self.files["name"], self.files["sha256"], strict=True)
        ]
        return ui.Html(
            ui.paragraph(text)
            + ui.table(pd.DataFrame(rows, columns=["Input", "File", "SHA-256"]), "Input files and their content hashes")
        )


_CACHE: dict[tuple, Paper] = {}


def _fingerprint(*paths: Path) -> tuple:
    """What a cached paper depends on: each input's path, size and modification time."""
    return tuple((str(p.resolve()), p.stat().st_size, p.stat().st_mtime_ns) if p.exists() else (str(p),) for p in paths)


def prepare_paper(
    framework: str,
    data: str | None,
    period: str,
    as_at: str | None = None,
    frameworks_dir: str | None = None,
    store: str | None = None,
    rule: str | None = None,
) -> Paper:
    """Check the report parameters and load everything the paper needs (the notebook's one call).

    ``rule`` is the status rule chosen for this run (``--rule``), over the indicators' and the framework's.
    Raises :class:`ParameterError` with a one-line message for an unknown
    period, a missing data folder, a malformed date or an unknown rule. ``data=None`` reads the folder named by
    the ``COMPACT_ANALYSIS_DATA`` environment variable (:func:`~compact_analysis.paths.data_path`).
    """
    return paper_from_folder(DataFolder.open(data_path(data), framework, frameworks_dir, store), period, as_at, rule)


def paper_from_folder(folder: DataFolder, period: str, as_at: str | None = None, rule: str | None = None) -> Paper:
    """:func:`prepare_paper` for a data folder already open (the batch plans every period from one)."""
    if rule is not None and rule not in RULES:
        raise ParameterError(f"rule {rule!r} is not one of {', '.join(RULES)}")
    chosen = folder.period(period)
    folder.check_exists()
    try:
        evidence_date = date.fromisoformat(as_at) if as_at else default_as_at(folder.framework, chosen)
    except ValueError:
        raise ParameterError(f"as_at {as_at!r} is not a date YYYY-MM-DD") from None
    inputs = (folder.framework_path, folder.register_path, folder.store_path, folder.overrides_path)
    inputs += (messages_file(folder.path, chosen.name), *board_files(folder.path, chosen.name))
    key = (_fingerprint(*inputs), chosen, evidence_date, rule)
    if key not in _CACHE:  # a batch renders many scorecards from one period's evaluation
        if len(_CACHE) > 8:
            _CACHE.clear()
        _CACHE[key] = build_paper(folder, chosen, evidence_date, rule)
    return _CACHE[key]


def build_paper(folder: DataFolder, period: Period, as_at: date, rule: str | None = None) -> Paper:
    """A period's paper from a data folder: this year's evaluations up to it, and the evidence they used."""
    history, evidence = folder.year_to_date(period, as_at, rule=rule)
    due = period.end(folder.framework.terms) + timedelta(days=folder.framework.report_after_days)
    timeliness = returns_timeliness(evidence.first_submissions, history[-1].members, due, as_at)
    fw, observations = folder.framework, evidence.observations
    before = earlier_years(fw, observations, folder.register, period, as_at, folder.overrides, rule)
    earlier = None
    if len(history) == 1:  # the first period of its year: the period before is last year's (among `before`)
        earlier = earlier_evaluation(fw, observations, folder.register, period, as_at, folder.overrides, rule, before)
    return Paper(
        folder.framework,
        history[-1],
        history,
        folder.register,
        evidence.files,
        evidence.quarantined,
        folder.is_synthetic,
        folder.path,
        evidence.observations,
        timeliness,
        _sources(folder),
        folder.revisions(period, as_at, evaluation=history[-1]),
        earlier,
        before,
        read_commentary(folder.path, period.name, [i.id for i in fw.indicators], lambda: history[-1].exceptions),
        read_messages(folder.path, period.name),
        read_signoffs(folder.store_path, as_at),
    )


def _sources(folder: DataFolder) -> tuple[tuple[str, str, str], ...]:
    """The framework, the member register and (when there is one) the overrides file, each with its hash."""
    found = [
        ("Framework", folder.framework_path),
        ("Member register", folder.register_path),
        ("Status overrides", folder.overrides_path),
    ]
    return tuple((what, path.name, file_sha256(path)) for what, path in found if path.exists())
