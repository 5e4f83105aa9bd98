"""Which tensors surely have dimensions, for torch's type promotion (and for
indexing: a zero-dimensional integer index is read as a Python int).

``a * b`` of a float32 and a float64 tensor is float64 when the float64 one has
dimensions, and float32 when it is zero-dimensional (``t.sum()``, ``t[i]``): a
zero-dimensional tensor counts like a Python number. So the arithmetic of two
floating dtypes is known only where the widest operand surely has a dimension. Such a
tensor's value is ``shaped`` under its ident (kept by its aliases and where two paths
agree; a tensor made from it has another ident): made by a factory given a size
(``torch.ones(n)``, ``torch.randint(0, n, (b,))``), ``arange``/``linspace``,
``torch.cat``/``stack``, a reshape given a size (``view(-1, 1)``), ``unsqueeze``,
indexing with ``None``, a DataLoader's batches; kept by elementwise ops, casts and
moves, and by arithmetic with a tensor that has them (broadcasting). Any other tensor
may be zero-dimensional, and its promotion stays unknown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import libcst as cst

from torchlint.analysis.shape_api import (
    DIM_REDUCTIONS,
    RANGE_FACTORIES,
    SHAPE_KEEPING,
    SHAPED_RESULTS,
    SIZED_FACTORIES,
    SIZED_RESULTS,
)
from torchlint.analysis.torch_api import (
    DATA_FACTORIES,
    FLOATING_DTYPES,
    INTEGER_DTYPES,
    PAIRED_FIELDS,
    TENSOR_ALIASES,
    output_tensor,
)
from torchlint.analysis.values import (
    MAYBE_DTYPE,
    OUTPUT,
    Event,
    Kind,
    Value,
    new_ident,
    promoted,
)


def mark(value: Value, shaped: bool = True) -> Value:
    """``value``, recorded as having dimensions when ``shaped``."""
    return replace(value, shaped=value.ident) if shaped and value.ident else value


def alias(value: Value) -> Value:
    """``x.T``, ``x.data``, ``model(x).logits``: the same tensor under another name (a
    new identity), with its dimensions."""
    return mark(replace(value, ident=new_ident(), moved_from=0), has(value))


def aliased(owner: Value, attr: str) -> bool:
    """``owner.attr`` is ``owner`` itself, where and as it is: ``x.data``, ``x.T``, a
    model output's tensor fields (``model(ids).logits``), and the fields of what
    ``topk``/``sort``/``max`` give (``.values``, ``.indices``: held as one tensor of
    either dtype); an array's transpose (its ``.data`` is a buffer); ``alias`` makes it."""
    if owner.kind == Kind.NDARRAY:
        return attr == "T"
    return owner.kind == Kind.TENSOR and (
        attr in TENSOR_ALIASES
        or (owner.origin == OUTPUT and output_tensor(attr))
        or (attr in PAIRED_FIELDS and owner.dtype is None)
    )


def has(value: Value) -> bool:
    return value.has_dims()


def elementwise(value: Value, dtype: str | None = None) -> Value:
    """A new tensor made from ``value`` elementwise (``-x``, ``x > 0.5``, ``x * 2``):
    where it is, with its dimensions, in ``dtype`` when given."""
    made = replace(value, dtype=dtype or value.dtype, ident=new_ident(), moved_from=0, whole=None)
    return mark(made, has(value))


def _sized(args: Sequence[cst.Arg]) -> bool:
    """The first argument is a size with at least one entry: ``n``, ``(b, n)``,
    ``x.shape``, ``-1, 1`` (not ``()``, ``[]``, ``*shape``)."""
    positional = [a for a in args if a.keyword is None]
    if not positional or positional[0].star:
        return False
    first = positional[0].value
    if isinstance(first, (cst.Tuple, cst.List)):
        return bool(first.elements) and not any(
            isinstance(e, cst.StarredElement) for e in first.elements
        )
    # (n + 1, len(xs), x.size(): a size whatever it computes; only () is none)
    return isinstance(
        first,
        (
            cst.Integer,
            cst.Name,
            cst.Attribute,
            cst.Subscript,
            cst.UnaryOperation,
            cst.BinaryOperation,
            cst.Call,
        ),
    )


def factory(name: str, node: cst.Call, values: Sequence[Value] = ()) -> bool:
    """A factory's result has dimensions (``values``: its arguments' values; an array
    that has them, made a tensor)."""
    if name in RANGE_FACTORIES:
        return True
    if name in DATA_FACTORIES and values and has(values[0]):
        return True
    size = next((a for a in node.args if a.keyword and a.keyword.value == "size"), None)
    if size is not None and name in (*SIZED_FACTORIES, "normal"):
        return _sized([cst.Arg(size.value)])  # torch.rand(size=(b,)), normal(0, 1, size=...)
    if name in SIZED_FACTORIES:
        return _sized(node.args)
    if name == "randint":  # randint(high, size), randint(low, high, size), size=...
        positional = [a for a in node.args if a.keyword is None]
        if size is None and len(positional) in (2, 3) and not positional[-1].star:
            size = positional[-1]
        shape = size.value if size is not None else None
        return isinstance(shape, (cst.Tuple, cst.List)) and _sized([cst.Arg(shape)])
    if name in ("tensor", "as_tensor") and node.args and node.args[0].keyword is None:
        data = node.args[0].value
        return isinstance(data, (cst.List, cst.Tuple)) and bool(data.elements)
    return False


def sized(args: Sequence[cst.Arg]) -> bool:
    """The first argument is a size with at least one entry (``np.ones((n, n))``)."""
    return _sized(args)


def op(op_name: str, rest: Sequence[cst.Arg], inputs: Sequence[Value]) -> bool:
    """The result of ``x.<op>(*rest)`` / ``torch.<op>(x, *rest)`` has dimensions."""
    if op_name in SHAPED_RESULTS:
        return True
    if op_name in SIZED_RESULTS:
        return _sized(rest)
    if op_name in DIM_REDUCTIONS and _keeps_a_dim(op_name, rest, inputs):
        return True
    return op_name in SHAPE_KEEPING and any(has(v) for v in inputs)


def _keeps_a_dim(op_name: str, rest: Sequence[cst.Arg], inputs: Sequence[Value]) -> bool:
    """A reduction ``x.sum(dim=1)``, ``x.mean(-2)`` leaves a dimension: the input has
    two at least; ``keepdim=True`` keeps those of an input that has them."""
    keyword = {a.keyword.value: a.value for a in rest if a.keyword is not None}
    keep = keyword.get("keepdim")
    if isinstance(keep, cst.Name) and keep.value == "True" and any(has(v) for v in inputs):
        return True
    dim = keyword.get("dim")
    positional = [a for a in rest if a.keyword is None]
    if dim is None and op_name != "norm" and positional and not positional[0].star:
        dim = positional[0].value
    if isinstance(dim, cst.Integer):
        return int(dim.value, 0) >= 1
    return (
        isinstance(dim, cst.UnaryOperation)
        and isinstance(dim.operator, cst.Minus)
        and isinstance(dim.expression, cst.Integer)
        and int(dim.expression.value, 0) >= 2
    )


def indexed(node: cst.Subscript) -> bool:
    """``x[None]``, ``x[:, None]``: a new dimension; ``x[:3, :3]``: a slice keeps its
    dimension (a tensor without one cannot be sliced)."""
    return any(
        isinstance(e.slice, cst.Slice)
        or (
            isinstance(e.slice, cst.Index)
            and isinstance(e.slice.value, cst.Name)
            and e.slice.value.value == "None"
        )
        for e in node.slice
    )


def arithmetic_dtype(values: Sequence[Value]) -> str:
    """The dtype of arithmetic on tensors of different dtypes: torch's promoted one
    where the widest operand surely has dimensions (float64 with dimensions also
    where the other's dtype is unknown), else unknown ("maybe")."""
    dtypes = {v.dtype for v in values}
    widest = promoted(dtypes)
    if widest is None:
        # float64 with dimensions is the widest real dtype: whatever the other
        # operand is (short of complex), the result is float64.
        if any(v.dtype == "float64" and has(v) for v in values) and not any(
            d.startswith("complex") for d in dtypes if d is not None
        ):
            return "float64"
        return MAYBE_DTYPE
    if any(v.dtype == widest and has(v) for v in values):
        return widest
    floats = dtypes & FLOATING_DTYPES
    if len(floats) == 1 and dtypes - floats <= INTEGER_DTYPES:
        return widest  # one float among integers: its dtype, whatever has dimensions
    if len({d for d in dtypes if d in ("float16", "bfloat16")}) == 2 and all(
        has(v) for v in values
    ):
        return widest  # float16 with bfloat16: float32
    return MAYBE_DTYPE


def joined_dtype(joined: Value, node: cst.CSTNode, left: Value, right: Value) -> Value:
    """``(crop - mean) / std`` with all three float32, made on different lines: where
    the operand whose story the result did not keep has dimensions, the result has
    that dtype whatever the other one is cast to, so both decided it. Its dtype story
    then starts here (a "join" event): the line to change is after it, not at either
    operand's making."""
    if left.dtype != right.dtype or left.dtype in (None, MAYBE_DTYPE):
        return joined
    made, other = left.dtype_event(), right.dtype_event()
    if made is not None and other is not None and made.node is other.node:
        return joined  # x * x.mean(0): one story
    # The operand whose story the result kept decides nothing alone where the other
    # one has dimensions.
    other_operand = right if joined.events is left.events else left
    if not has(other_operand):
        return joined
    return replace(joined, events=(*joined.events, Event("join", node, left.dtype)))
