"""Reading YAML safely: plain data only, no date guessing, and hostile files refused clearly.

Framework files are small hand-written data, so anything YAML allows that they
never need (aliases, object tags, duplicate keys, tab indentation) is refused
with its line number rather than half-understood. Each refusal is a :class:`Failure`
with a :class:`FrameworkCode`; its ``row`` is the line and its ``column`` the
position as printed (``line 3, column 5``), or both None for the whole file.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from compact_analysis.errors import ErrorCode, Failure, FrameworkError
from compact_analysis.plan.codes import FrameworkCode
from compact_analysis.plan.file_kind import file_kind_problem

MAX_BYTES = 2_000_000  # a framework is a few kilobytes; refuse anything absurd before parsing
MAX_DEPTH = 64  # a framework nests about 8 deep


class _Refused(yaml.MarkedYAMLError):
    """YAML the loader refuses on purpose, with the code saying why."""

    def __init__(self, code: FrameworkCode, problem: str, mark):  # type: ignore[no-untyped-def]
        super().__init__(problem=problem, problem_mark=mark)
        self.code = code


class _PlainDataLoader(yaml.SafeLoader):
    """SafeLoader that keeps ``2009-10`` and ``2010-03-31`` as text and refuses aliases and duplicate keys."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            message = "an alias (*name) is not allowed in a framework file: write the value out"
            raise _Refused(FrameworkCode.YAML_ALIAS, message, event.start_mark)
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                message = f"nested more than {MAX_DEPTH} levels deep"
                raise _Refused(FrameworkCode.TOO_DEEP, message, self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):  # type: ignore[no-untyped-def]
        if isinstance(node, yaml.MappingNode):
            seen: dict[object, int] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if isinstance(key, list | dict):
                    continue  # unhashable keys are refused by SafeLoader itself
                if key in seen:
                    message = f"duplicate key {key!r} (first given on line {seen[key]})"
                    raise _Refused(FrameworkCode.DUPLICATE_KEY, message, key_node.start_mark)
                seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


# YAML 1.1 guesses that surprise people writing a framework by hand: ``no``, ``on`` and ``off`` as booleans,
# ``010`` as octal 8, ``1:30`` as 90 (base 60), ``2010-03-31`` as a date. Plain scalars follow YAML 1.2's core
# schema instead: only true/false are booleans, numbers are decimal (or 0x/0o), everything else is text.
_CORE_SCHEMA = [
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")),
    (
        "tag:yaml.org,2002:int",
        re.compile(r"^(?:[-+]?[0-9][0-9_]*|0o[0-7]+|0x[0-9a-fA-F]+)$"),
        list("-+0123456789"),
    ),
    (
        "tag:yaml.org,2002:float",
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        list("-+.0123456789"),
    ),
]
_PlainDataLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag.rsplit(":", 1)[-1] not in ("timestamp", "bool", "int", "float")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _tag, _pattern, _firsts in _CORE_SCHEMA:
    for _first in _firsts:
        _PlainDataLoader.yaml_implicit_resolvers.setdefault(_first, []).append((_tag, _pattern))


def _int_from_core(loader, node):  # type: ignore[no-untyped-def]
    """Decimal, 0o octal or 0x hex: the YAML 1.2 forms (PyYAML's own constructor reads 010 as octal)."""
    text = loader.construct_scalar(node).replace("_", "")
    if text.startswith("0o"):
        return int(text[2:], 8)
    return int(text, 16) if text.startswith("0x") else int(text, 10)


_PlainDataLoader.add_constructor("tag:yaml.org,2002:int", _int_from_core)


def _whole_file(path: Path, code: FrameworkCode, message: str) -> FrameworkError:
    return FrameworkError(str(path), [Failure(str(path), None, None, "", code, message)])


def _tab_failures(path: Path, text: str) -> list[Failure]:
    """Lines indented with a tab: YAML needs spaces, and PyYAML's own message does not say so."""
    failures = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            message = "indented with a tab character: YAML needs spaces"
            failures.append(Failure(str(path), number, f"line {number}", "", FrameworkCode.TAB_INDENT, message))
    return failures


def _syntax_failure(path: Path, exc: yaml.YAMLError) -> Failure:
    """A YAML error as a failure at its line and column (the whole file if PyYAML gives no position)."""
    problem = str(getattr(exc, "problem", None) or exc)
    code = getattr(exc, "code", FrameworkCode.YAML_SYNTAX)
    if "could not determine a constructor for the tag" in problem:
        found = re.search(r"tag '([^']*)'", problem)
        tag = found.group(1) if found else "?"
        code, problem = FrameworkCode.YAML_TAG, f"the tag {tag!r} is not allowed: framework files hold plain data only"
    mark = getattr(exc, "problem_mark", None)
    if mark is None:
        return Failure(str(path), None, None, "", code, problem)
    return Failure(str(path), mark.line + 1, f"line {mark.line + 1}, column {mark.column + 1}", "", code, problem)


def _node_lines(node: yaml.Node, location: str = "", lines: dict[str, int] | None = None) -> dict[str, int]:
    """The line each value starts on, by its location (``priorities[1].title``), as checks name locations."""
    lines = {} if lines is None else lines
    if isinstance(node, yaml.MappingNode):
        children = [
            (f"{location}.{key.value}" if location else str(key.value), key, value) for key, value in node.value
        ]
    elif isinstance(node, yaml.SequenceNode):
        children = [(f"{location}[{i}]", item, item) for i, item in enumerate(node.value)]
    else:
        return lines
    for where, start, value in children:
        lines.setdefault(where, start.start_mark.line + 1)
        _node_lines(value, where, lines)
    return lines


def _load(text: str) -> tuple[object, dict[str, int]]:
    """Plain data and the line of each location, from one parse (what ``yaml.load`` does, keeping the nodes)."""
    loader = _PlainDataLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        return loader.construct_document(node), _node_lines(node)
    finally:
        loader.dispose()


def read_yaml_with_lines(path: str | Path) -> tuple[object, dict[str, int]]:
    """Read a YAML file as plain data with the line of each location; raise :class:`FrameworkError` if it cannot be."""
    path = Path(path)
    kind = file_kind_problem(path)  # a FIFO is never opened: reading one would wait for ever
    if kind is not None and kind[0] != ErrorCode.FILE_NOT_FOUND:
        raise _whole_file(path, FrameworkCode.NOT_A_FILE, kind[1])
    try:
        if path.stat().st_size > MAX_BYTES:
            message = f"larger than {MAX_BYTES:,} bytes: not a framework file"
            raise _whole_file(path, FrameworkCode.FILE_TOO_LARGE, message)
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _whole_file(path, FrameworkCode.FILE_NOT_FOUND, "not found") from None
    except IsADirectoryError:
        raise _whole_file(path, FrameworkCode.NOT_A_FILE, "is a folder, not a file") from None
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text ({exc.reason} at byte {exc.start})"
        raise _whole_file(path, FrameworkCode.ENCODING_ERROR, message) from None
    tabs = _tab_failures(path, text)
    if tabs:
        raise FrameworkError(str(path), tabs)
    try:
        return _load(text)
    except yaml.YAMLError as exc:
        raise FrameworkError(str(path), [_syntax_failure(path, exc)]) from None
    except RecursionError:
        raise _whole_file(path, FrameworkCode.TOO_DEEP, "nested too deeply") from None


def read_yaml(path: str | Path) -> object:
    """Read a YAML file as plain data; raise :class:`FrameworkError` with the line of each problem."""
    return read_yaml_with_lines(path)[0]
