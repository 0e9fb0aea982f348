"""Indicator pages, their index, the period's data package and about pages (issue #24 items 4, 5 and 8).

Acceptance: a page and downloads for every indicator; the data package validates with frictionless; hostile
member text is escaped on the pages and formula-safe in the downloads; pages have unique titles, headings in
order and alt text on every chart.
"""

from __future__ import annotations

import csv
import json
from html.parser import HTMLParser
from pathlib import Path

import frictionless
import pytest

from compact_analysis.evaluation.evaluate import default_as_at
from compact_analysis.folder import DataFolder
from compact_analysis.presentation.paper import build_paper
from compact_analysis.publishing.indicator_pages import unit_words
from compact_analysis.publishing.period_pages import page_inputs, write_period_pages
from compact_analysis.publishing.render import find_browser
from tests.helpers import FRAMEWORKS

HOSTILE = '=HYPERLINK("http://x")<script>alert(1)</script>'


class _Outline(HTMLParser):
    """The title, heading levels, image alt texts and scripts of a page."""

    def __init__(self):
        super().__init__()
        self.title, self.levels, self.alts, self.scripts, self._in_title = "", [], [], 0, False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.levels.append(int(tag[1]))
        elif tag == "img":
            self.alts.append(dict(attrs).get("alt") or "")
        elif tag == "script":
            self.scripts += 1

    def handle_endtag(self, tag):
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def _outline(path: Path) -> _Outline:
    parser = _Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def pack(tmp_path_factory, ingested_demo) -> tuple[Path, DataFolder]:
    """The Q2 pages of a copy of the demo whose first member's name is hostile text."""
    root = tmp_path_factory.mktemp("pages")
    data = root / "demo"
    source = ingested_demo.store.parent
    data.mkdir()
    for item in source.iterdir():
        if item.is_file():
            (data / item.name).write_bytes(item.read_bytes())
    with (data / "members.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows[1][1] = HOSTILE
    with (data / "members.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    (data / "commentary").mkdir()
    with (data / "commentary" / "2009-10-Q2.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(
            [
                ["id", "owner", "commentary", "action", "action_due"],
                ["pledge-stage-2", "Skills Pledge Theme Group", HOSTILE, "Recruit three members", "2010-03-31"],
            ]
        )
    folder = DataFolder.open(data, FRAMEWORKS / "compact-2009-10.yaml")
    period = folder.period("2009-10-Q2")
    paper = build_paper(folder, period, default_as_at(folder.framework, period))
    staging = root / "out"
    staging.mkdir()
    write_period_pages(page_inputs(folder, paper), staging)
    return staging, folder


def test_every_indicator_has_a_page_and_its_downloads(pack):
    staging, folder = pack
    for indicator in folder.framework.indicators:
        for suffix in (".html", ".csv", ".json", "-returns.csv"):
            assert (staging / "indicators" / f"{indicator.id}{suffix}").is_file(), (indicator.id, suffix)
    index = (staging / "indicators" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{i.id}.html"' in index for i in folder.framework.indicators)
    assert (staging / "about" / "methods.html").is_file() and (staging / "about" / "revisions.html").is_file()


def test_the_period_data_package_validates(pack):
    staging, folder = pack
    report = frictionless.validate(str(staging / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:5]
    descriptor = json.loads((staging / "data" / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in descriptor["resources"]]
    assert names == ["evaluation", "indicator-periods", "members", "returns"]
    assert descriptor["contributors"][0]["title"] == "Alex Example" and descriptor["evidence_as_at"] == "2009-11-14"
    with (staging / "data" / "evaluation.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == len(folder.framework.indicators)  # one row an indicator


def test_hostile_member_text_is_escaped_on_pages_and_formula_safe_in_downloads(pack):
    staging, _ = pack
    page = (staging / "indicators" / "pledge-committed.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    with (staging / "data" / "members.csv").open(encoding="utf-8") as handle:
        names = {row["name"] for row in csv.DictReader(handle)}
    assert "'" + HOSTILE in names and HOSTILE not in names  # a leading apostrophe: shown as text, never run


def test_pages_have_unique_titles_headings_in_order_and_alt_text(pack):
    staging, _ = pack
    pages = sorted(staging.rglob("*.html"))
    outlines = {p: _outline(p) for p in pages}
    titles = [o.title for o in outlines.values()]
    assert len(set(titles)) == len(titles) == len(pages)
    for path, outline in outlines.items():
        assert outline.levels[0] == 1 and outline.levels.count(1) == 1, path
        assert all(b - a <= 1 for a, b in zip(outline.levels, outline.levels[1:], strict=False)), path
        assert all(alt.strip() for alt in outline.alts), path
        assert outline.scripts == 0, path
    charted = _outline(staging / "indicators" / "pledge-committed.html")
    assert len(charted.alts) == 1 and charted.alts[0].startswith("Line chart: Members committed")


def test_owners_commentary_is_shown_escaped_and_awaited_where_missing(pack):
    staging, _ = pack
    commented = (staging / "indicators" / "pledge-stage-2.html").read_text(encoding="utf-8")
    assert "<h2>Owner's commentary</h2>" in commented
    assert "&lt;script&gt;alert(1)" in commented and "Recruit three members" in commented
    awaited = (staging / "indicators" / "pledge-stage-3.html").read_text(encoding="utf-8")  # red, none written
    assert "Commentary awaited from" in awaited


@pytest.mark.browser
def test_every_page_type_reflows_at_320_pixels(pack):
    """WCAG 1.4.10: no sideways scrolling of the page at 320 px; wide tables scroll in their own named box."""
    from playwright.sync_api import sync_playwright  # deferred: only the browser tests need it

    staging, _ = pack
    pages = ["indicators/pledge-committed.html", "indicators/coaching-paper.html", "indicators/index.html",
             "about/methods.html", "about/revisions.html"]  # fmt: skip
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(find_browser()), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 320, "height": 900})
        widths = {}
        for name in pages:
            page.goto((staging / name).as_uri())
            widths[name] = page.evaluate("document.documentElement.scrollWidth")
        browser.close()
    assert widths == dict.fromkeys(pages, 320)


def test_the_indicator_json_carries_its_commentary(pack):
    staging, _ = pack
    record = json.loads((staging / "indicators" / "pledge-stage-2.json").read_text(encoding="utf-8"))
    assert record["indicator"]["commentary"]["action"] == "Recruit three members"
    assert record["indicator"]["commentary"]["action_due"] == "2010-03-31"
    assert [row["period"] for row in record["periods"]] == ["2009-10-Q1", "2009-10-Q2"]


@pytest.mark.parametrize(
    ("unit", "shown", "expected"),
    [
        ("members", "1", "member"),  # "1 members" on the page and the index before
        ("people", "1", "person"),
        ("members", "2", "members"),
        ("members", "0", "members"),
        ("members", "1.5", "members"),
        ("thousand starts", "1", "thousand starts"),  # more than one word: as written
        ("%", "1", "%"),
        ("staff", "1", "staff"),
    ],
)
def test_a_count_of_one_takes_the_singular_unit(unit, shown, expected):
    assert unit_words(unit, shown) == expected
