"""The training monitoring paper: its sections as escaped HTML, its charts, and the papermill runner.

Seed 001, 3.3: "Regular reports will be produced to monitor training spend and
activity against the priorities in the training strategy and directorate
training plans." Learner keys and surrogates never reach the paper: only counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from compact_analysis.evaluation.exception_rules import TRAINING_KINDS, ExceptionKind
from compact_analysis.evidence.demo import SYNTHETIC_MARKER_FILE
from compact_analysis.paths import data_path
from compact_analysis.plan.members import optional_register
from compact_analysis.plan.periods import parse_period
from compact_analysis.presentation import html as ui
from compact_analysis.presentation.charts import Chart
from compact_analysis.presentation.money import money
from compact_analysis.training import charts
from compact_analysis.training.aggregate import PROJECTION_METHOD, months_elapsed, view
from compact_analysis.training.directorates import directorate_summary, ring_fence_misuse
from compact_analysis.training.folder import TrainingData, load_training_pack, training_folder

TITLE = "Training activity and spend"


def _count(value) -> str:
    """A count with thousands separators: 16210 -> '16,210'."""
    return f"{int(value):,}"


def _hours(minutes) -> int:
    """Learner minutes as whole hours, half an hour rounding up (the same rule in every table)."""
    return (int(minutes) + 30) // 60


def member_names(data: str | Path) -> dict[str, str]:
    """Member id -> name from the data folder's register; empty when the folder has none (ids are shown)."""
    found = optional_register(data)
    if found is None:
        return {}
    _, register = found
    return dict(zip(register["member_id"].astype(str), register["name"].astype(str), strict=True))


@dataclass
class TrainingPaper:
    """One period's training paper; each method returns a section or chart for the notebook."""

    data: TrainingData
    period: str
    synthetic: bool
    members: dict[str, str] = field(default_factory=dict)  # member id -> name, from the register

    # --- labels -------------------------------------------------------------------------------------------
    def member_label(self, member_id: str) -> str:
        """'Ashcombe District Council (M002)'; the id alone for a member the register does not name.

        Plain text: the tables escape it (names are typed by members and may hold ``<`` or ``&``).
        """
        name = self.members.get(str(member_id))
        return f"{name} ({member_id})" if name else str(member_id)

    def priority_label(self, priority: str) -> str:
        return self.data.config.priority_label(str(priority))

    # --- sections -----------------------------------------------------------------------------------------
    def title_block(self) -> ui.Html:
        months = months_elapsed(self.period)
        return ui.Html(
            f'<h1>{ui.escape(TITLE)}: <span class="ca-nowrap">{ui.escape(self.period)}</span></h1>'
            + ui.synthetic_banner(self.synthetic)
            + ui.paragraph(
                f"Year to date: {months} month{'s' if months != 1 else ''} of {parse_period(self.period).year_name}. "
                "Spend and budgets are in pounds; learner time in hours; learners are counted once each."
            )
        )

    def headline_figures(self) -> dict:
        """The paper's headline numbers as exact integers (pence), also written to the folder's manifest."""
        total = view(self.data.pack.activity, "year-to-date", "all")
        variance = self.data.pack.variance
        kinds = self.data.pack.exceptions["kind"].value_counts()
        row = total.iloc[0] if len(total) else None
        return {
            "enrolments": int(row["enrolments"]) if row is not None else 0,
            "unique_learners": int(row["unique_learners"]) if row is not None else 0,
            "spend_to_date_pence": int(row["spend_pence"]) if row is not None else 0,
            "budget_pence": int(variance["budget_pence"].sum()),
            "projected_outturn_pence": int(variance["projected_outturn_pence"].sum()),
            "budget_lines": len(variance),
            "exceptions": {kind: int(kinds.get(kind, 0)) for kind in TRAINING_KINDS},
        }

    def headline(self) -> ui.Html:
        total = view(self.data.pack.activity, "year-to-date", "all")
        if total.empty:
            return ui.paragraph("No training was recorded in the year to date.")
        row = total.iloc[0]
        figures = self.headline_figures()
        return ui.paragraph(
            f"{_count(row['enrolments'])} enrolments by {_count(row['unique_learners'])} learners, "
            f"{_count(row['completions'])} completed, {_count(_hours(row['learner_minutes']))} learner-hours; "
            f"spend {money(figures['spend_to_date_pence'])} against an annual budget of "
            f"{money(figures['budget_pence'])}, projected outturn {money(figures['projected_outturn_pence'])}."
        )

    def _priority_codes(self, shown: list[str] | None = None) -> list[str]:
        config = self.data.config
        return sorted(
            set(shown) if shown is not None else set(config.categories.values()) | set(config.priority_titles)
        )

    def chart_key(self, shown: list[str]) -> str:
        """A chart's caption naming the priority codes it shows: 'Priorities: P1 Leitch Skills Pledge; ...'."""
        return "Priorities: " + "; ".join(self.priority_label(c) for c in self._priority_codes(shown)) + "."

    def priority_key(self) -> ui.Html:
        """The key, once: what each priority code stands for, which course categories and grants count to it."""
        config = self.data.config
        codes = self._priority_codes()
        grants = {
            c: ", ".join(config.funding_name(s) for s, (ring, purposes) in config.funding_sources.items()
                         if ring and c in purposes) or "–"
            for c in codes
        }  # fmt: skip
        shown = pd.DataFrame(
            {
                "Code": codes,
                "Priority": [config.priority_titles.get(c, "–") for c in codes],
                "Course categories counted": [
                    ", ".join(sorted(k for k, v in config.categories.items() if v == c)) or "–" for c in codes
                ],
                "Ring-fenced grants for it": [grants[c] for c in codes],
            }
        )
        return ui.table(shown, "Priority key: the course categories and ring-fenced grants of each priority")

    def priority_table(self) -> ui.Html:
        frame = self._by_priority()
        shown = pd.DataFrame(
            {
                "Priority": frame["priority"].map(self.priority_label),
                "Budget": frame["budget_pence"].map(money),
                "Profile to date": frame["profile_to_date_pence"].map(money),
                "Spend to date": frame["spend_pence"].map(money),
                "Projected outturn": frame["projected_outturn_pence"].map(money),
                "Outturn variance": frame["outturn_variance_pence"].map(money),
            }
        )
        return ui.table(shown, "Spend against budget by priority, year to date")

    def activity_table(self, grain: str = "quarter") -> ui.Html:
        frame = view(self.data.pack.activity, grain, "priority")
        year = parse_period(self.period).year_name
        shown = pd.DataFrame(
            {
                grain.capitalize(): frame["period"].str.rsplit("-", n=1).str[-1],
                "Priority": frame["priority"].map(self.priority_label),
                "Enrolments": frame["enrolments"].map(_count),
                "Completions": frame["completions"].map(_count),
                "Learner-hours": frame["learner_minutes"].map(lambda m: _count(_hours(m))),
                "Learners": frame["unique_learners"].map(_count),
                "Spend": frame["spend_pence"].map(money),
            }
        )
        return ui.table(shown, f"Activity and spend by {grain} and priority, {year}")

    def funding_table(self) -> ui.Html:
        frame = view(self.data.pack.activity, "year-to-date", "funding_source")
        shown = pd.DataFrame(
            {
                "Funding source": frame["funding_source"].map(self.data.config.funding_name),
                "Ring-fenced": frame["funding_source"].map(
                    lambda s: "yes" if self.data.config.funding_sources.get(s, (False, ()))[0] else "no"
                ),
                "Enrolments": frame["enrolments"].map(_count),
                "Learners": frame["unique_learners"].map(_count),
                "Spend": frame["spend_pence"].map(money),
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
                "Grant": by["funding_source"].map(self.data.config.funding_name),
                "For": by["purpose"].map(lambda p: ", ".join(self.priority_label(c) for c in str(p).split(", "))),
                "Spent on": by["outside_purpose"].map({False: "its purpose", True: "other priorities (flagged)"}),
                "Enrolments": by["enrolments"].map(_count),
                "Spend": by["spend_pence"].map(money),
            }
        )
        return ui.table(shown, "Ring-fenced grant spend, year to date")

    def exceptions_summary(self) -> ui.Html:
        exceptions = self.data.pack.exceptions
        counts = exceptions["kind"].value_counts()
        variance = self.data.pack.variance
        over = int((variance["beyond_tolerance"] & (variance["outturn_variance_pence"] > 0)).sum())
        under = int((variance["beyond_tolerance"] & (variance["outturn_variance_pence"] < 0)).sum())
        beyond, misused = (
            int(counts.get(ExceptionKind.BUDGET_VARIANCE, 0)),
            int(counts.get(ExceptionKind.RING_FENCE_MISUSE, 0)),
        )
        text = (
            f"{_count(beyond)} of {_count(len(variance))} budget line{'' if len(variance) == 1 else 's'} "
            f"{'has' if beyond == 1 else 'have'} a projected outturn "
            f"{self.data.config.variance_rule_text()} from budget ({_count(over)} over, {_count(under)} under), and "
            f"{_count(misused)} {'shows' if misused == 1 else 'show'} ring-fenced grant spent outside its purpose. "
            "Each opens an exception in the register; the largest variances are listed."
        )
        small = int((variance["beyond_percentage"] & ~variance["beyond_tolerance"]).sum())
        if small and self.data.config.budget_variance_minimum_pence:
            text += (
                f" A further {_count(small)} line{'' if small == 1 else 's'} {'is' if small == 1 else 'are'} more than "
                f"{self.data.config.tolerance_text()} from budget by less than "
                f"{self.data.config.minimum_text()}, below the minimum that opens one."
            )
        top = variance[variance["beyond_tolerance"]].reindex(
            variance[variance["beyond_tolerance"]]["outturn_variance_pence"].abs().sort_values(ascending=False).index
        )[:10]
        shown = pd.DataFrame(
            {
                "Member": top["member_id"].map(self.member_label),
                "Directorate": top["directorate"],
                "Priority": top["priority"].map(self.priority_label),
                "Budget": top["budget_pence"].map(money),
                "Projected outturn": top["projected_outturn_pence"].map(money),
                "Variance": top["outturn_variance_pence"].map(money),
            }
        )
        return ui.Html(
            ui.paragraph(text)
            + ui.table(shown, f"Largest budget variances {self.data.config.variance_rule_text()} from budget")
        )

    def ring_fence_misuse_table(self) -> ui.Html:
        """Each ring-fence misuse exception: member, directorate, grant, the priority it paid for, and the sum."""
        found = ring_fence_misuse(self.data.pack.ring_fenced)
        if found.empty:
            return ui.paragraph("No ring-fenced grant was spent outside its purpose this year.")
        shown = pd.DataFrame(
            {
                "Member": found["member_id"].map(self.member_label),
                "Directorate": found["directorate"],
                "Grant": found["funding_source"].map(self.data.config.funding_name),
                "Spent on": found["priority"].map(self.priority_label),
                "Enrolments": found["enrolments"].map(_count),
                "Amount": found["spend_pence"].map(money),
            }
        )
        return ui.table(shown, "Ring-fenced grant spent outside its purpose, year to date (largest first)")

    def directorate_table(self) -> ui.Html:
        """Budget, spend, outturn, activity and exceptions per directorate (the directorate training plans)."""
        frame = directorate_summary(
            self.data.pack.variance, view(self.data.pack.activity, "year-to-date", "directorate"),
            self.data.pack.exceptions,
        )  # fmt: skip
        names = [
            f"{d} ({_count(n)} member{'' if n == 1 else 's'})"
            for d, n in zip(frame["directorate"], frame["members"], strict=True)
        ]
        money_table = pd.DataFrame(
            {
                "Directorate": names,
                "Budget": frame["budget_pence"].map(money),
                "Spend to date": frame["spend_pence"].map(money),
                "Projected outturn": frame["projected_outturn_pence"].map(money),
                "Outturn variance": frame["outturn_variance_pence"].map(money),
            }
        )
        activity_table = pd.DataFrame(
            {
                "Directorate": names,
                "Enrolments": frame["enrolments"].map(_count),
                "Completions": frame["completions"].map(_count),
                "Budget variance exceptions": frame["budget_variance"].map(_count),
                "Ring-fence misuse exceptions": frame["ring_fence_misuse"].map(_count),
            }
        )  # two tables: in one, eight columns would not fit an A4 page
        return ui.Html(
            ui.table(money_table, "Spend against budget by directorate, year to date")
            + ui.table(activity_table, "Activity and exceptions by directorate, year to date")
        )

    def data_quality(self) -> ui.Html:
        files = self.data.files
        shown = pd.DataFrame(
            {
                "File": files["file"],
                "Kind": files["kind"].str.capitalize(),
                "Rows read": files["rows_read"].map(_count),
                "Accepted": files["accepted"].map(_count),
                "Quarantined": files["quarantined"].map(_count),
            }
        )
        quarantined = self.data.quarantine
        counts = quarantined.groupby(["file", "code"], as_index=False).size()
        reasons = pd.DataFrame({"File": counts["file"], "Code": counts["code"], "Cells": counts["size"].map(_count)})
        return ui.Html(
            ui.table(shown, "Files read: rows read = accepted + quarantined")
            + (
                ui.table(reasons, "Quarantined cells by reason")
                if len(reasons)
                else ui.paragraph("Nothing was quarantined.")
            )
        )

    def method(self) -> ui.Html:
        config = self.data.config
        if config.budget_variance_minimum_pence:
            rule = (
                f"A budget line's variance opens an exception when its projected outturn is "
                f"{config.variance_rule_text()} from its budget: both a share of the budget "
                f"({config.tolerance_text()}) and a sum ({config.minimum_text()}), compared in exact pence. "
                "The sum keeps small lines out of the register, where one course moves the projection by more "
                "than the share; early in the year the projection rests on few months and few courses a line, "
                "so it moves more."
            )
        else:
            rule = (
                f"A budget line's variance opens an exception when its projected outturn is "
                f"{config.variance_rule_text()} from its budget, compared in exact pence; no minimum sum is set."
            )
        return ui.Html(
            ui.paragraph(PROJECTION_METHOD)
            + ui.paragraph(rule)
            + ui.paragraph(
                "Activity and spend count in the month a course starts. Money is held in whole pence and summed "
                "exactly in the database engine; learners are counted once per row of each table however many "
                "courses they took. A ring-fenced grant is flagged when it paid for a course whose category serves "
                "a priority other than the grant's purpose."
            )
            + self.priority_key()
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
        return charts.spend_vs_budget_chart(frame, self.chart_key(list(frame["priority"])))

    def cumulative_chart(self) -> Chart:
        return charts.cumulative_chart(self.data.pack.cumulative)

    def activity_mix_chart(self) -> Chart:
        frame = view(self.data.pack.activity, "quarter", "priority")
        totals = view(self.data.pack.activity, "year-to-date", "priority")
        year = parse_period(self.period).year_name
        return charts.activity_mix_chart(frame, totals, year, self.chart_key(list(frame["priority"].unique())))


def is_synthetic(data: str | Path) -> bool:
    """Whether a data folder holds demo data: its own or its training folder's ``SYNTHETIC.txt``."""
    folder = Path(data)
    return (folder / SYNTHETIC_MARKER_FILE).exists() or (training_folder(folder) / SYNTHETIC_MARKER_FILE).exists()


def prepare_training_paper(data: str | None, period: str) -> TrainingPaper:
    """Check the parameters and load the period's pack; the notebook's first call (``data=None``: see
    :func:`~compact_analysis.paths.data_path`)."""
    chosen = parse_period(period)
    folder = data_path(data)
    return TrainingPaper(load_training_pack(folder, chosen), chosen.name, is_synthetic(folder), member_names(folder))
