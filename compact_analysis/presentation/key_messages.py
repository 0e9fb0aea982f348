"""The board's first page: key messages and what is asked of the board.

Issue 24: a board member should learn "what is asked of them", not only where things stand. The
messages are the analyst's own for the period (``messages/<period>.yaml``,
:mod:`~compact_analysis.evidence.board_messages`) followed by those the evaluation gives
(:mod:`~compact_analysis.evaluation.board_points`): what needs attention, whose rating moved, which
exceptions are new. The asks are the analyst's, then the commentary the paper is still waiting for,
then to note the report: a board always has at least that in front of it, and the page says when no
decision is sought. Every piece of text is escaped; the words around them are in the notebook.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from compact_analysis.evaluation.board_points import attention, moved, needs_attention
from compact_analysis.evaluation.exception_rules import kind_in_words
from compact_analysis.evaluation.results import Evaluation
from compact_analysis.evidence.board_messages import BoardMessages
from compact_analysis.evidence.commentary import Comment
from compact_analysis.presentation import html as ui
from compact_analysis.presentation.narrative import counted, status_changes


def _short(label: str) -> str:
    return label.split(":")[0].lower()


def attention_message(evaluation: Evaluation) -> str:
    """'2 of 12 indicators need attention: A (red); B (milestone overdue).' or that none does."""
    found = attention(evaluation)
    total = counted(len(evaluation.results), "indicator")
    if not found:
        return f"None of the {total} is red, missed or past its date."
    names = "; ".join(f"{r.indicator.name} ({_short(r.status.label)})" for r in found)
    verb = "needs" if len(found) == 1 else "need"
    return f"{len(found)} of {total} {verb} attention (red, missed or past its date): {names}."


def movement_message(evaluation: Evaluation, previous: Evaluation | None) -> str:
    """Whose rating got worse or improved since the previous period ('' with no previous period); when none
    did, how many changed status within their colour (red to missed at the year end)."""
    if previous is None:
        return ""
    worse, better = moved(evaluation, previous)
    since = previous.period.name
    if not worse and not better:
        same = len(status_changes(evaluation, previous))
        within = f"; {counted(same, 'indicator')} changed status within the same colour (see the summary)"
        return f"No indicator's rating got better or worse since {since}{within if same else ''}."

    def listed(pairs: list[tuple]) -> str:
        return "; ".join(f"{r.indicator.name}: {_short(old.label)} to {_short(r.status.label)}" for r, old in pairs)

    parts = []
    if worse:
        parts.append(f"{counted(len(worse), 'indicator')} got worse ({listed(worse)})")
    if better:
        parts.append(f"{counted(len(better), 'indicator')} improved ({listed(better)})")
    return f"Since {since}, " + " and ".join(parts) + "."


def new_exceptions_message(new: pd.DataFrame, still_open: int) -> str:
    """The exceptions new this period by kind, and how many more are still open:
    '3 new exceptions this period (2 member's return missing past its due date; 1 emergency); 4 more still open.'"""
    more = f"{still_open} {'is' if still_open == 1 else 'are'} still open from earlier periods"
    if new.empty:
        return f"No new exception was opened this period; {more}."
    kinds = new["kind"].map(kind_in_words).value_counts(sort=False)
    by_kind = "; ".join(f"{n} {kind}" for kind, n in kinds.items())
    return f"{counted(len(new), 'new exception')} this period ({by_kind}); {more}."


def generated_messages(
    evaluation: Evaluation, previous: Evaluation | None, new: pd.DataFrame, still_open: int
) -> list[str]:
    """The messages the evaluation gives, in the order a board reads them (``new``: this period's new
    exceptions; ``still_open``: how many from earlier periods are open)."""
    exceptions = new_exceptions_message(new, still_open)
    found = [attention_message(evaluation), movement_message(evaluation, previous), exceptions]
    return [m for m in found if m]


def awaited(evaluation: Evaluation, commentary: Mapping[str, Comment]) -> dict[str, list[str]]:
    """Owner -> the names of their indicators that need attention and have no commentary yet."""
    waiting: dict[str, list[str]] = {}
    for r in evaluation.results:
        if needs_attention(r) and r.indicator.id not in commentary:
            waiting.setdefault(r.indicator.owner, []).append(r.indicator.name)
    return waiting


def board_asks(messages: BoardMessages, waiting: Mapping[str, list[str]]) -> list[str]:
    """What the board is asked to do: the analyst's asks, commentary still awaited, and to note the report."""
    asks = list(messages.asks)
    asks += [
        f"Ask {owner} for commentary and a remedial action on {'; '.join(names)}" for owner, names in waiting.items()
    ]
    return [*asks, "Note where the plan stands, as this paper reports it."]


def key_messages_section(messages: BoardMessages, generated: list[str]) -> ui.Html:
    """The key messages: the analyst's for the period, then the evaluation's."""
    parts = []
    if messages.messages:
        parts.append(ui.heading("From the analyst", 3) + ui.bullets(list(messages.messages), "ca-key-messages"))
        parts.append(ui.heading("From the evaluation", 3))
    return ui.Html("".join(parts) + ui.bullets(generated, "ca-key-messages"))


def asks_section(messages: BoardMessages, waiting: Mapping[str, list[str]]) -> ui.Html:
    """'The board is asked to:' and the asks; says so when the analyst seeks no decision this period."""
    lead = "The board is asked to:"
    if not messages.asks:
        lead = "No decision is sought from the board this period. The board is asked to:"
    return ui.Html(ui.paragraph(lead) + ui.bullets(board_asks(messages, waiting), "ca-asks"))
