"""A data folder as one object: its framework, member register and evidence store, loaded once.

A data folder holds ``members.csv`` (or ``.xlsx``), ``returns/``, the evidence store ``store.duckdb``,
the quarantine and optional analysts' ``overrides.csv``. :class:`DataFolder` is the one place that
finds and loads them, so the command line, the papers, the batch and the tests do not each re-load
the framework, the register and the store. It ties plan, evidence and evaluation together and
knows nothing about HTML or notebooks (those are the presentation and publishing stages, above it).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cached_property, partial
from pathlib import Path

import pandas as pd

from compact_analysis.errors import ErrorCode, ParameterError, StoreError
from compact_analysis.evaluation.derived_register import check_resolution, derive_register, raised_frame, with_recorded
from compact_analysis.evaluation.evaluate import Evaluation, default_as_at, evaluate_period
from compact_analysis.evaluation.exception_rules import TRAINING_KINDS, candidates_frame
from compact_analysis.evaluation.frames import indicator_history
from compact_analysis.evaluation.milestone_deliveries import delivery_resolutions, has_recurring
from compact_analysis.evaluation.register import reconcile, register_view, resolve_exception
from compact_analysis.evaluation.revisions import Revision, revisions
from compact_analysis.evaluation.targets import Override, load_overrides
from compact_analysis.evidence.action_store import ActionIngest, ingest_actions, progress_as_at
from compact_analysis.evidence.commentary import Comment, read_commentary
from compact_analysis.evidence.demo import SYNTHETIC_MARKER_FILE, DemoResult, generate_demo
from compact_analysis.evidence.ingest import Reconciliation, ingest_returns
from compact_analysis.evidence.progress import ingest_each
from compact_analysis.evidence.store import (
    append_exceptions,
    append_resolution,
    exception_events,
    exception_register,
    exception_resolutions,
    first_submissions,
    latest_period_with_data,
    observation_period_ends,
    observations_as_at,
    open_store,
    periods_with_data,
)
from compact_analysis.evidence.submissions import submissions_as_at
from compact_analysis.evidence.submitted_by import files_as_at, quarantine_as_at
from compact_analysis.plan.finished import finished_periods
from compact_analysis.plan.framework import Framework, load_framework
from compact_analysis.plan.locate import DEFAULT_FRAMEWORK, framework_file
from compact_analysis.plan.members import find_register, load_register
from compact_analysis.plan.periods import Period

#: The evidence store's file name inside a data folder.
STORE_FILE = "store.duckdb"
#: Analysts' status overrides with their reasons (indicator_id,period,status,label,reason,by,date), optional.
OVERRIDES_FILE = "overrides.csv"
#: Return files ``ingest`` picks up from ``returns/`` when it is given none.
RETURN_SUFFIXES = (".csv", ".xlsx")
#: How long recording waits for another process (a report reading the store) to let go of it.
STORE_WAIT_SECONDS = 120


@dataclass(frozen=True)
class Evidence:
    """What the evidence store held on an evidence date, read in one connection.

    ``first_submissions`` (each member's first return for a period) is read only when a period is given.
    """

    as_at: date
    observations: pd.DataFrame
    files: pd.DataFrame
    quarantined: pd.DataFrame
    first_submissions: pd.DataFrame | None = None
    actions: pd.DataFrame | None = None  # action-progress returns reported by as_at (evidence/action_store.py)


class DataFolder:
    """One data folder and the framework it is evaluated against; each input is loaded on first use.

    Loading lazily keeps each command's errors in the order they always came: a command that never
    needs the register (``init-demo``) does not fail for want of one.
    """

    def __init__(self, path: str | Path, framework_path: str | Path, store_path: str | Path | None = None):
        self.path = Path(path)
        self.framework_path = Path(framework_path)
        self.store_path = Path(store_path) if store_path else self.path / STORE_FILE

    @classmethod
    def open(
        cls,
        data: str | Path,
        framework: str | Path = DEFAULT_FRAMEWORK,
        frameworks_dir: str | Path | None = None,
        store: str | Path | None = None,
    ) -> DataFolder:
        """A data folder with its framework: an id (a file under ``frameworks_dir``) or a path to a YAML file."""
        return cls(data, framework_file(framework, frameworks_dir, data), store)

    def resolved(self) -> DataFolder:
        """The same folder by absolute paths (for notebooks run elsewhere), keeping what is already loaded."""
        other = DataFolder(self.path.resolve(), self.framework_path, self.store_path.resolve())
        other.__dict__.update({k: v for k, v in vars(self).items() if k in ("framework", "register", "overrides")})
        return other

    def __repr__(self) -> str:
        return f"DataFolder({str(self.path)!r}, framework={self.framework_path.stem!r})"

    def _repr_html_(self) -> str:
        held = ", ".join(f"{k}: {v}" for k, v in self.store_summary().items()) or "no evidence store yet"
        return f"<p><code>{html.escape(repr(self))}</code><br>{html.escape(held)}</p>"

    # -- inputs, each loaded once -----------------------------------------------------
    @cached_property
    def framework(self) -> Framework:
        return load_framework(self.framework_path)

    @cached_property
    def register_path(self) -> Path:
        return find_register(self.path)

    @cached_property
    def register(self) -> pd.DataFrame:
        return load_register(self.register_path)

    @property
    def overrides_path(self) -> Path:
        return self.path / OVERRIDES_FILE

    @cached_property
    def overrides(self) -> tuple[Override, ...]:
        return load_overrides(self.overrides_path)

    @property
    def is_synthetic(self) -> bool:
        """Whether ``init-demo`` wrote this folder (its marker file is there): papers then say so."""
        return (self.path / SYNTHETIC_MARKER_FILE).exists()

    def check_exists(self) -> None:
        """Refuse a data folder that is not there, with the one-line message reports give."""
        if not self.path.is_dir():
            raise ParameterError(f"data folder {self.path} not found")

    def period(self, period: str | Period) -> Period:
        """A period of the framework by name (a :class:`ParameterError`-style one-line error if unknown)."""
        return period if isinstance(period, Period) else self.framework.check_period(period)

    # -- the evidence store -----------------------------------------------------------
    def connect(self, read_only: bool = False, wait_seconds: float | None = None):
        """The evidence store as a context manager (see :func:`compact_analysis.evidence.store.open_store`)."""
        return open_store(self.store_path, read_only=read_only, wait_seconds=wait_seconds)

    def read_evidence(self, as_at: date, period: Period | None = None) -> Evidence:
        """What the store knew on ``as_at``; with ``period``, also each member's first return for it."""
        with self.connect(read_only=True) as con:
            return _read_evidence(con, as_at, period, self.framework)

    def periods_with_data(self) -> list[Period]:
        """Every period of the framework's default cadence that holds at least one observation."""
        with self.connect(read_only=True) as con:
            return periods_with_data(con, self.framework)

    def finished_periods(self, cadence: str | None = None) -> list[Period]:
        """The periods of ``cadence`` (default: the framework's) with data that are finished: ending on or before
        the newest observation's period end (:mod:`~compact_analysis.plan.finished`)."""
        with self.connect(read_only=True) as con:
            ends = observation_period_ends(con)
            if not ends:
                latest_period_with_data(con, self.framework)  # the empty store's one-line error
        fw = self.framework
        return finished_periods(ends, fw.years, cadence or fw.default_cadence, fw.terms)

    def latest_period(self, cadence: str | None = None) -> Period:
        """The newest finished period with data (``report --period latest``); a one-line error if there is none."""
        found = self.finished_periods(cadence)
        if not found:
            none = f"no {cadence or self.framework.default_cadence} period of {self.framework.id} is finished yet"
            why = "(none ends on or before the newest return's period end)"
            raise StoreError(f"{none} {why}", code=ErrorCode.NO_FINISHED_PERIOD)
        return found[-1]

    def store_summary(self) -> dict:
        """What the store holds, for a report's manifest: observations, files and the latest ingest ({} if none)."""
        if not self.store_path.exists():
            return {}
        with self.connect(read_only=True) as con:
            observations = con.execute("SELECT count(*) FROM observations").fetchone()[0]
            files, latest = con.execute("SELECT count(*), max(ingested_at) FROM files").fetchone()
        latest = str(latest) if latest else None
        return {"observations": int(observations), "files": int(files), "latest_ingest": latest}

    def return_files(self) -> list[Path]:
        """The CSV and XLSX return files under ``returns/``, in name order."""
        return sorted(p for p in (self.path / "returns").iterdir() if p.suffix.lower() in RETURN_SUFFIXES)

    def ingest(
        self, files: Iterable[str | Path] | None = None, ingested_at: datetime | None = None
    ) -> list[Reconciliation]:
        """Check return files into the store, one transaction each; every file under ``returns/`` if none given."""
        paths = [Path(f) for f in files or ()] or self.return_files()
        when = ingested_at or datetime.now()
        self.__dict__.pop("_raised_cache", None)  # what the rules raise may change with the new evidence
        with self.connect() as con:
            return ingest_each(paths, lambda path: ingest_returns(con, path, self.framework, self.register, when))

    def ingest_actions(self, ingested_at: datetime | None = None) -> list[ActionIngest]:
        """Check the folder's ``actions/*.csv`` progress returns into the store (evidence/action_store.py)."""
        self.__dict__.pop("_raised_cache", None)  # slippage may change with the new progress
        with self.connect() as con:
            return ingest_actions(con, self.path, self.framework, ingested_at or datetime.now())

    # -- evaluation -------------------------------------------------------------------
    def evaluate(self, period: str | Period, as_at: date | None = None, *, overrides: bool = False) -> Evaluation:
        """Evaluate a period from the store as known on ``as_at`` (default: the period end plus the lag).

        The evaluation carries the quarantine's and the register's exceptions; ``overrides`` also applies
        the folder's analysts' overrides, as the paper does (recording exceptions does not).
        """
        chosen = self.period(period)
        evidence_date = as_at or default_as_at(self.framework, chosen)
        self.register  # noqa: B018 -- loaded (and a missing register reported) before the store is opened
        evaluated = self._evaluate(self.read_evidence(evidence_date), chosen, self.overrides if overrides else ())
        return self._with_register(evaluated)

    def year_to_date(
        self, period: str | Period, as_at: date | None = None, rule: str | None = None
    ) -> tuple[tuple[Evaluation, ...], Evidence]:
        """This year's periods up to and including ``period``, evaluated with overrides, and the evidence read.

        Only the last carries exceptions: the earlier ones give the paper its trajectory and what changed.
        ``rule`` is the run's status rule (None: each indicator's, else the framework's); the exceptions
        register is derived by the plan's rules whatever the run's.
        """
        chosen = self.period(period)
        evidence_date = as_at or default_as_at(self.framework, chosen)
        fw, register, overrides = self.framework, self.register, self.overrides  # loaded before the store opens
        evidence = self.read_evidence(evidence_date, chosen)
        earlier = [p for p in fw.periods(chosen.cadence) if p < chosen and p.year == chosen.year]
        history = tuple(
            evaluate_period(fw, evidence.observations, register, p, evidence_date, overrides, rule) for p in earlier
        )
        return (*history, self._with_register(self._evaluate(evidence, chosen, overrides, rule))), evidence

    def history(self, indicator_id: str, cadence: str | None = None) -> pd.DataFrame:
        """One indicator over every period of ``cadence`` (default: the framework's), a row a period as that
        period's paper showed it (evidence as at its end plus the lag; overrides applied), typed as
        :meth:`Evaluation.to_frame`. A :class:`KeyError` naming the known ids for an unknown indicator."""
        fw, register, overrides = self.framework, self.register, self.overrides
        fw.indicator(indicator_id)  # an unknown id is refused before any period is evaluated
        periods = fw.periods(cadence)
        with self.connect(read_only=True) as con:
            read = [(p, _read_evidence(con, default_as_at(fw, p))) for p in periods]
        frames = [evaluate_period(fw, e.observations, register, p, e.as_at, overrides).to_frame() for p, e in read]
        return indicator_history(frames, indicator_id)

    def _with_register(self, evaluation: Evaluation) -> Evaluation:
        """The evaluation with the exceptions register as at its date (its own candidates reused)."""
        period, on = evaluation.period, evaluation.as_at
        if all(r.override is None for r in evaluation.results):  # an override's reason would change a detail
            cache = self.__dict__.setdefault("_raised_cache", {})
            cache.setdefault((period, on), raised_frame(period.name, evaluation.period_end, on, evaluation.candidates))
        return replace(evaluation, exceptions=self.exceptions_as_at(on, period))

    def revisions(
        self, period: str | Period, as_at: date | None = None, *, evaluation: Evaluation | None = None
    ) -> tuple[Revision, ...]:
        """Figures of earlier periods cited by ``period``'s paper that changed since their own evidence date
        (:mod:`~compact_analysis.evaluation.revisions`); ``evaluation`` is that paper's, if already made."""
        chosen = self.period(period)
        evaluation = evaluation or self.evaluate(chosen, as_at, overrides=True)
        with self.connect(read_only=True) as con:
            return revisions(evaluation, submissions_as_at(con, evaluation.as_at), self.register)

    def _evaluate(
        self, evidence: Evidence, period: Period, overrides: tuple[Override, ...] = (), rule: str | None = None
    ) -> Evaluation:
        return evaluate_period(
            self.framework,
            evidence.observations,
            self.register,
            period,
            evidence.as_at,
            overrides,
            rule,
            quarantined=evidence.quarantined,
            actions=evidence.actions,
        )

    # -- the exceptions register, derived from the evidence ----------------------------
    def exceptions_as_at(self, as_at: date | None = None, period: str | Period | None = None) -> pd.DataFrame:
        """The exceptions register a paper with evidence date ``as_at`` shows (for ``period``, if named).

        Every period of the paper's cadence (the default cadence with no period) whose own evidence date
        is on or before ``as_at`` is evaluated as at that date, and ``period`` itself as at ``as_at``; the
        register follows from what their rules raised and from the resolutions made by ``as_at``
        (:func:`~compact_analysis.evaluation.derived_register.derive_register`), with the training
        monitor's recorded exceptions after it. With neither date nor period: the latest period with data.
        """
        chosen = self.period(period) if period is not None else (None if as_at else self.latest_period())
        as_at = as_at or default_as_at(self.framework, chosen)
        cadence = chosen.cadence if chosen is not None else self.framework.default_cadence
        due = [(p, default_as_at(self.framework, p)) for p in self.framework.periods(cadence)]
        wanted = [(p, d) for p, d in due if d <= as_at] + ([(chosen, as_at)] if chosen is not None else [])
        raised = self._raised(dict.fromkeys(wanted))
        with self.connect(read_only=True) as con:
            resolutions = exception_resolutions(con)
            recorded = register_view(exception_register(con), exception_events(con), as_at)
            if has_recurring(self.framework):  # a late delivery resolves its cycle's overdue exception
                delivered = delivery_resolutions(
                    self.framework, _read_evidence(con, as_at).observations, self.register, as_at
                )
                resolutions = pd.concat([resolutions, delivered], ignore_index=True)
        derived = derive_register(raised, resolutions, as_at, chosen.name if chosen is not None else None)
        return with_recorded(derived, recorded)

    def _raised(self, wanted: Iterable[tuple[Period, date]]) -> pd.DataFrame:
        """What the rules raise for each (period, evidence date), evaluated once per folder and kept."""
        cache = self.__dict__.setdefault("_raised_cache", {})
        missing = [key for key in wanted if key not in cache]
        if missing:
            self.register  # noqa: B018 -- loaded (and a missing register reported) before the store is opened
            with self.connect(read_only=True) as con:
                for period, on in missing:
                    evidence = _read_evidence(con, on)
                    candidates = self._evaluate(evidence, period).candidates
                    cache[(period, on)] = raised_frame(period.name, period.end(self.framework.terms), on, candidates)
        frames = [cache[key] for key in wanted]
        empty = raised_frame("", date.min, date.min, candidates_frame([]))
        return pd.concat(frames, ignore_index=True) if frames else empty

    def commentary(self, period: str | Period, as_at: date | None = None) -> dict[str, Comment]:
        """Owners' commentary by indicator or exception id ({} if none): :mod:`.evidence.commentary`."""
        chosen = self.period(period)
        register = partial(self.exceptions_as_at, as_at, chosen)
        return read_commentary(self.path, chosen.name, [i.id for i in self.framework.indicators], register)

    def list_register(
        self, status: str = "open", as_at: date | None = None, period: str | Period | None = None
    ) -> pd.DataFrame:
        """The register as a paper with that evidence date shows it: ``open``, ``resolved`` or ``all`` exceptions."""
        view = self.exceptions_as_at(as_at, period)
        return view if status == "all" else view[view["status"] == status].reset_index(drop=True)

    def resolve(self, exception_id: str, note: str, on: date) -> None:
        """Resolve an exception with a note and a date (the CLI's ``exceptions resolve``).

        The id and the date are checked against the register as at that date; a training exception
        (``TR-``) or one added by hand (``MX-``), still recorded, is resolved in the recorded log.
        """
        view = self.exceptions_as_at(on)
        if exception_id.startswith(("TR-", "MX-")) or exception_id in set(
            view.loc[view["kind"].isin(TRAINING_KINDS), "exception_id"]
        ):
            with self.connect(wait_seconds=STORE_WAIT_SECONDS) as con:
                resolve_exception(con, exception_id, note, on)
            return
        row = check_resolution(view, exception_id, note, on)
        with self.connect(wait_seconds=STORE_WAIT_SECONDS) as con:
            append_resolution(con, row["rule_key"], exception_id, on, note.strip())

    def record_training_exceptions(self, period: str, candidates: pd.DataFrame, on: date) -> pd.DataFrame:
        """Record a training period's exceptions in the store's register, beside the evaluation's."""
        with self.connect(wait_seconds=STORE_WAIT_SECONDS) as con:
            register, events = exception_register(con), exception_events(con)
            opened, new_events = reconcile(register, events, candidates, period, on)
            append_exceptions(con, opened, new_events)
            return register_view(exception_register(con), exception_events(con), on, candidates)

    # -- the demo ---------------------------------------------------------------------
    def init_demo(self, seed: int = 2009, members: int = 50, force: bool = False) -> DemoResult:
        """Write a synthetic data set (fictional members and returns) here; an existing evidence store is
        replaced only with ``force`` (otherwise a ``store-exists`` :class:`StoreError`, exit 2)."""
        if self.store_path.exists():
            if not force:
                held = f"{self.path} already holds an evidence store (with its exceptions resolutions)"
                raise StoreError(f"{held}; use --force to replace it", code=ErrorCode.STORE_EXISTS)
            self.store_path.unlink()
        result = generate_demo(self.path, self.framework, seed=seed, members=members)
        made = f"Synthetic data generated by compact-analysis init-demo with seed {seed}."
        (self.path / SYNTHETIC_MARKER_FILE).write_text(f"{made} Fictional organisations only.\n", encoding="utf-8")
        return result


def _read_evidence(con, as_at: date, period: Period | None = None, framework: Framework | None = None) -> Evidence:
    """Read :class:`Evidence` through an open store connection: files and quarantine as submitted by ``as_at``."""
    first = None
    if period is not None and framework is not None:
        first = first_submissions(con, *period.bounds(framework.terms))
    return Evidence(
        as_at,
        observations_as_at(con, as_at),
        files_as_at(con, as_at),
        quarantine_as_at(con, as_at),
        first,
        progress_as_at(con, as_at),
    )
