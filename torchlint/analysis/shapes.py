"""What a value's kind says about its Python type, for ``isinstance`` tests and for
recursive helpers over containers.

A recursive "move everything to the device" helper (``move_to_device(obj)``,
``to_device``, ``send_to_device``) branches on ``isinstance(obj, dict)`` /
``(list, tuple)`` / ``torch.Tensor`` and calls itself on each member; its base case
moves a leaf. The walk decides such a test only where the kind is certain: a dict
the code built (an ENCODING with keys), a tuple or list display (TUPLE). A TENSOR
may stand for a batch of an unknown shape (a DataLoader over a Dataset whose items
are unknown, ``x, y = batch``), so it is only ever *a* tensor (``isinstance(x,
torch.Tensor)`` is True), never "not a dict".

How the walk follows such a helper (``calls.py``): a recursive call on a member that
is a container is walked again (up to ``MAX_UNROLL`` times on the stack); on a leaf
(a tensor, a batch of unknown shape) it is walked once more as a *leaf walk*, where
the recursive calls are not followed and the returns that only rebuild a container
from them (``{k: f(v) ...}``, ``[f(v) for v in x]``, ``type(x)(f(v) ...)``) are left
out. What the other returns give is the call's result when each of them sets the
device itself (``obj.to(DEVICE)``): whatever the member really is, every leaf of it
ends in such a return, so it is moved there. A base case that hands its argument
back, or one that only casts it, leaves the result unknown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import libcst as cst

from torchlint.analysis.names import dotted
from torchlint.analysis.torch_api import MODULE_CONTAINERS
from torchlint.analysis.values import Kind, Value

if TYPE_CHECKING:
    from torchlint.analysis.scope import Scope
from torchlint.lint.traverse import nodes

# How many times a recursive function may be on the stack of followed calls when
# it is walked again on a container member (a dict of lists: 2).
MAX_UNROLL = 2

TENSOR = frozenset({"torch.Tensor"})
_MAPPING = frozenset(
    {
        "dict",
        "typing.Dict",
        "typing.Mapping",
        "typing.MutableMapping",
        "collections.abc.Mapping",
        "collections.abc.MutableMapping",
    }
)
_SEQUENCE = frozenset({"collections.abc.Sequence", "typing.Sequence"})
_SCALARS = frozenset({"str", "bytes", "int", "float", "bool", "numpy.ndarray"})


def container(value: Value) -> bool:
    """A dict the code built, a tuple or a list: a recursive helper rebuilds it."""
    return (value.kind == Kind.ENCODING and bool(value.keys)) or value.kind in (
        Kind.TUPLE,
        Kind.LIST,
    )


def leaf(value: Value) -> bool:
    """A tensor, an array or a batch of unknown shape: what a recursive helper's
    base case gets (or, for a batch, what every leaf of it gets)."""
    return value.kind in (Kind.TENSOR, Kind.MOVED, Kind.NDARRAY) or (
        value.kind == Kind.ENCODING and not value.keys
    )


def instance_of(value: Value, types: frozenset[str]) -> bool | None:
    """``isinstance(value, types)`` (qualified names; builtins bare) where the
    value's kind decides it; None where it does not."""
    if value.kind == Kind.TENSOR:
        if types & TENSOR:
            return True
        # (isinstance(frame, np.ndarray) of a tensor: the tensor's branch)
        return False if types <= _MAPPING | _SEQUENCE | _SCALARS | {"list", "tuple"} else None
    if value.kind == Kind.MOVED:  # (nothing with a .to() is an ndarray, str or number)
        return False if types <= _SCALARS else None
    if value.kind == Kind.ENCODING and value.keys:
        if types & _MAPPING:
            return True
        return False if types <= TENSOR | _SEQUENCE | _SCALARS | {"list", "tuple"} else None
    if value.kind == Kind.TUPLE:
        # (A tuple display or a collated tuple, which arrives as a list: both only.)
        if {"list", "tuple"} <= types or types & _SEQUENCE:
            return True
        return False if types <= TENSOR | _MAPPING | _SCALARS else None
    if value.kind == Kind.LIST:  # (a generator's items are a LIST too: no positives)
        return False if types <= TENSOR | _MAPPING | _SCALARS else None
    if value.kind in (Kind.OPTIMIZER, Kind.MODULE, Kind.WRAPPER):
        # opts if isinstance(opts, (list, tuple)) else [opts]: an optimizer (or a
        # module, an nn.ModuleList too) is none of these
        return (
            False if types <= TENSOR | _MAPPING | _SEQUENCE | _SCALARS | {"list", "tuple"} else None
        )
    return None


def type_names(
    node: cst.BaseExpression, qualify: Callable[[cst.BaseExpression], str | None]
) -> frozenset[str] | None:
    """The classes the second argument of ``isinstance`` names (``dict``,
    ``(list, tuple)``, ``torch.Tensor``); None when one is not a plain name."""
    parts = (
        [e.value for e in node.elements if isinstance(e, cst.Element)]
        if isinstance(node, cst.Tuple)
        else [node]
    )
    out = set()
    for part in parts:
        name = qualify(part) or dotted(part)
        if name is None:
            return None
        out.add(name)
    return frozenset(out)


def tensor_test(
    test: cst.BaseExpression, qualify: Callable[[cst.BaseExpression], str | None]
) -> str | None:
    """The name ``test`` asks "is it a tensor?" of: ``isinstance(x, torch.Tensor)``
    (or a tuple with it), ``torch.is_tensor(x)``, ``hasattr(x, "to")``."""
    if not isinstance(test, cst.Call) or not test.args or any(a.keyword for a in test.args):
        return None
    name = dotted(test.args[0].value)
    func = dotted(test.func)
    if func == "isinstance" and len(test.args) == 2:
        types = type_names(test.args[1].value, qualify)
        return name if types is not None and types & TENSOR else None
    if len(test.args) == 1 and qualify(test.func) == "torch.is_tensor":
        return name
    if func == "hasattr" and len(test.args) == 2:
        attr = test.args[1].value
        if isinstance(attr, cst.SimpleString) and attr.evaluated_value in ("to", "cuda"):
            return name
    return None


def passes_others(node: cst.IfExp, qualify: Callable[[cst.BaseExpression], str | None]) -> bool:
    """``v.to(device) if torch.is_tensor(v) else v``: the tensors changed, whatever
    is not a tensor passed on as it is."""
    return (
        isinstance(node.orelse, cst.Name) and tensor_test(node.test, qualify) == node.orelse.value
    )


def structural(expr: cst.BaseExpression, recursive: Callable[[cst.CSTNode], bool]) -> bool:
    """Every recursive call in ``expr`` is kept as it is: returned, or a member of a
    dict, list or tuple built around it (a display, a comprehension,
    ``type(obj)(...)``, ``tuple(...)``), never something computed from it."""
    if recursive(expr):
        return True
    parts: list[cst.BaseExpression] = []
    fixed: list[cst.CSTNode] = []  # (where a recursive call is not kept as it is)
    if isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
        parts = [e.value for e in expr.elements]
    elif isinstance(expr, cst.Dict):
        for element in expr.elements:
            parts.append(element.value)
            if isinstance(element, cst.DictElement):
                fixed.append(element.key)
    elif isinstance(expr, (cst.ListComp, cst.SetComp, cst.GeneratorExp)):
        parts, fixed = [expr.elt], [expr.for_in]
    elif isinstance(expr, cst.DictComp):
        parts, fixed = [expr.value], [expr.key, expr.for_in]
    elif isinstance(expr, cst.IfExp):
        parts, fixed = [expr.body, expr.orelse], [expr.test]
    elif isinstance(expr, cst.Call) and _rebuilds(expr.func):
        parts = [a.value for a in expr.args]
        fixed = [expr.func]
    else:
        fixed = [expr]
    return all(structural(p, recursive) for p in parts) and not any(
        recursive(n) for f in fixed for n in nodes(f, cst.Call)
    )


def _rebuilds(func: cst.BaseExpression) -> bool:
    """``tuple``, ``list``, ``dict``, ``type(obj)``, ``obj.__class__``: a container
    of the same members."""
    if isinstance(func, cst.Name):
        return func.value in ("list", "tuple", "dict", "set")
    if isinstance(func, cst.Call):
        return dotted(func.func) == "type"
    return isinstance(func, cst.Attribute) and func.attr.value == "__class__"


def instance_check(scope: Scope, test: cst.Call) -> bool | None:
    """``isinstance(module, nn.DataParallel)`` where the walk knows what
    ``module`` is: a wrapper the code made (True for its own class), or a
    container or a module class of the file (False for a layer class: a
    converter walking such a model takes the branch for the rest). Unknown for a
    part of a model."""
    if len(test.args) != 2:
        return None
    value = scope.lookup(dotted(test.args[0].value) or "")
    types = type_names(test.args[1].value, scope.w.analysis.qualify)
    if value is not None and types is not None:
        # isinstance(obj, dict) on a dict the code built, (list, tuple) on a tuple
        decided = instance_of(value, types)
        if decided is not None:
            return decided
    q = scope.w.analysis.qualify(test.args[1].value) or ""
    cls = q.rsplit(".", 1)[-1]
    if value is None or value.part_of or not q.startswith("torch.nn.") or cls in ("Module", ""):
        # A part of a model (for name, child in model.named_children()) carries the
        # model's origin, not its own class.
        return None
    if value.kind == Kind.WRAPPER:
        wrap = value.last("wrap")
        return None if wrap is None else wrap.detail == cls
    own = value.origin.rsplit(".", 1)[-1]
    if value.kind == Kind.MODULE and (
        own in MODULE_CONTAINERS or value.origin.startswith("local:")
    ):
        local = scope.w.local_modules.get(own)
        plain = local is None or all(b.rsplit(".", 1)[-1] == "Module" for b in local.bases)
        return False if plain and own != cls else None
    return None
