"""Acceptance (issue 24): the demo Q4 paper's first page says what is asked of the board, a red indicator
without commentary says whose is awaited, and owners' hostile text is escaped."""

from __future__ import annotations

import json

from compact_analysis.folder import DataFolder
from compact_analysis.presentation.paper import paper_from_folder
from tests.helpers import FRAMEWORKS, ROOT

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _paper(data, period="2009-10-Q4"):
    return paper_from_folder(DataFolder.open(data, FRAMEWORKS / "compact-2009-10.yaml"), period)


def test_the_notebook_opens_with_key_messages_and_asks_and_keeps_the_method_below():
    cells = json.loads((ROOT / "notebooks" / "period_evaluation.ipynb").read_text(encoding="utf-8"))["cells"]
    sources = ["".join(c["source"]) for c in cells]
    order = [
        next(i for i, s in enumerate(sources) if s.startswith(h))
        for h in ("## Key messages", "## Asked of the board", "## Summary", "## Method and inputs")
    ]
    assert order == sorted(order) and "paper.asks()" in sources[order[1] + 1]
    assert "This paper reports where the partnership stands" in sources[order[3]]  # kept, not first
    assert "This paper reports" not in sources[order[2]]


def test_demo_q4_asks_the_board_and_names_whose_commentary_is_awaited(demo_copy):
    paper = _paper(demo_copy)
    asks = paper.asks()
    assert asks.startswith("<p>The board is asked to:</p>")  # init-demo writes an example messages file
    assert "Agree that each theme group with a missed target brings a recovery plan" in asks
    assert "This is the year-end paper (synthetic example)." in paper.key_messages()
    assert "Ask Skills Pledge Theme Group for commentary and a remedial action on Members at stage 2" in asks
    sections = paper.priority_sections()
    assert sections.count("Commentary awaited from") == 5  # the 5 indicators needing attention (see template test)
    assert "Commentary awaited from <bdi>LEP Theme Group</bdi>." in sections
    assert "5 of 20 indicators need attention" in paper.key_messages()
    (demo_copy / "messages" / "2009-10-Q4.yaml").unlink()  # no messages file: the page says no decision is sought
    assert "No decision is sought from the board this period. The board is asked to:" in _paper(demo_copy).asks()


def test_commentary_and_messages_are_shown_escaped_and_end_the_wait(demo_copy):
    (demo_copy / "commentary").mkdir()
    (demo_copy / "commentary" / "2009-10-Q4.csv").write_text(
        "id,owner,commentary,action,action_due\n"
        f'pledge-stage-2,Theme group {HOSTILE},"{HOSTILE.replace(chr(34), chr(34) * 2)}",Visit,2010-06-30\n'
        f"EX-0003,Data team,Chased {HOSTILE.replace(chr(34), chr(39))},,\n",
        encoding="utf-8",
    )
    (demo_copy / "messages").mkdir(exist_ok=True)
    (demo_copy / "messages" / "2009-10-Q4.yaml").write_text(
        f"messages:\n  - '{HOSTILE.replace(chr(39), chr(39) * 2)}'\nasks:\n  - Agree to write to the LEP theme group.\n",
        encoding="utf-8",
    )
    paper = _paper(demo_copy)
    html = paper.key_messages() + paper.asks() + paper.priority_sections() + paper.exceptions_register()
    assert "<script>alert" not in html and "<img src=x" not in html and "&lt;script&gt;alert" in html
    assert html.count("Commentary awaited from") == 4  # stage 2 now has its owner's commentary
    assert "Remedial action:</strong> <bdi>Visit (due 30 June 2010)</bdi>" in html
    assert "Agree to write to the LEP theme group." in html and "No decision is sought" not in html
    assert "Data team: Chased" in html  # the exception's row carries its commentary
