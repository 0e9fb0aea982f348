"""Direction of travel as an arrow (hidden from screen readers) and in words."""

from __future__ import annotations

import pandas as pd

from compact_analysis.evaluation.status import Direction
from compact_analysis.presentation import html as ui
from compact_analysis.presentation.direction_marks import ARROWS, direction_html


def test_each_direction_has_its_arrow_hidden_and_its_words_shown():
    assert direction_html(Direction.IMPROVED) == (
        '<span class="ca-direction"><span class="ca-arrow" aria-hidden="true">\u25b2</span> improved</span>'
    )
    assert "\u25bc</span> worse" in direction_html("worse")
    assert "\u25ba</span> no significant change" in direction_html(Direction.NO_SIGNIFICANT_CHANGE)
    assert direction_html("not comparable") == '<span class="ca-direction">not comparable</span>'  # no arrow
    assert direction_html("<b>") == '<span class="ca-direction">&lt;b&gt;</span>'
    assert set(ARROWS) == set(Direction) - {Direction.NOT_COMPARABLE}


def test_the_table_shows_the_direction_column_with_arrows():
    frame = pd.DataFrame({"Indicator": ["A", "B"], "Direction of travel": ["improved", None]})
    html = ui.table(frame, "Indicators")
    assert (
        '<td><span class="ca-direction"><span class="ca-arrow" aria-hidden="true">\u25b2</span> improved</span></td>'
        in html
    )
    assert "<td>–</td>" in html  # a missing direction stays a dash
