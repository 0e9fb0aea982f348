import json

from compact_analysis.site_index import collect, render_index, write_index


def test_index_lists_complete_reports_newest_first_and_escapes(tmp_path):
    for period in ("2009-10-Q1", "2009-10-Q2"):
        folder = tmp_path / "fw" / period
        folder.mkdir(parents=True)
        manifest = {"framework": "fw", "title": "Plan <b>& co</b>", "period": period, "status_counts": {"Green": 2}}
        (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    partial = tmp_path / "fw" / ".2009-10-Q3.partial-x"
    partial.mkdir()
    (partial / "manifest.json").write_text(json.dumps({"framework": "fw", "period": "2009-10-Q3"}), encoding="utf-8")
    found = collect(tmp_path)
    assert [m["period"] for m in found] == ["2009-10-Q2", "2009-10-Q1"]
    page = render_index(found)
    assert "Plan &lt;b&gt;&amp; co&lt;/b&gt;" in page and "<b>" not in page
    assert write_index(tmp_path).read_text(encoding="utf-8") == page
