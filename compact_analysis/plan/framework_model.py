"""The framework as typed objects: the plan a partnership is measured against.

A framework (``data/frameworks/*.yaml``) names the partnership, its years and
cadences, the ordered scales members report on (the Skills Pledge stages), the
measures members return, and priorities with indicators and targets. It is
data: another partnership's plan runs without code changes. Loading a file and
reporting its problems is :mod:`compact_analysis.plan.framework`'s job.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PositiveFloat,
    ValidationInfo,
    model_validator,
)

from compact_analysis.errors import PeriodError
from compact_analysis.plan.audience_model import Body, Paper
from compact_analysis.plan.checks import cross_failures
from compact_analysis.plan.codes import PeriodCode
from compact_analysis.plan.futures_link_model import FuturesLink
from compact_analysis.plan.periods import Period, parse_period, periods_of_year
from compact_analysis.plan.plans_model import Plan
from compact_analysis.plan.trajectory import profile_value

Cadence = Literal["annual", "quarterly", "termly", "monthly", "half-termly"]
TargetKind = Literal[
    "count",
    "count-at-level",
    "level-by-date",
    "floor",
    "ceiling",
    "share-of-baseline-gap",
    "share-of-members",
    "pending",
    "milestone",
    "recurring-milestone",
]
Cycle = Literal["annual", "quarterly", "monthly", "termly"]  # a recurring milestone's cycle (plan/cycles.py)
#: How a trajectory runs from the baseline to the target (plan/trajectory.py).
TrajectoryMethod = Literal["linear", "steps", "compound"]
Polarity = Literal["higher", "lower", "none"]
RuleName = Literal["trajectory", "uk-council", "open-sdg"]
Aggregate = Literal[
    "count-at-level", "count-yes", "sum", "gap-closed", "milestone", "none", "mean", "value", "rate", "cumulative-sum"
]


class WrongType(ValueError):
    """A value of the wrong kind (text where a date belongs): a type-error, not a broken rule."""


def _fraction(value: object) -> Fraction | None:
    """Shares are exact: ``"1/2"``, ``0.5`` or ``"50%"`` all give Fraction(1, 2)."""
    if value is None or isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        raise WrongType("expected a share such as 1/2, 0.5 or 50%")
    text = str(value).strip()
    try:
        return Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise WrongType(f"expected a share such as 1/2, 0.5 or 50%, got {value!r}") from None


Share = Annotated[Fraction | None, BeforeValidator(_fraction)]


def _iso_date(value: object) -> object:
    """Dates are written YYYY-MM-DD; numbers are refused (pydantic would read 2010 as a timestamp)."""
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise WrongType(f"expected a date (YYYY-MM-DD), got {value!r}")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True, populate_by_name=True)


class Scale(_Model):
    """An ordered scale; reaching a level implies every level below it."""

    id: str
    name: str
    levels: list[str] = Field(min_length=1)

    def rank(self, level: str) -> int:
        """Position of a level, 1 for the lowest."""
        return self.levels.index(level) + 1


class Measure(_Model):
    """Something members return each period (a number, a yes/no, or a level of a scale)."""

    id: str
    name: str
    type: Literal["number", "yes-no", "level"]
    scale: str | None = None
    unit: str | None = None
    minimum: float | None = 0
    maximum: float | None = None
    reported_by: Literal["members", "partnership"] = "members"
    #: How many decimal places a return may give (a number measure); more is quarantined, never rounded.
    decimals: int | None = Field(None, ge=0, le=6)


class ProfilePoint(_Model):
    """A point of a target's profile: how far from the baseline to the target it should be by a date."""

    date: IsoDate
    share: Share  # of the way from the baseline value to the target, 0 to 1


class Step(_Model):
    """An interim value the plan sets for a date (a staircase trajectory, or an interim floor)."""

    date: IsoDate
    value: float


class Target(_Model):
    """One target, as agreed on a date; a later revision of the same indicator supersedes it."""

    kind: TargetKind
    value: int | float | None = None  # negatives only where the measure allows them (target_checks.py)
    level: str | None = None
    share: Share = None
    due: IsoDate | None = None
    baseline_date: IsoDate | None = None
    agreed: IsoDate
    set_by: str | None = None
    set_by_date: IsoDate | None = None
    note: str | None = None
    profile: list[ProfilePoint] | None = None
    # Target shapes (docs/frameworks.md, "Targets"); their checks across fields are in plan/target_checks.py.
    applies_from: IsoDate | None = Field(None, alias="from")
    until: IsoDate | None = None  # a floor's last day in force; a recurring milestone's last due date
    baseline_value: float | None = None
    baseline_period: str | None = None
    baseline: Literal["none"] | None = None
    steps: list[Step] | None = None
    trajectory: TrajectoryMethod | None = None
    #: A floor's or ceiling's amber band: a share ("10%") by which a figure may miss it and be nearly met.
    tolerance: Share = None

    @property
    def has_baseline(self) -> bool:
        """False for a target the plan declares has no baseline (``baseline: none``)."""
        return self.baseline != "none"

    every: Cycle | None = None  # recurring-milestone: the cycle

    @model_validator(mode="after")
    def _fields_for_kind(self) -> Target:
        needs = {
            "count": ("value", "due"),
            "count-at-level": ("value", "level", "due"),
            "level-by-date": ("value", "due"),
            "floor": ("value",),
            "ceiling": ("value",),
            "share-of-baseline-gap": ("share", "baseline_date", "due"),
            "share-of-members": ("due",),
            "pending": ("set_by", "set_by_date"),
            "milestone": ("due",),
            "recurring-milestone": ("due", "every"),
        }[self.kind]
        missing = [name for name in needs if getattr(self, name) is None]
        if missing:
            raise ValueError(f"a {self.kind} target needs {', '.join(missing)}")
        if self.share is not None and not 0 < self.share <= 1:
            raise ValueError(f"share must be more than 0 and at most 1 (100%), got {self.share}")
        if self.due and self.baseline_date and self.due <= self.baseline_date:
            raise ValueError(f"due {self.due} must be after the baseline date {self.baseline_date}")
        if self.profile:
            self._check_profile()
        self._check_recurring()
        return self

    def _check_recurring(self) -> None:
        """``every`` belongs to a recurring milestone, ``until`` to one or to a floor or ceiling; a recurring
        milestone's last due date is not before its first."""
        if self.kind != "recurring-milestone" and self.every:
            raise ValueError(f"every is for a recurring-milestone target, not a {self.kind} target")
        if self.until and self.kind not in ("recurring-milestone", "floor", "ceiling"):
            raise ValueError(f"until is for a recurring-milestone, floor or ceiling target, not a {self.kind} target")
        if self.kind == "recurring-milestone" and self.until and self.due and self.until < self.due:
            raise ValueError(f"until {self.until} is before the first due date {self.due}")

    def _check_profile(self) -> None:
        """A profile runs between the baseline and due dates, in date order, never going back."""
        if self.baseline_date is None or self.due is None:
            raise ValueError("a profile needs the target's baseline_date and due")
        dates = [p.date for p in self.profile]
        shares = [p.share for p in self.profile]
        if any(s is None or not 0 <= s <= 1 for s in shares):
            raise ValueError("each profile share must be from 0 to 1 (100%) of the way to the target")
        if any(not self.baseline_date < d < self.due for d in dates):
            raise ValueError(f"profile dates must lie between {self.baseline_date} and {self.due}")
        if dates != sorted(set(dates)) or shares != sorted(shares):
            raise ValueError("profile points must be in date order with shares that never go down")

    def expected_share(self, at: date) -> Fraction:
        """How far from the baseline to the target the value should be on ``at``: the profile, else a straight line."""

        points = [(self.baseline_date, Fraction(0))]
        points += [(p.date, Fraction(p.share)) for p in self.profile or ()]
        points.append((self.due, Fraction(1)))
        return profile_value(points, at)


class Indicator(_Model):
    """What the partnership evaluates, computed from one measure by an aggregate."""

    id: str
    name: str
    measure: str | None
    aggregate: Aggregate
    level: str | None = None
    polarity: Polarity = "higher"  # none: information only, no status rule ("Monitored")
    unit: str = "members"
    cadence: Cadence = "quarterly"
    owner: str
    source: str
    perspective: str | None = None
    targets: list[Target] = Field(default_factory=list)
    rule: RuleName | None = None  # overrides the framework's rag.rule for this indicator
    trajectory: TrajectoryMethod | None = None  # the default method of its targets' trajectories
    #: A rate's denominator measure, its multiplier (100: a percentage) and a running total's first day.
    denominator: str | None = None
    per: float | None = Field(None, gt=0)
    since: IsoDate | None = None

    @property
    def multiplier(self) -> float:
        """A rate's ``per``: 100 (a percentage) unless the framework says otherwise (1000: per 1,000)."""
        return self.per if self.per is not None else 100.0

    def target_in_force(self, as_at: date) -> Target | None:
        """The latest target agreed on or before ``as_at`` (None before any was agreed)."""
        agreed = [t for t in self.targets if t.agreed <= as_at]
        return max(agreed, key=lambda t: t.agreed) if agreed else None


class Priority(_Model):
    """A numbered priority of the plan with its outcome and indicators."""

    id: str
    number: int
    title: str
    outcome: str
    indicators: list[Indicator]


class Theme(_Model):
    """Priorities grouped under a cross-cutting theme (seed 004: "five key routes for delivery")."""

    id: str
    name: str
    priorities: list[str]
    source: str | None = None


class Perspective(_Model):
    """A balanced-scorecard perspective indicators may be mapped to (seed 002: "LEA Balanced Scorecard")."""

    id: str
    name: str


class Conversion(_Model):
    """A funnel step the plan names: one figure over another (issue 21: nothing else is paired)."""

    id: str
    name: str
    numerator: str  # an indicator id
    denominator: str  # an indicator id
    source: str


class Contact(_Model):
    """A named contact for the plan's papers (issue #24 item 8; Code of Practice for Statistics T3, V3)."""

    name: str
    role: str | None = None
    email: str | None = None
    phone: str | None = None


class RagRule(_Model):
    rule: RuleName = "trajectory"
    amber_tolerance: float = Field(0.10, ge=0, le=1)


class Framework(_Model):
    """A whole framework file, checked."""

    schema_version: Literal[1]
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,63}$")
    title: str
    organisation: str
    years: list[str] = Field(min_length=1)
    default_cadence: Cadence = "quarterly"
    cadences: list[Cadence] = Field(min_length=1)
    deemed_members: int | None = Field(None, ge=1)
    report_after_days: int = Field(45, ge=0, le=366)
    deemed_members_source: str | None = None
    note: str | None = None
    contact: Contact | None = None  # named on every paper and indicator page
    terms: dict[str, dict[int, tuple[IsoDate, IsoDate]]] = Field(default_factory=dict)
    rag: RagRule = RagRule()
    #: Beta(a, b) prior for the monthly chance that a member not yet counted becomes counted (forecast.py).
    forecast_prior: tuple[PositiveFloat, PositiveFloat] = (2.0, 30.0)
    scales: list[Scale] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    perspectives: list[Perspective] = Field(default_factory=list)
    priorities: list[Priority] = Field(min_length=1)
    conversions: list[Conversion] = Field(default_factory=list)
    plans: list[Plan] = Field(default_factory=list)  # seed 002's plan register (plan/plans_model.py)
    bodies: list[Body] = Field(default_factory=list)  # who papers go to (plan/audience_model.py)
    papers: list[Paper] = Field(default_factory=list)  # the timetable: which paper goes to which body how often
    futures: FuturesLink | None = None  # participation indicators and the chosen scenario (plan/futures_link_model.py)

    @model_validator(mode="after")
    def _references(self, info: ValidationInfo) -> Framework:
        """Cross-field checks; :func:`framework_problems` runs them itself on the raw data, with locations."""
        if info.context and info.context.get("cross_checked"):
            return self
        problems = cross_failures(self.model_dump(by_alias=True))
        if problems:
            raise ValueError("; ".join(f"{f.column}: {f.message}" for f in problems))
        return self

    @property
    def indicators(self) -> list[Indicator]:
        return [ind for p in self.priorities for ind in p.indicators]

    def indicator(self, indicator_id: str) -> Indicator:
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        known = ", ".join(ind.id for ind in self.indicators)
        raise KeyError(f"no indicator {indicator_id!r} in framework {self.id}; known: {known}")

    def measure(self, measure_id: str) -> Measure:
        for m in self.measures:
            if m.id == measure_id:
                return m
        raise KeyError(measure_id)

    def scale(self, scale_id: str) -> Scale:
        for s in self.scales:
            if s.id == scale_id:
                return s
        raise KeyError(scale_id)

    def priorities_by_theme(self) -> list[tuple[Theme | None, list[Priority]]]:
        """Priorities grouped under their themes in the file's order; those in no theme last, under None."""
        by_id = {p.id: p for p in self.priorities}
        groups: list[tuple[Theme | None, list[Priority]]] = [
            (theme, [by_id[pid] for pid in theme.priorities]) for theme in self.themes
        ]
        grouped = {pid for theme in self.themes for pid in theme.priorities}
        rest = [p for p in self.priorities if p.id not in grouped]
        return [*groups, (None, rest)] if rest else groups

    def periods(self, cadence: str | None = None) -> list[Period]:
        """Every period of the framework's years in a cadence (the default cadence if none)."""
        cadence = cadence or self.default_cadence
        return [p for year in self.years for p in periods_of_year(year, cadence, self.terms)]

    def check_period(self, period: str | Period) -> Period:
        """Parse a period and check it falls in the framework's years."""
        found = period if isinstance(period, Period) else parse_period(period)
        if found.year_name not in self.years:
            message = f"{found.name} is outside the framework {self.id} (years: {', '.join(self.years)})"
            raise PeriodError(message, code=PeriodCode.OUTSIDE_FRAMEWORK)
        if found.cadence in ("T", "H"):
            found.bounds(self.terms)
        return found
