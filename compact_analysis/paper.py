"""The content of an evaluation paper: inputs checked and loaded, and each section as HTML.

The notebook calls these in order and adds the words; every number shown comes
from :mod:`compact_analysis.evaluate` and is escaped on the way to HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from . import presentation as ui
from .charts import trajectory_chart
from .errors import ParameterError
from .evaluate import Evaluation, default_as_at, evaluate_period
from .framework import Framework, find_framework, load_framework
from .members import load_register
from .periods import Period
from .store import ingested_files, observations_as_at, open_store, quarantine

SYNTHETIC_MARKER_FILE = "SYNTHETIC.txt"


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

    # -- sections --------------------------------------------------------------
    def title_block(self) -> ui.Html:
        ev = self.evaluation
        return ui.Html(
            f"<h1>{ui.escape(self.framework.title)}: evaluation for {ev.period.name}</h1>"
            + ui.synthetic_banner(self.is_synthetic)
            + ui.paragraph(
                f"{self.framework.organisation}. Period {ev.period_start:%-d %B %Y} to {ev.period_end:%-d %B %Y}; "
                f"evidence as submitted up to {ev.as_at:%-d %B %Y}; {len(ev.members)} deemed member organisations."
            )
        )

    def summary_table(self) -> ui.Html:
        t = self.evaluation.table()
        shown = t[["priority", "indicator", "value", "target", "expected_now", "status", "status_label", "direction"]]
        shown = shown.rename(
            columns={
                "priority": "Priority",
                "indicator": "Indicator",
                "value": "Value",
                "target": "Target",
                "expected_now": "Expected now",
                "status_label": "Status",
                "direction": "Direction of travel",
            }
        )
        return ui.table(shown, f"Indicators at {self.evaluation.period.name}", status_columns=("status", "Status"))

    def status_counts(self) -> ui.Html:
        counts = self.evaluation.table()["status_label"].value_counts()
        items = "".join(f"<li>{ui.escape(label)}: {n}</li>" for label, n in counts.items())
        return ui.Html(f'<ul class="ca-counts">{items}</ul>')

    def priority_sections(self) -> ui.Html:
        parts = []
        for priority in self.framework.priorities:
            parts.append(ui.heading(f"Priority {priority.number}: {priority.title}", 3))
            parts.append(ui.paragraph(f"Outcome sought: {priority.outcome}"))
            for indicator in priority.indicators:
                result = self.evaluation.result(indicator.id)
                parts.append(ui.heading(indicator.name, 4))
                parts.append(ui.Html(f'<p class="ca-source">From the plan: {ui.escape(indicator.source)}</p>'))
                if indicator.aggregate in ("milestone", "none"):  # reported by the partnership, not members
                    parts.append(
                        ui.Html(
                            f"<p>Status: {ui.status_badge(result.status.code, result.status.label)} "
                            f"({ui.escape(result.status.reason)}). Owner: {ui.escape(indicator.owner)}.</p>"
                        )
                    )
                    continue
                value = "no return" if not result.value.members_returned else f"{result.value.value:g}"
                parts.append(
                    ui.Html(
                        f"<p>Value: <strong>{ui.escape(value)}</strong> "
                        f"({len(result.value.members_returned)} of {result.value.denominator} members returned). "
                        f"Status: {ui.status_badge(result.status.code, result.status.label)} "
                        f"({ui.escape(result.status.reason)}). Direction of travel: {ui.escape(result.direction)}. "
                        f"Owner: {ui.escape(indicator.owner)}.</p>"
                    )
                )
                if result.baseline is not None:
                    parts.append(self._baseline(result.baseline))
                if result.expected is not None and result.target_value is not None:
                    parts.append(ui.Html(self._trajectory(indicator.id).to_html()))
        return ui.Html("".join(parts))

    def _baseline(self, baseline) -> ui.Html:
        """The baseline behind a derived target: the estimate, its honesty checks, and who is on each list."""
        est, target = baseline.estimate, baseline.target
        names = self.register.set_index("member_id")["name"]

        def listed(ids: tuple[str, ...]) -> str:
            return "; ".join(f"{names.get(i, i)} ({i})" for i in ids) or "none"

        lines = [
            f"Known to lack one at the baseline: {est.known_lacking}; known to have one: {est.known_having}; "
            f"not answered: {est.unanswered}"
            + (f" (response rate {float(est.response_rate):.0%})." if est.response_rate is not None else "."),
            f"Bounds that assume nothing about non-responders: {est.low} to {est.high}.",
        ]
        if est.point is not None:
            lines.append(
                f"Estimate if non-responders resemble responders: {float(est.point):.1f}"
                + (f", 95% interval {est.interval[0]} to {est.interval[1]}." if est.interval else ".")
            )
            lines.append(
                "If non-responders are 1.5 or 2 times as likely to lack one: "
                + ", ".join(f"{float(v):.1f}" for _, v in sorted(est.sensitivity.items()))
                + "."
            )
        if est.warning:
            lines.append(est.warning)
        lines.append(f"Derived target: {target.text}")
        items = "".join(f"<li>{ui.escape(line)}</li>" for line in lines)
        lists = (
            f"<p><strong>Lacked one at the baseline:</strong> {ui.escape(listed(baseline.lacking))}</p>"
            f"<p><strong>Not answered:</strong> {ui.escape(listed(baseline.unanswered))}</p>"
        )
        return ui.Html(f'<ul class="ca-baseline">{items}</ul>{lists}')

    def _trajectory(self, indicator_id: str):
        results = [ev.result(indicator_id) for ev in self.history]
        return trajectory_chart(
            self.evaluation.result(indicator_id).indicator.name,
            [ev.period.name.split("-")[-1] for ev in self.history],
            [r.value.value if r.value.members_returned else None for r in results],
            [float(r.expected) if r.expected is not None else 0.0 for r in results],
            float(results[-1].target_value),
            results[-1].indicator.unit,
        )

    def member_matrix(self) -> ui.Html:
        from .scorecard import member_priority_matrix

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
        parts = [ui.table(shown, "Returns ingested (rows read = accepted + quarantined + duplicates ignored)")]
        if len(self.quarantined):
            q = self.quarantined[["file", "row", "column", "value", "code", "message"]].rename(columns=str.capitalize)
            parts.append(ui.table(q, "Quarantined cells and their reasons"))
        return ui.Html("".join(parts))

    def inputs_appendix(self) -> ui.Html:
        rows = self.files[["name", "sha256"]].rename(columns={"name": "File", "sha256": "SHA-256"})
        return ui.table(rows, "Input files and their content hashes")


_CACHE: dict[tuple, Paper] = {}


def _fingerprint(*paths: Path) -> tuple:
    """What a cached paper depends on: each input's path, size and modification time."""
    return tuple((str(p.resolve()), p.stat().st_size, p.stat().st_mtime_ns) if p.exists() else (str(p),) for p in paths)


def prepare_paper(
    framework: str,
    data: str,
    period: str,
    as_at: str | None = None,
    frameworks_dir: str = "data/frameworks",
    store: str | None = None,
) -> Paper:
    """Check the report parameters and load everything the paper needs.

    Raises :class:`ParameterError` with a one-line message for an unknown
    period, a missing data folder or a malformed date.
    """
    fw = load_framework(find_framework(framework, Path(frameworks_dir)))
    chosen: Period = fw.check_period(period)
    data_dir = Path(data)
    if not data_dir.is_dir():
        raise ParameterError(f"data folder {data_dir} not found")
    try:
        evidence_date = date.fromisoformat(as_at) if as_at else default_as_at(fw, chosen)
    except ValueError:
        raise ParameterError(f"as_at {as_at!r} is not a date YYYY-MM-DD") from None
    store_path = Path(store) if store else data_dir / "store.duckdb"
    key = (
        _fingerprint(find_framework(framework, Path(frameworks_dir)), data_dir / "members.csv", store_path),
        chosen,
        evidence_date,
    )
    if key in _CACHE:  # a batch renders many scorecards from one period's evaluation
        return _CACHE[key]
    register = load_register(data_dir / "members.csv")
    with open_store(store_path, read_only=True) as con:
        observations = observations_as_at(con, evidence_date)
        files = ingested_files(con)
        quarantined = quarantine(con)
    periods = [p for p in fw.periods(chosen.cadence) if p <= chosen and p.year == chosen.year]
    history = tuple(evaluate_period(fw, observations, register, p, evidence_date) for p in periods)
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[key] = paper = Paper(
        fw,
        history[-1],
        history,
        register,
        files,
        quarantined,
        (data_dir / SYNTHETIC_MARKER_FILE).exists(),
        data_dir,
        observations,
    )
    return paper
