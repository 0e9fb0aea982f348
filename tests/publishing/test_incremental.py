"""Only the papers whose digest changed are rendered again (issue #27), rendering real notebooks (slow)."""

from pathlib import Path

import pytest

from compact_analysis.evidence.demo import generate_demo
from compact_analysis.folder import DataFolder
from compact_analysis.publishing.batch import render_reports
from tests.helpers import FRAMEWORKS

pytestmark = pytest.mark.slow
PERIODS = ["2009-10-Q1", "2009-10-Q2"]
# M002's Q1 literacy figure (4 in the demo) corrected to 5, sent on 1 September 2009: after Q1's evidence
# date (30 June + 45 days = 14 August), before Q2's (14 November). A sum: no other member's scorecard shows it.
CORRECTION = "member_id,measure_id,period,value,comment,submitted,correction\n" + (
    "M002,qualified-literacy,2009-10-Q1,5,,2009-09-01,yes\n"
)


def _render(data, out, periods=PERIODS, force=False):
    return render_reports(
        "compact-2009-10", data, periods, out, FRAMEWORKS, scorecards=True, pdf=False, workers=1, force=force
    )


def _files(out: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every published paper file: its inode, modification time and bytes."""
    found = {}
    for path in sorted(out.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".ipynb") and path.name != "index.html":
            st = path.stat()
            found[path.relative_to(out).as_posix()] = (st.st_ino, st.st_mtime_ns, path.read_bytes())
    return found


def test_unchanged_papers_stay_and_a_late_correction_renders_only_what_it_changed(tmp_path):
    data, out = tmp_path / "data", tmp_path / "reports"
    demo = generate_demo(data, DataFolder.open(data, "compact-2009-10", FRAMEWORKS).framework, members=5)
    DataFolder.open(data, "compact-2009-10", FRAMEWORKS).ingest(demo.return_files)
    first = _render(data, out)
    assert [(o.ok, o.rendered, o.unchanged) for o in first] == [(True, 6, 0), (True, 6, 0)]  # paper + 5 cards
    published = _files(out)

    again = _render(data, out)
    assert [(o.rendered, o.unchanged) for o in again] == [(0, 6), (0, 6)]
    assert _files(out) == published  # the very same files: inode, time and bytes

    fresh = _render(data, out, ["2009-10-Q2"], force=True)
    assert (fresh[0].rendered, fresh[0].unchanged) == (6, 0)
    rerendered = _files(out)
    pages = [name for name in published if "2009-10-Q2/" in name and name.endswith(".html")]
    q2 = [name for name in pages if name.endswith("/evaluation.html") or "/members/M" in name]
    assert len(q2) == 6 and all(rerendered[n][2] == published[n][2] for n in q2)  # a skipped paper = a fresh one
    assert all(rerendered[n][0] != published[n][0] for n in q2)  # ...and they were really rendered again
    assert all(rerendered[n][2] == published[n][2] for n in pages)  # indicator and about pages: the same bytes

    (data / "fix.csv").write_text(CORRECTION, encoding="utf-8")
    DataFolder.open(data, "compact-2009-10", FRAMEWORKS).ingest([data / "fix.csv"])
    late = _render(data, out)
    assert [(o.rendered, o.unchanged) for o in late] == [(0, 6), (2, 4)]
    after = _files(out)
    changed = sorted(n for n in after if after[n][:2] != rerendered[n][:2] and n.endswith(".html"))
    papers = [n for n in changed if n.endswith("/evaluation.html") or "/members/M" in n]
    assert papers == ["compact-2009-10/2009-10-Q2/evaluation.html", "compact-2009-10/2009-10-Q2/members/M002.html"]
    # Q2's indicator and about pages are written again with its paper; nothing of Q1 is touched
    assert not [n for n in changed if "2009-10-Q1/" in n]

    (out / "compact-2009-10" / "2009-10-Q1" / "members" / "M003.html").write_text("edited", encoding="utf-8")
    mended = _render(data, out)  # a damaged file is not "unchanged": that paper alone is rendered again
    assert [(o.rendered, o.unchanged) for o in mended] == [(1, 5), (0, 6)]
    assert (
        _files(out)["compact-2009-10/2009-10-Q1/members/M003.html"][2]
        == published["compact-2009-10/2009-10-Q1/members/M003.html"][2]
    )
