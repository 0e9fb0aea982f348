"""docs/frameworks.md documents the whole framework language: every field of every model, every target kind."""

from __future__ import annotations

import inspect
import re
import typing

import pydantic

from compact_analysis.plan import audience_model, framework_model, futures_link_model
from tests.helpers import ROOT

DOC = ROOT / "docs" / "frameworks.md"


def _models() -> list[type[pydantic.BaseModel]]:
    return [
        cls
        for module in (framework_model, audience_model, futures_link_model)
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, pydantic.BaseModel) and cls.__module__ == module.__name__
    ]


def _undocumented(doc: str) -> list[str]:
    """``Model.field`` for each field (by the name a file writes, its alias if any) not named in backticks.

    Named is `` `field` `` or the start of a written value, `` `field: value` ``.
    """
    named = set(re.findall(r"`([a-z_]+)(?:`|:)", doc))
    return [
        f"{model.__name__}.{info.alias or field}"
        for model in _models()
        for field, info in model.model_fields.items()
        if (info.alias or field) not in named
    ]


def test_the_check_finds_a_field_missing_from_a_document():
    # A document naming only `id` leaves out, for instance, the measure's `decimals` and the target's `from`.
    missing = _undocumented("| `id` | unique |")
    assert "Measure.decimals" in missing and "Target.from" in missing
    assert "Measure.id" not in missing


def test_every_field_of_the_framework_model_is_documented():
    assert _undocumented(DOC.read_text(encoding="utf-8")) == []


def test_the_targets_table_lists_every_target_kind():
    kinds = typing.get_args(framework_model.Target.model_fields["kind"].annotation)
    table = re.search(r"\| `kind` \| needs \|.*?\n(.*?)\n\n", DOC.read_text(encoding="utf-8"), re.S).group(1)
    rows = set(re.findall(r"^\| `([a-z-]+)` \|", table, re.M))
    assert set(kinds) == rows
