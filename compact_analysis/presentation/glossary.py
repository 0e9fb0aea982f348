"""The papers' glossary: the jargon a board member, partner or member of the public meets, explained once.

:func:`link_glossary` takes a rendered paper's HTML, links each term's first use in the text to its entry
(``#glossary-<id>``) and appends a "Glossary" section listing the terms the paper uses, so the HTML and
its PDF stay self-contained (issue #24 item 6: "a glossary linked from each term's first use").

Definitions follow the sources: seed 000 (Nottinghamshire Compact) for deemed members, WBL and the
Skills Pledge; seed 001 (Kent Training Strategy: "Grant funding will be ring fenced ...") for
ring-fenced funding; the README's "How the evaluation is computed" for the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    patterns: tuple[str, ...]  # regular expressions (case-insensitive, whole words) a first use may take
    definition: str


TERMS = (
    Term("deemed", "Deemed members", (r"deemed",), "The organisations counted as members of the partnership "
         "on a date (“there are deemed to be 50 member organisations”, the Compact says). Shares and counts are "
         "of the members deemed on the period's last day."),
    Term("baseline", "Baseline", (r"baselines?",), "The starting figure a target is measured from: the plan's "
         "published figure, or the figure at a named period or date."),
    Term("trajectory", "Trajectory", (r"trajectory", r"trajectories"), "The path from the baseline to the "
         "target by its due date (a straight line unless the plan gives steps or a profile): where the "
         "figure should be by now if the target is to be met."),
    Term("rag", "RAG status (green, amber, red)", (r"RAG", r"green, amber", r"amber"), "Green: on or better "
         "than the trajectory, or the target met. Amber: behind, but within the plan's tolerance (10% unless "
         "the plan says otherwise). Red: further behind, or the target missed. Always given in words as well."),
    Term("direction", "Direction of travel", (r"direction of travel",), "Whether the figure moved the way the "
         "plan wants (improving), the other way (worsening) or not at all, compared with an earlier period."),
    Term("run-rate", "Run-rate", (r"run-rate",), "The rate at which a figure has been changing, carried forward "
         "to the end of the year to forecast where it will end."),
    Term("xmr", "XmR (process) chart", (r"XmR", r"process chart"), "A statistical process control chart of "
         "each value (X) and the moving range (mR) between values, with limits beyond which a change is "
         "unlikely to be chance."),
    Term("wbl", "WBL", (r"WBL",), "Work-based learning: training in the workplace, such as apprenticeships "
         "and work experience."),
    Term("pledge", "Skills Pledge", (r"Skills Pledge",), "A national voluntary commitment by an employer to "
         "support its staff to gain basic skills and a first level 2 qualification."),
    Term("evidence-date", "Evidence date", (r"evidence date",), "The date the evidence was taken "
         "as at: returns submitted after it are not used, so the same paper can be reproduced later."),
    Term("exception", "Exception", (r"exceptions?",), "An issue that needs the board's attention (a red "
         "indicator, a late return, spending outside a budget), tracked in a register until resolved."),
    Term("ring-fence", "Ring-fenced funding", (r"ring[- ]fenced?",), "Money that may be spent only on the "
         "purpose it was given for (such as a grant for one professional group's training); spending "
         "it elsewhere is a misuse."),
    Term("outturn", "Outturn", (r"outturn",), "What is actually spent (or projected to be spent) over the "
         "year, compared with the budget."),
)  # fmt: skip

SKIP = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "title", "style", "script", "caption", "button",
                  "summary", "th", "label", "svg", "dt", "abbr"})  # fmt: skip
TOKEN = re.compile(r"(<[^>]*>)")
TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")
VOID = frozenset({"img", "br", "hr", "meta", "link", "input", "source", "wbr", "col", "area", "base"})


def _patterns() -> list[tuple[Term, re.Pattern]]:
    return [(t, re.compile(r"\b(?:" + "|".join(t.patterns) + r")\b", re.I)) for t in TERMS]


def _link_text(text: str, pending: dict[str, re.Pattern], used: list[Term], terms: dict[str, Term]) -> str:
    """Link the earliest first use in ``text`` of each term still pending, one link per term."""
    out, start = [], 0
    while pending:
        hits = [(m.start(), m.end(), tid) for tid, rx in pending.items() if (m := rx.search(text, start))]
        if not hits:
            break
        begin, end, tid = min(hits)
        out.append(text[start:begin] + f'<a class="ca-term" href="#glossary-{tid}">{text[begin:end]}</a>')
        start = end
        used.append(terms[tid])
        del pending[tid]  # the other terms are looked for again after this link, never inside it
    out.append(text[start:])
    return "".join(out)


def _section(used: list[Term]) -> str:
    entries = "".join(f'<dt id="glossary-{t.id}">{t.term}</dt><dd>{t.definition}</dd>' for t in TERMS if t in used)
    return (
        '<section class="ca-glossary jp-RenderedHTMLCommon" aria-labelledby="glossary">'
        f'<h2 id="glossary">Glossary</h2><dl>{entries}</dl></section>'
    )


def link_glossary(page: str) -> str:
    """``page`` with each glossary term's first use in the body's text linked, and the glossary appended.

    Only text inside ``<main>`` (or ``<body>``) is read; never text in headings, links, captions, table
    headers or styles, never attribute values. A page using no term is returned unchanged.
    """
    opening = re.search(r"<main\b[^>]*>", page) or re.search(r"<body\b[^>]*>", page)
    if opening is None:
        return page
    head, body = page[: opening.end()], page[opening.end() :]
    terms = {t.id: t for t in TERMS}
    pending = {t.id: rx for t, rx in _patterns()}
    any_pending = re.compile("|".join(rx.pattern for rx in pending.values()), re.I)
    used: list[Term] = []
    depth: dict[str, int] = {}
    parts = TOKEN.split(body)
    for i, part in enumerate(parts):
        if part.startswith("<"):
            name = m.group(1).lower() if (m := TAG_NAME.match(part)) else ""
            if name in SKIP and name not in VOID and not part.endswith("/>"):
                depth[name] = max(0, depth.get(name, 0) + (-1 if part.startswith("</") else 1))
        elif pending and not any(depth.values()) and any_pending.search(part):
            parts[i] = _link_text(part, pending, used, terms)
            # One search per text node for whichever term is still pending (the page is large: base64 charts).
            any_pending = re.compile("|".join(rx.pattern for rx in pending.values()) or "(?!)", re.I)
    if not used:
        return page
    body = "".join(parts)
    close = body.rfind("</main>") if "</main>" in body else body.rfind("</body>")
    close = len(body) if close < 0 else close
    return head + body[:close] + _section(used) + body[close:]
