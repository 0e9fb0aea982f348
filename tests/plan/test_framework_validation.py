"""Invalid framework files: every problem at once, each with its location; hostile YAML refused."""

import pytest

from compact_analysis.errors import ErrorCode, Failure, FrameworkError
from compact_analysis.plan.codes import FrameworkCode as Code
from compact_analysis.plan.framework import load_framework, read_yaml
from tests.helpers import ROOT

INVALID = ROOT / "tests" / "data" / "frameworks"
KINDS = (
    "count, count-at-level, level-by-date, floor, ceiling, share-of-baseline-gap, share-of-members, pending, milestone, "
    "recurring-milestone"
)


def _problems(name: str) -> list[tuple[str, str, str]]:
    """(location, code, message) of each failure of an invalid framework file."""
    with pytest.raises(FrameworkError) as caught:
        load_framework(INVALID / name)
    assert caught.value.code == ErrorCode.FRAMEWORK
    assert {f.file for f in caught.value.failures} == {str(INVALID / name)}
    return [(f.column, f.code, f.message) for f in caught.value.failures]


EXPECTED = {
    "missing_field.yaml": [
        ("priorities[0].indicators[0].owner", Code.MISSING_FIELD, "required field is missing"),
        ("priorities[1].title", Code.MISSING_FIELD, "required field is missing"),
    ],
    "bad_date.yaml": [
        ("priorities[0].indicators[0].targets[0].due", Code.TYPE_ERROR, "expected a date (YYYY-MM-DD), got 'July'"),
        # A bare number is refused, not read as seconds since 1970.
        (
            "priorities[1].indicators[1].targets[0].set_by_date",
            Code.TYPE_ERROR,
            "expected a date (YYYY-MM-DD), got 2009",
        ),
    ],
    "unknown_target_kind.yaml": [
        (
            "priorities[0].indicators[0].targets[0].kind",
            Code.UNKNOWN_CHOICE,
            f"unknown target kind 'aspiration': expected one of {KINDS}",
        ),
    ],
    "level_not_in_scale.yaml": [
        (
            "priorities[0].indicators[0].level",
            Code.LEVEL_NOT_ON_SCALE,
            "level 'gold' is not on the scale 'ladder' (none, bronze, silver)",
        ),
        (
            "priorities[0].indicators[0].targets[0].level",
            Code.LEVEL_NOT_ON_SCALE,
            "level 'gold' is not on the scale 'ladder' (none, bronze, silver)",
        ),
    ],
    "duplicate_id.yaml": [
        ("measures[3].id", Code.DUPLICATE_VALUE, "duplicate id 'hours' (first at measures[2].id)"),
        (
            "priorities[1].indicators[0].id",
            Code.DUPLICATE_VALUE,
            "duplicate indicator id 'at-bronze' (first at priorities[0].indicators[0].id)",
        ),
    ],
    "revision_outside_year.yaml": [
        (
            "priorities[1].indicators[0].targets[1].agreed",
            Code.REVISION_OUTSIDE_YEARS,
            "a revision must be agreed within the framework's years (2009-04-01 to 2010-03-31), got 2010-10-15",
        ),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_failure_kind_is_reported_with_its_location(name):
    assert _problems(name) == EXPECTED[name]


def test_several_problems_are_all_reported_at_once():
    problems = {where: (code, message) for where, code, message in _problems("several_problems.yaml")}
    assert problems == {
        "priorities[0].indicators[0].targets[0].due": (Code.TYPE_ERROR, "expected a date (YYYY-MM-DD), got 'July'"),
        "priorities[1].title": (Code.MISSING_FIELD, "required field is missing"),
        "priorities[1].indicators[1].targets[0].kind": (
            Code.UNKNOWN_CHOICE,
            f"unknown target kind 'wish': expected one of {KINDS}",
        ),
        "priorities[1].indicators[0].id": (
            Code.DUPLICATE_VALUE,
            "duplicate indicator id 'at-bronze' (first at priorities[0].indicators[0].id)",
        ),
    }


def test_the_error_message_names_the_file_and_counts_the_rest():
    with pytest.raises(FrameworkError) as caught:
        load_framework(INVALID / "several_problems.yaml")
    assert str(caught.value).startswith(str(INVALID / "several_problems.yaml"))
    assert str(caught.value).endswith("(and 3 more)")


def _write(tmp_path, text: str):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _read_problems(path) -> list[tuple[str, str]]:
    with pytest.raises(FrameworkError) as caught:
        read_yaml(path)
    return caught.value.problems


def _read_failures(path) -> list[Failure]:
    with pytest.raises(FrameworkError) as caught:
        read_yaml(path)
    return caught.value.failures


def test_duplicate_keys_are_refused_with_their_line(tmp_path):
    path = _write(tmp_path, "schema_version: 1\nid: first\ntitle: t\nid: second\n")
    assert _read_failures(path) == [
        Failure(str(path), 4, "line 4, column 1", "", Code.DUPLICATE_KEY, "duplicate key 'id' (first given on line 2)")
    ]


def test_alias_bomb_is_refused(tmp_path):
    # Nine levels of nine aliases would expand to 9**9 (387 million) items if followed; how fast the
    # refusal comes is measured in benchmarks/bench_hostile_inputs.py, not asserted here.
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)]
    path = _write(tmp_path, "\n".join(lines) + "\n")
    failures = _read_failures(path)
    assert (failures[0].row, failures[0].column, failures[0].code) == (2, "line 2, column 8", Code.YAML_ALIAS)


def test_tab_indentation_names_the_tab_and_line(tmp_path):
    path = _write(tmp_path, "schema_version: 1\nid: x\n\ttitle: indented with a tab\n")
    assert _read_problems(path) == [("line 3", "indented with a tab character: YAML needs spaces")]
    assert [(f.row, f.code) for f in _read_failures(path)] == [(3, Code.TAB_INDENT)]


def test_object_tags_are_refused(tmp_path):
    path = _write(tmp_path, "!!python/object/apply:os.system ['echo hacked']\n")
    [failure] = _read_failures(path)
    assert (failure.row, failure.column, failure.code) == (1, "line 1, column 1", Code.YAML_TAG)
    assert failure.message == (
        "the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed: framework files hold plain data only"
    )


def test_a_document_that_is_not_a_mapping_is_refused(tmp_path):
    path = _write(tmp_path, "- just\n- a list\n")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    assert caught.value.problems == [("(top level)", "expected a mapping of fields, got list")]
    assert [f.code for f in caught.value.failures] == [Code.NOT_A_MAPPING]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("alias_bomb.yaml", Code.YAML_ALIAS), ("duplicate_keys.yaml", Code.DUPLICATE_KEY), ("tabs.yaml", Code.TAB_INDENT)],
)
def test_the_hostile_corpus_is_refused(name, expected):
    path = ROOT / "tests" / "data" / "hostile" / name
    if not path.exists():
        pytest.skip(f"{name} not in the hostile corpus")
    assert _read_failures(path)[0].code == expected


def test_target_values_are_checked_where_they_are():
    from compact_analysis.plan.framework import framework_failures, framework_problems
    from tests.helpers import FRAMEWORKS

    data = read_yaml(FRAMEWORKS / "small-test.yaml")
    data["priorities"][0]["indicators"][0]["targets"][0]["value"] = -1
    data["priorities"][1]["indicators"][0]["targets"][1]["share"] = "150%"
    data["priorities"][1]["indicators"][0]["targets"][0]["baseline_date"] = "2010-04-01"
    data["priorities"][1]["indicators"][1]["targets"][0].pop("set_by")
    assert framework_problems(data) == [
        (
            "priorities[1].indicators[0].targets[0]",
            "due 2010-03-31 must be after the baseline date 2010-04-01",
        ),
        ("priorities[1].indicators[0].targets[1]", "share must be more than 0 and at most 1 (100%), got 3/2"),
        ("priorities[1].indicators[1].targets[0]", "a pending target needs set_by"),
        # a negative count of members: checked across fields (target_checks.py), since a number measure
        # whose minimum allows it may have a negative target
        ("priorities[0].indicators[0].targets[0].value", "-1 is below 0 (it counts members)"),
    ]
    failures = framework_failures(data, "small-test.yaml")
    assert [(f.code, f.value) for f in failures] == [(Code.CONSTRAINT_ERROR, "")] * 3 + [(Code.BELOW_MINIMUM, "-1.0")]


def test_an_aggregate_must_fit_its_measure_type():
    from compact_analysis.plan.framework import framework_failures, framework_problems
    from tests.helpers import FRAMEWORKS

    data = read_yaml(FRAMEWORKS / "small-test.yaml")
    data["priorities"][0]["indicators"][1]["measure"] = "signed-up"  # "hours" summed a yes-no measure
    assert framework_problems(data) == [
        ("priorities[0].indicators[1].aggregate", "sum needs a number measure; 'signed-up' is 'yes-no'")
    ]
    [failure] = framework_failures(data, "small-test.yaml")
    assert (failure.file, failure.row, failure.code, failure.value) == (
        "small-test.yaml",
        None,
        Code.WRONG_MEASURE_TYPE,
        "sum",
    )


def test_deep_nesting_is_refused_early(tmp_path):
    path = _write(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n")
    [failure] = _read_failures(path)
    # The mapping is level 1 and "a"'s value level 2, so the 64th bracket (column 67) is level 65.
    assert (failure.row, failure.column, failure.code) == (1, "line 1, column 67", Code.TOO_DEEP)


def test_oversized_files_are_refused_before_parsing(tmp_path):
    path = _write(tmp_path, "a: " + "x" * 2_000_000 + "\n")
    assert _read_problems(path) == [("file", "larger than 2,000,000 bytes: not a framework file")]
    assert [(f.row, f.column, f.code) for f in _read_failures(path)] == [(None, None, Code.FILE_TOO_LARGE)]


def test_yaml_1_1_guesses_are_not_made(tmp_path):
    from compact_analysis.plan.safe_yaml import read_yaml

    path = tmp_path / "guesses.yaml"
    # A scale level called "no", a code "010", a time "1:30" and a date stay as written; true and 12 are typed.
    path.write_text("levels: [no, yes, on, off]\ncode: 010\ntime: 1:30\nday: 2010-03-31\nflag: true\nn: 12\n")
    assert read_yaml(path) == {
        "levels": ["no", "yes", "on", "off"],
        "code": 10,  # decimal, as YAML 1.2 reads it (PyYAML's YAML 1.1 would give octal 8)
        "time": "1:30",  # not 90 (base 60)
        "day": "2010-03-31",
        "flag": True,
        "n": 12,
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # missing_field.yaml: indicator at-bronze starts on line 28 (its owner is missing), priority B on line 43.
        ("missing_field.yaml", [(28, "priorities[0].indicators[0].owner"), (43, "priorities[1].title")]),
        # duplicate_id.yaml: the second "hours" measure is on line 20, the second at-bronze indicator on line 50.
        ("duplicate_id.yaml", [(20, "measures[3].id"), (50, "priorities[1].indicators[0].id")]),
    ],
)
def test_each_failure_names_its_line_or_the_line_of_the_item_it_is_missing_from(name, expected):
    with pytest.raises(FrameworkError) as caught:
        load_framework(INVALID / name)
    assert [(f.row, f.column) for f in caught.value.failures] == expected


def test_a_period_outside_the_framework_has_its_code(compact):
    from compact_analysis.errors import PeriodError
    from compact_analysis.plan.codes import PeriodCode

    with pytest.raises(PeriodError) as caught:
        compact.check_period("2010-11-Q1")
    assert caught.value.code == PeriodCode.OUTSIDE_FRAMEWORK
