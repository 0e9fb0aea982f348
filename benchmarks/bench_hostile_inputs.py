"""Benchmark: hostile inputs are refused quickly, not only refused.

The unit tests (tests/plan/test_framework_validation.py, tests/reliability/test_hostile_inputs.py) check
that each input is refused with the right error; how long the refusal takes depends on the machine, so
the speed goals live here: a YAML alias bomb (9**9 items if followed) within 1 s, 5,000 nested brackets
within 10 s, and the hostile corpus's zip bomb and framework files within 5 s each.
Writes benchmarks/results/hostile_inputs.md. Usage: .venv/bin/python benchmarks/bench_hostile_inputs.py
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compact_analysis.errors import CompactError  # noqa: E402
from compact_analysis.evidence.readers import load_return  # noqa: E402
from compact_analysis.plan.framework import load_framework  # noqa: E402
from compact_analysis.plan.safe_yaml import read_yaml  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "hostile_inputs.md"
HOSTILE = ROOT / "tests" / "data" / "hostile"


def alias_bomb_text() -> str:
    """Nine levels of nine aliases: 9**9 (387 million) items if the aliases were followed."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)]
    return "\n".join(lines) + "\n"


def seconds_to_refuse(refuse: Callable[[], object]) -> float:
    """Seconds until ``refuse`` raises a CompactError; an input that is accepted is a failure of the benchmark."""
    started = time.perf_counter()
    try:
        refuse()
    except CompactError:
        return time.perf_counter() - started
    raise AssertionError("the hostile input was accepted")


def cases(tmp: Path) -> list[tuple[str, float, Callable[[], object]]]:
    """(what, goal in seconds, the call that must refuse it)."""
    alias = tmp / "alias.yaml"
    alias.write_text(alias_bomb_text(), encoding="utf-8")
    nested = tmp / "nested.yaml"
    nested.write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    con = duckdb.connect()
    return [
        ("YAML alias bomb (read_yaml)", 1.0, lambda: read_yaml(alias)),
        ("5,000 nested brackets (read_yaml)", 10.0, lambda: read_yaml(nested)),
        (
            "zip_bomb.xlsx, 300 MB unpacked (load_return)",
            5.0,
            lambda: load_return(con, HOSTILE / "zip_bomb.xlsx", set()),
        ),
        *(
            (f"{name} (load_framework)", 5.0, lambda name=name: load_framework(HOSTILE / name))
            for name in ("tabs.yaml", "duplicate_keys.yaml", "alias_bomb.yaml")
        ),
    ]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        measured = [(what, goal, seconds_to_refuse(refuse)) for what, goal, refuse in cases(Path(tmp))]
    met = all(seconds < goal for _, goal, seconds in measured)
    lines = [
        "# Benchmark: refusing hostile inputs",
        "",
        f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Machine: {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores; Python {platform.python_version()}. Load average (1 min) {os.getloadavg()[0]:.1f}.",
        "",
        "| input | seconds to refuse | goal |",
        "| --- | ---: | ---: |",
        *(f"| {what} | {seconds:.3f} | < {goal:g} |" for what, goal, seconds in measured),
        "",
        f"Every goal met: {met}.",
        "",
        "Command: `.venv/bin/python benchmarks/bench_hostile_inputs.py`",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
