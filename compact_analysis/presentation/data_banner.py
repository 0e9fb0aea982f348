"""The first-page notice of what is not real in a paper's data (issue #21 item 8).

A demo folder (``init-demo``) is synthetic throughout: invented organisations and figures. A real published
plan rendered with illustrative returns is not: its plan, targets and baselines are real and only its returns
are made up. Its marker file (``SYNTHETIC.txt``) then starts "Illustrative returns", and the paper says that,
rather than calling a real council invented.
"""

from __future__ import annotations

from pathlib import Path

from compact_analysis.evidence.demo import SYNTHETIC_MARKER_FILE
from compact_analysis.presentation import html as ui

#: How a marker file for illustrative returns against a real plan begins.
ILLUSTRATIVE = "illustrative returns"


def is_illustrative(data_dir: Path) -> bool:
    """Whether the folder's marker says its returns are illustrative against a real plan."""
    marker = Path(data_dir) / SYNTHETIC_MARKER_FILE
    if not marker.is_file():
        return False
    with marker.open(encoding="utf-8", errors="replace") as text:
        return text.read(200).strip().lower().startswith(ILLUSTRATIVE)


def data_banner(data_dir: Path, is_synthetic: bool) -> ui.Html:
    """The synthetic-data notice, or, for illustrative returns against a real plan, a notice saying which is which."""
    if not is_synthetic or not is_illustrative(data_dir):
        return ui.synthetic_banner(is_synthetic)
    return ui.Html(
        '<div class="ca-banner" role="note"><strong>Illustrative returns.</strong> The plan, its targets and '
        "baselines are real, quoted from its published source; every return in this paper is illustrative, "
        "written to demonstrate the toolkit. The figures are not the organisation's results.</div>"
    )
