"""Charts: alt text and captions say what the figure shows; axes span the whole plan."""

import subprocess
import sys
import textwrap
import warnings
from datetime import date

from compact_analysis.presentation.charts import trajectory_chart, y_limits
from compact_analysis.presentation.paper import build_paper
from compact_analysis.presentation.xmr_chart import short_labels
from tests.helpers import ROOT

QUARTER_ENDS = [
    (date(2009, 6, 30), "Q1"),
    (date(2009, 9, 30), "Q2"),
    (date(2009, 12, 31), "Q3"),
    (date(2010, 3, 31), "Q4"),
]


def test_trajectory_chart_alt_text_names_every_period_and_the_target():
    chart = trajectory_chart(
        "Members committed to the Skills Pledge",
        QUARTER_ENDS,
        [(date(2009, 6, 30), 14), (date(2009, 9, 30), None)],
        [(date(2009, 4, 1), 0.0), (date(2010, 3, 31), 20.0)],
        20,
        "members",
    )
    assert chart.alt == (
        "Line chart: Members committed to the Skills Pledge. Actual values at each period end (Q1: 14, Q2: no data) "
        "against a trajectory to a target of 20 by 31 March 2010."
    )
    assert chart.caption.endswith("to the target (dotted) of 20 by 31 March 2010.")
    assert chart.png.startswith(b"\x89PNG")
    html = chart.to_html()
    assert '<p class="ca-caption">Actual (solid line, dots)' in html and 'alt="Line chart: Members' in html


def test_trajectory_chart_describes_the_run_rate_projection():
    chart = trajectory_chart(
        "Members at stage 2",
        QUARTER_ENDS,
        [(date(2009, 6, 30), 2), (date(2009, 9, 30), 5)],
        [(date(2009, 4, 1), 0.0), (date(2010, 3, 31), 12.0)],
        12,
        "members",
        projection=[(date(2009, 9, 30), 5), (date(2010, 3, 31), 10)],
    )
    # 5 now, 2.5 a quarter for two more quarters: 10 by the due date.
    assert chart.alt.endswith("The run-rate projection reaches 10 by the due date.")
    assert chart.caption.endswith("run-rate projection dash-dotted.")


def test_month_labels_drop_the_year_they_share():
    assert short_labels(["2009-10-M01", "2009-10-M02"]) == (["M01", "M02"], "2009-10")
    # Two years, or labels that are not period names, stay as they are.
    assert short_labels(["2009-10-M12", "2010-11-M01"]) == (["2009-10-M12", "2010-11-M01"], "")
    assert short_labels(["1", "2"]) == (["1", "2"], "")


def test_drawing_a_chart_leaves_the_matplotlib_backend_alone():
    """An analyst's Jupyter session keeps its backend: the chart modules never call ``matplotlib.use``.

    A fresh interpreter picks the ``svg`` backend, imports the chart modules (the training paper's too)
    and draws both kinds of evaluation chart; the backend is still ``svg`` and pyplot was never imported.
    """
    script = textwrap.dedent(
        """
        import sys
        from datetime import date

        import matplotlib

        matplotlib.use("svg")
        from compact_analysis.evaluation.spc import xmr
        from compact_analysis.presentation import charts, xmr_chart
        from compact_analysis.training import charts as training_charts

        charts.trajectory_chart("T", [(date(2009, 6, 30), "Q1")], [(date(2009, 6, 30), 1)],
                                [(date(2009, 4, 1), 0.0), (date(2010, 3, 31), 4.0)], 4, "members")
        charts.variation_chart(xmr([1, 2, 3, 2, 1]), "V", "Members", "alt")
        print(matplotlib.get_backend(), "matplotlib.pyplot" in sys.modules)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.split() == ["svg", "False"]


def test_a_trajectory_of_zeros_draws_without_a_warning():
    # Target 0 and every actual 0 once set the y axis from 0 to 0 ("Attempting to set identical low and high
    # ylims" in a published paper); the axis now runs from 0 to 1.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        chart = trajectory_chart(
            "Nothing yet", QUARTER_ENDS, [(date(2009, 6, 30), 0.0)], [(date(2009, 4, 1), 0.0)], 0, "members"
        )
    assert chart.png.startswith(b"\x89PNG")


def test_y_limits_never_empty_and_never_cut_a_value_off():
    # Highest 20, lowest 0: 0 to 20 + 10% of the span 20 = 22 (as before).
    assert y_limits([20.0, 14.0, 0.0]) == (0.0, 22.0)
    # All zero: 0 to 1, never 0 to 0 (matplotlib's "identical low and high ylims").
    assert y_limits([0.0, 0.0]) == (0.0, 1.0)
    # A figure below 0 (-5 to 0, span 5): -5 - 0.5 to 0, so the values are drawn, not cut off at 0.
    assert y_limits([-5.0, -2.0]) == (-5.5, 0.0)
    # Both sides: -2 to 8, span 10: -3 to 9.
    assert y_limits([8.0, -2.0]) == (-3.0, 9.0)


def test_the_demo_papers_charts_draw_without_a_warning(ingested_demo):
    # Every paper carried "UserWarning: Attempting to set identical low and high ylims" (issue 21): every
    # chart of the demo year's four quarterly papers is drawn here with warnings turned into errors.
    folder = ingested_demo.folder
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for period in folder.framework.periods("quarterly"):
            paper = build_paper(folder, period, date(2010, 6, 30))
            assert "<img" in str(paper.priority_sections())
