"""Wide tables scroll in their own named, focusable region (issue #24 item 7; WCAG 1.4.10 reflow, 2.1.1)."""

import re

import pandas as pd

from compact_analysis.presentation import html as ui
from compact_analysis.publishing.regions import unique_region_names


def test_a_table_sits_in_a_named_focusable_scroll_region_with_its_caption_escaped():
    out = ui.table(pd.DataFrame({"Member": ["A & B"]}), 'Members "<all>"')
    assert out.startswith(
        '<div class="ca-scroll" role="region" aria-label="Members &quot;&lt;all&gt;&quot;" tabindex="0">'
        '<table class="ca-table"><caption>Members &quot;&lt;all&gt;&quot;</caption>'
    )
    assert out.endswith("</table></div>")


def test_a_matrix_sits_in_one_too():
    out = ui.matrix(pd.DataFrame({"Member": ["M1"], "Q1": ["Counted"]}), "Returns", "Member")
    assert out.startswith('<div class="ca-scroll" role="region" aria-label="Returns" tabindex="0"><table')


def test_regions_named_alike_on_one_page_are_numbered_from_the_second():
    table = ui.table(pd.DataFrame({"For": ["x"]}), "Answered after the freeze")
    other = ui.table(pd.DataFrame({"For": ["y"]}), "Other")
    # nbconvert's sanitiser writes attributes in alphabetical order: both orders are numbered.
    reordered = table.replace('<div class="ca-scroll" role="region" aria-label="Answered after the freeze"',
                              '<div aria-label="Answered after the freeze" class="ca-scroll" role="region"')  # fmt: skip
    page = unique_region_names(table + other + reordered + table)
    names = re.findall(r'aria-label="([^"]*)"', page)
    assert names == [
        "Answered after the freeze",
        "Other",
        "Answered after the freeze (2)",
        "Answered after the freeze (3)",
    ]
    assert page.count("<caption>Answered after the freeze</caption>") == 3  # the captions stay as written
