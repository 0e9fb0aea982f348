"""The package's size limits (STYLE.md): modules of at most 400 lines, functions of at most 60, imports at the top.

An import inside a function is allowed only where a comment on its line or the two lines above says why it
is deferred ("deferred ..." or "heavy ...": start-up time in cli/, a heavy optional library elsewhere), and
an import under ``if TYPE_CHECKING:`` is allowed everywhere. Each check is tried on a planted breach first.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import ROOT

PACKAGE = ROOT / "compact_analysis"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
_REASONS = ("deferred", "heavy")


def _long_functions(tree: ast.Module) -> list[tuple[str, int]]:
    """(name, lines) of every function or method longer than the limit, its decorators counted."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            start = min([d.lineno for d in node.decorator_list] + [node.lineno])
            length = node.end_lineno - start + 1
            if length > MAX_FUNCTION_LINES:
                found.append((node.name, length))
    return found


def _type_checking_blocks(tree: ast.Module) -> set[int]:
    """Ids of the statements under a module-level ``if TYPE_CHECKING:``."""
    inside = set()
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            inside |= {id(child) for statement in node.body for child in ast.walk(statement)}
    return inside


def _undocumented_imports(tree: ast.Module, lines: list[str]) -> list[int]:
    """Line numbers of imports below the module's top level with no reason given next to them."""
    top = {id(node) for node in tree.body} | _type_checking_blocks(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in top:
            near = " ".join(lines[max(0, node.lineno - 3) : node.lineno]).lower()
            if not any(reason in near for reason in _REASONS):
                found.append(node.lineno)
    return found


def _breaches(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    tree = ast.parse(text)
    name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    found = [f"{name}: {len(lines)} lines"] if len(lines) > MAX_MODULE_LINES else []
    found += [f"{name}: {function}() is {length} lines" for function, length in _long_functions(tree)]
    found += [
        f"{name}:{line}: import inside a function, no reason given" for line in _undocumented_imports(tree, lines)
    ]
    return found


def test_the_scan_finds_each_kind_of_planted_breach(tmp_path):
    long_body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    import os\n"
        f"def long():\n{long_body}\n"
        "def short():\n    import json\n    import csv  # deferred: only when a file is written\n"
        + "\n"
        * MAX_MODULE_LINES
    )
    planted = tmp_path / "planted.py"
    planted.write_text(source, encoding="utf-8")
    breaches = _breaches(planted)
    # The module: 3 + 61 + 3 + 400 blank lines > 400; long(): its def and 60 assignments = 61 lines;
    # `import json` (line 66) has no reason; `import csv` has one; `import os` is under TYPE_CHECKING.
    assert breaches == [
        f"{planted}: {len(source.splitlines())} lines",
        f"{planted}: long() is {MAX_FUNCTION_LINES + 1} lines",
        f"{planted}:66: import inside a function, no reason given",
    ]


def test_every_module_of_the_package_keeps_the_limits():
    breaches = [breach for path in sorted(PACKAGE.rglob("*.py")) for breach in _breaches(path)]
    assert breaches == []


def test_every_test_module_and_script_is_at_most_400_lines():
    """Test modules and scripts are split by concept too (tests/<stage>/ mirrors the package)."""
    paths = [*(ROOT / "tests").rglob("*.py"), *(ROOT / "scripts").rglob("*.py"), *(ROOT / "benchmarks").rglob("*.py")]
    long = [
        f"{p.relative_to(ROOT)}: {n}"
        for p in sorted(paths)
        if (n := len(p.read_text().splitlines())) > MAX_MODULE_LINES
    ]
    assert long == []
