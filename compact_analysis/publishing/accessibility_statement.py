"""``reports/accessibility.html``: the accessibility statement the Public Sector Bodies Accessibility
Regulations 2018 ask of a public body's web content and documents, linked from the reports index.

It says what the pages and PDFs do to meet WCAG 2.2 AA, what does not conform yet, and how to
report a problem. The frameworks name no contact, so the wording points to whoever published the
reports rather than inventing an address. Pure text: :func:`statement_body` returns the page's body.
"""

from __future__ import annotations

FILE = "accessibility.html"
TITLE = "Accessibility statement for these evaluation reports"

CONFORMS = (
    "Every page and PDF declares its language (British English) and has a title naming the framework, "
    "the period and, on a scorecard, the member.",
    "Headings are in order; each PDF is tagged (headings, lists, tables and figures for screen readers) "
    "and has bookmarks made from the headings.",
    "Every chart has alt text saying what it shows, and its numbers are also given in a table or in words.",
    "Statuses (green, amber, red and the rest) are written in words as well as shown in colour.",
    "Pages reflow to a width of 320 CSS pixels; tables wider than the screen scroll inside a named box "
    "that can be reached and scrolled with the keyboard.",
    "The pages are checked with axe-core in a real browser at 1280 and 320 pixels wide, with no "
    "violation allowed, each time the project's tests run.",
    "Terms such as deemed, trajectory, RAG and XmR are explained in a glossary at the end of each paper, "
    "linked from their first use.",
)
NOT_YET = (
    "Charts are images (PNG): they lose sharpness when zoomed far in. The figures they show are in the "
    "tables and text beside them.",
    "PDFs are printed by Chromium and have not been checked against PDF/UA with a specialist tool; reading "
    "order follows the page, and some layout containers are tagged as non-structural.",
    "The executed notebooks (.ipynb) published beside each paper for audit are not designed to be read "
    "with assistive technology; the HTML paper says the same.",
)
REPORT = (
    "If you find a problem not listed here, or need a paper in another format (large print, plain text, "
    "a spreadsheet of the figures), contact the team that published these reports, named on each paper "
    "and on the page that links here. Say which page or PDF and what went wrong. If you are not happy "
    "with the response, contact the Equality Advisory and Support Service (EASS)."
)


def _list(items: tuple[str, ...]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def statement_body() -> str:
    """The statement's HTML body (one ``<h1>``, then ``<h2>`` sections), linking back to the index."""
    return (
        f"<h1>{TITLE}</h1>"
        '<p class="back"><a href="index.html">Back to all reports</a></p>'
        "<p>These reports (the HTML pages and PDFs of each evaluation, member scorecard and training paper) "
        "aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, as the Public Sector "
        "Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 require. They are "
        "<strong>partially compliant</strong>: the items under “What does not conform yet” fall short.</p>"
        f"<h2>What we do</h2>{_list(CONFORMS)}"
        f"<h2>What does not conform yet</h2>{_list(NOT_YET)}"
        f"<h2>Reporting a problem</h2><p>{REPORT}</p>"
        "<h2>How this statement was prepared</h2><p>It describes what the software that renders the reports "
        "does, tested automatically on every change (axe-core on every page type; a check of every PDF for "
        "tags, bookmarks, language, title and figure alt text).</p>"
    )
