"""A paper's document title, unique per paper: its first heading, and the framework when the heading omits it.

The HTML ``<title>`` names the tab, the bookmark and, through Chromium, the PDF's document title (the
title bar of a PDF reader, and what a screen reader announces first: PSBAR 2018 / WCAG 2.2 success
criterion 2.4.2 "Page Titled"). nbconvert's default is the notebook's file name ("Period evaluation"
for every period, "Member scorecard" for all fifty members), which names nothing a reader can use.
"""

from __future__ import annotations

import html
import re

H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S | re.I)
TITLE = re.compile(r"<title>.*?</title>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")
HTML_LANG = re.compile(r"<html\b[^>]*>", re.I)
#: The language of every page and PDF the project writes (the PDF's ``/Lang`` comes from ``<html lang>``).
LANGUAGE = "en-GB"


def _text(fragment: str) -> str:
    """Visible text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed.

    Jupyter adds a pilcrow anchor link (``¶``) to each markdown heading; it is not part of the heading.
    """
    return " ".join(html.unescape(TAG.sub(" ", fragment)).replace("¶", " ").split()).replace(" :", ":")


def document_title(body: str, running_header: str) -> str:
    """The title a paper's page and PDF carry: its first ``<h1>``, then the running header's framework part
    (what precedes its last ": ") when the heading does not already say it, so the title names the
    framework, the period and, on a scorecard, the member. Without a heading, the running header."""
    found = H1.search(body)
    heading = _text(found.group(1)) if found else ""
    framework = running_header.rsplit(": ", 1)[0].strip()
    if not heading:
        return running_header
    if not framework or framework in heading:
        return heading
    return f"{heading} ({framework})"


def with_title(body: str, title: str) -> str:
    """``body`` with its ``<title>`` replaced by ``title`` (escaped) and its language set to :data:`LANGUAGE`.

    nbconvert's ``language_code`` takes only a two-letter code ("en"); the papers are in British English.
    """
    body = HTML_LANG.sub(f'<html lang="{LANGUAGE}">', body, count=1)
    return TITLE.sub(lambda _: f"<title>{html.escape(title, quote=False)}</title>", body, count=1)
