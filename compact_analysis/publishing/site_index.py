"""``reports/index.html`` and each period's ``members/index.html``: what was rendered, with links.

The index has one table per framework (an ``<h2>`` each), newest period first,
with the headline RAG counts in their own columns. Statuses are given in words
as well as colour, so the page reads in greyscale and to a screen reader, and
every value taken from a manifest is escaped. Both pages are self-contained
(inline CSS, no scripts, no external assets) so they work from an email
attachment or a web server without directory listing.

The renderers (:func:`render_index`, :func:`render_members_index`) are pure:
data in, HTML out. :func:`collect` and :func:`write_index` do the file work.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from urllib.parse import quote

from compact_analysis.evaluation.status_counts import Rating, StatusCounts
from compact_analysis.evidence.demo import SYNTHETIC_MARKER_FILE
from compact_analysis.presentation.money import money
from compact_analysis.publishing import accessibility_statement
from compact_analysis.publishing.by_exception_index import by_exception_pattern, by_exception_table, is_by_exception
from compact_analysis.publishing.futures_index import collect_futures, futures_section
from compact_analysis.publishing.site_files import write_page

RAG = tuple(Rating)

CSS = """body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.4}
h1{font-size:1.7em;margin-bottom:.3em}h3{font-size:1.1em;margin:1.2em 0 .3em}h2{font-size:1.3em;border-bottom:2px solid #1d4f76;padding-bottom:.15em;margin:1.8em 0 .3em}
p.lede{margin-top:0}p.fw-id,p.back{margin:.2em 0 .6em;color:#444;font-size:.9em}
table{border-collapse:collapse;width:100%;margin:.4em 0 1em}caption{text-align:left;font-weight:bold;padding-bottom:.3em}
th,td{border:1px solid #bbb;padding:.35em .55em;text-align:left;vertical-align:top}
thead th{background:#e8eef3}tbody tr:nth-child(even) td,tbody tr:nth-child(even) th{background:#f5f7f9}
th[scope=row],.nowrap,.total{white-space:nowrap}.scroll{overflow-x:auto}
table.members th[scope=row]{white-space:normal;overflow-wrap:anywhere}
td.count.rag-green{background:#cde8d1}td.count.rag-amber{background:#ffe1a8}td.count.rag-red{background:#f6c3c0}
td.zero{color:#555;white-space:nowrap}.total{font-weight:bold}.detail{display:block;font-size:.85em;white-space:normal}
ul.detail{margin:.15em 0 0;padding:0;list-style:none}
.banner{border:2px solid #8a5a00;background:#fff4de;padding:.6em .9em;margin:.8em 0}
.tag{display:inline-block;margin-top:.2em;padding:0 .35em;border:1px solid #8a5a00;background:#fff4de;font-size:.85em}
a{color:#1d4f76}"""


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
        f"<style>{CSS}</style></head><body><main>{body}</main></body></html>"
    )


def _scroll(label: str) -> str:
    """The opening of a wide table's scroll box: a named region a keyboard can reach (WCAG 2.1.1, 1.3.1)."""
    return f'<div class="scroll" role="region" aria-label="{escape(label, quote=True)}" tabindex="0">'


def _href(path: str) -> str:
    """A relative link, percent-encoded as a URL path and escaped for an attribute."""
    return escape(quote(path), quote=True)


def _synthetic(manifest: dict) -> bool | None:
    """Whether a report was built from synthetic data: the manifest says so since it records ``synthetic``.

    Older manifests do not; then the data folder's marker file is looked for where the manifest
    says the data were (``None`` when that folder is no longer there, so nothing is claimed).
    """
    if isinstance(manifest.get("synthetic"), bool):
        return manifest["synthetic"]
    data = (manifest.get("parameters") or {}).get("data")
    if not data or not Path(data).is_dir():
        return None
    return (Path(data) / SYNTHETIC_MARKER_FILE).exists()


def _manifests(reports_dir: Path, pattern: str) -> list[dict]:
    """The manifests matching ``pattern`` under ``reports_dir`` whose folders are not hidden (partial ones are).

    Each gains ``folder`` (relative to ``reports_dir``) and ``synthetic`` (see :func:`_synthetic`); sorted by
    framework, then newest period first.
    """
    reports_dir = Path(reports_dir)
    found = []
    for manifest in sorted(reports_dir.glob(pattern)):
        if any(part.startswith(".") for part in manifest.parent.relative_to(reports_dir).parts):
            continue
        data = json.loads(manifest.read_text(encoding="utf-8"))
        data["folder"] = manifest.parent.relative_to(reports_dir).as_posix()
        data["synthetic"] = _synthetic(data)
        found.append(data)
    found.sort(key=lambda m: m["period"], reverse=True)
    return sorted(found, key=lambda m: m["framework"])  # stable: periods stay newest first


def collect(reports_dir: Path) -> list[dict]:
    """Manifests of every complete report folder (hidden, partial folders are never listed).

    Each gains ``folder``, ``synthetic`` and ``members_index`` (whether ``members/index.html`` is there to
    link to). Sorted by framework, then newest period first.
    """
    found = _manifests(reports_dir, "*/*/manifest.json")
    for data in found:
        data["members_index"] = (Path(reports_dir) / data["folder"] / "members" / "index.html").is_file()
    return found


def collect_training(reports_dir: Path) -> list[dict]:
    """Manifests of every complete training paper (``<framework>/training/<period>/``), newest period first."""
    return [m for m in _manifests(reports_dir, "*/training/*/manifest.json") if m.get("kind") == "training"]


def collect_by_exception(reports_dir: Path) -> list[dict]:
    """Manifests of every complete report by exception (``<framework>/by-exception/<body>/<period>/``)."""
    return [m for m in _manifests(reports_dir, by_exception_pattern()) if is_by_exception(m)]


def _pounds(pence: object) -> str:
    """Whole pounds with thousands separators, a true minus sign; a dash when the manifest has no figure."""
    return money(pence, "never") if isinstance(pence, int) else "–"


def _training_table(reports: list[dict], tag_synthetic: bool) -> str:
    """The training papers of one framework: spend, budget and outturn to date, exceptions, links."""
    rows = []
    for m in reports:
        head = m.get("headline") or {}
        raised = head.get("exceptions") or {}
        counts = [
            f"{raised.get('budget-variance', 0)} budget variance",
            f"{raised.get('ring-fence-misuse', 0)} ring-fence misuse",
        ]
        folder = m["folder"]
        links = [f'<a href="{_href(folder + "/training.html")}">Training paper (HTML)</a>']
        if m.get("pdf", True):
            links.append(f'<a href="{_href(folder + "/training.pdf")}">Training paper (PDF)</a>')
        tag = '<br><span class="tag">Synthetic data</span>' if tag_synthetic and m.get("synthetic") else ""
        rows.append(
            f'<tr><th scope="row">{escape(str(m["period"]))}</th>'
            f"<td>{_pounds(head.get('spend_to_date_pence'))}</td><td>{_pounds(head.get('budget_pence'))}</td>"
            f"<td>{_pounds(head.get('projected_outturn_pence'))}</td>"
            f"<td>{escape('; '.join(counts))}</td><td>{' · '.join(links)}{tag}</td></tr>"
        )
    label = f"Training papers of {reports[0]['framework']}: spend, budget, outturn, exceptions"
    return (
        "<h3>Training activity and spend</h3>"
        f"{_scroll(label)}<table>"
        f'<thead><tr><th scope="col">Period</th><th scope="col">Spend to date</th>'
        '<th scope="col">Annual budget</th><th scope="col">Projected outturn</th>'
        '<th scope="col">Exceptions raised</th><th scope="col">Files</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def rag_of(label: str) -> str | None:
    """'Green: on track' -> 'green'; ``None`` for a label that is not a RAG rating ('Delivered')."""
    word = str(label).split(":", 1)[0].strip().lower()
    return word if word in RAG else None


def counts_of(manifest: dict) -> StatusCounts:
    """A manifest's status counts, as :func:`compact_analysis.evaluation.status_counts.status_counts` gave them.

    A manifest written before the counts carried their codes has ``{label: count}`` (and maybe
    ``status_colours``, label -> colour); each label is then rated by that colour or its first word.
    """
    value = manifest.get("status_counts") or []
    if not isinstance(value, dict):
        return StatusCounts.from_records(r for r in value if isinstance(r, dict))
    colours = manifest.get("status_colours") or {}
    records = []
    for label, n in value.items():
        rating = colours.get(label) if label in colours else rag_of(label)
        word = str(label).split(":", 1)[1].strip() if rating and ":" in str(label) else str(label)
        records.append({"code": label, "word": word, "rating": rating, "count": n})
    return StatusCounts.from_records(records)


def _rag_cell(rating: Rating, counts: StatusCounts) -> str:
    total = counts.rated(rating)
    if not total:
        return f'<td class="count zero">0 {rating}</td>'
    details = counts.detail(rating)
    detail_html = f'<span class="detail">{escape("; ".join(details))}</span>' if details else ""
    return f'<td class="count rag-{rating}"><span class="total">{total} {rating}</span>{detail_html}</td>'


def _not_rated_cell(counts: StatusCounts) -> str:
    if not counts.not_rated:
        return '<td class="count zero">0 not rated</td>'
    listed = "".join(f"<li>{escape(text)}</li>" for text in counts.not_rated_detail())
    return f'<td class="count"><span class="total">{counts.not_rated} not rated</span><ul class="detail">{listed}</ul></td>'


def _files_cell(m: dict, tag_synthetic: bool) -> str:
    folder = m["folder"]
    links = [f'<a href="{_href(folder + "/evaluation.html")}">Evaluation (HTML)</a>']
    if m.get("pdf", True):
        links.append(f'<a href="{_href(folder + "/evaluation.pdf")}">Evaluation (PDF)</a>')
    parts = [" · ".join(links)]
    if "indicators/index.html" in (m.get("pages") or []):  # indicator pages by priority, theme and perspective
        parts.append(
            f'<a href="{_href(folder + "/indicators/index.html")}">Indicator pages</a> · '
            f'<a href="{_href(folder + "/data/datapackage.json")}">Data package</a>'
        )
    scorecards = m.get("scorecards") or []
    if scorecards:
        n = len(scorecards)
        noun = "member scorecard" if n == 1 else "member scorecards"
        if m.get("members_index", "scorecard_members" in m):
            parts.append(f'<a href="{_href(folder + "/members/index.html")}">{n} {noun}</a>')
        else:  # an older folder without a members index: the bare folder is all there is
            parts.append(f'{n} {noun} in <a href="{_href(folder + "/members/")}">members/</a>')
    if tag_synthetic and m.get("synthetic"):
        parts.append('<span class="tag">Synthetic data</span>')
    return f"<td>{'<br>'.join(parts)}</td>"


def _framework_table(number: int, reports: list[dict], tag_synthetic: bool, training: list[dict] = ()) -> str:
    newest = (reports or training)[0]
    framework = str(newest["framework"])
    title = str(newest.get("title") or framework) if reports else framework
    heading_id = f"framework-{number}"
    papers = [m for m in training if not is_by_exception(m)]  # the training papers; reports by exception below
    extra = _training_table(papers, tag_synthetic) if papers else ""
    extra += by_exception_table([m for m in training if is_by_exception(m)], tag_synthetic)
    if not reports:
        return f'<h2 id="{heading_id}">{escape(title)}</h2>{extra}'
    rows = []
    for m in reports:
        counts = counts_of(m)
        cells = "".join(_rag_cell(rating, counts) for rating in Rating) + _not_rated_cell(counts)
        rows.append(f'<tr><th scope="row">{escape(str(m["period"]))}</th>{cells}{_files_cell(m, tag_synthetic)}</tr>')
    id_line = f'<p class="fw-id">Framework id: <span class="nowrap">{escape(framework)}</span></p>'
    return (
        f'<h2 id="{heading_id}">{escape(title)}</h2>{id_line if framework != title else ""}'
        f'{_scroll(f"Periods of {title}")}<table aria-labelledby="{heading_id}"><thead><tr><th scope="col">Period</th>'
        '<th scope="col">Green</th><th scope="col">Amber</th><th scope="col">Red</th>'
        '<th scope="col">Not rated</th><th scope="col">Files</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>{extra}"
    )


def _by_body_link(reports: list[dict]) -> str:
    """A link to ``bodies.html`` (publishing/audience_index.py) when any report names the bodies it goes to."""
    if not any(m.get("audience") or m.get("consulted") for m in reports):
        return ""
    return '<p><a href="bodies.html">Reports by the body they go to</a>, as the framework’s timetable says</p>'


def render_index(reports: list[dict], training: list[dict] = (), futures: list[dict] = ()) -> str:
    """The index page as HTML: one table per framework, in the order given, newest period first.

    Frameworks appear in the order their first report appears in ``reports`` (``collect`` sorts
    them by id); within a framework, periods are newest first. Every manifest value is escaped.
    """
    groups: dict[str, list[dict]] = {}
    for m in reports:
        groups.setdefault(str(m["framework"]), []).append(m)
    papers: dict[str, list[dict]] = {}
    for m in training:
        groups.setdefault(str(m["framework"]), [])
        papers.setdefault(str(m["framework"]), []).append(m)
    for group in (*groups.values(), *papers.values()):
        group.sort(key=lambda m: str(m["period"]), reverse=True)
    everything = [*reports, *training, *futures]
    synthetic = [m for m in everything if m.get("synthetic")]
    banner = ""
    if synthetic and len(synthetic) == len(everything):
        banner = (
            '<div class="banner" role="note"><strong>Synthetic data.</strong> Every report listed here was '
            "built from synthetic data: the organisations and figures are invented. They describe no real body.</div>"
        )
    elif synthetic:
        banner = (
            '<div class="banner" role="note"><strong>Synthetic data.</strong> Reports tagged '
            "“Synthetic data” were built from invented organisations and figures. They describe no real body.</div>"
        )
    tag_synthetic = bool(synthetic) and len(synthetic) < len(everything)
    tables = "".join(
        _framework_table(i, group, tag_synthetic, papers.get(framework, []))
        for i, (framework, group) in enumerate(groups.items(), 1)
    )
    body = (
        "<h1>Evaluation reports</h1>"
        '<p class="lede">Every framework and period rendered, newest period first. The counts are the '
        "headline position of each period’s indicators, as each paper’s summary gives it: rated Green, Amber "
        "or Red (a target achieved at its due date counts as green, one missed as red), and Not rated for "
        "statuses that are not a rating (such as delivered, monitored or a target still to be set), named in "
        "the cell."
        f"</p>{_by_body_link(reports)}{banner}{tables or ('' if futures else '<p>No reports yet.</p>')}"
        + futures_section(list(futures), tag_synthetic)
        + f'<p class="back"><a href="{accessibility_statement.FILE}">Accessibility statement</a></p>'
    )
    return _page("Evaluation reports", body)


def members_of(manifest: dict) -> list[dict]:
    """The scorecard members of a manifest, sorted by name then id.

    From ``scorecard_members`` ({member_id, name, sector}); a manifest without names (older
    ones) falls back to the ids in ``scorecards``, and an id missing a name is listed by its id.
    """
    named = {str(m.get("member_id")): m for m in manifest.get("scorecard_members") or []}
    out = []
    for member_id in manifest.get("scorecards") or list(named):
        entry = named.get(str(member_id), {})
        name = str(entry.get("name") or "").strip()
        out.append({"member_id": str(member_id), "name": name, "sector": str(entry.get("sector") or "")})
    return sorted(out, key=lambda m: ((m["name"] or m["member_id"]).casefold(), m["member_id"]))


def _scorecards_date(manifest: dict) -> str:
    """The sentence naming the evidence date the scorecards were rendered for (kept ones may be older)."""
    date = manifest.get("scorecards_evidence_as_at") or manifest.get("evidence_as_at")
    if not date:
        return ""
    text = f" Rendered with the evidence as at {escape(str(date))}"
    paper = manifest.get("evidence_as_at")
    if paper and str(paper) != str(date):
        text += f"; the period’s evaluation now uses the evidence as at {escape(str(paper))}"
    return text + "."


def render_members_index(manifest: dict) -> str:
    """``members/index.html`` for one period folder: every member's scorecard, sorted by member name.

    Links are relative to the ``members/`` folder: the scorecards sit beside it, the period's
    evaluation one level up and the reports index three levels up.
    """
    title = str(manifest.get("title") or manifest.get("framework") or "")
    period = str(manifest.get("period") or "")
    pdf = bool(manifest.get("pdf", True))
    scorecard_pdf = manifest.get("scorecards_pdf")
    scorecard_pdf = pdf if scorecard_pdf is None else bool(scorecard_pdf)
    members = members_of(manifest)
    rows = []
    for m in members:
        links = [f'<a href="{_href(m["member_id"] + ".html")}">HTML</a>']
        if scorecard_pdf:
            links.append(f'<a href="{_href(m["member_id"] + ".pdf")}">PDF</a>')
        name = escape(m["name"] or m["member_id"])
        rows.append(
            f'<tr><th scope="row">{name}</th><td class="nowrap">{escape(m["member_id"])}</td>'
            f'<td>{escape(m["sector"])}</td><td class="nowrap">{" · ".join(links)}</td></tr>'
        )
    n = len(members)
    banner = ""
    if manifest.get("synthetic"):
        banner = (
            '<div class="banner" role="note"><strong>Synthetic data.</strong> Every organisation and figure in '
            "these scorecards is invented. They describe no real body.</div>"
        )
    evaluation = '<a href="../evaluation.html">the period’s evaluation (HTML)</a>'
    if pdf:
        evaluation += ' or <a href="../evaluation.pdf">PDF</a>'
    body = (
        f'<h1>Member scorecards: {escape(title)}, <span class="nowrap">{escape(period)}</span></h1>'
        f'<p class="back">Back to {evaluation} · <a href="../../../index.html">all reports</a></p>{banner}'
        f"<p>{n} member {'scorecard' if n == 1 else 'scorecards'}, sorted by member name.{_scorecards_date(manifest)}</p>"
        f'{_scroll(f"Scorecards for {period}")}<table class="members"><caption>'
        f'Scorecards for {escape(period)}</caption><thead><tr><th scope="col">Member</th>'
        '<th scope="col">ID</th><th scope="col">Sector</th><th scope="col">Scorecard</th></tr></thead>'
        f"<tbody>{''.join(rows) or '<tr><td colspan=4>No scorecards.</td></tr>'}</tbody></table></div>"
    )
    return _page(f"Member scorecards: {title}, {period}", body)


def write_index(reports_dir: Path) -> Path:
    """Write ``index.html`` atomically and return its path."""
    reports_dir = Path(reports_dir)
    reports_dir.mkdir(parents=True, exist_ok=True)
    futures = collect_futures(reports_dir, _manifests)
    training = collect_training(reports_dir) + collect_by_exception(reports_dir)
    target = write_page(reports_dir / "index.html", render_index(collect(reports_dir), training, futures))
    statement = _page(accessibility_statement.TITLE, accessibility_statement.statement_body())
    write_page(reports_dir / accessibility_statement.FILE, statement)
    return target
