"""A short letter-style HTML page per member listing the returns it owes (issue #26, collection windows).

Every piece of text is escaped (member names are typed by people: :func:`.html.table` isolates them);
the status is in words as well as colour. The page stands alone (its own small style), so it can be
printed or attached to an email as it is.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from compact_analysis.plan.framework_model import Framework
from compact_analysis.plan.periods import Period
from compact_analysis.presentation import html as ui

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.45;color:#1b1b1b}"
    ".ca-scroll{overflow-x:auto;max-width:100%}.ca-scroll:focus{outline:2px solid #1d4f76}"  # reflow at 320 px
    "table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3em .5em;text-align:left}"
    "caption{text-align:left;font-weight:600;margin-bottom:.3em}.ca-red{color:#8a1c1c}.ca-amber{color:#6b4b00}"
    ".ca-status{font-weight:600}.ca-muted{color:#555}.ca-nowrap{white-space:nowrap}"
)
_STATUS_CODE = {"overdue": "red", "not yet due": "amber"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def letter_file_name(member_id: str) -> str:
    """A file name for a member's letter: its id with anything but letters, digits, ``.``, ``_``, ``-`` as ``_``."""
    return f"chase-{_UNSAFE.sub('_', member_id)}.html"


def _day(day: date) -> str:
    return f"{day:%-d %B %Y}"


def owed_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The letter's table: measure, period, due by, send to, and the status in words (with its colour code)."""
    return pd.DataFrame(
        {
            "Measure": rows["measure"],
            "Period": rows["period"],
            "Due by": rows["due"].map(_day),
            "Send to": rows["send_to"],
            "code": rows["status"].map(_STATUS_CODE),
            "Status": rows["status"].str.capitalize(),
        }
    )


def chase_letter(framework: Framework, member_name: str, rows: pd.DataFrame, period: Period, as_at: date) -> str:
    """The whole HTML page of one member's letter; ``rows`` are its rows of the chase list."""
    start, end = period.bounds(framework.terms)
    table = ui.table(
        owed_table(rows),
        f"Returns owed for {period.name} ({len(rows)})",
        status_columns=("code", "Status"),
        nowrap=("Period", "Due by"),
    )
    body = (
        ui.heading(f"Returns owed: {member_name}", 1)
        + ui.paragraph(f"{framework.organisation}. {framework.title}.")
        + ui.paragraph(f"Period {period.name}, {_day(start)} to {_day(end)}. As at {_day(as_at)}.")
        + ui.paragraph(f"Dear {member_name},")
        + ui.paragraph(
            f"Our records as at {_day(as_at)} show that the returns below for {period.name} have not arrived. "
            "Please send each by the date shown to the team named; a return already overdue is needed as soon "
            "as you can."
        )
        + table
        + ui.paragraph("If you have sent them since that date, thank you, and please disregard this letter.")
        + ui.paragraph(framework.organisation)
    )
    title = ui.escape(f"Returns owed: {member_name}, {period.name} ({framework.title})")  # WCAG 2.4.2
    return (  # British English, as every page the project writes (publishing.page_title.LANGUAGE)
        f'<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{_STYLE}</style></head><body><main>{body}</main></body></html>\n"
    )
