"""Each row of a return read once into the temp table ``prepared``: its cells trimmed, parsed and looked up.

The checks and the insert of :mod:`.ingest` both read ``prepared``, so every parse and look-up is done once
per row (or once per distinct cell, for a large file whose cells are in a scratch database; see
:mod:`.scratch`). :func:`reference_tables` loads the framework and register it looks things up in.
"""

from __future__ import annotations

from typing import get_args

import duckdb
import pandas as pd

from compact_analysis.evidence.columns import REQUIRED_COLUMNS
from compact_analysis.evidence.missing_cells import missing_flag, missing_trimmed_sql
from compact_analysis.evidence.number_rules import counts_whole_things, fault_sql, parsed_sql
from compact_analysis.evidence.submitted_rules import correction_fault_sql, two_digit_year_sql
from compact_analysis.plan.cycles import measure_cycle_starts
from compact_analysis.plan.framework import Framework
from compact_analysis.plan.framework_model import Measure
from compact_analysis.plan.periods import periods_of_year
from compact_analysis.plan.yes_no import YES_WORDS

#: The kinds of value a measure takes (``number``, ``yes-no``, ``level``), as the framework's model says.
MEASURE_TYPES: tuple[str, ...] = get_args(Measure.model_fields["type"].annotation)

# Submitted dates: ISO first, then UK day-first forms (03/04/2010 is 3 April 2010), then 10-Jul-09.
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d-%b-%y", "%d-%b-%Y", "%d %b %Y", "%d %B %Y")


def reference_tables(con: duckdb.DuckDBPyConnection, framework: Framework, register: pd.DataFrame) -> None:
    """Load the framework's periods, measures and levels and the register as small tables."""
    periods = [
        (p.name, p.start(framework.terms), p.end(framework.terms))
        for year in framework.years
        for cadence in ("annual", "quarterly", "monthly", *(("termly", "half-termly") if framework.terms else ()))
        for p in periods_of_year(year, cadence, framework.terms)
    ]
    con.register("ref_periods_df", pd.DataFrame(periods, columns=["period", "period_start", "period_end"]))
    measures = pd.DataFrame(
        [
            (m.id, m.type, m.scale, m.minimum, m.maximum, m.unit, counts_whole_things(m.unit), m.decimals)
            for m in framework.measures
        ],
        columns=["measure_id", "type", "scale", "minimum", "maximum", "unit", "whole", "decimals"],
    ).astype({"minimum": "float64", "maximum": "float64", "unit": "object", "whole": "bool", "decimals": "Int64"})
    con.register("ref_measures_df", measures)
    levels = pd.DataFrame(
        [(s.id, level, rank) for s in framework.scales for rank, level in enumerate(s.levels, 1)],
        columns=["scale", "level", "rank"],
    )
    con.register("ref_levels_df", levels if len(levels) else pd.DataFrame({"scale": [], "level": [], "rank": []}))
    con.register("ref_members_df", register[["member_id", "joined", "left"]])
    starts = pd.DataFrame(measure_cycle_starts(framework), columns=["measure_id", "cycle_start"], dtype=object)
    con.register("ref_cycle_starts_df", starts.astype({"measure_id": "str", "cycle_start": "datetime64[ns]"}))
    # A measure's type as an ENUM and a level's rank as INTEGER: a byte and four per row of ``prepared``, not 16 and 8.
    narrow = {
        "ref_measures": f"* REPLACE (type::ENUM({', '.join(map(repr, MEASURE_TYPES))}) AS type)",
        "ref_levels": "* REPLACE (rank::INTEGER AS rank)",
    }
    for name in ("ref_periods", "ref_measures", "ref_levels", "ref_members", "ref_cycle_starts"):
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {narrow.get(name, '*')} FROM {name}_df")
        con.unregister(f"{name}_df")


def _sql_list(values) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


# The trimmed cells ``prepared`` names (trim(NULL) is NULL, so a trimmed cell is NULL when the cell is).
_TRIMMED = {"measure_id": "meas", "period": "per", "value": "value_text"}

# Each raw row with its cells trimmed and parsed once, into the temp table ``prepared``;
# the checks and the insert both read it. Slower parses run only where the fast one failed.
# Narrow on purpose (a million rows must fit the ingest's memory cap without spilling): the cells as
# typed, the read marks' column and message and a number's fault are not kept; a failure takes its cell
# and read marks from ``raw`` and works out its number fault again (see _FAILURES and _CHECKS).
PREPARED = f"""
CREATE OR REPLACE TEMP TABLE prepared AS
SELECT * EXCLUDE (value_parsed, number_fault, minimum, maximum),
       number_fault IS NOT NULL AS number_faulty,
       type = 'number' AND value_number IS NOT NULL
           AND (value_number < minimum OR value_number > maximum) IS TRUE AS out_of_range
FROM (
SELECT raw.record_id, raw.sheet, raw.source_row, raw.value_column, raw.submitted, raw.read_code,
       nfc_normalize(trim(raw.member_id)) AS m_id, trim(raw.measure_id) AS meas, trim(raw.period) AS per,
       trim(raw.value) AS value_text, nullif(trim(raw.comment), '') AS comment_text,
       p.period_start, p.period_end, m.type, m.minimum, m.maximum, lv.rank,
       mm.member_id IS NOT NULL AS known_member,  -- ids are unique in the register: one match at most
       coalesce(mm.joined > p.period_end OR mm.left < p.period_start, FALSE) AS outside_membership,
       {two_digit_year_sql("trim(raw.submitted)")} AS two_digit_year,
       CASE WHEN NOT two_digit_year THEN coalesce(try_cast(trim(raw.submitted) AS DATE),
                try_strptime(trim(raw.submitted), {_sql_list(DATE_FORMATS[1:])})::DATE) END AS submitted_date,
       CASE WHEN m.type = 'number' THEN {parsed_sql("trim(raw.value)")} END AS value_parsed,
       {", ".join(f"{missing_trimmed_sql(f'raw.{c}', _TRIMMED.get(c, f'trim(raw.{c})'))} AS {missing_flag(c)}" for c in REQUIRED_COLUMNS)},
       hash(m_id, meas, per, raw.submitted) AS key_hash,
       CASE WHEN m.type = 'number' AND NOT miss_value
            THEN {fault_sql("trim(raw.value)", "value_parsed", "m.whole", "m.unit", "m.decimals")} END AS number_fault,
       CASE WHEN number_fault IS NULL THEN value_parsed END AS value_number,
       coalesce(lower(trim(raw.correction)) IN {YES_WORDS}, FALSE) AS is_correction,
       {correction_fault_sql("raw.correction")} AS correction_fault,
       {" OR ".join(f"raw.{c} IS NULL" for c in REQUIRED_COLUMNS)} AS required_cell_absent,  -- a short row
       CASE WHEN trim(raw.member_id) <> '' THEN FALSE  -- most rows: one cell decides
            ELSE trim(concat({", ".join(f"raw.{c}" for c in (*REQUIRED_COLUMNS, "comment"))})) = '' END AS is_blank
FROM raw
LEFT JOIN ref_periods p ON p.period = trim(raw.period)
LEFT JOIN ref_measures m ON m.measure_id = trim(raw.measure_id)
LEFT JOIN ref_levels lv ON lv.scale = m.scale AND lv.level = trim(raw.value)
LEFT JOIN ref_members mm ON mm.member_id = nfc_normalize(trim(raw.member_id))
)
"""


__all__ = ["DATE_FORMATS", "PREPARED", "reference_tables"]
