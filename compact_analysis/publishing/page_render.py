"""Static pages from Jinja2 templates (``templates/pages``): indicator pages, their index and the about pages.

Autoescaping is on, so every value a template is handed is escaped unless it is already-escaped HTML from
:mod:`compact_analysis.presentation.html` (an :class:`~compact_analysis.presentation.html.Html`), which is
passed through as markup. Pages are self-contained like the reports index (inline CSS, no scripts).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from compact_analysis.presentation.html import Html
from compact_analysis.publishing.page_title import LANGUAGE
from compact_analysis.publishing.site_index import CSS

PAGES_DIR = Path(str(resources.files("compact_analysis") / "templates" / "pages"))

#: The reports index's style, plus status badges, charts, definition lists and named scroll regions.
PAGE_CSS = (
    CSS
    + """
.ca-status{display:inline-block;padding:0 .4em;border-radius:.25em;border:1px solid #666;font-weight:bold}
.ca-green{background:#cde8d1}.ca-amber{background:#ffe1a8}.ca-red{background:#f6c3c0}.ca-grey{background:#e6e6e6}
.ca-chart{margin:.4em 0 1em}.ca-chart img{max-width:100%;height:auto}
figcaption{font-size:.85em;color:#444}dl{display:grid;grid-template-columns:minmax(8em,max-content) 1fr;gap:.2em 1em}
dt{font-weight:bold}dd{margin:0}dd.source{font-style:italic}.ca-nowrap{white-space:nowrap}
.ca-scroll{overflow-x:auto;max-width:100%}.ca-scroll:focus{outline:2px solid #1d4f76}.ca-muted{color:#444}
main>p,main>ul li,dd,.ca-commentary p{overflow-wrap:anywhere}
@media (max-width:30em){dl{grid-template-columns:1fr}dd{margin-bottom:.4em}}"""
)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one Jinja2 environment (templates compiled once a process)."""
    return Environment(loader=FileSystemLoader(PAGES_DIR), autoescape=select_autoescape(default=True))


def markup(fragment: object) -> object:
    """Already-escaped HTML from the presentation layer as template markup; anything else unchanged (escaped)."""
    return Markup(str(fragment)) if isinstance(fragment, Html) else fragment  # noqa: S704 - escaped by ui


def render_page(template: str, title: str, **context: object) -> str:
    """Render ``template`` with ``title`` and the house CSS; :class:`Html` values pass as markup."""
    shown = {key: markup(value) for key, value in context.items()}
    css = Markup(PAGE_CSS)  # noqa: S704 - our CSS
    return environment().get_template(template).render(title=title, css=css, lang=LANGUAGE, **shown)
