"""Plans and their action plans, as the framework's ``plans:`` states them (seed 002).

Seed 002 keeps a register of plans ("3 key delivery plans", "7 Specific/Statutory LEA plans", "5 PCC
Reviews" with action plans, "2 Financial Monitoring reports", "4 External Assessments", "7 Other
Monitoring Measures") and focuses on "delivery of key priorities, monitoring implementation of action
plans, monitoring impact of action plans". Each plan has a kind, an owner, a cadence and the bodies it
goes to (``audience``); each action an owner, a start and a due date, and the indicator whose figure
should show its impact. Cross-field checks (unique ids, known indicators and bodies) are in
:mod:`compact_analysis.plan.plan_checks`; action tracking in :mod:`compact_analysis.evaluation.actions`.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from compact_analysis.plan.yaml_values import as_date

#: Seed 002's kinds of plan, in its order.
PlanKind = Literal[
    "key-delivery-plan",
    "specific-plan",
    "review-action-plan",
    "financial-monitoring",
    "external-assessment",
    "monitoring-measure",
]
PlanCadence = Literal["annual", "quarterly", "termly", "half-termly", "monthly"]
#: The columns of action-progress rows as the store gives them (evidence/action_store.py).
PROGRESS_COLUMNS = ["action_id", "reported_on", "status", "done_on", "note", "reported_by"]


class ProgressStatus(StrEnum):
    """What an action-progress return (``actions/*.csv``) may say of an action."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"


def _iso(value: object) -> object:
    """A date written YYYY-MM-DD (a YAML date too); anything else is refused, never guessed."""
    found = as_date(value)
    if found is None:
        raise ValueError(f"expected a date (YYYY-MM-DD), got {value!r}")
    return found


ActionDate = Annotated[date, BeforeValidator(_iso)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Action(_Model):
    """One action of a plan: who does what by when, and which indicator should show that it worked."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
    description: str = Field(min_length=1)
    owner: str = Field(min_length=1)
    start: ActionDate
    due: ActionDate
    #: The indicator whose figure should move the right way over the action's life (None: no measure of impact).
    impact: str | None = None

    @model_validator(mode="after")
    def _due_after_start(self) -> Action:
        if self.due < self.start:
            raise ValueError(f"due {self.due} is before start {self.start}")
        return self


class Plan(_Model):
    """A plan, review, monitoring report or assessment of the register, with its actions."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,63}$")
    name: str = Field(min_length=1)
    kind: PlanKind
    owner: str = Field(min_length=1)
    cadence: PlanCadence
    #: The bodies (the framework's ``bodies`` ids) the plan's monitoring goes to.
    audience: list[str] = Field(default_factory=list)
    source: str | None = None
    actions: list[Action] = Field(default_factory=list)
    #: A financial-monitoring plan's annual budget in whole pounds, and the partnership measure of its spend in
    #: each period of its cadence (seed 002: "Capital - quarterly", "Revenue - monthly"; evaluation/finance.py).
    budget: int | None = Field(None, ge=0)
    spend: str | None = None

    @model_validator(mode="after")
    def _budget_with_spend(self) -> Plan:
        if (self.budget is None) != (self.spend is None):
            raise ValueError("budget and spend go together: the annual budget and the measure of spend against it")
        return self
