"""The member register: who counts, from when, and the deemed denominator.

Seed 000: "for the purposes of measuring impact there are deemed to be 50
member organisations". Membership is dated: a member that left in October is
not counted for a March target.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from .errors import InputError

SECTORS = (
    "local authority",
    "health",
    "police",
    "fire",
    "education",
    "central government agency",
    "other",
)
COLUMNS = ("member_id", "name", "sector", "code", "joined", "left", "deemed")
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}


def load_register(path: str | Path) -> pd.DataFrame:
    """Read ``members.csv``; raise :class:`InputError` naming every bad row and column."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: member register not found")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}")
    problems: list[str] = []
    for i, row in raw.iterrows():
        line = int(i) + 2  # physical line: header is line 1
        if not row["member_id"].strip():
            problems.append(f"row {line}, column member_id: blank")
        if row["sector"] not in SECTORS:
            problems.append(f"row {line}, column sector: {row['sector']!r} is not one of {', '.join(SECTORS)}")
        for col in ("joined", "left"):
            if row[col] and pd.isna(pd.to_datetime(row[col], format="%Y-%m-%d", errors="coerce")):
                problems.append(f"row {line}, column {col}: expected a date YYYY-MM-DD, got {row[col]!r}")
        if row["deemed"].strip().lower() not in _TRUE | _FALSE:
            problems.append(f"row {line}, column deemed: expected yes or no, got {row['deemed']!r}")
    dupes = raw["member_id"][raw["member_id"].duplicated()].tolist()
    problems += [f"column member_id: duplicate id {d!r}" for d in dupes]
    if problems:
        raise InputError(f"{path}: " + "; ".join(problems))
    out = raw.loc[:, list(COLUMNS)].copy()
    for col in ("joined", "left"):
        out[col] = pd.to_datetime(out[col].replace("", None), format="%Y-%m-%d").dt.date
    out["deemed"] = out["deemed"].str.strip().str.lower().isin(_TRUE)
    return out


def members_as_at(register: pd.DataFrame, as_at: date) -> pd.DataFrame:
    """Members on ``as_at``: joined on or before it, and not left before it (``left`` is the last day)."""
    joined = register["joined"].map(lambda d: d is None or pd.isna(d) or d <= as_at)
    stayed = register["left"].map(lambda d: d is None or pd.isna(d) or d >= as_at)
    return register[joined & stayed].reset_index(drop=True)


def deemed_members(register: pd.DataFrame, as_at: date) -> pd.DataFrame:
    """Members as at a date that are deemed members for measuring impact."""
    current = members_as_at(register, as_at)
    return current[current["deemed"]].reset_index(drop=True)


def deemed_denominator(register: pd.DataFrame, as_at: date) -> int:
    """How many deemed members there are on ``as_at`` (the denominator for shares)."""
    return len(deemed_members(register, as_at))
