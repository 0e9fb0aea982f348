"""The member register: who counts, from when, and the deemed denominator.

Seed 000: "for the purposes of measuring impact there are deemed to be 50
member organisations". Membership is dated: a member that left in October is
not counted for a March target, and :func:`membership_changes` lets the report
say so. A renamed or merged organisation keeps its history through an optional
``successor_id`` column (see :func:`current_id`).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd

from compact_analysis.errors import FAILURE_COLUMNS, ErrorCode, Failure, InputError
from compact_analysis.plan.codes import RegisterCode
from compact_analysis.plan.file_kind import require_regular_file
from compact_analysis.plan.identity import collision_message, collisions, invalid_id_message, normalise_id
from compact_analysis.plan.successor_cycles import successor_cycle_failures
from compact_analysis.plan.yes_no import YES_NO_HELP, parse_yes_no

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
OPTIONAL_COLUMNS = ("successor_id",)


class RegisterError(InputError):
    """Raised when a member register has problems; ``failures`` holds every one as a :class:`Failure`."""

    code = ErrorCode.REGISTER

    def __init__(self, path: str, failures: list[Failure]):
        self.path = path
        self.failures = failures
        first = failures[0]
        where = f"row {first.row}, column {first.column}" if first.row else f"column {first.column}"
        more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
        super().__init__(f"{path}: {where}: {first.message}{more}")

    def table(self) -> pd.DataFrame:
        """The failures as a table in :data:`FAILURE_COLUMNS` order (``sheet`` is always blank)."""
        return pd.DataFrame([f.as_row() for f in self.failures], columns=list(FAILURE_COLUMNS))


def _cell_text(value: object) -> str:
    """A spreadsheet cell as the text a CSV would hold (Excel dates become YYYY-MM-DD)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_register_table(path: str | Path, what: str = "member register") -> pd.DataFrame:
    """The register (or another table, ``what``) as text cells, from CSV (UTF-8) or the first sheet of an
    XLSX file; blank rows dropped. The index stays the 0-based data row, so failures name the row a person sees.
    """
    path = require_regular_file(path, what)
    try:
        if path.suffix.lower() == ".xlsx":
            raw = pd.read_excel(path, engine="calamine", dtype=object).map(_cell_text)
        else:
            raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", skip_blank_lines=False)
    except UnicodeDecodeError as exc:
        message = f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"
        raise InputError(message, code=ErrorCode.ENCODING_ERROR) from None
    except (ValueError, OSError, pd.errors.ParserError) as exc:
        raise InputError(f"{path}: cannot be read as a {what} ({str(exc).splitlines()[0]})") from None
    raw = raw.rename(columns=lambda c: str(c).strip())
    return raw[(raw.fillna("").astype(str).apply(lambda col: col.str.strip()) != "").any(axis=1)]


def _bad_dates(column: pd.Series) -> pd.Series:
    parsed = pd.to_datetime(column, format="%Y-%m-%d", errors="coerce")
    return (column != "") & parsed.isna()


def register_failures(raw: pd.DataFrame, file: str) -> list[Failure]:
    """Every problem with a register read as text, as :class:`Failure` records in row, then column order.

    Checks run column-wise; ``row`` is the spreadsheet/CSV row (the header is row 1).
    """
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        expected = ", ".join(COLUMNS)
        message = "missing column {}; expected " + expected
        return [Failure(file, None, c, "", RegisterCode.MISSING_COLUMN, message.format(c)) for c in missing]
    text = raw.fillna("").astype(str).apply(lambda col: col.str.strip())
    failures = _cell_failures(text, file) + _identity_failures(text, file)
    text["member_id"] = text["member_id"].map(normalise_id)  # successors are matched in NFC form
    if "successor_id" in text.columns:
        text["successor_id"] = text["successor_id"].map(normalise_id)
    failures += _successor_failures(text, file) + successor_cycle_failures(text, file)
    return sorted(failures, key=lambda f: (f.row or 0, COLUMNS.index(f.column) if f.column in COLUMNS else 99))


def _failures_where(text: pd.DataFrame, file: str, mask: pd.Series, column: str, code: RegisterCode, message):
    """A failure for each row where ``mask`` holds; ``message`` is text or a function of the cell."""
    return [
        Failure(
            file,
            int(i) + 2,
            column,
            text.at[i, column],
            code,
            message(text.at[i, column]) if callable(message) else message,
        )
        for i in text.index[mask]  # the index is the 0-based data row, kept when blank rows drop
    ]


def _cell_failures(text: pd.DataFrame, file: str) -> list[Failure]:
    """Blank or repeated ids, unknown sectors, dates and yes/no cells that do not parse, leaving before joining."""
    found = _failures_where(
        text, file, text["member_id"] == "", "member_id", RegisterCode.MISSING_CELL, "member_id is blank"
    )
    repeated = text["member_id"].duplicated() & (text["member_id"] != "")
    found += _failures_where(text, file, repeated, "member_id", RegisterCode.DUPLICATE_ID, "duplicate member_id")
    sectors = ", ".join(SECTORS)
    found += _failures_where(
        text,
        file,
        ~text["sector"].isin(SECTORS),
        "sector",
        RegisterCode.UNKNOWN_SECTOR,
        lambda v: f"{v!r} is not one of {sectors}",
    )
    for col in ("joined", "left"):
        bad = _bad_dates(text[col])
        found += _failures_where(
            text, file, bad, col, RegisterCode.TYPE_ERROR, lambda v: f"expected a date YYYY-MM-DD, got {v!r}"
        )
    deemed = text["deemed"].map(parse_yes_no).isna()
    found += _failures_where(
        text, file, deemed, "deemed", RegisterCode.TYPE_ERROR, lambda v: f"{YES_NO_HELP}, got {v!r}"
    )
    joined = pd.to_datetime(text["joined"], format="%Y-%m-%d", errors="coerce")
    left = pd.to_datetime(text["left"], format="%Y-%m-%d", errors="coerce")
    message = "left {} is before the member joined"
    found += _failures_where(text, file, left < joined, "left", RegisterCode.LEFT_BEFORE_JOINED, message.format)
    return found


def _identity_failures(text: pd.DataFrame, file: str) -> list[Failure]:
    """Ids holding invisible characters, and ids that differ only by case or Unicode form (every row named)."""
    found = []
    for i, value in text["member_id"].items():
        message = invalid_id_message(value, "member_id")
        if message:
            found.append(Failure(file, int(i) + 2, "member_id", value, RegisterCode.INVALID_ID, message))
    rows = {f"row {int(i) + 2}": int(i) + 2 for i in text.index}
    for location, value, others in collisions((f"row {int(i) + 2}", v) for i, v in text["member_id"].items()):
        message = collision_message(value, others, "member_id")
        found.append(Failure(file, rows[location], "member_id", value, RegisterCode.ID_COLLISION, message))
    return found


def _successor_failures(text: pd.DataFrame, file: str) -> list[Failure]:
    """A successor must be a member of the register, name a member that left, and not be the member itself."""
    if "successor_id" not in text.columns:
        return []
    successor = text["successor_id"]
    named = successor != ""
    return [
        *_failures_where(
            text,
            file,
            named & ~successor.isin(set(text["member_id"])),
            "successor_id",
            RegisterCode.UNKNOWN_SUCCESSOR,
            lambda v: f"successor {v!r} is not a member_id in the register",
        ),
        *_failures_where(
            text,
            file,
            named & (text["left"] == ""),
            "successor_id",
            RegisterCode.SUCCESSOR_WITHOUT_LEFT,
            "a member with a successor needs the date it left",
        ),
        *_failures_where(
            text,
            file,
            named & (successor == text["member_id"]),
            "successor_id",
            RegisterCode.SUCCESSOR_CYCLE,
            "a member cannot succeed itself",
        ),
    ]


def load_register(path: str | Path) -> pd.DataFrame:
    """Read ``members.csv`` or ``members.xlsx``; raise :class:`RegisterError` naming every bad row and column.

    Columns: member_id, name, sector, code, joined, left (dates or None), deemed
    (bool), and successor_id ("" when none) if the file has it.
    """
    raw = read_register_table(path)
    failures = register_failures(raw, str(path))
    if failures:
        raise RegisterError(str(path), failures)
    keep = list(COLUMNS) + [c for c in OPTIONAL_COLUMNS if c in raw.columns]
    out = raw.loc[:, keep].fillna("").astype(str).apply(lambda col: col.str.strip())
    for col in ("member_id", "successor_id"):
        if col in out.columns:
            out[col] = out[col].map(normalise_id)  # NFC: returns' ids are compared in the same form
    for col in ("joined", "left"):
        out[col] = pd.to_datetime(out[col].replace("", None), format="%Y-%m-%d").dt.date
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    out["deemed"] = out["deemed"].map(parse_yes_no).eq(True)
    return out.reset_index(drop=True)


def _on_or_before(column: pd.Series, day: date) -> pd.Series:
    return column.map(lambda d: d is not None and not pd.isna(d) and d <= day)


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


def current_id(register: pd.DataFrame, member_id: str, as_at: date) -> str:
    """The id a member's history belongs to on ``as_at``: its successor's (and so on) once it has left.

    A renamed or merged organisation is a new row whose predecessor names it in
    ``successor_id``; the predecessor's returns then count toward the successor.
    """
    if "successor_id" not in register.columns:
        return member_id
    rows = register.set_index("member_id")
    seen = {member_id}
    while member_id in rows.index:
        successor, left = rows.at[member_id, "successor_id"], rows.at[member_id, "left"]
        if not successor or left is None or pd.isna(left) or left >= as_at:
            break
        if successor in seen:
            raise InputError(f"member register: successor_id forms a cycle through {successor!r}")
        seen.add(successor)
        member_id = successor
    return member_id


def current_ids(register: pd.DataFrame, as_at: date) -> dict[str, str]:
    """Every member id mapped to the id its history belongs to on ``as_at`` (itself if unchanged)."""
    return {member_id: current_id(register, member_id, as_at) for member_id in register["member_id"]}


def membership_changes(register: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """Members who joined or left between ``start`` and ``end`` (inclusive), oldest first.

    Columns: member_id, name, change ("joined" or "left"), date, deemed, successor_id.
    A member that left is not counted after its ``left`` date, so the report says so.
    """
    rows = []
    for change in ("joined", "left"):
        days = register[change]
        inside = _on_or_before(days, end) & days.map(lambda d: d is not None and not pd.isna(d) and d >= start)
        for _, row in register[inside].iterrows():
            successor = row.get("successor_id", "") if change == "left" else ""
            rows.append((row["member_id"], row["name"], change, row[change], bool(row["deemed"]), successor or ""))
    columns = ["member_id", "name", "change", "date", "deemed", "successor_id"]
    return pd.DataFrame(rows, columns=columns).sort_values(["date", "member_id"], kind="stable").reset_index(drop=True)


def find_register(folder: str | Path) -> Path:
    """The register of a data set folder: ``members.csv``, else ``members.xlsx`` (CSV wins if both exist)."""
    folder = Path(folder)
    for name in ("members.csv", "members.xlsx"):
        if (folder / name).exists() or (folder / name).is_symlink():
            return require_regular_file(folder / name, "member register")
    raise InputError(f"{folder}: no member register (members.csv or members.xlsx)", code=ErrorCode.FILE_NOT_FOUND)


def optional_register(folder: str | Path) -> tuple[Path, pd.DataFrame] | None:
    """The folder's register file and table when it has one (checked), else None.

    A training data folder may come without a register: its papers then show members by id.
    """
    try:
        path = find_register(folder)
    except InputError:
        return None
    return path, load_register(path)


def deemed_count_difference(register: pd.DataFrame, as_at: date, expected: int | None) -> str | None:
    """A sentence when the register's deemed members on ``as_at`` differ from the framework's stated number.

    Seed 000 states "there are deemed to be 50 member organisations"; the register
    is the authority for shares, and the report says when the two disagree.
    """
    found = deemed_denominator(register, as_at)
    if expected is None or found == expected:
        return None
    return (
        f"The register has {found} deemed members on {as_at:%-d %B %Y}; the framework states {expected}. "
        f"Shares use the register's {found}."
    )
