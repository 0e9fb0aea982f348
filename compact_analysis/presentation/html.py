"""HTML fragments for the report: every piece of text is escaped before it reaches HTML.

Statuses are shown in words as well as colour, so the paper reads in greyscale
and to a screen reader.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from compact_analysis.presentation.direction_marks import direction_html
from compact_analysis.presentation.figure_words import figure_number
from compact_analysis.presentation.member_text import capped, member_text

#: Columns whose cells hold text a member typed: isolated in ``<bdi>`` and shortened when very long.
MEMBER_COLUMNS = ("Member", "Comment", "Name", "Owner")

STATUS_CLASS = {
    "green": "ca-green",
    "amber": "ca-amber",
    "red": "ca-red",
    "delivered": "ca-green",
    "overdue": "ca-red",
    "target-overdue": "ca-red",
    "target-achieved": "ca-green",
    "achieved": "ca-green",
    "missed": "ca-red",
    "on-track": "ca-green",
    "needs-acceleration": "ca-amber",
    "limited-progress": "ca-amber",
    "deterioration": "ca-red",
    "met": "ca-green",
    "nearly-met": "ca-amber",
    "not-met": "ca-red",
}


def rag_colour(code: str) -> str | None:
    """'green', 'amber' or 'red' for a status code shown in that colour (Open SDG's too); None for a state."""
    css = STATUS_CLASS.get(code)
    return css.removeprefix("ca-") if css else None


class Html(str):
    """A string of trusted, already-escaped HTML that Jupyter displays as HTML."""

    def _repr_html_(self) -> str:
        return str(self)


def synthetic_banner(is_synthetic: bool) -> Html:
    """The first-page notice that the data are synthetic (required on every demo report)."""
    if not is_synthetic:
        return Html("")
    return Html(
        '<div class="ca-banner" role="note"><strong>Synthetic data.</strong> Every organisation and figure '
        "in this paper is invented, generated from a fixed seed to demonstrate the toolkit. "
        "It describes no real body.</div>"
    )


def heading(text: str, level: int = 2) -> Html:
    return Html(f"<h{level}>{escape(text)}</h{level}>")


def paragraph(text: str) -> Html:
    return Html(f"<p>{escape(text)}</p>")


def bullets(items: list[str], css_class: str = "") -> Html:
    """An escaped bulleted list; nothing at all when there are no items."""
    if not items:
        return Html("")
    attribute = f' class="{css_class}"' if css_class else ""
    return Html(f"<ul{attribute}>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")


def status_badge(code: str, label: str) -> str:
    return f'<span class="ca-status {STATUS_CLASS.get(code, "ca-grey")}">{escape(label)}</span>'


MATRIX_CLASS = {"Counted": "ca-green", "Partly": "ca-amber", "Not yet": "ca-red", "No return": "ca-grey"}


def matrix(frame: pd.DataFrame, caption: str, row_header: str) -> Html:
    """A heat-map table: every cell says its word, and the colour only repeats it."""
    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in frame.columns)
    rows = []
    for _, row in frame.iterrows():
        cells = [f'<th scope="row">{member_text(str(row[row_header]))}</th>']
        for column in frame.columns:
            if column != row_header:
                word = str(row[column])
                cells.append(f'<td class="{MATRIX_CLASS.get(word, "")}">{escape(word)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return Html(
        scroll_region(
            caption,
            f'<table class="ca-table ca-matrix"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>",
        )
    )


def scroll_region(label: str, inner: str) -> str:
    """A table in a box that scrolls sideways when the table is wider than the screen (reflow at 320 px), named
    by ``label`` and reachable from the keyboard so it can be scrolled without a mouse (WCAG 1.4.10, 2.1.1)."""
    return f'<div class="ca-scroll" role="region" aria-label="{escape(label, quote=True)}" tabindex="0">{inner}</div>'


def table(
    frame: pd.DataFrame,
    caption: str,
    status_columns: tuple[str, str] | None = None,
    nowrap: tuple[str, ...] = (),
    widths: list[str | None] | None = None,
    member_columns: tuple[str, ...] = MEMBER_COLUMNS,
    direction_columns: tuple[str, ...] = ("Direction of travel",),
) -> Html:
    """A plain, accessible table; ``status_columns`` (code, label) renders a status badge in words.

    Cells of the ``nowrap`` columns never break (identifiers and period names such as EX-0001, 2009-10-Q1).
    ``widths`` holds the shown columns at a CSS width each (None: as wide as fits), so in print short codes
    keep their line when the browser would squeeze them to give long text more room. Cells of the
    ``member_columns`` hold text a member typed (:func:`.member_text`); at most MAX_TABLE_ROWS rows are listed.
    Cells of the ``direction_columns`` show the direction of travel as an arrow and in words (:mod:`.direction_marks`).
    """
    frame, note = capped(frame)
    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in frame.columns if not _hidden(c, status_columns))
    rows = []
    for _, row in frame.iterrows():
        cells = []
        for column in frame.columns:
            if _hidden(column, status_columns):
                continue
            if status_columns and column == status_columns[1]:
                cells.append(f"<td>{status_badge(str(row[status_columns[0]]), str(row[column]))}</td>")
            elif column in direction_columns and not _missing(row[column]):
                cells.append(f"<td>{direction_html(row[column])}</td>")
            elif column in member_columns and not _missing(row[column]):
                cells.append(f"<td>{member_text(_text(row[column]))}</td>")
            elif column in nowrap:
                cells.append(f'<td class="ca-nowrap">{escape(_text(row[column]))}</td>')
            else:
                cells.append(f"<td>{escape(_text(row[column]))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cols = ""
    if widths:
        cols = "<colgroup>" + "".join(f'<col style="width: {w}">' if w else "<col>" for w in widths) + "</colgroup>"
    table_html = (
        f'<table class="ca-table"><caption>{escape(caption)}</caption>{cols}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return Html(scroll_region(caption, table_html) + (f'<p class="ca-muted">{escape(note)}</p>' if note else ""))


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value))


def _hidden(column: object, status_columns: tuple[str, str] | None) -> bool:
    return bool(status_columns) and column == status_columns[0]


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if isinstance(value, float):
        return figure_number(value)  # '91.25' as returned (to two places), never rounded to '91.2'
    return str(value)
