"""The framework's ``futures:`` block: the plan's participation indicators and the futures scenario it chose.

Issue #25, item 5 (seed 003, slide 4: "Modelling of future requirements towards provision of entitlement
across all learning routes and 100% participation"): where a plan measures participation, the futures paper
sets the plan's own trajectory beside each scenario's required path, and the period paper cites the scenario
the partnership chose. The block is optional; checks across fields are in
:mod:`compact_analysis.plan.futures_link_checks`; docs/frameworks.md and docs/futures.md describe it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class LinkedIndicator(_Model):
    """A participation indicator: its value and target are ``per`` young people (100: a percentage; 1: a share)."""

    indicator: str
    per: float = Field(100, gt=0)


class FuturesLink(_Model):
    """The plan's participation indicators and, optionally, the id of the scenario it adopts
    (in the data folder's ``futures/scenarios.yaml``)."""

    indicators: list[LinkedIndicator] = Field(default_factory=list)
    scenario: str | None = Field(None, pattern=r"^[A-Za-z0-9._-]{1,64}$")
    source: str | None = None
