"""Blank return templates (CSV or XLSX, tidy or wide) for members to fill in.

The tidy layout is one row per member, measure and period; the wide layout is
one row per member and period with a column per measure. Both are described in
the README ("Returns: formats and validation").
"""

from __future__ import annotations

from pathlib import Path

from compact_analysis.errors import ParameterError
from compact_analysis.evidence.columns import TIDY_COLUMNS, WIDE_FIXED
from compact_analysis.evidence.exports import write_csv, write_xlsx
from compact_analysis.plan.framework import Framework


def template_rows(framework: Framework, layout: str = "tidy") -> tuple[list[str], list[list[str]]]:
    """Header and example rows: one per member-reported measure (tidy) or one row (wide)."""
    measures = [m for m in framework.measures if m.reported_by == "members"]
    year = framework.years[0]

    def example(measure) -> tuple[str, str]:
        if measure.type == "number":
            return f"{year}-M04", "12"
        if measure.type == "yes-no":
            return f"{year}-Q1", "yes"
        return f"{year}-Q1", framework.scale(measure.scale).levels[0]

    if layout == "tidy":
        rows = [["M001", m.id, *example(m), "", f"{int(year[:4])}-07-10", ""] for m in measures]
        return list(TIDY_COLUMNS), rows
    if layout == "wide":
        quarterly = [m for m in measures if m.type != "number"]
        header = [*WIDE_FIXED, *(m.id for m in quarterly)]
        row = ["M001", f"{year}-Q1", f"{int(year[:4])}-07-10", "", "", *(example(m)[1] for m in quarterly)]
        return header, [row]
    raise ParameterError(f"layout {layout!r}: use tidy or wide")


def write_template(path: str | Path, framework: Framework, layout: str = "tidy") -> Path:
    """Write a template with example rows; ``.xlsx`` makes a workbook, anything else CSV."""
    path = Path(path)
    header, rows = template_rows(framework, layout)
    if path.suffix.lower() == ".xlsx":
        return write_xlsx(path, {"returns": rows}, header=header)
    return write_csv(path, rows, header=header)
