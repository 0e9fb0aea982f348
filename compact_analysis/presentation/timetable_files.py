"""The timetable written out: a table, CSV (formula-safe), JSON or an iCalendar file (RFC 5545, ``icalendar``).

Each calendar entry is an all-day event (``DTSTART`` the day, ``DTEND`` the day after, as RFC 5545 asks of
all-day events) with a stable ``UID`` (the framework, the item and the period), so a calendar imported again
updates its events rather than doubling them. ``DTSTAMP`` is required; it is the entry's own day at midnight
UTC, so the same framework and year always give the same bytes (nothing reads the clock).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from compact_analysis.evidence.exports import write_csv
from compact_analysis.plan.framework_model import Framework
from compact_analysis.plan.timetable import PAPER, CalendarEntry

FORMATS = ("table", "csv", "json", "ics")
PRODID = "-//compact-analysis//timetable//EN"
#: The columns of the CSV and JSON rows (:meth:`CalendarEntry.row`).
COLUMNS = ("date", "kind", "item", "title", "period", "cadence", "audience", "consulted", "by_exception", "measures",
           "uid")  # fmt: skip


def for_body(entries: Iterable[CalendarEntry], body: str | None) -> list[CalendarEntry]:
    """The papers that go to ``body`` (as audience or consulted) and every return; all entries if None."""
    return [e for e in entries if body is None or e.kind != PAPER or body in e.audience or body in e.consulted]


def _names(framework: Framework, ids: Sequence[str]) -> str:
    names = {b.id: b.name for b in framework.bodies}
    return ", ".join(names.get(i, i) for i in ids)


def _summary(entry: CalendarEntry, framework: Framework) -> str:
    if entry.kind != PAPER:
        return f"{entry.title}: {entry.period}"
    to = f" to {_names(framework, entry.audience)}"
    return f"{entry.title}{' (by exception)' if entry.by_exception else ''}: {entry.period}{to}"


def _description(entry: CalendarEntry, framework: Framework) -> str:
    lines = [f"{framework.title}", f"Period {entry.period} ({entry.cadence})"]
    if entry.consulted:
        lines.append(f"Consulted: {_names(framework, entry.consulted)}")
    if entry.measures:
        lines.append(f"Measures: {', '.join(entry.measures)}")
    return "\n".join(lines)


def calendar_ics(entries: Iterable[CalendarEntry], framework: Framework) -> bytes:
    """An iCalendar file of all-day events, one per entry, in the order given."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{framework.title}: timetable")
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", datetime.combine(entry.day, time(0), tzinfo=UTC))
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + timedelta(days=1))
        event.add("summary", _summary(entry, framework))
        event.add("description", _description(entry, framework))
        event.add("categories", [entry.kind])
        calendar.add_component(event)
    return calendar.to_ical()


def table_text(entries: Sequence[CalendarEntry], framework: Framework) -> str:
    """A plain table for reading: date, period, what, to whom."""
    rows = [("date", "period", "what", "to")]
    rows += [
        (e.day.isoformat(), e.period, e.title + (" (by exception)" if e.by_exception else ""),
         _names(framework, e.audience) or "-")
        for e in entries
    ]  # fmt: skip
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    return "".join(
        f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}".rstrip() + "\n" for r in rows
    )


def _write_bytes(path: Path, content: bytes) -> None:
    """Replace ``path`` atomically: a killed run leaves the old file or the new, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_timetable(path: str | Path, entries: Sequence[CalendarEntry], framework: Framework, fmt: str) -> Path:
    """Write the entries to ``path`` as ``table``, ``csv``, ``json`` or ``ics``."""
    path = Path(path)
    if fmt == "csv":
        return write_csv(path, [[e.row()[c] for c in COLUMNS] for e in entries], header=COLUMNS)
    if fmt == "json":
        content = (json.dumps([e.row() for e in entries], indent=2, ensure_ascii=False) + "\n").encode()
    elif fmt == "ics":
        content = calendar_ics(entries, framework)
    else:
        content = table_text(entries, framework).encode()
    _write_bytes(path, content)
    return path
