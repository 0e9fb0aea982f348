"""The training monitoring paper: its sections as escaped HTML, its charts, and the papermill runner.

Seed 001, 3.3: "Regular reports will be produced to monitor training spend and
activity against the priorities in the training strategy and directorate
training plans." Learner keys and surrogates never reach the paper: only counts.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

from . import presentation as ui
from .charts import INK, STYLE, TARGET, Chart
from .errors import RenderError
from .paper import SYNTHETIC_MARKER_FILE
from .paths import safe_name
from .periods import parse_period
from .training import TrainingData, load_training_pack
from .training_aggregate import PROJECTION_METHOD, months_elapsed, pounds, view

PACKAGE_DIR = Path(__file__).resolve().parent
NOTEBOOK = PACKAGE_DIR.parent / "notebooks" / "training_monitoring.ipynb"


def _png(fig) -> bytes:
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def _k(pence: int) -> float:
    return pence / 100_000  # £ thousands, for chart axes only


@dataclass
class TrainingPaper:
    """One period's training paper; each method returns a section or chart for the notebook."""

    data: TrainingData
    period: str
    synthetic: bool

    # --- sections -----------------------------------------------------------------------------------------
    def title_block(self) -> ui.Html:
        months = months_elapsed(self.period)
        return ui.Html(
            ui.synthetic_banner(self.synthetic)
            + ui.heading(f"Training activity and spend: {self.period}", 1)
            + ui.paragraph(
                f"Year to date: {months} month{'s' if months != 1 else ''} of {parse_period(self.period).year_name}. "
                "Spend and budgets are in pounds; learner time in hours; learners are counted once each."
            )
        )

    def headline(self) -> ui.Html:
        total = view(self.data.pack.activity, "year-to-date", "all")
        variance = self.data.pack.variance
        if total.empty:
            return ui.paragraph("No training was recorded in the year to date.")
        row = total.iloc[0]
        return ui.paragraph(
            f"{int(row['enrolments']):,} enrolments by {int(row['unique_learners']):,} learners, "
            f"{int(row['completions']):,} completed, {row['learner_minutes'] / 60:,.0f} learner-hours; "
            f"spend {pounds(int(row['spend_pence']))} against an annual budget of "
            f"{pounds(int(variance['budget_pence'].sum()))}, projected outturn "
            f"{pounds(int(variance['projected_outturn_pence'].sum()))}."
        )

    def priority_table(self) -> ui.Html:
        frame = self._by_priority()
        shown = pd.DataFrame(
            {
                "Priority": frame["priority"],
                "Budget": frame["budget_pence"].map(pounds),
                "Profile to date": frame["profile_to_date_pence"].map(pounds),
                "Spend to date": frame["spend_pence"].map(pounds),
                "Projected outturn": frame["projected_outturn_pence"].map(pounds),
                "Outturn variance": frame["outturn_variance_pence"].map(pounds),
            }
        )
        return ui.table(shown, "Spend against budget by priority, year to date")

    def activity_table(self, grain: str = "quarter") -> ui.Html:
        frame = view(self.data.pack.activity, grain, "priority")
        shown = pd.DataFrame(
            {
                "Period": frame["period"],
                "Priority": frame["priority"],
                "Enrolments": frame["enrolments"],
                "Completions": frame["completions"],
                "Learner-hours": (frame["learner_minutes"] // 60).astype(int),
                "Learners": frame["unique_learners"],
                "Spend": frame["spend_pence"].map(pounds),
            }
        )
        return ui.table(shown, f"Activity and spend by {grain} and priority")

    def funding_table(self) -> ui.Html:
        frame = view(self.data.pack.activity, "year-to-date", "funding_source")
        shown = pd.DataFrame(
            {
                "Funding source": frame["funding_source"],
                "Ring-fenced": frame["funding_source"].map(
                    lambda s: "yes" if self.data.config.funding_sources.get(s, (False, ()))[0] else "no"
                ),
                "Enrolments": frame["enrolments"],
                "Learners": frame["unique_learners"],
                "Spend": frame["spend_pence"].map(pounds),
            }
        )
        return ui.table(shown, "Activity and spend by funding source, year to date")

    def ring_fenced_table(self) -> ui.Html:
        fenced = self.data.pack.ring_fenced
        by = fenced.groupby(["funding_source", "purpose", "outside_purpose"], as_index=False)[
            ["enrolments", "spend_pence"]
        ].sum()
        shown = pd.DataFrame(
            {
                "Grant": by["funding_source"],
                "For": by["purpose"],
                "Spent on": by["outside_purpose"].map({False: "its purpose", True: "other priorities (flagged)"}),
                "Enrolments": by["enrolments"],
                "Spend": by["spend_pence"].map(pounds),
            }
        )
        return ui.table(shown, "Ring-fenced grant spend, year to date")

    def exceptions_summary(self) -> ui.Html:
        exceptions = self.data.pack.exceptions
        counts = exceptions["kind"].value_counts()
        text = (
            f"{int(counts.get('budget-variance', 0))} budget lines have a projected outturn beyond the tolerance of "
            f"{self.data.config.tolerance} of budget, and {int(counts.get('ring-fence-misuse', 0))} show ring-fenced "
            "grant spent outside its purpose. Each opens an exception in the register; the largest are listed."
        )
        variance = self.data.pack.variance
        top = variance[variance["beyond_tolerance"]].reindex(
            variance[variance["beyond_tolerance"]]["outturn_variance_pence"].abs().sort_values(ascending=False).index
        )[:10]
        shown = pd.DataFrame(
            {
                "Member": top["member_id"],
                "Directorate": top["directorate"],
                "Priority": top["priority"],
                "Budget": top["budget_pence"].map(pounds),
                "Projected outturn": top["projected_outturn_pence"].map(pounds),
                "Variance": top["outturn_variance_pence"].map(pounds),
            }
        )
        return ui.Html(ui.paragraph(text) + ui.table(shown, "Largest budget variances beyond tolerance"))

    def data_quality(self) -> ui.Html:
        files = self.data.files.rename(columns=str.capitalize)
        quarantined = self.data.quarantine
        counts = quarantined.groupby(["file", "code"], as_index=False).size().rename(columns={"size": "cells"})
        return ui.Html(
            ui.table(files, "Files read: rows read = accepted + quarantined")
            + (
                ui.table(counts, "Quarantined cells by reason")
                if len(counts)
                else ui.paragraph("Nothing was quarantined.")
            )
        )

    def method(self) -> ui.Html:
        return ui.Html(
            ui.paragraph(PROJECTION_METHOD)
            + ui.paragraph(
                "Activity and spend count in the month a course starts. Money is held in whole pence and summed "
                "exactly in the database engine; learners are counted once per row of each table however many "
                "courses they took. A ring-fenced grant is flagged when it paid for a course whose category serves "
                "a priority other than the grant's purpose."
            )
        )

    # --- charts -------------------------------------------------------------------------------------------
    def _by_priority(self) -> pd.DataFrame:
        columns = [
            "budget_pence",
            "profile_to_date_pence",
            "spend_pence",
            "projected_outturn_pence",
            "outturn_variance_pence",
        ]
        return self.data.pack.variance.groupby("priority", as_index=False)[columns].sum()

    def spend_vs_budget_chart(self) -> Chart:
        frame = self._by_priority()
        with plt.rc_context(STYLE):
            fig, ax = plt.subplots(figsize=(6.2, 2.8))
            x = range(len(frame))
            width = 0.27
            ax.bar(
                [i - width for i in x],
                frame["budget_pence"].map(_k),
                width,
                color="white",
                edgecolor=INK,
                label="Budget",
            )
            ax.bar(list(x), frame["spend_pence"].map(_k), width, color=INK, label="Spend to date")
            ax.bar(
                [i + width for i in x],
                frame["projected_outturn_pence"].map(_k),
                width,
                color=TARGET,
                hatch="//",
                label="Projected outturn",
            )
            ax.set_xticks(list(x), frame["priority"])
            ax.set_ylabel("£ thousand")
            ax.set_title("Spend against budget by priority")
            ax.legend(frameon=False, fontsize=8)
        parts = "; ".join(
            f"{p}: budget {pounds(b)}, spent {pounds(s)}, projected {pounds(o)}"
            for p, b, s, o in zip(
                frame["priority"],
                frame["budget_pence"],
                frame["spend_pence"],
                frame["projected_outturn_pence"],
                strict=True,
            )
        )
        return Chart(
            "Spend against budget by priority",
            f"Bar chart of budget, spend to date and projected outturn by priority. {parts}.",
            _png(fig),
        )

    def cumulative_chart(self) -> Chart:
        frame = self.data.pack.cumulative.groupby("period", as_index=False)[["cumulative_pence", "profile_pence"]].sum()
        labels = [p[-3:] for p in frame["period"]]
        with plt.rc_context(STYLE):
            fig, ax = plt.subplots(figsize=(6.2, 2.6))
            ax.plot(labels, frame["profile_pence"].map(_k), linestyle="--", color=TARGET, label="Budget profile")
            ax.plot(labels, frame["cumulative_pence"].map(_k), marker="o", color=INK, label="Cumulative spend")
            ax.set_ylabel("£ thousand")
            ax.set_xlabel("Month of the financial year")
            ax.set_ylim(bottom=0)
            ax.set_title("Cumulative spend against the budget profile")
            ax.legend(frameon=False, fontsize=8, loc="upper left")
        last = frame.iloc[-1]
        alt = (
            f"Line chart of cumulative training spend by month against an even budget profile. By {last['period']} "
            f"spend was {pounds(int(last['cumulative_pence']))} against a profile of {pounds(int(last['profile_pence']))}."
        )
        return Chart("Cumulative spend against the budget profile", alt, _png(fig))

    def activity_mix_chart(self) -> Chart:
        frame = view(self.data.pack.activity, "quarter", "priority")
        table = frame.pivot(index="period", columns="priority", values="enrolments").fillna(0)
        with plt.rc_context(STYLE):
            fig, ax = plt.subplots(figsize=(6.2, 2.6))
            bottom = pd.Series(0.0, index=table.index)
            greys = plt.cm.Greys([0.25 + 0.7 * i / max(len(table.columns) - 1, 1) for i in range(len(table.columns))])
            for colour, priority in zip(greys, table.columns, strict=True):
                ax.bar(
                    [p[-2:] for p in table.index],
                    table[priority],
                    bottom=bottom,
                    color=colour,
                    edgecolor=INK,
                    linewidth=0.3,
                    label=priority,
                )
                bottom = bottom + table[priority]
            ax.set_ylabel("Enrolments")
            ax.set_title("Activity mix: enrolments by priority and quarter")
            ax.legend(frameon=False, fontsize=7, ncol=len(table.columns), loc="upper left")
        totals = view(self.data.pack.activity, "year-to-date", "priority")
        parts = ", ".join(f"{p} {int(e):,}" for p, e in zip(totals["priority"], totals["enrolments"], strict=True))
        return Chart(
            "Activity mix",
            f"Stacked bar chart of enrolments by priority for each quarter. Year to date: {parts}.",
            _png(fig),
        )


def prepare_training_paper(data: str, period: str) -> TrainingPaper:
    """Check the parameters and load the period's pack; the notebook's first call."""
    chosen = parse_period(period)
    folder = Path(data)
    return TrainingPaper(load_training_pack(folder, chosen), chosen.name, (folder / SYNTHETIC_MARKER_FILE).exists()
                         or (folder / "training" / SYNTHETIC_MARKER_FILE).exists())  # fmt: skip


@dataclass(frozen=True)
class TrainingReport:
    notebook: Path
    html: Path
    pdf: Path | None


def render_training(
    data: str | Path,
    period: str,
    reports_dir: str | Path = "reports",
    framework_id: str = "compact-2009-10",
    pdf: bool = True,
) -> TrainingReport:
    """Run the training notebook with papermill, export HTML (no code) and PDF, and move them into place atomically.

    Writes ``reports/<framework>/<period>/training.{ipynb,html,pdf}``; each file is
    written under a temporary name and renamed, so a killed run leaves no half file.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from .render import export_html, html_to_pdf

    chosen = parse_period(period)
    data = Path(data).resolve()
    prepare_training_paper(str(data), chosen.name)  # refuse bad parameters before a kernel starts
    final = Path(reports_dir).resolve() / safe_name(framework_id, "framework id") / safe_name(chosen.name, "period")
    final.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".training.partial-", dir=final))
    try:
        executed = work / "training.ipynb"
        try:
            papermill.execute_notebook(
                str(NOTEBOOK), str(executed), parameters={"data": str(data), "period": chosen.name},
                progress_bar=False, log_output=False, cwd=str(NOTEBOOK.parent),
            )  # fmt: skip
        except PapermillExecutionError as exc:
            raise RenderError(
                f"{chosen.name}: training notebook cell {exc.exec_count} failed ({exc.ename}: {exc.evalue})"
            ) from None
        html = work / "training.html"
        html.write_text(export_html(executed, f"Training activity and spend: {chosen.name}"), encoding="utf-8")
        outputs = [executed, html]
        if pdf:
            html_to_pdf(html, work / "training.pdf")
            outputs.append(work / "training.pdf")
        for path in outputs:
            os.replace(path, final / path.name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return TrainingReport(final / "training.ipynb", final / "training.html", final / "training.pdf" if pdf else None)
