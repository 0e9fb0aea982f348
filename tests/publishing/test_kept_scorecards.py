"""Re-rendering a period without --scorecards keeps the scorecards published for it (issue #23)."""

import json
import os
import stat

import pytest
from click.testing import CliRunner

from compact_analysis.cli import main
from compact_analysis.evidence.demo import SYNTHETIC_MARKER_FILE, generate_demo
from compact_analysis.folder import DataFolder
from compact_analysis.publishing.kept_scorecards import carry_scorecards, scorecard_entries
from compact_analysis.publishing.site_index import render_members_index
from tests.helpers import FRAMEWORKS


def _published(folder, manifest):
    (folder / "members").mkdir(parents=True)
    (folder / "members" / "M001.html").write_text("card", encoding="utf-8")
    (folder / "members" / "index.html").write_text("old index", encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def test_carry_copies_members_and_keeps_their_own_evidence_date(tmp_path):
    final, staging = tmp_path / "Q2", tmp_path / ".Q2.partial"
    staging.mkdir()
    details = [{"member_id": "M001", "name": "Ashby", "sector": "health"}]
    _published(final, {"evidence_as_at": "2009-11-14", "pdf": False, "scorecards": ["M001"],
                       "scorecard_members": details})  # fmt: skip
    kept = carry_scorecards(final, staging)
    assert (staging / "members" / "M001.html").read_text(encoding="utf-8") == "card"
    assert kept == {"scorecards": ["M001"], "scorecard_members": details, "scorecards_evidence_as_at": "2009-11-14",
                    "scorecards_pdf": False, "scorecards_kept": True}  # fmt: skip
    # Carried a second time, the date stays the scorecards' own, not the later paper's.
    final2, staging2 = tmp_path / "again", tmp_path / ".again.partial"
    staging2.mkdir()
    _published(final2, {**kept, "evidence_as_at": "2010-06-30"})
    assert carry_scorecards(final2, staging2)["scorecards_evidence_as_at"] == "2009-11-14"


def test_nothing_to_carry_without_a_members_folder(tmp_path):
    (tmp_path / "Q2").mkdir()
    assert carry_scorecards(tmp_path / "Q2", tmp_path) is None
    assert scorecard_entries([], [], "2009-11-14", True)["scorecards_evidence_as_at"] is None


def test_members_index_says_the_date_the_scorecards_were_rendered_for():
    manifest = {"title": "T", "period": "2009-10-Q2", "evidence_as_at": "2010-06-30", "pdf": True,
                "scorecards": ["M001"], "scorecards_evidence_as_at": "2009-11-14", "scorecards_pdf": False}  # fmt: skip
    page = render_members_index(manifest)
    assert "Rendered with the evidence as at 2009-11-14" in page and "now uses the evidence as at 2010-06-30" in page
    assert 'href="M001.html"' in page and 'href="M001.pdf"' not in page  # the kept scorecards had no PDF
    same = render_members_index({**manifest, "evidence_as_at": "2009-11-14"})
    assert "Rendered with the evidence as at 2009-11-14." in same and "now uses" not in same


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory):
    """Five members, so a scorecard pack is six notebooks, not fifty-one."""
    folder = tmp_path_factory.mktemp("small")
    demo = generate_demo(folder, DataFolder.open(folder, "compact-2009-10", FRAMEWORKS).framework, members=5)
    (folder / SYNTHETIC_MARKER_FILE).write_text("synthetic\n", encoding="utf-8")
    DataFolder.open(folder, "compact-2009-10", FRAMEWORKS).ingest(demo.return_files)
    return folder


def test_report_all_without_scorecards_keeps_q2s_and_drop_removes_them(small_demo, tmp_path):
    old = os.umask(0o022)
    try:
        out = tmp_path / "reports"
        common = ["--data", str(small_demo), "--frameworks-dir", str(FRAMEWORKS), "--out", str(out), "--no-pdf"]
        first = CliRunner().invoke(
            main, ["report", "--period", "2009-10-Q2", "--scorecards", "--workers", "1", *common]
        )
        assert first.exit_code == 0, first.output
        q2 = out / "compact-2009-10" / "2009-10-Q2"
        cards = sorted(p.name for p in (q2 / "members").iterdir())
        assert len([c for c in cards if c.endswith(".html") and c != "index.html"]) == 5
        # --force: without it Q2, its inputs unchanged, would be left as it is (publishing.incremental)
        again = CliRunner().invoke(main, ["report-all", "--workers", "1", "--force", *common])
        assert again.exit_code == 0, again.output
        assert "2009-10-Q2: kept the 5 member scorecards" in again.output
        assert sorted(p.name for p in (q2 / "members").iterdir()) == cards
        manifest = json.loads((q2 / "manifest.json").read_text(encoding="utf-8"))
        assert len(manifest["scorecards"]) == 5 and manifest["scorecards_kept"]
        assert manifest["scorecards_evidence_as_at"] == manifest["evidence_as_at"]  # nothing ingested between
        assert not (out / "compact-2009-10" / "2009-10-Q1" / "members").exists()  # none were ever rendered
        for path in [out, *out.rglob("*")]:  # umask 022: folders 0o755, files 0o644
            assert stat.S_IMODE(path.stat().st_mode) == (0o755 if path.is_dir() else 0o644), path
        dropped = CliRunner().invoke(main, ["report", "--period", "2009-10-Q2", "--drop-scorecards", *common])
        assert dropped.exit_code == 0 and "removed the member scorecards" in dropped.output, dropped.output
        assert not (q2 / "members").exists()
        assert json.loads((q2 / "manifest.json").read_text(encoding="utf-8"))["scorecards"] == []
    finally:
        os.umask(old)
