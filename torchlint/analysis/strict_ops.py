"""Ops that never promote dtypes (``torch.mm``, ``@``, ``F.linear``, ``F.conv2d``:
``STRICT_DTYPE_OPS``): where tensors of two known floating dtypes meet in one, the
op fails (``expected m1 and m2 to have the same dtype``), so the meeting is
observed (``FlowFacts.dtype_mixes``) for the rules about float64 data and half
compute. ``a + b`` promotes and is not one of them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import libcst as cst

from torchlint.analysis import gpus, joins
from torchlint.analysis.observations import DtypeMixObs
from torchlint.analysis.scope import Scope
from torchlint.analysis.torch_api import FLOATING_DTYPES, INTEGER_DTYPES
from torchlint.analysis.values import MAYBE_DTYPE, UNKNOWN, Kind, Value, new_ident

# The keywords that name an operand of the ops (``F.linear(input=x, weight=w)``).
_OPERAND_KEYWORDS = frozenset({"input", "weight", "bias", "mat1", "mat2", "other", "vec"})


def meet(
    scope: Scope,
    node: cst.CSTNode,
    op: str,
    operands: Sequence[tuple[cst.BaseExpression, Value]],
) -> Value:
    """The result of ``op`` on ``operands``: a tensor where (and, when they agree, as)
    the first is. Two known floating dtypes among them are observed, a branch's
    (``Value.branch_cast``) counting for a "maybe" one: the run that takes the branch
    fails."""
    dtypes = observe(scope, node, op, operands)
    gpus.meet(scope, [v for _, v in operands], node, [e for e, _ in operands])
    # (a CPU operand of ``F.conv2d(x, kernel)`` fails on the device as ``x * kernel`` does)
    joins.mixed(scope, [v for _, v in operands], node, [e for e, _ in operands], False)
    first = operands[0][1] if operands else UNKNOWN
    if first.kind not in (Kind.TENSOR, Kind.MOVED):
        return UNKNOWN
    dtype = first.dtype if len(dtypes) <= 1 else MAYBE_DTYPE
    # (what ``torch.mm`` makes is a tensor, of whatever was moved)
    return replace(first, kind=Kind.TENSOR, dtype=dtype, ident=new_ident(), moved_from=0)


def observe(
    scope: Scope,
    node: cst.CSTNode,
    op: str,
    operands: Sequence[tuple[cst.BaseExpression, Value]],
    weights: bool = False,
) -> set[str | None]:
    """Records tensors of two known floating dtypes meeting in ``op`` at ``node``, or
    integers meeting floats (one-hot rows times weights fail the same way);
    ``weights``: a loss's class weights and its input (``losses.py``). The floating
    dtypes that met."""
    typed = tuple(
        (e, v) for e, v in operands if v.kind == Kind.TENSOR and run_dtype(v) in FLOATING_DTYPES
    )
    dtypes = {run_dtype(v) for _, v in typed}
    ints = tuple((e, v) for e, v in operands if v.kind == Kind.TENSOR and v.dtype in INTEGER_DTYPES)
    if len(dtypes) > 1 or (typed and ints):
        mix = DtypeMixObs(node, op, typed + ints, scope.autocast > 0, weights)
        scope.w.facts.dtype_mixes.add(node, mix, scope.depth)
    return dtypes


def run_dtype(value: Value) -> str | None:
    """``value``'s dtype, or for a "maybe" one cast on a branch, that branch's."""
    branch = value.branch_cast() if value.dtype == MAYBE_DTYPE else None
    return branch.detail if branch is not None else value.dtype


def call(scope: Scope, node: cst.Call, q: str, args: Sequence[tuple[cst.Arg, Value]]) -> Value:
    """``torch.mm(a, b)``, ``F.conv2d(x, weight, bias)``."""
    operands = [
        (a.value, v)
        for a, v in args
        if not a.star and (a.keyword is None or a.keyword.value in _OPERAND_KEYWORDS)
    ]
    return meet(scope, node, q.rsplit(".", 1)[-1], operands)
