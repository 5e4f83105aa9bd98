"""The binary operators on tensors: ``a + b``, ``x * 0.5``, ``a @ b``. Two tensors
meet (``joins.arithmetic``: where they are, torch's promoted dtype); a tensor and a
plain number give a tensor where the tensor is; numpy arrays stay arrays."""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from torchlint.analysis import (
    arrays,
    derived,
    dims,
    frames,
    joins,
    lists,
    strict_ops,
    tensor_factories,
)
from torchlint.analysis.scope import Scope
from torchlint.analysis.torch_api import INTEGER_DTYPES, TRUE_DIVISIONS
from torchlint.analysis.values import (
    MAYBE_DTYPE,
    TEXT,
    UNKNOWN,
    Kind,
    Place,
    Value,
    new_ident,
    plain_text,
)


def operation(scope: Scope, node: cst.BinaryOperation) -> Value:
    """``a + b``, ``x * 0.5``, ``a @ b``: a tensor where its operands are; with a
    plain number, where the tensor is. Anything unknown makes it unknown."""
    empty = lists.slots(node)
    if empty is not None:
        return empty  # output = [None] * n: filled by index
    left, right = scope.eval(node.left), scope.eval(node.right)
    if isinstance(node.operator, cst.Add) and (
        (head := plain_text(left)) is not None and (tail := plain_text(right)) is not None
    ):
        return Value(None, origin=TEXT + head + tail)  # robot + "_orig": a dict's key
    if isinstance(node.operator, cst.Multiply):
        for seq, count in ((left, right), (right, left)):
            if seq.kind in (Kind.LIST, Kind.TUPLE) and len(seq.items) == 1:
                if count.kind == Kind.NUMBER:
                    # torch.cat([freqs] * 2): a list of that member, repeated
                    return Value(Kind.LIST, items=seq.items)
    if isinstance(node.operator, cst.MatrixMultiply):
        strict_ops.meet(scope, node, "@", ((node.left, left), (node.right, right)))
    # True division, or a float operand, makes integer tensors floating (torch's
    # default float: a Python float does not widen a floating tensor).
    divides = isinstance(node.operator, cst.Divide)
    if left.kind in _TENSORS and right.kind in _TENSORS:
        joined = joins.arithmetic(scope, node, ((node.left, left), (node.right, right)))
        if divides and joined.dtype in INTEGER_DTYPES:
            return replace(joined, dtype="float32")
        return joined
    if Kind.NDARRAY in (left.kind, right.kind) and Kind.TENSOR not in (left.kind, right.kind):
        return arrays.arithmetic(node, left, right)
    if (framed := frames.arithmetic(node, left, right)) is not None:
        return framed  # (df - df.mean()) / df.std(): a frame of float64
    for tensor, other in ((left, right), (right, left)):
        other_node = node.right if other is right else node.left
        made = with_number(scope, node, tensor, (other_node, other), divides)
        if made is not None:
            return made
    for tensor, other in ((left, right), (right, left)):
        if tensor.kind in _TENSORS and tensor.device in _KNOWN and other.kind is None:
            # 2 * np.pi * sigma ** (j / m): with anything but a GPU tensor (whose
            # meeting with this CPU one fails right here) the result stays on the
            # CPU, and ``est - gt.sum()`` of a GPU ``gt`` (with anything but a CPU
            # tensor, which fails here) is on the GPU; its dtype is the other
            # operand's business (its dimensions are at least the tensor's:
            # broadcasting never drops one).
            made = replace(
                tensor,
                kind=Kind.TENSOR,  # (what was moved is no module: it computes)
                dtype=MAYBE_DTYPE,
                ident=new_ident(),
                moved_from=0,
                whole=None,
            )
            return dims.mark(made, dims.has(tensor))
    if all(
        side.kind == Kind.NUMBER or tensor_factories.is_number(expr)
        for side, expr in ((left, node.left), (right, node.right))
    ):
        # 0.01 * i: a Python number; a float where either is one or it divides, an
        # int where both are ints (and the operator keeps ints): torch.full(n, i / k)
        # is float32, torch.full(n, i + 1) int64
        kinds = {left.dtype, right.dtype} | {
            "float32" for expr in (node.left, node.right) if arrays.has_float_literal(expr)
        }
        if divides or "float32" in kinds:
            return Value(Kind.NUMBER, dtype="float32")
        if kinds == {"int64"} and isinstance(node.operator, _INT_KEEPING):
            return Value(Kind.NUMBER, dtype="int64")
        return Value(Kind.NUMBER)
    return UNKNOWN


def function(scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    """``torch.div(a, b)``, ``torch.add(x, y, alpha=2)``: as ``a / b``, ``x + y``
    (``torch.div(n, 2, rounding_mode="floor")`` keeps integers integers)."""
    operands = [(a.value, v) for a, v in args if a.keyword is None and a.star == ""]
    if len(operands) != 2 or len(args) != len(operands) + sum(
        a.keyword is not None and a.keyword.value in ("alpha", "rounding_mode") for a, _ in args
    ):
        scope.escape_args(args)
        return UNKNOWN
    (left_expr, left), (right_expr, right) = operands
    divides = q.rpartition(".")[2] in TRUE_DIVISIONS and len(args) == 2
    if left.kind in _TENSORS and right.kind in _TENSORS:
        joined = joins.arithmetic(scope, node, operands)
        if divides and joined.dtype in INTEGER_DTYPES:
            return replace(joined, dtype="float32")
        return joined
    for tensor, other in ((left, (right_expr, right)), (right, (left_expr, left))):
        made = with_number(scope, node, tensor, other, divides)
        if made is not None:
            return made
    scope.escape_args(args)
    return UNKNOWN


# Where a tensor is that decides where an operation with an unknown operand is.
_KNOWN = frozenset({Place.CPU, Place.CUDA, Place.VAR})
_TENSORS = frozenset({Kind.TENSOR, Kind.MOVED})  # (what was moved computes as a tensor)
# The operators that give an int of two ints (not ``/``, nor ``**``, whose negative
# exponents give a float).
_INT_KEEPING = (cst.Add, cst.Subtract, cst.Multiply, cst.FloorDivide, cst.Modulo)


def power(args: list[tuple[cst.Arg, Value]]) -> Value | None:
    """``torch.pow(decay, exponents)`` of a number (or of anything but a tensor): a
    tensor where the exponents are (a CUDA base would need them there too), in their
    dtype for a number's base; None for any other call."""
    if len(args) != 2 or any(a.keyword or a.star for a, _ in args):
        return None
    (_, base), (_, exponents) = args
    if base.kind in (Kind.TENSOR, Kind.MOVED) or exponents.kind != Kind.TENSOR:
        return None
    made = replace(exponents, ident=new_ident(), moved_from=0)
    return made if base.kind == Kind.NUMBER else replace(made, dtype=None)


def with_number(
    scope: Scope,
    node: cst.CSTNode,
    tensor: Value,
    number: tuple[cst.BaseExpression, Value],
    divides: bool,
) -> Value | None:
    """``x * 0.5``, ``x.div(255.0)`` (``divides``: a true division): a tensor where
    ``tensor`` is, floating where an integer one meets a float or is divided; None
    where ``tensor`` is no tensor or ``number`` no number."""
    other_node, other = number
    if tensor.kind not in _TENSORS or not (
        other.kind == Kind.NUMBER or tensor_factories.is_number(other_node)
    ):
        return None
    dtype = tensor.dtype
    floating = other.dtype == "float32" or arrays.has_float_literal(other_node)
    if dtype in INTEGER_DTYPES and (divides or floating):
        dtype = "float32"
    return derived.derive(scope, dims.elementwise(tensor, dtype), tensor, node)
