"""Collection windows of a data folder: the chase lists and letters, and members' sign-off of returns.

The library calls behind ``compact-analysis chase`` and ``compact-analysis returns sign-off`` (issue #26):
they open the data folder's store, compute with :mod:`compact_analysis.evaluation.collection` and write
with :mod:`compact_analysis.presentation.chase_letters`. The chase folder is built beside its final place
and renamed into it (:func:`~compact_analysis.publishing.batch.swap_into_place`), so a killed run leaves
the old folder or the new, never half of one.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from compact_analysis.errors import ParameterError
from compact_analysis.evaluation.collection import WINDOW_COLUMNS, chase_list, collection_window, window_counts
from compact_analysis.evidence.exports import write_csv
from compact_analysis.evidence.signoffs import first_returns, record_signoff, signoffs_as_at
from compact_analysis.folder import DataFolder
from compact_analysis.plan.members import members_as_at
from compact_analysis.plan.periods import Period
from compact_analysis.presentation.chase_letters import chase_letter, letter_file_name
from compact_analysis.publishing.batch import staging_folder, swap_into_place

#: The CSV columns of a chase list: what each member owes, by when, to whom.
CHASE_COLUMNS = ["member_id", "name", "measure", "period", "due", "status", "send_to"]


def folder_window(folder: DataFolder, period: str | Period, as_at: date) -> pd.DataFrame:
    """The collection window of a data folder's period as at a date (:func:`.collection_window`)."""
    chosen = folder.period(period)
    with folder.connect(read_only=True) as con:
        first = first_returns(con, chosen.name, *chosen.bounds(folder.framework.terms), as_at)
    return collection_window(folder.framework, folder.register, first, chosen, as_at)


def write_chase(folder: DataFolder, period: str | Period, as_at: date, out: str | Path) -> dict[str, int]:
    """Write ``out/chase-<period>/``: ``collection.csv`` (every member and measure), ``chase.csv`` (what is
    owed) and one letter per member that owes something; return the counts of each status and of letters."""
    chosen = folder.period(period)
    window = folder_window(folder, chosen, as_at)
    owed = chase_list(window)
    final = Path(out) / f"chase-{chosen.name}"
    work = staging_folder(final)
    write_csv(work / "collection.csv", window[WINDOW_COLUMNS])
    write_csv(work / "chase.csv", owed[CHASE_COLUMNS])
    for member_id, rows in owed.groupby("member_id", sort=True):
        page = chase_letter(folder.framework, str(rows["name"].iloc[0]), rows, chosen, as_at)
        (work / letter_file_name(str(member_id))).write_text(page, encoding="utf-8")
    swap_into_place(work, final)
    return {**window_counts(window), "letters": int(owed["member_id"].nunique())}


def sign_off(folder: DataFolder, member_id: str, period: str, signed_by: str, on: date) -> None:
    """Record that ``signed_by`` signed off ``member_id``'s return for ``period`` on ``on``.

    Refused with a one-line :class:`ParameterError` (nothing written): a member not in the register on the
    period's last day, a period outside the framework, an empty name, a date before the period ends.
    """
    chosen = folder.period(period)
    end = chosen.end(folder.framework.terms)
    if member_id not in set(members_as_at(folder.register, end)["member_id"]):
        raise ParameterError(f"member {member_id!r} is not in the member register on {end} ({chosen.name}'s end)")
    if not signed_by.strip():
        raise ParameterError("--by is empty: give the name of the person signing off")
    if on < end:
        raise ParameterError(f"--on {on} is before {chosen.name} ends ({end}): a return is signed off after it")
    with folder.connect() as con:
        record_signoff(con, member_id, chosen.name, signed_by.strip(), on)


def folder_signoffs(folder: DataFolder, as_at: date) -> pd.DataFrame:
    """Every member's latest sign-off of each period, as signed on or before ``as_at``."""
    with folder.connect(read_only=True) as con:
        return signoffs_as_at(con, as_at)
