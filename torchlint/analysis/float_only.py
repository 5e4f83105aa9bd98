"""Ops that compute floating tensors only: ``torch.randn_like(x)``, ``x.mean()``,
``F.softmax(x, -1)``, ``x.normal_()``. On an integer tensor they fail
(``"normal_kernel_cpu" not implemented for 'Byte'``, ``mean(): could not infer output
dtype``, ``std and var only support floating point``; checked with torch 2.13.0+cpu),
unless a ``dtype=`` says what to compute in. The meeting is observed
(``FlowFacts.dtype_mixes``, the integer operand alone) for TL109, which reports
where the integers were made."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from torchlint.analysis.observations import DtypeMixObs
from torchlint.analysis.scope import Scope
from torchlint.analysis.torch_api import (
    BOOL_OR_FLOAT_MASKS,
    FLOAT_ONLY_FUNCTIONS,
    FLOAT_ONLY_METHODS,
    INTEGER_DTYPES,
)
from torchlint.analysis.values import Kind, Value


def function(scope: Scope, node: cst.Call, q: str, args: Sequence[tuple[cst.Arg, Value]]) -> None:
    """``torch.randn_like(x)``, ``F.softmax(x, dim=-1)`` on an integer ``x``; an
    integer mask given to ``F.scaled_dot_product_attention``."""
    if q in FLOAT_ONLY_FUNCTIONS and args and args[0][0].keyword is None:
        _observe(scope, node, q.rsplit(".", 1)[-1], args[0][0].value, args[0][1])
    if q in BOOL_OR_FLOAT_MASKS:
        keyword, position = BOOL_OR_FLOAT_MASKS[q]
        positional = [(a, v) for a, v in args if a.keyword is None]
        if any(a.star for a, _ in positional[: position + 1]):
            return
        given = next(((a, v) for a, v in args if a.keyword and a.keyword.value == keyword), None)
        if given is None and len(positional) > position:
            given = positional[position]
        if given is not None:
            _observe(scope, node, q.rsplit(".", 1)[-1], given[0].value, given[1], mask=True)


def method(scope: Scope, node: cst.Call, receiver: Value, name: str) -> None:
    """``x.mean()``, ``x.normal_()`` on an integer ``x``."""
    if name in FLOAT_ONLY_METHODS and isinstance(node.func, cst.Attribute):
        _observe(scope, node, name, node.func.value, receiver)


def _observe(
    scope: Scope,
    node: cst.Call,
    op: str,
    expr: cst.BaseExpression,
    value: Value,
    mask: bool = False,
) -> None:
    if value.kind != Kind.TENSOR or value.dtype not in INTEGER_DTYPES or value.dtype == "bool":
        return
    if any(a.keyword is not None and a.keyword.value == "dtype" for a in node.args):
        return  # (x.mean(dtype=torch.float32): computed in that dtype)
    mix = DtypeMixObs(node, op, ((expr, value),), scope.autocast > 0, float_only=True, mask=mask)
    scope.w.facts.dtype_mixes.add(node, mix, scope.depth)
