"""What the legacy constructors make: ``torch.FloatTensor(...)`` (a tensor of its
type's dtype, on the CPU for every type outside ``torch.cuda``), and the class of a
tensor, ``type(t)``, which is ``torch.Tensor`` whatever device ``t`` is on: called
with sizes or data it makes a CPU tensor of the default dtype."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import libcst as cst

from torchlint.analysis import dims, gpus
from torchlint.analysis.names import dotted
from torchlint.analysis.scope import Scope
from torchlint.analysis.torch_api import TENSOR_CLASS_MAKES, legacy_constructor
from torchlint.analysis.values import (
    TENSOR_CLASS_OF,
    UNKNOWN,
    Event,
    Kind,
    Place,
    Value,
    new_value,
)

Args = Sequence[tuple[cst.Arg, Value]]
# Calls whose result is a size or a count (``x.size()``, ``len(xs)``), not a tensor.
_SIZE_METHODS = frozenset({"size", "numel", "dim"})
_SIZE_FUNCTIONS = frozenset({"len", "range", "int"})


def typed(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``torch.LongTensor(range(n))``: a new tensor on the CPU (the GPU for
    ``torch.cuda.*``), of the type's dtype, whatever ``device=`` says (it raises)."""
    legacy = legacy_constructor(q)
    assert legacy is not None
    if legacy.device == Place.CUDA.value:
        gpus.hard_coded(scope, node, None)  # torch.cuda.FloatTensor(...)
    return new_value(Kind.TENSOR, Place(legacy.device), legacy.dtype, Event("create", node))


def mapped(scope: Scope, node: cst.Call, fn: cst.BaseExpression) -> Value | None:
    """``map(torch.LongTensor, zip(*batch))``: each member a new tensor the legacy
    constructor makes of one item (``typed``), made at the ``map`` call. None for
    any other function."""
    q = scope.w.analysis.qualify(fn)
    if q is None or legacy_constructor(q) is None:
        return None
    return Value(Kind.LIST, items=(typed(scope, node, q, ()),))


def class_of(node: cst.Call, value: Value) -> Value:
    """``type(t)`` of a tensor: ``torch.Tensor``, a FUNCTION value whose event is this
    call. (A parameter's class is ``nn.Parameter``, which keeps the data it is given.)"""
    if value.kind != Kind.TENSOR or value.origin.startswith("parameter"):
        return UNKNOWN
    return Value(Kind.FUNCTION, origin=TENSOR_CLASS_OF, events=(Event("create", node),))


def construct(scope: Scope, node: cst.Call, args: Args) -> Value:
    """``type(t)(sizes)`` (or a name bound to ``type(t)``, called): a new tensor where
    the legacy constructor makes it, on the CPU, in the default dtype; ``type(t)(x)`` of
    a tensor ``x`` is ``x`` itself. Anything else (keywords, an argument that may be a
    tensor) is not known."""
    if (
        len(args) == 1
        and args[0][0].keyword is None
        and not args[0][0].star
        and args[0][1].kind in (Kind.TENSOR, Kind.MOVED)
    ):
        return args[0][1]
    if not args or not all(a.keyword is None and _sizes_or_data(a, v) for a, v in args):
        scope.escape_args(list(args))
        return UNKNOWN
    device, expr = scope.made_on()
    if device == Place.CPU:
        device = Place(TENSOR_CLASS_MAKES.device)
    dtype = None if scope.w.analysis.default_dtype is not None else TENSOR_CLASS_MAKES.dtype
    made = Event("create", node, TENSOR_CLASS_OF)
    value = replace(
        new_value(Kind.TENSOR, device, dtype, made, device_expr=expr), origin=TENSOR_CLASS_OF
    )
    # (sizes, or a list of data: a tensor with dimensions either way)
    return dims.mark(value, isinstance(args[0][0].value, cst.List) or len(args) > 1)


def _sizes_or_data(arg: cst.Arg, value: Value) -> bool:
    """Sizes (``x.size()``, ``*x.shape``, ``n, 3``) or data (numbers, a list of them,
    an array): what the legacy constructor makes a new tensor of."""
    if value.kind in (Kind.NUMBER, Kind.NDARRAY):
        return not arg.star or value.kind == Kind.NDARRAY
    if value.kind == Kind.LIST and value.items and value.items[0].kind == Kind.NUMBER:
        return not arg.star  # (a list of numbers: ``torch.Tensor(weights.tolist())``)
    if value.kind == Kind.TUPLE and value.items:
        # (a list written out is data: ``torch.Tensor([reward])`` is a CPU tensor of it)
        return all(i.kind == Kind.NUMBER for i in value.items) or (
            isinstance(arg.value, cst.List) and not arg.star
        )
    return _size_like(arg.value)


def tensor_class(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``torch.Tensor(sizes or data)``: the legacy constructor, as ``type(t)(...)``."""
    return construct(scope, node, args)


def _size_like(expr: cst.BaseExpression) -> bool:
    if isinstance(expr, (cst.Integer, cst.Float)):
        return True
    if isinstance(expr, (cst.List, cst.Tuple)):
        return bool(expr.elements) and all(
            isinstance(e, cst.Element) and _size_like(e.value) for e in expr.elements
        )
    if isinstance(expr, cst.BinaryOperation):
        return _size_like(expr.left) and _size_like(expr.right)
    if isinstance(expr, cst.Subscript):  # x.shape[0], x.size()[1:]
        expr = expr.value
    if isinstance(expr, cst.Attribute):
        return expr.attr.value == "shape"
    if isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Attribute):
            return func.attr.value in _SIZE_METHODS
        return dotted(func) in _SIZE_FUNCTIONS
    return False


def made_by_class(value: Value, node: cst.CSTNode) -> bool:
    """``value`` was made at ``node`` by calling the class of a tensor (``construct``)."""
    return any(
        e.action == "create" and e.node is node and e.detail == TENSOR_CLASS_OF
        for e in value.events
    )
