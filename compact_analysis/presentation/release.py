"""When a paper is released, when the next one is due, and whom to ask (issue #24 item 8).

Code of Practice for Statistics T3 (orderly release: "release dates are pre-announced"), V3 (clarity: a named
contact) and Q3 (methods and quality explained, revisions handled by a policy). The release date is the run's
evidence date (the as-at date), never the clock; the next release is the next period's evidence date, its end
plus the framework's ``report_after_days``, when the plan has a next period in that cadence. Where the
framework has a timetable (issue #26), the statement names the bodies the paper goes to and those consulted
(:func:`compact_analysis.plan.timetable.audience_of`, as the manifest records them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from compact_analysis.evaluation.evaluate import Evaluation, default_as_at
from compact_analysis.plan.framework_model import Contact
from compact_analysis.plan.timetable import audience_of
from compact_analysis.presentation import html as ui

#: The short pages every period's pack ships, relative to the period's folder.
METHODS_PAGE = "about/methods.html"
REVISIONS_PAGE = "about/revisions.html"


@dataclass(frozen=True)
class Release:
    """``released`` is the evidence date; ``next_period``/``next_release`` are None after the plan's last period."""

    period: str
    released: date
    next_period: str | None
    next_release: date | None
    contact: Contact | None
    audience: tuple[str, ...] = ()  # the names of the bodies the paper goes to (the timetable's)
    consulted: tuple[str, ...] = ()  # and of those consulted on it


def release_of(evaluation: Evaluation) -> Release:
    """The release facts of a period's evaluation (see the module's docstring)."""
    fw, period = evaluation.framework, evaluation.period
    following = period.next(fw.terms)
    planned = following in fw.periods(period.cadence)
    names = {b.id: b.name for b in getattr(fw, "bodies", [])}
    receives, consulted = audience_of(fw, period) if names else ([], [])
    return Release(
        period.name,
        evaluation.as_at,
        following.name if planned else None,
        default_as_at(fw, following) if planned else None,
        fw.contact,
        tuple(names[b] for b in receives),
        tuple(names[b] for b in consulted),
    )


def audience_words(release: Release) -> str:
    """ "This paper goes to EMT; consulted: SSIG, Joint Executive." ("" when the timetable names no body)."""
    if not release.audience:
        return ""
    consulted = f"; consulted: {', '.join(release.consulted)}" if release.consulted else ""
    return f"This paper goes to {', '.join(release.audience)}{consulted}."


def contact_words(contact: Contact | None) -> str:
    """ "Alex Example, Compact performance analyst (performance@compact.example)", or that none is named."""
    if contact is None:
        return "no named contact (the framework names none)"
    reach = ", ".join(x for x in (contact.email, contact.phone) if x)
    role = f", {contact.role}" if contact.role else ""
    return f"{contact.name}{role}" + (f" ({reach})" if reach else "")


def release_sentences(release: Release) -> list[str]:
    """The release facts in words, one sentence each."""
    following = (
        f"The next release, for {release.next_period}, is scheduled for {release.next_release:%-d %B %Y}."
        if release.next_release
        else "No further release is scheduled: this is the plan's last period in this cadence."
    )
    sentences = [
        f"Released {release.released:%-d %B %Y}: the evidence date of this paper, not the day it was printed.",
        following,
        f"Contact: {contact_words(release.contact)}.",
    ]
    return sentences + ([audience_words(release)] if release.audience else [])


def release_block(release: Release, prefix: str = "") -> ui.Html:
    """The paper's release statement with links to the methods and quality annex and the revisions policy
    (``prefix`` is the path from the page to the period's folder)."""
    links = (
        f'<p>How the figures are made and how good they are: <a href="{ui.escape(prefix + METHODS_PAGE)}">methods '
        f'and quality annex</a>; how a published figure is corrected: <a href="{ui.escape(prefix + REVISIONS_PAGE)}">'
        "revisions policy</a>.</p>"
    )
    return ui.Html(ui.bullets(release_sentences(release)) + links)
