"""The synthetic demo generator: fixed seed, fictional names, and the realities the issue lists."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from compact_analysis.evidence.demo import AWKWARD_NAME, BASELINE_MEASURES, generate_demo


def _rows(paths):
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            rows += [dict(r, file=path.name) for r in csv.DictReader(handle)]
    return rows


def _register(demo):
    with open(demo.members_file, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_same_seed_writes_the_same_files(tmp_path, compact, ingested_demo):
    again = generate_demo(tmp_path, compact, seed=2009)
    for first, second in zip(ingested_demo.demo.return_files, again.return_files, strict=True):
        assert first.read_bytes() == second.read_bytes()
    assert again.planted_faults == ingested_demo.demo.planted_faults


def test_fifty_deemed_members_in_county_proportions(ingested_demo):
    register = _register(ingested_demo.demo)
    deemed = [r for r in register if r["deemed"] == "yes"]
    # 50 deemed at the start + 1 joining mid-year; the partnership itself is not deemed.
    assert len(deemed) == 51
    sectors = Counter(r["sector"] for r in deemed)
    assert sectors["local authority"] == 10 and sectors["police"] == 1 and sectors["fire"] == 1
    # 8 district councils are generated; the awkward name may replace one of them.
    assert 7 <= sum("District Council" in r["name"] for r in register) <= 8
    assert sum(r["name"] == AWKWARD_NAME for r in register) == 1
    assert next(r for r in register if r["member_id"] == "M007")["name"] == AWKWARD_NAME


def test_one_member_joins_and_one_leaves_mid_year(ingested_demo):
    register = {r["member_id"]: r for r in _register(ingested_demo.demo)}
    assert register[ingested_demo.demo.joined_mid_year]["joined"] == "2009-11-01"
    assert register[ingested_demo.demo.left_mid_year]["left"] == "2009-10-31"


def test_silent_members_never_return_and_some_are_late(ingested_demo):
    rows = _rows(ingested_demo.demo.return_files)
    planted = {(f, row) for f, row, _ in ingested_demo.demo.planted_faults}
    numbered = Counter()
    returned = set()
    for r in rows:
        numbered[r["file"]] += 1
        if (r["file"], numbered[r["file"]] + 1) not in planted:
            returned.add(r["member_id"])
    assert not returned & set(ingested_demo.demo.never_return)
    late = [r for r in rows if r["submitted"] >= "2010-06-01" and r["period"].endswith("Q4")]
    assert late, "some Q4 returns arrive more than 60 days after 31 March"


def test_stage_progress_is_monotone_apart_from_the_planted_fault(ingested_demo, compact):
    levels = compact.scale("pledge").levels
    planted = {(f, row) for f, row, code in ingested_demo.demo.planted_faults if code == "stage-backwards"}
    assert len(planted) == 1
    by_member = {}
    for path in ingested_demo.demo.return_files:
        if "corrections" in path.name:
            continue
        with open(path, encoding="utf-8") as handle:
            for row_number, row in enumerate(csv.DictReader(handle), start=2):
                wanted = row["measure_id"] == "pledge-level" and row["value"] in levels
                if wanted and (path.name, row_number) not in planted:
                    by_member.setdefault(row["member_id"], []).append((row["period"], levels.index(row["value"])))
    for history in by_member.values():
        ranks = [rank for _, rank in sorted(history)]
        assert ranks == sorted(ranks)


def test_baseline_questions_are_asked_in_q1_and_some_do_not_answer(ingested_demo):
    rows = [r for r in _rows(ingested_demo.demo.return_files) if r["file"] == "2009-10-Q1.csv"]
    members = {
        r["member_id"] for r in _register(ingested_demo.demo) if r["deemed"] == "yes" and r["joined"] < "2009-04-01"
    }
    for measure in BASELINE_MEASURES:
        answered = {r["member_id"] for r in rows if r["measure_id"] == measure}
        assert 0 < len(answered) < len(members)
        assert {r["value"] for r in rows if r["measure_id"] == measure} == {"yes", "no"}


@pytest.mark.slow
def test_a_five_thousand_member_set_can_be_made(tmp_path, compact):
    demo = generate_demo(tmp_path, compact, seed=1, members=5000)
    assert sum(r["deemed"] == "yes" for r in _register(demo)) == 5001
