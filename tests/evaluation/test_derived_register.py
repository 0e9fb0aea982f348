from datetime import date

import pandas as pd
import pytest

from compact_analysis.errors import ParameterError
from compact_analysis.evaluation.derived_register import (
    RESOLUTION_COLUMNS,
    check_resolution,
    derive_register,
    number_exceptions,
    raised_frame,
    with_recorded,
)
from compact_analysis.evaluation.exception_rules import Candidate, candidates_frame

Q1, Q2, Q3, Q4 = date(2009, 8, 14), date(2009, 11, 14), date(2010, 2, 14), date(2010, 5, 15)  # evidence dates
ENDS = {"2009-10-Q1": date(2009, 6, 30), "2009-10-Q2": date(2009, 9, 30), "2009-10-Q3": date(2009, 12, 31)}
ENDS["2009-10-Q4"] = date(2010, 3, 31)


def _raised(period: str, on: date, *candidates: tuple[str, str, str]) -> pd.DataFrame:
    """A period's raising from (kind, subject, detail) triples; a subject with a dash is an indicator."""
    found = [
        Candidate(kind, s if "-" in s else None, None if "-" in s else s, "Owner", detail)
        for kind, s, detail in candidates
    ]
    return raised_frame(period, ENDS[period], on, candidates_frame(found))


# Q1: pledge-a red, member C missing; Q2: pledge-a red again, target of pledge-b overdue;
# Q3: pledge-a red, C missing again.
RAISED = pd.concat(
    [
        _raised("2009-10-Q1", Q1, ("red", "pledge-a", "2 is behind 5.0"), ("return-missing", "C", "due 14 August")),
        _raised("2009-10-Q2", Q2, ("red", "pledge-a", "5 is behind 6.0"), ("target-overdue", "pledge-b", "due July")),
        _raised("2009-10-Q3", Q3, ("red", "pledge-a", "7 is behind 12.0"), ("return-missing", "C", "due 14 Feb")),
    ],
    ignore_index=True,
)
NONE = pd.DataFrame(columns=RESOLUTION_COLUMNS)


def _resolutions(*rows: tuple[str, str, date, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=RESOLUTION_COLUMNS)


def test_ids_follow_the_opening_evidence_date_then_the_rule_key():
    # Opened at Q1: "red:pledge-a" < "return-missing:C" ("red" < "ret": d before t); then Q2's target-overdue.
    assert number_exceptions(RAISED) == {
        "red:pledge-a": "EX-0001",
        "return-missing:C": "EX-0002",
        "target-overdue:pledge-b": "EX-0003",
    }
    # As at Q1's evidence date only Q1's two exist, with the same ids they keep later.
    early = derive_register(RAISED, NONE, Q1)
    assert list(early["exception_id"]) == ["EX-0001", "EX-0002"]
    assert list(early["rule_key"]) == ["red:pledge-a", "return-missing:C"]


def test_an_exception_opens_once_is_seen_later_and_says_what_its_latest_raising_says():
    view = derive_register(RAISED, NONE, Q2, current="2009-10-Q2").set_index("exception_id")
    red = view.loc["EX-0001"]
    # Raised at Q1 and Q2: opened in Q1 (on its evidence date), seen in Q2, with Q2's detail.
    assert (red["opened_period"], red["opened_on"], red["detail"]) == ("2009-10-Q1", Q1, "5 is behind 6.0")
    assert red["history"] == "opened 2009-10-Q1; seen 2009-10-Q2" and red["status"] == "open"
    # C returned for Q2, so Q2 did not raise it: still open (nobody resolved it), not raised now.
    missing = view.loc["EX-0002"]
    assert missing["status"] == "open" and not missing["raised_now"] and missing["history"] == "opened 2009-10-Q1"
    assert view.loc["EX-0003", "raised_now"] and view.loc["EX-0003", "opened_period"] == "2009-10-Q2"


def test_a_resolution_counts_from_its_date_and_a_later_raising_reopens_the_same_exception():
    chased = _resolutions(("return-missing:C", "EX-0002", date(2009, 11, 20), "C's return arrived and was chased"))
    # Before the resolution's date (Q2's paper, 14 November) it is open.
    assert derive_register(RAISED, chased, Q2).set_index("exception_id").loc["EX-0002", "status"] == "open"
    # On 1 December it is resolved, on 20 November.
    row = derive_register(RAISED, chased, date(2009, 12, 1)).set_index("exception_id").loc["EX-0002"]
    assert (row["status"], row["resolved_on"]) == ("resolved", date(2009, 11, 20))
    # Q3 (evidence 14 February 2010, after 20 November) raises it again: it reopens under the same id.
    row = derive_register(RAISED, chased, Q3).set_index("exception_id").loc["EX-0002"]
    assert (row["status"], row["resolved_on"], row["detail"]) == ("open", None, "due 14 Feb")
    assert row["history"] == (
        "opened 2009-10-Q1; resolved 2009-11-20 (20 November 2009: C's return arrived and was chased); "
        "reopened 2009-10-Q3"
    )


def test_a_resolution_dated_on_an_evidence_date_resolves_what_that_evidence_raised():
    # Resolved on 14 February 2010, Q3's evidence date: Q3's raising comes first that day, so it stays resolved.
    done = _resolutions(("red:pledge-a", "EX-0001", Q3, "Recovery plan agreed"))
    assert derive_register(RAISED, done, Q3).set_index("exception_id").loc["EX-0001", "status"] == "resolved"


def test_a_resolved_data_quality_exception_reopens_only_when_new_cells_arrive():
    dq = pd.concat(
        [
            _raised("2009-10-Q2", Q2, ("data-quality", "file q.csv", "2 quarantined cell(s) (type-error)")),
            _raised("2009-10-Q3", Q3, ("data-quality", "file q.csv", "2 quarantined cell(s) (type-error)")),
            _raised("2009-10-Q4", Q4, ("data-quality", "file q.csv", "3 quarantined cell(s) (type-error)")),
        ],
        ignore_index=True,
    )
    fixed = _resolutions(("data-quality:file q.csv", "EX-0001", date(2009, 12, 1), "Member re-sent the rows"))
    # The same two cells still in quarantine at Q3: nothing has recurred.
    assert derive_register(dq, fixed, Q3)["status"].tolist() == ["resolved"]
    # A third cell by Q4: the same exception reopens.
    assert derive_register(dq, fixed, Q4)["history"].tolist() == [
        "opened 2009-10-Q2; resolved 2009-12-01 (1 December 2009: Member re-sent the rows); reopened 2009-10-Q4"
    ]


def test_the_same_period_raised_at_two_dates_is_seen_once():
    # Q2's paper re-run with evidence to 1 March 2010 raises what Q2 raised on its own date: one history entry.
    later = _raised("2009-10-Q2", date(2010, 3, 1), ("red", "pledge-a", "6 is behind 6.0"))
    both = pd.concat([RAISED[RAISED["period"] != "2009-10-Q3"], later], ignore_index=True)
    view = derive_register(both, NONE, date(2010, 3, 1), current="2009-10-Q2").set_index("rule_key")
    assert view.loc["red:pledge-a", "history"] == "opened 2009-10-Q1; seen 2009-10-Q2"
    # Raised now means raised by the period's latest raising (1 March): only the red one.
    assert view["raised_now"].to_dict() == {
        "red:pledge-a": True,
        "return-missing:C": False,
        "target-overdue:pledge-b": False,
    }


def test_resolving_is_checked_against_the_register_as_at_its_date():
    on = date(2009, 12, 1)
    view = derive_register(RAISED, NONE, on)
    assert check_resolution(view, "EX-0002", "chased", on)["rule_key"] == "return-missing:C"
    with pytest.raises(ParameterError, match="needs a note"):
        check_resolution(view, "EX-0002", "  ", on)
    # EX-0003 opened at Q2 (14 November): as at 1 August it does not exist yet.
    with pytest.raises(ParameterError, match="no exception EX-0003 in the register as at 2009-08-01"):
        check_resolution(derive_register(RAISED, NONE, date(2009, 8, 1)), "EX-0003", "x", date(2009, 8, 1))
    resolved = derive_register(RAISED, _resolutions(("return-missing:C", "EX-0002", date(2009, 11, 20), "x")), on)
    with pytest.raises(ParameterError, match="already resolved"):
        check_resolution(resolved, "EX-0002", "again", on)


def test_training_exceptions_recorded_are_listed_after_the_derived_ones():
    recorded = pd.DataFrame(
        {"exception_id": ["TR-0001", "TR-0002"], "kind": ["budget-variance", "red"], "status": ["open", "open"]}
    )
    merged = with_recorded(derive_register(RAISED, NONE, Q1), recorded)
    # The recorded "red" row is an old store's evaluation exception: the derived register replaces it.
    assert merged["exception_id"].tolist() == ["EX-0001", "EX-0002", "TR-0001"]
