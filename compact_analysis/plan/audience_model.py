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
