"""A period's indicator pages, their index, its data package and its about pages, written into the period's
staging folder so they are published with the paper or not at all (issue #24 items 4, 5 and 8).

Layout inside ``reports/<framework>/<period>/``: ``indicators/index.html`` (read by priority, theme and
perspective), ``indicators/<id>.html`` with ``<id>.csv``, ``<id>-members.csv``, ``<id>-returns.csv`` and
``<id>.json``; ``data/`` (the whole evaluation as CSV files and ``datapackage.json``); ``about/methods.html``
and ``about/revisions.html``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from compact_analysis.evaluation.evaluate import Evaluation
from compact_analysis.evaluation.frames import evaluation_frame
from compact_analysis.evidence.sources import observation_sources
from compact_analysis.folder import DataFolder
from compact_analysis.presentation import html as ui
from compact_analysis.presentation.about_pages import methods_sections, revisions_sections
from compact_analysis.presentation.commentary_blocks import indicator_commentary
from compact_analysis.presentation.group_summary import indicator_groups, status_words
from compact_analysis.presentation.indicator_tables import evaluation_download
from compact_analysis.presentation.paper import Paper
from compact_analysis.presentation.release import Release, release_block, release_of
from compact_analysis.publishing.datapackage import DataResource, write_data_package
from compact_analysis.publishing.indicator_pages import indicator_page, page_name, value_words, write_indicator
from compact_analysis.publishing.page_render import markup, render_page


@dataclass(frozen=True)
class PageInputs:
    """What a period's pages are built from: the paper (its evaluations) and the returns behind its values."""

    paper: Paper
    sources: pd.DataFrame


def page_inputs(folder: DataFolder, paper: Paper) -> PageInputs:
    """Read the returns behind the paper's values (file, row, submitted date) from the store, as at its date."""
    for indicator in paper.framework.indicators:  # a name that cannot be a file is refused before any kernel
        page_name(indicator.id)
    with folder.connect(read_only=True) as con:
        sources = observation_sources(con, paper.evaluation.as_at)
    return PageInputs(paper, sources)


def write_period_pages(inputs: PageInputs, staging: Path) -> list[str]:
    """Write every page and download of the period into ``staging``; return the paths written, relative."""
    paper = inputs.paper
    fw, evaluation = paper.framework, paper.evaluation
    history = paper.earlier_years + paper.history
    release = release_of(evaluation)
    pages = staging / "indicators"
    pages.mkdir(parents=True, exist_ok=True)
    written = []
    periods, members, returns = [], [], []
    frames = [evaluation_frame(e) for e in history]
    for result in evaluation.results:
        comment = indicator_commentary(result, paper.commentary.get(result.indicator.id))  # board-first's block
        html, tables = indicator_page(fw, history, result, inputs.sources, release, paper.is_synthetic, comment, frames)
        about = {"id": result.indicator.id, "name": result.indicator.name, "source": result.indicator.source,
                 "owner": result.indicator.owner, "unit": result.indicator.unit, "period": evaluation.period.name,
                 "evidence_as_at": evaluation.as_at.isoformat(),
                 "commentary": _comment_record(paper.commentary.get(result.indicator.id))}  # fmt: skip
        write_indicator(pages, html, tables, about)
        written.append(f"indicators/{page_name(result.indicator.id)}.html")
        periods.append(tables["periods"])
        members.append(tables["members"].assign(indicator_id=result.indicator.id))
        returns.append(tables["returns"].assign(indicator_id=result.indicator.id))
    (pages / "index.html").write_text(indicators_index(evaluation, release, paper.is_synthetic), encoding="utf-8")
    _write_data(staging / "data", evaluation, periods, members, returns)
    _write_about(staging / "about", evaluation)
    return ["indicators/index.html", *written, "data/datapackage.json", "about/methods.html", "about/revisions.html"]


def _comment_record(comment) -> dict | None:
    """The owner's commentary for the indicator's JSON (None when there is none)."""
    if comment is None:
        return None
    due = comment.action_due.isoformat() if comment.action_due else None
    return {"owner": comment.owner, "commentary": comment.commentary, "action": comment.action, "action_due": due}


def _write_data(folder: Path, evaluation: Evaluation, periods, members, returns) -> None:
    """The period's data package: the evaluation, every indicator over the periods, members and returns."""
    first = ["indicator_id"]
    member_rows = pd.concat(members, ignore_index=True)
    return_rows = pd.concat(returns, ignore_index=True)
    resources = [
        DataResource("evaluation", f"The evaluation at {evaluation.period.name}", evaluation_download(evaluation),
                     "One row an indicator: value, target, status, members, and the uncertainty around them."),
        DataResource("indicator-periods", "Every indicator over the periods", pd.concat(periods, ignore_index=True),
                     "One row an indicator and period, oldest period first."),
        DataResource("members", "Members counted per indicator",
                     member_rows[first + [c for c in member_rows.columns if c not in first]],
                     "Each deemed member for each indicator counted per member: returned and counted."),
        DataResource("returns", "The returns behind each value",
                     return_rows[first + [c for c in return_rows.columns if c not in first]],
                     "Each value's return: file, sheet, row (the header is row 1) and date submitted."),
    ]  # fmt: skip
    name = f"{evaluation.framework.id}-{evaluation.period.name}".lower()
    release = release_of(evaluation)
    extra = {
        "version": f"evidence as at {release.released.isoformat()}",
        "evidence_as_at": release.released.isoformat(),
    }
    if release.contact is not None:  # Code of Practice V3: a named contact, here as the package's contributor
        contact = release.contact
        extra["contributors"] = [
            {"title": contact.name, "role": "contact", **({"email": contact.email} if contact.email else {})}
        ]
    write_data_package(folder, name, f"{evaluation.framework.title}: {evaluation.period.name}", resources, extra)


def _write_about(folder: Path, evaluation: Evaluation) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    fw, period = evaluation.framework, evaluation.period.name
    for file, heading, sections in (
        ("methods.html", "Methods and quality annex", methods_sections(evaluation)),
        ("revisions.html", "Revisions policy", revisions_sections(evaluation)),
    ):
        shown = [{"title": title, "lines": lines} for title, lines in sections]
        html = render_page("about.html.j2", f"{heading}: {fw.title}, {period}", heading=heading, sections=shown)
        (folder / file).write_text(html, encoding="utf-8")


def indicators_index(evaluation: Evaluation, release: Release, synthetic: bool = False) -> str:
    """The index of the period's indicator pages, by priority, then by theme and by perspective when the plan
    groups them (each group with its statuses counted in words)."""
    fw = evaluation.framework

    def row(i):
        result = evaluation.result(i)
        badge = markup(ui.Html(ui.status_badge(result.status.code, result.status.label)))
        return {"href": f"{page_name(i)}.html", "name": result.indicator.name, "value": value_words(result),
                "status": badge}  # fmt: skip

    def rows(ids):
        return [row(i) for i in ids]

    def group(name, ids, label):
        return {"name": name, "words": status_words(evaluation, ids), "label": label, "rows": rows(ids)}

    by_priority = [
        group(f"Priority {p.number}: {p.title}", tuple(i.id for i in p.indicators), f"Priority {p.number}")
        for p in fw.priorities
    ]
    sections = [{"title": "By priority", "groups": by_priority}]
    for kind in ("Theme", "Perspective"):
        found = [g for g in indicator_groups(evaluation) if g.kind == kind]
        if found:
            groups = [group(g.name, g.indicator_ids, f"{kind}: {g.name}") for g in found]
            sections.append({"title": f"By {kind.lower()}", "groups": groups})
    period = evaluation.period.name
    return render_page(
        "indicators_index.html.j2", f"Indicators: {fw.title}, {period}", heading=f"Indicators at {period}",
        period=period, synthetic=synthetic, sections=sections, release=release_block(release, "../"),
    )  # fmt: skip


__all__ = ["PageInputs", "page_inputs", "write_period_pages"]


def write_pages(plans) -> None:
    """Each period's indicator pages and downloads, into its staging folder beside its notebooks (plans: PeriodPlans)."""
    for plan in plans:
        if plan.pages is not None:
            plan.page_files = write_period_pages(plan.pages, plan.staging)
