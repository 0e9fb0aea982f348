"""What a batch renders (issue #23): ``latest`` and ``report-all`` follow the cadence asked for."""

from compact_analysis.publishing.batch import period_names


def test_report_all_renders_the_cadence_asked_for(ingested_demo):
    folder = ingested_demo.folder  # returns for every month and quarter of 2009-10
    assert period_names(folder, None) == [f"2009-10-Q{q}" for q in range(1, 5)]
    assert period_names(folder, None, "monthly") == [f"2009-10-M{m:02d}" for m in range(1, 13)]
    assert period_names(folder, ["latest", "2009-10-Q2"], "annual") == ["2009-10", "2009-10-Q2"]
