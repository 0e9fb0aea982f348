"""Rendering report packs: one evaluation and optional member scorecards per period.

Notebook jobs run in worker processes, each with one kept-alive kernel. A
period's folder is built under a temporary name and renamed into place only
when every one of its notebooks succeeded, so a report that looks complete is
complete. A failed notebook is kept under ``<framework>/failed/`` with the
failing cell named, and the batch goes on with the rest.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from multiprocessing import get_context
from multiprocessing.util import Finalize
from pathlib import Path

from compact_analysis.errors import ErrorCode, RenderError
from compact_analysis.evaluation.status_counts import status_counts
from compact_analysis.evidence.demo import SYNTHETIC_MARKER_FILE
from compact_analysis.evidence.ingest import file_sha256
from compact_analysis.evidence.ingest_errors import is_disk_full
from compact_analysis.folder import DataFolder
from compact_analysis.paths import safe_name
from compact_analysis.presentation.paper import paper_from_folder
from compact_analysis.publishing import incremental
from compact_analysis.publishing.audience_index import write_bodies_index
from compact_analysis.publishing.kept_scorecards import carry_scorecards, published_scorecard_count, scorecard_entries
from compact_analysis.publishing.manifest import audience_fields, provenance, write_manifest
from compact_analysis.publishing.modes import apply_umask_modes
from compact_analysis.publishing.outcome import PeriodOutcome
from compact_analysis.publishing.period_pages import PageInputs, page_inputs, write_pages
from compact_analysis.publishing.render import JobResult, NotebookJob, NotebookWorker, notebook_job
from compact_analysis.publishing.run_lock import WAIT_SECONDS, run_lock
from compact_analysis.publishing.site_index import render_members_index, write_index

log = logging.getLogger(__name__)


@dataclass
class PeriodPlan:
    """Everything needed to render one period's pack, checked before any kernel starts."""

    framework_id: str
    framework_path: Path
    title: str
    period: str
    data: Path
    as_at: str | None
    members: list[str]
    final: Path
    staging: Path | None = None
    status_counts: list[dict] = field(default_factory=list)  # StatusCounts.records(): code, word, rating, count
    jobs: list[NotebookJob] = field(default_factory=list)
    member_details: dict[str, dict[str, str]] = field(default_factory=dict)  # id -> name, sector (register)
    evidence_date: str | None = None  # the as-at date the evaluation used (the parameter, or the default lag)
    store: dict = field(default_factory=dict)  # the evidence store's contents when the period was planned
    keep_scorecards: bool = True  # without scorecards of its own, carry over the published members/
    rule: str | None = None  # the status rule chosen for the run (--rule); None: the plan's
    audience: dict = field(default_factory=dict)  # the bodies the paper goes to (manifest.audience_fields)
    pages: PageInputs | None = None  # the indicator pages, data package and about pages (period_pages.py)
    page_files: list[str] = field(default_factory=list)  # those written, relative to the period's folder
    incremental: object = None  # its papers' digests (publishing.incremental.PeriodDigests)


def plan_period(
    framework: str,
    data: str | Path,
    period: str,
    reports_dir: str | Path = "reports",
    frameworks_dir: str | Path | None = None,
    as_at: str | None = None,
    scorecards: bool = False,
    rule: str | None = None,
) -> PeriodPlan:
    """Check one period's parameters (one-line errors) and list what it will render."""
    folder = DataFolder.open(data, framework, frameworks_dir).resolved()
    return plan_folder_period(folder, period, reports_dir, as_at, scorecards, rule)


def plan_folder_period(
    folder: DataFolder,
    period: str,
    reports_dir: str | Path,
    as_at: str | None = None,
    scorecards: bool = False,
    rule: str | None = None,
) -> PeriodPlan:
    """:func:`plan_period` for a data folder already open (a batch plans all its periods from one)."""
    fw, framework_path = folder.framework, folder.framework_path.resolve()
    chosen = folder.period(period)
    paper = paper_from_folder(folder, chosen.name, as_at, rule)
    members = sorted(paper.evaluation.members["member_id"]) if scorecards else []
    for member in members:
        safe_name(member, "member id")
    counts = status_counts(paper.evaluation).records()
    final = Path(reports_dir).resolve() / safe_name(fw.id, "framework id") / safe_name(chosen.name, "period")
    plan = PeriodPlan(fw.id, framework_path, fw.title, chosen.name, folder.path, as_at, members, final, None, counts)
    plan.evidence_date, plan.rule = paper.evaluation.as_at.isoformat(), rule
    plan.audience = audience_fields(fw, chosen)
    plan.store = folder.store_summary()
    plan.pages = page_inputs(folder, paper)
    plan.incremental = incremental.period_digests(folder, chosen.name, as_at, paper)
    if scorecards:  # the names the scorecards use: the register's deemed members, for the members index
        for row in paper.evaluation.members[["member_id", "name", "sector"]].itertuples(index=False):
            plan.member_details[str(row.member_id)] = {"name": str(row.name), "sector": str(row.sector)}
    return plan


def staging_folder(final: Path) -> Path:
    """A hidden folder beside ``final`` to build it in (renamed into place by :func:`swap_into_place`).

    Named ``.<name>.partial-<pid>-...`` so no index lists it; partial folders left by killed runs (their
    owner process gone) are removed first. An unwritable location is a one-line :class:`RenderError`.
    """
    parent = final.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        for stale in parent.glob(f".{final.name}.partial-*"):
            if not owner_alive(stale):
                shutil.rmtree(stale, ignore_errors=True)  # left by a killed run; never looked complete
        return Path(tempfile.mkdtemp(prefix=f".{final.name}.partial-{os.getpid()}-", dir=parent))
    except OSError as exc:
        raise RenderError(f"cannot write reports under {parent}: {exc.strerror or exc}") from None


def _add_jobs(plan: PeriodPlan, pdf: bool) -> None:
    plan.staging = staging_folder(plan.final)
    common = {"framework": str(plan.framework_path), "data": str(plan.data), "period": plan.period,
              "as_at": plan.as_at, "rule": plan.rule}  # fmt: skip
    header = f"{plan.title}: {plan.period}"
    plan.jobs = [notebook_job("period_evaluation", plan.staging, "evaluation", common, header, pdf, plan.period)]
    for member in plan.members:
        plan.jobs.append(
            notebook_job(
                "member_scorecard",
                plan.staging,
                f"members/{member}",
                {**common, "member": member},
                f"{header}, member {member}",
                pdf,
                f"{plan.period} {member}",
            )
        )


def owner_alive(staging: Path) -> bool:
    """Whether the process that made a staging folder (its PID is in the name) is still running."""
    try:
        pid = int(staging.name.split(".partial-", 1)[1].split("-", 1)[0])
    except (IndexError, ValueError):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_WORKER: NotebookWorker | None = None


def _run_in_worker(job: NotebookJob) -> JobResult:
    global _WORKER
    if _WORKER is None:
        _WORKER = NotebookWorker()
        Finalize(_WORKER, _WORKER.close, exitpriority=10)  # shut the kernel down when the worker exits
    return _WORKER.run(job)


def render_periods(
    plans: list[PeriodPlan], workers: int = 1, pdf: bool = True, progress: bool = False, force: bool = False
) -> list[PeriodOutcome]:
    """Render every plan's notebooks with ``workers`` processes; swap complete folders into place.

    Papers whose digest is unchanged are not rendered again unless ``force`` (:mod:`.incremental`)."""
    started = time.perf_counter()
    for plan in plans:
        _add_jobs(plan, pdf)
        incremental.select_jobs(plan, plan.incremental, force)
    jobs = [job for plan in plans for job in plan.jobs]
    results: dict[str, JobResult] = {}
    bar = _progress(len(jobs), progress)
    try:
        if workers <= 1:
            worker = NotebookWorker()
            try:
                write_pages(plans)
                for job in jobs:
                    results[job.label] = worker.run(job)
                    bar(results[job.label])
            finally:
                worker.close()
        else:
            with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
                futures = {pool.submit(_run_in_worker, job): job for job in jobs}
                write_pages(plans)  # while the workers render the notebooks
                incremental.fill_pending(plans)  # scorecards judged by what they show, while the workers render
                for future in as_completed(futures):
                    result = future.result()
                    results[futures[future].label] = result
                    bar(result)
        outcomes = [_finish(plan, [results[j.label] for j in plan.jobs], pdf) for plan in plans]
        wall = time.perf_counter() - started
        return [
            replace(outcome, batch_seconds=wall, **incremental.counts(plan))
            for outcome, plan in zip(outcomes, plans, strict=True)
        ]
    except BaseException as exc:
        for plan in plans:
            if plan.staging is not None:
                shutil.rmtree(plan.staging, ignore_errors=True)
        if is_disk_full(exc):  # the staging folders are gone; the published ones were never touched
            message = f"no space left on the disk while rendering ({exc}); the published reports are unchanged"
            raise RenderError(message, code=ErrorCode.DISK_FULL) from None
        raise


def _progress(total: int, enabled: bool):
    done = [0]

    def tick(result: JobResult) -> None:
        done[0] += 1
        mark = "ok" if result.ok else "FAILED"
        level = logging.INFO if enabled else logging.DEBUG  # one notebook: a line only with --verbose
        log.log(level, "[%d/%d] %s: %s (%.1f s)", done[0], total, result.label, mark, result.seconds)

    return tick


def _finish(plan: PeriodPlan, results: list[JobResult], pdf: bool) -> PeriodOutcome:
    seconds = sum(r.seconds for r in results)  # this period's own notebooks (they may overlap with workers > 1)
    failures = tuple(r for r in results if not r.ok)
    if failures:
        failed_dir = plan.final.parent / "failed" / plan.period
        shutil.rmtree(failed_dir, ignore_errors=True)
        failed_dir.mkdir(parents=True)
        for failure in failures:
            if failure.failed_notebook and Path(failure.failed_notebook).exists():
                shutil.copy(failure.failed_notebook, failed_dir / Path(failure.failed_notebook).name)
        shutil.rmtree(plan.staging, ignore_errors=True)
        return PeriodOutcome(plan.period, False, None, failures, seconds)
    scorecard_members = [
        {"member_id": m, **plan.member_details.get(m, {"name": "", "sector": ""})} for m in plan.members
    ]
    scorecards = scorecard_entries(plan.members, scorecard_members, plan.evidence_date, pdf)
    kept = carry_scorecards(plan.final, plan.staging) if plan.keep_scorecards and not plan.members else None
    note = _scorecards_note(plan, kept)
    manifest = {
        "framework": plan.framework_id, "title": plan.title, "period": plan.period,
        "parameters": {"framework": str(plan.framework_path), "data": str(plan.data), "period": plan.period,
                       "as_at": plan.as_at, "rule": plan.rule},
        **(kept or scorecards),
        "status_counts": plan.status_counts, "pdf": pdf, "pages": plan.page_files,
        "evidence_as_at": plan.evidence_date, "store": plan.store,
        "synthetic": (plan.data / SYNTHETIC_MARKER_FILE).exists(),
        "input_sha256": _input_hashes(plan), **provenance(), **plan.audience,
        "digests": incremental.manifest_records(plan, kept),
        "timings": {r.label: round(r.seconds, 3) for r in results},
    }  # fmt: skip
    write_manifest(plan.staging, manifest)
    if manifest["scorecards"]:  # part of the folder, so it is complete or absent like the scorecards it lists
        (plan.staging / "members").mkdir(exist_ok=True)
        (plan.staging / "members" / "index.html").write_text(render_members_index(manifest), encoding="utf-8")
    swap_into_place(plan.staging, plan.final)
    return PeriodOutcome(plan.period, True, plan.final, (), seconds, note=note)


def _scorecards_note(plan: PeriodPlan, kept: dict | None) -> str:
    """One line on scorecards published before this render: kept (with their date) or dropped."""
    if kept is not None:
        n, date = len(kept["scorecards"]), kept["scorecards_evidence_as_at"] or "an unknown date"
        return (
            f"{plan.period}: kept the {n} member scorecards already published (evidence as at {date}); "
            "--scorecards renders them again, --drop-scorecards removes them"
        )
    if not plan.members and published_scorecard_count(plan.final):
        return f"{plan.period}: removed the member scorecards published before (--drop-scorecards)"
    return ""


def _input_hashes(plan: PeriodPlan) -> dict[str, str]:
    files = [p for p in sorted(plan.data.rglob("*")) if p.is_file() and p.suffix in (".csv", ".xlsx")]
    hashes = {str(p.relative_to(plan.data)): file_sha256(p) for p in files}
    hashes[plan.framework_path.name] = file_sha256(plan.framework_path)
    return hashes


def swap_into_place(work: Path, final: Path) -> None:
    """Rename a finished folder over the old one; the old one is removed only afterwards.

    The folder and everything in it first get the modes the process umask gives (the temporary
    folder it was built in is 0700), so a web server running as another user can serve it.
    """
    apply_umask_modes(work)
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.old-{os.getpid()}")
        os.replace(final, old)
    os.replace(work, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def render_reports(
    framework: str,
    data: str | Path,
    periods: list[str] | None,
    reports_dir: str | Path = "reports",
    frameworks_dir: str | Path | None = None,
    as_at: str | None = None,
    scorecards: bool = False,
    pdf: bool = True,
    workers: int = 1,
    progress: bool | None = False,
    drop_scorecards: bool = False,
    cadence: str | None = None,
    lock_wait: float = WAIT_SECONDS,
    rule: str | None = None,
    force: bool = False,
) -> list[PeriodOutcome]:
    """Check every period first, render them all, then rewrite the index, holding the reports folder's run lock.

    Papers whose digest is unchanged stay as published unless ``force`` (:mod:`~compact_analysis.publishing.incremental`).

    ``periods`` names periods, ``latest`` standing for the newest finished period of ``cadence`` (default:
    the framework's) with data; ``None`` means every finished period of ``cadence`` with data
    (:mod:`~compact_analysis.plan.finished`). A second run on the same reports folder waits ``lock_wait``
    seconds, then stops (:mod:`~compact_analysis.publishing.run_lock`). ``progress=None`` shows progress when there is more than one notebook. Rendering only
    reads the store: each paper's exceptions register is derived from the evidence as at its date, so
    a paper reads the same whatever was rendered before it. Without ``scorecards``, a period's
    published ``members/`` is kept (see :mod:`~compact_analysis.publishing.kept_scorecards`) unless
    ``drop_scorecards``. ``rule`` is the status rule for this run (``--rule``), over the plan's.
    """
    folder = DataFolder.open(data, framework, frameworks_dir)
    folder.framework  # noqa: B018 -- loaded first, so a bad framework is the error reported, as always
    folder.check_exists()  # "data folder X not found", not "no evidence store here" while finding 'latest'
    names = [folder.period(p).name for p in period_names(folder, periods, cadence)]  # checked before writing
    with run_lock(reports_dir, lock_wait):
        return _render_locked(
            folder, names, reports_dir, as_at, scorecards, pdf, workers, progress, drop_scorecards, rule, force
        )


def _render_locked(folder, names, reports_dir, as_at, scorecards, pdf, workers, progress, drop, rule, force):
    absolute = folder.resolved()  # the notebooks run in another working folder
    same = (
        {} if force else incremental.unchanged_periods(absolute, names, reports_dir, as_at, rule, scorecards, pdf, drop)
    )
    plans = [plan_folder_period(absolute, p, reports_dir, as_at, scorecards, rule) for p in names if p not in same]
    for plan in plans:
        plan.keep_scorecards = not drop
    if progress is None:
        progress = len(plans) > 1 or scorecards
    outcomes = render_periods(plans, workers=workers, pdf=pdf, progress=progress, force=force) if plans else []
    write_index(Path(reports_dir))
    write_bodies_index(Path(reports_dir))  # the papers by the body they go to (issue #26)
    done = {o.period: o for o in outcomes}  # a period none of whose papers changed is left as it was
    return [done.get(p) or PeriodOutcome(p, True, same[p][0], (), 0.0, unchanged=same[p][1]) for p in names]


def period_names(folder: DataFolder, periods: list[str] | None, cadence: str | None = None) -> list[str]:
    """The periods a batch renders: as named, ``latest`` as the newest finished period of ``cadence`` with data;
    ``None``: every finished period of ``cadence`` with data (the framework's default cadence if none)."""
    if periods is None:
        found = [p.name for p in folder.finished_periods(cadence)]
        return found or [folder.latest_period(cadence).name]  # none: the one-line error saying why
    return [folder.latest_period(cadence).name if p == "latest" else p for p in periods]
