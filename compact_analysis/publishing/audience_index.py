"""``reports/bodies.html``: the rendered papers grouped by the body they go to (issue #26, "Audience").

Each period's manifest records the bodies the framework's timetable sends its paper to (``audience``) and
those consulted on it (``consulted``: :func:`compact_analysis.publishing.manifest.audience_fields`). This
page has a section per body listing only the papers that go to it, so EMT, DMG or a working party can be
sent the link to its own section (``bodies.html#body-emt``). Like the index it is self-contained, states
the role in words and escapes every manifest value. It is written beside ``index.html`` when any report
names a body, and removed when none does.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from compact_analysis.publishing.site_files import write_page
from compact_analysis.publishing.site_index import _href, _page, collect

BODIES_PAGE = "bodies.html"


def _bodies(manifest: dict, key: str) -> list[dict]:
    return [b for b in manifest.get(key) or [] if isinstance(b, dict) and b.get("id")]


def bodies_of(reports: list[dict]) -> list[tuple[str, str]]:
    """Every body (id, name) any report goes to or consults, in the order first met."""
    found: dict[str, str] = {}
    for m in reports:
        for body in _bodies(m, "audience") + _bodies(m, "consulted"):
            found.setdefault(str(body["id"]), str(body.get("name") or body["id"]))
    return list(found.items())


def reports_for_body(reports: list[dict], body: str) -> list[tuple[dict, str]]:
    """The reports that go to ``body``, each with its role: "Receives" or "Consulted"."""
    found = []
    for m in reports:
        if body in {str(b["id"]) for b in _bodies(m, "audience")}:
            found.append((m, "Receives"))
        elif body in {str(b["id"]) for b in _bodies(m, "consulted")}:
            found.append((m, "Consulted"))
    return found


def _row(m: dict, role: str) -> str:
    folder = m["folder"]
    links = [f'<a href="{_href(folder + "/evaluation.html")}">Evaluation (HTML)</a>']
    if m.get("pdf", True):
        links.append(f'<a href="{_href(folder + "/evaluation.pdf")}">Evaluation (PDF)</a>')
    title = escape(str(m.get("title") or m.get("framework")))
    return (
        f'<tr><th scope="row" class="nowrap">{escape(str(m["period"]))}</th><td>{title}</td>'
        f"<td>{role}</td><td>{' · '.join(links)}</td></tr>"
    )


def _synthetic_note(reports: list[dict]) -> str:
    if not any(m.get("synthetic") for m in reports):
        return ""
    return (
        '<div class="banner" role="note"><strong>Synthetic data.</strong> Some or all of these papers were built '
        "from invented organisations and figures (the index tags which). They describe no real body.</div>"
    )


def render_bodies_index(reports: list[dict]) -> str:
    """The page as HTML: a section per body with a table of its papers, newest period first within a framework."""
    sections = []
    for number, (body, name) in enumerate(bodies_of(reports), 1):
        rows = "".join(_row(m, role) for m, role in reports_for_body(reports, body))
        heading = f"body-{number}"
        sections.append(
            f'<h2 id="body-{escape(body, quote=True)}"><span id="{heading}">{escape(name)}</span></h2>'
            f'<div class="scroll"><table aria-labelledby="{heading}"><thead><tr><th scope="col">Period</th>'
            '<th scope="col">Paper</th><th scope="col">Role</th><th scope="col">Files</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div>"
        )
    contents = "".join(
        f'<li><a href="#body-{_href(body)}">{escape(name)}</a></li>' for body, name in bodies_of(reports)
    )
    body = (
        "<h1>Reports by body</h1>"
        '<p class="lede">The papers each body receives or is consulted on, as the framework’s timetable says. '
        '<a href="index.html">All reports</a>.</p>'
        f"{_synthetic_note(reports)}<ul>{contents}</ul>{''.join(sections)}"
    )
    return _page("Reports by body", body)


def write_bodies_index(reports_dir: Path) -> Path | None:
    """Write ``bodies.html`` atomically when any report names a body (else remove an old one); its path or None."""
    reports_dir = Path(reports_dir)
    target = reports_dir / BODIES_PAGE
    reports = collect(reports_dir)
    if not bodies_of(reports):
        target.unlink(missing_ok=True)
        return None
    return write_page(target, render_bodies_index(reports))
