"""Rendering only the papers whose digest changed (issue #27): "``report`` and ``report-all`` skip a paper whose
digest is unchanged and say so in the summary ("14 unchanged, 3 rendered"); ``--force`` renders everything".

Each period's ``manifest.json`` keeps, under ``digests``, a record per paper (``evaluation``,
``members/<id>``): ``inputs`` (the digest of its components and its period's evidence, see
:mod:`~compact_analysis.publishing.digest`), ``digest`` (what it is judged by), the components and the
SHA-256 of each file it was rendered to. A paper is unchanged when its files are all there and intact
and its digest is the one recorded; it then stays where it is (hard-linked into the new folder, so its
files are the very same), and a period none of whose papers changed is not even evaluated.

What a scorecard depends on: the period paper depends on the whole evidence as at its date. A scorecard
shows its member's rows and exceptions and, about the others, only counts (its sector's peers counted,
the partnership's own indicators and their statuses). Its ``digest`` is therefore the digest of the
sections its notebook shows, computed from the period's evaluation (:func:`scorecard_content`), with the
notebook, package, framework, register, files and parameters: a correction to one member's return
renders that member's scorecard again and the others only if a count or status they show changes. When
the period's evidence is unchanged, the scorecard's ``inputs`` are too and no evaluation is needed.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from compact_analysis.errors import CompactError
from compact_analysis.evaluation.evaluate import default_as_at
from compact_analysis.evidence.ingest import file_sha256
from compact_analysis.folder import DataFolder
from compact_analysis.paths import safe_name
from compact_analysis.plan.members import find_register
from compact_analysis.presentation.scorecard import Scorecard
from compact_analysis.publishing.digest import (
    PERIOD_FILES,
    common_components,
    digest_of,
    evidence_digest,
    sha256_text,
)
from compact_analysis.publishing.kept_scorecards import published_manifest
from compact_analysis.publishing.render import notebook_for

DIGESTS_KEY = "digests"
#: Parameters that are paths: what they name is hashed (the framework file, the data folder's inputs), not where.
_PATHS = ("framework", "data")
_CARD_CALL = re.compile(r"\bcard\.(\w+)\(")


@dataclass
class PeriodDigests:
    """What one period's papers are judged by; ``paper`` (its evaluation) only once the period is planned."""

    folder: DataFolder
    period: str
    evidence: str
    paper: object = None
    records: dict[str, dict] = field(default_factory=dict)  # stem -> record, of the papers not rendered again
    rendered: int = 0
    pending: dict[str, tuple[str, Path]] = field(default_factory=dict)  # stem -> scorecards to judge by content

    def fill_pending(self) -> None:
        """Judge the scorecards being rendered by what they show, for the next run (while the workers render)."""
        for stem, (member, notebook) in list(self.pending.items()):
            self.records[stem] = self.with_content(self.records[stem], member, notebook)
            del self.pending[stem]

    def record(self, notebook: Path, parameters: dict, pdf: bool) -> dict:
        """The record of one paper (without its files): components with the evidence, ``inputs`` and ``digest``."""
        try:
            register = find_register(self.folder.path)
        except CompactError:  # no register: the render reports it; nothing to hash
            register = None
        components = common_components(
            notebook, self.folder.framework_path, register, self.folder.path, PERIOD_FILES, self.period,
            {**{k: v for k, v in parameters.items() if k not in _PATHS}, "pdf": pdf},
        )  # fmt: skip
        components["evidence"] = self.evidence
        inputs = digest_of(components)
        return {"inputs": inputs, "digest": inputs, "components": components}

    def with_content(self, record: dict, member: str, notebook: Path) -> dict:
        """A scorecard's record judged by what it shows: its sections' digest instead of the files and evidence."""
        if self.paper is None:
            return record
        content = scorecard_content(self.paper, member, notebook)
        judged = {k: v for k, v in record["components"].items() if k not in ("files", "evidence")}
        components = {**record["components"], "content": content}
        return {**record, "digest": digest_of({**judged, "content": content}), "components": components}


def period_digests(folder: DataFolder, period: str, as_at: str | None, paper=None) -> PeriodDigests | None:
    """The period's digests; None when its evidence date cannot be read (the render then says why)."""
    try:
        chosen = folder.period(period)
        evidence_date = date.fromisoformat(as_at) if as_at else default_as_at(folder.framework, chosen)
        with folder.connect(read_only=True) as con:
            evidence = evidence_digest(con, evidence_date)
    except Exception:
        return None
    return PeriodDigests(folder, period, evidence, paper)


def scorecard_content(paper, member: str, notebook: Path) -> str:
    """The digest of the HTML of every section the scorecard notebook shows (its ``card.<section>()`` calls)."""
    import nbformat  # heavy optional dependency: imported when scorecards are judged

    cells = nbformat.read(notebook, as_version=4).cells
    sections = [name for cell in cells if cell.cell_type == "code" for name in _CARD_CALL.findall(cell.source)]
    card = Scorecard(paper, member)
    return sha256_text("\n".join(f"{name}\n{getattr(card, name)()}" for name in sections))


def job_outputs(folder: Path, stem: str) -> dict[str, str]:
    """``{file name relative to folder: SHA-256}`` of the files a paper was rendered to (HTML, PDF, notebook)."""
    base = folder / stem
    return {
        (Path(stem).parent / p.name).as_posix(): file_sha256(p)
        for p in sorted(base.parent.glob(f"{base.name}.*"))
        if p.suffix in (".html", ".pdf", ".ipynb")
    }


def intact(final: Path, record: dict | None) -> bool:
    """Whether every file a record lists is in ``final`` with the bytes it was written with."""
    outputs = (record or {}).get("outputs") or {}
    return bool(outputs) and all(
        (final / name).is_file() and file_sha256(final / name) == sha for name, sha in outputs.items()
    )


def unchanged(final: Path, old: dict | None, new: dict, key: str) -> bool:
    """A paper is unchanged when its ``key`` (``inputs`` or ``digest``) is as recorded and its files are intact."""
    return bool(old) and old.get(key) == new[key] and intact(final, old)


def published_records(final: Path) -> dict[str, dict]:
    return published_manifest(final).get(DIGESTS_KEY) or {}


def unchanged_periods(folder: DataFolder, names: list[str], reports_dir, as_at, rule, scorecards, pdf, drop) -> dict:
    """``{period: (its folder, papers)}`` of the periods none of whose papers changed, judged without evaluating."""
    found = {}
    for period in names:
        final = (
            Path(reports_dir).resolve() / safe_name(folder.framework.id, "framework id") / safe_name(period, "period")
        )
        papers = period_unchanged(folder, period, final, as_at, rule, scorecards, pdf, drop)
        if papers:
            found[period] = (final, papers)
    return found


def period_unchanged(folder: DataFolder, period: str, final: Path, as_at, rule, scorecards: bool, pdf: bool, drop):
    """The number of papers of a period left as they are when none changed (judged without evaluating), else 0."""
    manifest = published_manifest(final)
    old = manifest.get(DIGESTS_KEY) or {}
    digests = period_digests(folder, period, as_at)
    if digests is None or not old:
        return 0
    common = {
        "framework": str(folder.framework_path.resolve()),
        "data": str(folder.path),
        "period": period,
        "as_at": as_at,
        "rule": rule,
    }  # fmt: skip  -- as batch._add_jobs gives the notebooks
    papers = {"evaluation": digests.record(notebook_for("period_evaluation", folder.path), common, pdf)}
    members = list(manifest.get("scorecards") or [])
    if scorecards and (not members or manifest.get("scorecards_kept")):
        return 0  # which members are deemed needs the evaluation
    if drop and members and not scorecards:
        return 0
    if scorecards:
        card = notebook_for("member_scorecard", folder.path)
        for m in members:
            papers[f"members/{m}"] = digests.record(card, {**common, "member": m}, pdf)
    same = all(unchanged(final, old.get(stem), record, "inputs") for stem, record in papers.items())
    return len(papers) if same else 0


def select_jobs(plan, digests: PeriodDigests | None, force: bool) -> None:
    """Keep in ``plan.jobs`` only the papers to render; link the unchanged ones' files into the staging folder."""
    plan.incremental = digests
    if digests is None:
        return
    old = published_records(plan.final)
    to_run = []
    for job in plan.jobs:
        previous, record = old.get(job.stem), digests.record(job.notebook, job.parameters, job.pdf)
        same = not force and unchanged(plan.final, previous, record, "inputs")
        if not same and job.parameters.get("member"):
            if force or not intact(plan.final, previous):  # rendered whatever it shows: judged later
                digests.pending[job.stem] = (job.parameters["member"], job.notebook)
            else:
                record = digests.with_content(record, job.parameters["member"], job.notebook)
                same = unchanged(plan.final, previous, record, "digest")
        if same:
            _link_outputs(plan.final, plan.staging, previous["outputs"])
            digests.records[job.stem] = carried(previous, record)
        else:
            digests.records[job.stem] = record
            to_run.append(job)
    digests.rendered = len(to_run)
    plan.jobs = to_run


def carried(previous: dict, record: dict) -> dict:
    """The record of a paper left in place: today's inputs, with the digest and files it was rendered with."""
    content = {"content": previous["components"]["content"]} if "content" in previous.get("components", {}) else {}
    components = {**record["components"], **content}
    return {**record, "components": components, "digest": previous["digest"], "outputs": previous["outputs"]}


def _link_outputs(final: Path, staging: Path, outputs: dict[str, str]) -> None:
    """The same files in the new folder: hard links (their bytes and times untouched), copies where links fail."""
    for name in outputs:
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(final / name, target)
        except OSError:
            shutil.copy2(final / name, target)


def manifest_records(plan, kept: dict | None) -> dict[str, dict]:
    """The ``digests`` entry of a period's new manifest: every paper's record with its files' hashes."""
    digests: PeriodDigests | None = plan.incremental
    if digests is None:
        return {}
    digests.fill_pending()
    records = {}
    for stem, record in digests.records.items():
        records[stem] = record if "outputs" in record else {**record, "outputs": job_outputs(plan.staging, stem)}
    if kept:  # scorecards carried over from before keep the records they were rendered with
        old = published_records(plan.final)
        records.update({k: v for k, v in old.items() if k.startswith("members/") and k not in records})
    return records


def counts(plan) -> dict[str, int]:
    """A planned period's papers ``rendered`` and left ``unchanged``, for its outcome."""
    rendered = len(plan.jobs)
    known = len(plan.incremental.records) if plan.incremental is not None else rendered
    return {"rendered": rendered, "unchanged": known - rendered}


def papers_line(outcomes) -> str:
    """The run's count of papers, e.g. "Papers: 14 unchanged, 3 rendered (--force renders every one)"."""
    unchanged_papers, rendered = sum(o.unchanged for o in outcomes), sum(o.rendered for o in outcomes)
    hint = " (--force renders every one)" if unchanged_papers else ""
    return f"Papers: {unchanged_papers} unchanged, {rendered} rendered{hint}"


def fill_pending(plans) -> None:
    """:meth:`PeriodDigests.fill_pending` for every planned period that has digests."""
    for plan in plans:
        if plan.incremental is not None:
            plan.incremental.fill_pending()
