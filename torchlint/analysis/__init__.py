"""The analysis layer: ONE pass over a parsed file that records the facts every rule
reads (import aliases, functions with their parameters and assignments, classes and
their ``self.`` attributes). Rules never re-derive these; when a rule is wrong
because a fact is wrong, this package is where to look."""

from __future__ import annotations

from torchlint.analysis.cast_targets import DtypeExpr, device_in_scope, dtype_expr
from torchlint.analysis.facts import ClassFacts, FileFacts, FunctionFacts
from torchlint.analysis.file import Analysis, analyze
from torchlint.analysis.names import ImportTable, dotted, root_name
from torchlint.analysis.torch_api import (
    FORWARD_LIKE,
    PARAMETRIZED_MODULES,
    LegacyType,
    legacy_type,
    torch_dtype,
)

__all__ = [
    "FORWARD_LIKE",
    "PARAMETRIZED_MODULES",
    "Analysis",
    "ClassFacts",
    "DtypeExpr",
    "FileFacts",
    "FunctionFacts",
    "ImportTable",
    "LegacyType",
    "analyze",
    "device_in_scope",
    "dotted",
    "dtype_expr",
    "legacy_type",
    "root_name",
    "torch_dtype",
]
