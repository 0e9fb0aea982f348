"""Who the papers go to: the framework's ``bodies`` (seed 002's EMT, DMG, SSIG, Joint Executive, ...).

Seed 002's timetable names the bodies a paper goes to: "Major LEA plans - half term by exception / termly -
EMT (Education Management Team incl. Heads)"; "Capital - quarterly - EMT/DMG"; "Other consulted - SSIG,
Joint Executive, Executive Member, Working Parties". A body is data, so another partnership names its own.
Checks across fields (unique ids) are in :mod:`compact_analysis.plan.checks`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Body(_Model):
    """A body papers go to (a board, a management team, a member of the executive, a working party)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,63}$")
    name: str
    description: str | None = None


class Paper(_Model):
    """A line of the timetable: a paper that goes to some bodies at a cadence (seed 002, "timetable").

    Its date for a period is the period's last day plus ``days_after`` (the framework's
    ``report_after_days`` when not given); ``by_exception`` marks a paper listing only what needs the
    bodies' attention (seed 002: "half term by exception"). ``consulted`` names bodies consulted on it.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,63}$")
    name: str
    audience: list[str] = Field(min_length=1)
    cadence: str
    by_exception: bool = False
    days_after: int | None = Field(None, ge=0, le=366)
    consulted: list[str] = Field(default_factory=list)
    source: str | None = None
