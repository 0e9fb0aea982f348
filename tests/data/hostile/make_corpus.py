"""Write the hostile-input corpus in this folder (run once; the files are committed).

Each file is named for its case; tests/reliability/test_hostile_inputs.py holds the
outcome each must get. Usage: python tests/data/hostile/make_corpus.py
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = "member_id,measure_id,period,value,comment,submitted\n"
GOOD = "M003,pledge-level,2009-10-Q1,committed,,2009-07-10\n"
GOOD2 = "M004,sfl-enrolled,2009-10-M04,12,,2009-08-10\n"


def text(name: str, content: str, encoding: str = "utf-8", newline: str = "\n") -> None:
    (HERE / name).write_bytes(content.replace("\n", newline).encode(encoding))


def csv_cases() -> None:
    text("empty.csv", "")
    text("header_only.csv", HEADER)
    text("missing_column.csv", "member_id,measure_id,period,value,comment\nM003,pledge-level,2009-10-Q1,committed,\n")
    text(
        "extra_columns.csv",
        "member_id,measure_id,period,value,comment,submitted,notes\n"
        "M003,pledge-level,2009-10-Q1,committed,,2009-07-10,extra\n",
    )
    text(
        "columns_reordered.csv",
        "submitted,value,period,measure_id,member_id,comment\n2009-07-10,committed,2009-10-Q1,pledge-level,M003,\n",
    )
    text(
        "duplicated_header.csv",
        "member_id,measure_id,period,value,value,submitted\n"
        "M003,pledge-level,2009-10-Q1,committed,stage-2,2009-07-10\n",
    )
    text(
        "ragged_rows.csv",
        HEADER
        + GOOD
        + "M004,pledge-level,2009-10-Q1\n"
        + "M005,pledge-level,2009-10-Q1,committed,,2009-07-10,surplus,more\n"
        + GOOD2,
    )
    text(
        "quoted_newlines.csv",
        HEADER + 'M003,pledge-level,2009-10-Q1,committed,"line one\nline two",2009-07-10\n' + GOOD2,
    )
    text("nul_bytes.csv", HEADER + "M003,pledge-level,2009-10-Q1,comm\x00itted,,2009-07-10\n" + GOOD2)
    (HERE / "mixed_line_endings.csv").write_bytes(
        (HEADER + GOOD).encode()
        + GOOD2.replace("\n", "\r\n").encode()
        + b"M005,sfl-enrolled,2009-10-M04,3,,2009-08-10\r"
    )
    text(
        "windows_1252.csv",
        HEADER + "M003,pledge-level,2009-10-Q1,committed,Café staff – £5 each,2009-07-10\n",
        encoding="cp1252",
    )
    text("utf16.csv", HEADER + "M003,pledge-level,2009-10-Q1,committed,Café,2009-07-10\n", encoding="utf-16")
    (HERE / "utf8_bom.csv").write_bytes(b"\xef\xbb\xbf" + (HEADER + GOOD).encode())
    text(
        "numbers_with_separators.csv",
        HEADER
        + 'M003,sfl-enrolled,2009-10-M04,"1,200",,2009-08-10\n'
        + 'M004,sfl-enrolled,2009-10-M04,"£1,250",,2009-08-10\n'
        + "M005,sfl-enrolled,2009-10-M04,1200.0,,2009-08-10\n",
    )
    text(
        "not_applicable_values.csv",
        HEADER
        + "M003,sfl-enrolled,2009-10-M04,n/a,,2009-08-10\n"
        + "M004,sfl-enrolled,2009-10-M04,-,,2009-08-10\n"
        + "M005,sfl-enrolled,2009-10-M04,,,2009-08-10\n"
        + GOOD,
    )
    text(
        "date_forms.csv",
        HEADER
        + "M003,pledge-level,2009-10-Q1,committed,,10/07/2009\n"
        + "M004,pledge-level,2009-10-Q1,committed,,2009-07-10\n"
        + "M005,pledge-level,2009-10-Q1,committed,,10-Jul-09\n"
        + "M006,pledge-level,2009-10-Q1,committed,,03/04/2010\n",
    )
    text(
        "formula_and_script_text.csv",
        HEADER
        + 'M003,pledge-level,2009-10-Q1,committed,"=HYPERLINK(""http://x.invalid"",""click"")",2009-07-10\n'
        + "M004,pledge-level,2009-10-Q1,committed,<script>alert(1)</script><img src=x onerror=alert(2)>,2009-07-10\n"
        + "M005,pledge-level,2009-10-Q1,committed,[link](javascript:alert(3)) ![img](http://x.invalid/a.png),2009-07-10\n",
    )


def value_cases() -> None:
    """Numbers that must never be silently changed, and every spelling of yes and no (issue #22)."""

    def rows(measure: str, values: list[str]) -> str:
        return "".join(f'M{3 + i:03d},{measure},2009-10-M04,"{v}",,2009-08-10\n' for i, v in enumerate(values))

    text("numbers_not_finite.csv", HEADER + rows("sfl-enrolled", ["NaN", "inf", "-Infinity"]) + GOOD)
    text("numbers_too_large.csv", HEADER + rows("sfl-enrolled", ["1e308", "1e309", "9" * 5000, "2e15"]) + GOOD)
    text(
        "numbers_ambiguous_separators.csv",
        HEADER + rows("sfl-enrolled", ["1,5", "1_000", "1 000", "1'000", "1.000.000", "1,50,000", "1,500"]),
    )
    text("fraction_of_people.csv", HEADER + rows("sfl-enrolled", ["12.5", "12.0"]))
    text(
        "yes_no_spellings.csv",
        HEADER + rows("sfl-test-event", ["yes", "Y", "TRUE", "1", "No", "n", "false", "0", "maybe"]),
    )


def xlsx_cases() -> None:
    from openpyxl import Workbook

    def book(name: str, fill) -> None:
        wb = Workbook()
        fill(wb)
        wb.save(HERE / name)

    header = HEADER.strip().split(",")

    def formulas(wb):
        ws = wb.active
        ws.title = "returns"
        ws.append(header)
        ws.append(["M003", "sfl-enrolled", "2009-10-M04", "=5+7", None, "2009-08-10"])

    book("formula_without_cached_value.xlsx", formulas)  # openpyxl writes no cached value

    def merged(wb):
        ws = wb.active
        ws.append(header)
        ws.append(["M003", "pledge-level", "2009-10-Q1", "committed", "merged note", "2009-07-10"])
        ws.append(["M004", "pledge-level", "2009-10-Q1", "committed", None, "2009-07-10"])
        ws.merge_cells("E2:E3")

    book("merged_cells.xlsx", merged)

    def sheets(wb):
        first = wb.active
        first.title = "Q1"
        first.append(header)
        first.append(["M003", "pledge-level", "2009-10-Q1", "committed", None, "2009-07-10"])
        second = wb.create_sheet("Q2")
        second.append(header)
        second.append(["M003", "pledge-level", "2009-10-Q2", "stage-2", None, "2009-10-10"])
        hidden = wb.create_sheet("workings")
        hidden.sheet_state = "hidden"
        hidden.append(["scratch", "not a return"])

    book("several_and_hidden_sheets.xlsx", sheets)

    def serial_dates(wb):
        from datetime import datetime

        ws = wb.active
        ws.append(header)
        ws.append(["M003", "pledge-level", "2009-10-Q1", "committed", None, datetime(2009, 7, 10)])
        ws.append(["M004", "pledge-level", "2009-10-Q1", "committed", None, 40004])  # serial for 10 Jul 2009
        for _ in range(3):
            ws.append([None] * 6)  # blank trailing rows

    book("excel_dates_and_blank_rows.xlsx", serial_dates)

    (HERE / "really_csv.xlsx").write_text(HEADER + GOOD, encoding="utf-8")
    (HERE / "really_html.xlsx").write_text(
        "<html><body><table><tr><td>M003</td></tr></table></body></html>", encoding="utf-8"
    )
    (HERE / "encrypted_or_legacy.xlsx").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504)
    (HERE / "corrupt.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"<sheetData>" + b" " * 300_000_000 + b"</sheetData>")
    (HERE / "zip_bomb.xlsx").write_bytes(bomb.getvalue())


def yaml_cases() -> None:
    text("tabs.yaml", "schema_version: 1\nid: x\n\ttitle: indented with a tab\n")
    text("duplicate_keys.yaml", "schema_version: 1\nid: first\nid: second\n")
    lol = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    text("alias_bomb.yaml", lol)
    text("python_object_tag.yaml", "!!python/object/apply:os.system ['touch /tmp/pwned']\n")


REGISTER = "member_id,name,sector,code,joined,left,deemed\n"


def identity_cases() -> None:
    """Registers, a return and a framework whose ids collide or hold characters that cannot be seen."""
    row = "{},Member {},health,{},2009-04-01,,yes\n"
    text("members_case_collision.csv", REGISTER + row.format("M020", 1, "A1") + row.format("m020", 2, "A2"))
    composed, decomposed = "caf\u00e9", "cafe\u0301"
    text("members_nfc_collision.csv", REGISTER + row.format(composed, 1, "A1") + row.format(decomposed, 2, "A2"))
    text(
        "members_invisible_id.csv",
        REGISTER + row.format("M\u200b021", 1, "A1") + row.format("M\u202e022", 2, "A2") + row.format("M023", 3, "A3"),
    )
    text("member_id_wrong_case.csv", HEADER + GOOD.replace("M003", "m003") + GOOD2)
    text(
        "framework_id_collision.yaml",
        "measures:\n"
        f"  - id: {composed}\n"
        f"  - id: {decomposed}\n"
        '  - id: "hours\u200b"\n'
        "priorities:\n"
        "  - id: p1\n"
        "    indicators:\n"
        "      - id: At-Bronze\n"
        "  - id: p2\n"
        "    indicators:\n"
        "      - id: at-bronze\n",
    )


def loss_and_date_cases() -> None:
    """Cells that must not vanish, files with nothing in them, and dates that cannot be right (issue #22, 2 and 5)."""
    from openpyxl import Workbook

    text(
        "wide_unknown_measure.csv",
        "member_id,period,submitted,sfl-enrolled,sfl-enroled,notes\n"
        "M003,2009-10-M04,2009-08-10,12,13,\n"
        "M004,2009-10-M04,2009-08-10,5,,late\n",
    )
    Workbook().save(HERE / "empty_workbook.xlsx")
    wb = Workbook()
    wb.active.append(HEADER.strip().split(","))
    wb.save(HERE / "header_only_workbook.xlsx")
    text(
        "correction_not_yes_no.csv",
        HEADER.replace("\n", ",correction\n")
        + GOOD.replace("\n", ",maybe\n")
        + GOOD2.replace("\n", ",yes\n")
        + GOOD2.replace("M004", "M005").replace("\n", ",\n"),
    )
    text(
        "two_digit_year.csv", HEADER + GOOD.replace("2009-07-10", "15/10/09") + GOOD2.replace("2009-08-10", "10-Aug-09")
    )
    text("submitted_in_future.csv", HEADER + GOOD.replace("2009-07-10", "2099-07-10") + GOOD2)
    text("too_many_columns.csv", "member_id,period,submitted," + ",".join(f"x{i}" for i in range(998)) + "\n")


def plan_cases() -> None:
    """A register whose successors go round in a loop (issue #22, item 9)."""
    header = "member_id,name,sector,code,joined,left,deemed,successor_id\n"
    text(
        "members_successor_loop.csv",
        header
        + "M030,Member A,health,A1,2009-04-01,2009-09-30,yes,M031\n"
        + "M031,Member B,health,A2,2009-04-01,2009-10-31,yes,M030\n"
        + "M032,Member C,health,A3,2009-04-01,,yes,\n",
    )


if __name__ == "__main__":
    csv_cases()
    value_cases()
    xlsx_cases()
    yaml_cases()
    identity_cases()
    loss_and_date_cases()
    plan_cases()
    print(f"wrote {len(list(HERE.iterdir())) - 1} files to {HERE}")
