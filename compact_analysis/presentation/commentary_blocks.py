"""Owners' commentary as the paper shows it: beside each indicator, and in each exception's row.

Issue 24: council quarterly reports put "a 'corrective action' box beside each red". Commentary from
``commentary/<period>.csv`` (:mod:`~compact_analysis.evidence.commentary`) is shown as the owner wrote
it, escaped and isolated as member-typed text (:func:`~compact_analysis.presentation.member_text.member_text`);
an indicator that needs attention (:mod:`~compact_analysis.evaluation.board_points`) without any says
whose commentary is awaited.
"""

from __future__ import annotations

from compact_analysis.evaluation.board_points import needs_attention
from compact_analysis.evaluation.results import IndicatorResult
from compact_analysis.evidence.commentary import Comment
from compact_analysis.presentation import html as ui
from compact_analysis.presentation.member_text import member_text

#: Commentary beside an indicator is shown whole up to this many characters (a table cell shows 80).
SHOWN = 2000


def _typed(text: str) -> str:
    return member_text(text, SHOWN)


def action_words(comment: Comment) -> str:
    """'Recruit three members (due 30 June 2010)', or '' when the owner gave no action."""
    if not comment.action:
        return ""
    return f"{comment.action} (due {comment.action_due:%-d %B %Y})" if comment.action_due else comment.action


def commentary_text(comment: Comment | None) -> str | None:
    """An exception's commentary in one line for its table row (None: none given)."""
    if comment is None:
        return None
    action = action_words(comment)
    text = f"{comment.owner}: {comment.commentary}" if comment.commentary else comment.owner
    return f"{text} Action: {action}." if action else text


def indicator_commentary(result: IndicatorResult, comment: Comment | None) -> ui.Html:
    """The owner's commentary and remedial action beside an indicator; 'Commentary awaited from <owner>'
    when it needs attention and has none; nothing otherwise."""
    if comment is None:
        if not needs_attention(result):
            return ui.Html("")
        owner = _typed(result.indicator.owner)
        return ui.Html(f'<p class="ca-commentary ca-awaited" role="note">Commentary awaited from {owner}.</p>')
    said = _typed(comment.commentary) if comment.commentary else "none given."
    parts = [f"<p><strong>Commentary from {_typed(comment.owner)}:</strong> {said}</p>"]
    if comment.action:
        parts.append(f"<p><strong>Remedial action:</strong> {_typed(action_words(comment))}</p>")
    return ui.Html(f'<div class="ca-commentary" role="note">{"".join(parts)}</div>')
