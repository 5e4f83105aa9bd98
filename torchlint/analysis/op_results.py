"""The tensor an op of ``SAME_PLACE_OPS`` makes from its input (``x.sum(1)``,
``torch.clamp(counts, min=1e-9)``, ``logits.argmax(-1)``): where the input is, in the
dtype torch gives the result (indices int64, comparisons bool, integers made floating
by ``sin`` or by a float bound of ``clamp``, counts of integers int64, or what
``dtype=`` says)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import libcst as cst

from torchlint.analysis import derived
from torchlint.analysis.arrays import has_float_literal
from torchlint.analysis.names import dotted
from torchlint.analysis.scope import Scope
from torchlint.analysis.torch_api import (
    BOOL_RESULTS,
    BOUNDED_OPS,
    FLOAT_RESULTS,
    FLOATING_DTYPES,
    INDEX_RESULTS,
    INT64_SUMS,
    INTEGER_DTYPES,
    PAIRED_RESULTS,
    REAL_OF,
)
from torchlint.analysis.values import Event, Kind, Value, new_ident
from torchlint.analysis.whole import after_op


def same_place(scope: Scope, node: cst.Call, value: Value, op: str) -> Value:
    """A new tensor made from ``value`` by ``op`` (in SAME_PLACE_OPS) in ``node``."""
    dtype = "int64" if op in INDEX_RESULTS else "bool" if op in BOOL_RESULTS else value.dtype
    if op in PAIRED_RESULTS:
        dtype = None  # (the values, or the indices: int64)
    if op in FLOAT_RESULTS and dtype in INTEGER_DTYPES:
        dtype = "float32"  # torch.sin(torch.arange(4)) is floating
    if op in INT64_SUMS and dtype in INTEGER_DTYPES:
        dtype = "int64"  # (mask.sum(0): a count)
    if op in ("abs", "angle") and dtype in REAL_OF:
        dtype = REAL_OF[dtype]  # (spec.abs() of a complex spectrum: its magnitudes)
    given = next((a for a in node.args if a.keyword and a.keyword.value == "dtype"), None)
    decided: tuple[Event, ...] = ()
    if given is not None:
        dtype = scope.dtype_of(given.value)  # x.sum(dtype=torch.float32)
    elif float_bound(scope.lookup, node, op, dtype):
        # (torch.clamp(counts, min=1e-9): the float bound promotes, as an operand would)
        dtype = "float32"
        decided = (Event("join", node, dtype, source=Event("create", node, dtype)),)
    made = replace(after_op(value, op), dtype=dtype, ident=new_ident(), moved_from=0)
    made = replace(made, events=(*made.events, *decided)) if decided else made
    return derived.derive(scope, made, value, node)


def float_bound(
    lookup: Callable[[str], Value | None], node: cst.Call, op: str, dtype: str | None
) -> bool:
    """``torch.clamp(counts, min=1e-9)`` of an integer tensor (``dtype``) with a Python
    float bound (or a floating tensor's): torch promotes, the result is float32."""
    if op not in BOUNDED_OPS or dtype not in INTEGER_DTYPES:
        return False
    return any(
        _floating(lookup, a.value)
        for a in node.args
        if a.keyword is None or a.keyword.value in ("min", "max")
    )


def _floating(lookup: Callable[[str], Value | None], expr: cst.BaseExpression) -> bool:
    """``expr`` is a Python float (``1e-9``, ``-0.5``, a name holding one) or a
    floating tensor."""
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
        expr = expr.expression
    if has_float_literal(expr):
        return True
    name = dotted(expr)
    value = lookup(name) if name is not None else None
    if value is None:
        return False
    if value.kind == Kind.NUMBER:
        return value.dtype == "float32"
    return value.kind in (Kind.TENSOR, Kind.MOVED) and value.dtype in FLOATING_DTYPES
