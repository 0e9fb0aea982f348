"""The paper's exceptions register: new this period, still open from earlier periods, resolved this period.

Each exception's row carries its owner's commentary and remedial action from the period's commentary
file (:mod:`~compact_analysis.evidence.commentary`), escaped like every cell. Exceptions added by hand
(:mod:`~compact_analysis.evaluation.manual_exceptions`) are listed with the rule-raised ones; the
training monitor's are counted in a sentence (the training paper lists them).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from compact_analysis.evaluation.exception_rules import kind_in_words, training_counts, without_training
from compact_analysis.evaluation.manual_exceptions import is_manual
from compact_analysis.evaluation.register import report_sections
from compact_analysis.evaluation.results import Evaluation
from compact_analysis.evidence.commentary import Comment
from compact_analysis.plan.framework import Framework
from compact_analysis.presentation import html as ui
from compact_analysis.presentation.commentary_blocks import commentary_text
from compact_analysis.presentation.narrative import training_exceptions_sentence

TITLES = {"new": "New this period", "open": "Still open from earlier periods", "resolved": "Resolved this period"}


def member_label(register: pd.DataFrame, member_id: object) -> str:
    """'Name (M001)' for a member id ('' for none)."""
    if not isinstance(member_id, str) or not member_id:
        return ""
    names = register.set_index("member_id")["name"]
    return f"{names.get(member_id, member_id)} ({member_id})"


def _by_hand(exception_id: object) -> str:
    return "an issue added by hand" if is_manual(exception_id) else ""


def new_and_open(evaluation: Evaluation) -> tuple[pd.DataFrame, int]:
    """The exceptions new this period and how many more are still open, the training monitor's left out
    (the key messages say them)."""
    ev = evaluation
    sections = without_training(report_sections(ev.exceptions, ev.period.name, ev.period_start, ev.as_at))
    return sections["new"], len(sections["open"])


def exceptions_section(
    framework: Framework, evaluation: Evaluation, register: pd.DataFrame, commentary: Mapping[str, Comment]
) -> ui.Html:
    """The exceptions register at this period, each section a table (or 'None.')."""
    ev = evaluation
    every = report_sections(ev.exceptions, ev.period.name, ev.period_start, ev.as_at)
    sections, training = without_training(every), training_counts(every)
    parts = [
        ui.paragraph(
            f"{len(sections['new'])} new, {len(sections['open'])} still open from earlier periods, "
            f"{len(sections['resolved'])} resolved this period."
        )
    ]
    for key, title in TITLES.items():
        parts.append(ui.heading(title, 3))
        frame = sections[key]
        parts.append(
            ui.paragraph("None.") if frame.empty else _table(framework, ev, register, commentary, frame, title)
        )
    sentence = training_exceptions_sentence(training)
    if sentence:
        parts.append(ui.heading("Training monitoring", 3))
        parts.append(ui.paragraph(sentence))
    return ui.Html("".join(parts))


def _table(framework, ev, register, commentary, frame: pd.DataFrame, title: str) -> ui.Html:
    names = {i.id: i.name for i in framework.indicators}
    shown = pd.DataFrame(
        {
            "ID": frame["exception_id"].fillna("(not yet recorded)"),
            "Kind": frame["kind"].map(kind_in_words),
            "About": [
                names.get(i, i) if isinstance(i, str) and i else member_label(register, m) or _by_hand(e)
                for i, m, e in zip(frame["indicator_id"], frame["member_id"], frame["exception_id"], strict=True)
            ],
            "Owner": frame["owner"],
            "Detail": frame["detail"],
            "Opened": frame["opened_period"].fillna(ev.period.name),
            # Non-breaking hyphens: a period name (2009-10-Q1) never splits across lines of the column.
            "History": frame["history"].fillna("").str.replace("-", "\u2011", regex=False),
        }
    )
    if commentary:  # the owners' words and actions, when the period has a commentary file
        shown["Commentary and action"] = [commentary_text(commentary.get(i)) for i in frame["exception_id"]]
    return ui.table(shown, f"Exceptions: {title.lower()}", nowrap=("ID", "Opened"))
