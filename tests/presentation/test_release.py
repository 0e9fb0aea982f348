"""Release discipline (issue #24 item 8): release date, next release and contact from the plan, never the clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from types import SimpleNamespace

from compact_analysis.plan.framework import load_framework
from compact_analysis.presentation.release import contact_words, release_block, release_of, release_sentences
from tests.helpers import FRAMEWORKS


def _evaluation(compact, period: str, as_at: date):
    return SimpleNamespace(framework=compact, period=compact.check_period(period), as_at=as_at)


def test_the_release_is_the_evidence_date_and_the_next_is_the_next_periods(compact):
    release = release_of(_evaluation(compact, "2009-10-Q2", date(2009, 11, 20)))
    # By hand: Q3 ends 31 December 2009; plus the 45-day reporting lag is 14 February 2010.
    assert (release.released, release.next_period, release.next_release) == (
        date(2009, 11, 20), "2009-10-Q3", date(2010, 2, 14),
    )  # fmt: skip
    assert release.contact.name == "Alex Example"  # the demo framework's fictional contact


def test_after_the_plans_last_period_no_release_is_scheduled(compact):
    release = release_of(_evaluation(compact, "2009-10-Q4", date(2010, 5, 15)))
    assert release.next_period is None and release.next_release is None
    assert "No further release is scheduled" in release_sentences(release)[1]


def test_the_contact_and_links_are_escaped(compact):
    contact = compact.contact.model_copy(update={"name": "<b>Eve</b>", "phone": None})
    assert contact_words(contact) == "<b>Eve</b>, Compact performance analyst (performance@compact.example)"
    release = release_of(_evaluation(compact, "2009-10-Q2", date(2009, 11, 14)))
    shown = str(release_block(replace(release, contact=contact)))
    assert "&lt;b&gt;Eve" in shown
    assert 'href="about/methods.html"' in shown and 'href="about/revisions.html"' in shown
    assert contact_words(None).startswith("no named contact")


def test_the_release_names_the_bodies_of_the_timetable():
    lea = load_framework(FRAMEWORKS / "lea-performance-2004-05.yaml")
    # By hand from the LEA timetable: five termly papers, all to EMT; two of them (performance indicators, other
    # monitoring) consult SSIG, Joint Executive, Executive Member and Working Parties, in the bodies' order.
    release = release_of(_evaluation(lea, "2004-05-T2", date(2005, 1, 7)))
    assert release_sentences(release)[-1] == (
        "This paper goes to EMT; consulted: SSIG, Joint Executive, Executive Member, Working Parties."
    )
    # The capital paper goes to EMT and DMG quarterly, consulting no one.
    quarter = release_of(_evaluation(lea, "2004-05-Q2", date(2004, 10, 21)))
    assert (quarter.audience, quarter.consulted) == (("EMT", "DMG"), ())


def test_without_a_timetable_no_audience_is_named(compact):
    release = release_of(_evaluation(compact, "2009-10-Q2", date(2009, 11, 20)))
    assert (release.audience, len(release_sentences(release))) == ((), 3)
