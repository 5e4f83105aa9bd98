"""Parameters recast one by one: ``for p in model.parameters(): if p.requires_grad:
p.data = p.data.to(torch.float32)``. Over every parameter that is a cast of the
model; over a subset (the trainable ones, some names) it leaves a float16 model with
float32 layers, and a forward outside autocast mixes the two (``expected mat1 and
mat2 to have the same dtype``). The walk marks the model with a "recast" event; TL108
reads it at the model's next call."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import libcst as cst

from torchlint.analysis.effects import CAST_METHODS
from torchlint.analysis.names import dotted
from torchlint.analysis.values import MAYBE_DTYPE, PARAMETER, Event, Kind, Value, new_ident
from torchlint.lint.traverse import nodes

if TYPE_CHECKING:
    from torchlint.analysis.scope import Scope

# A parameter bound by a loop over a filtered iterable (``filter(...)``): a subset.
SOME_PARAMETER = PARAMETER + ":some"
_ITERATORS = frozenset({"parameters", "named_parameters"})


def selects_subset(test: cst.CSTNode) -> bool:
    """A condition that picks some parameters (``p.requires_grad``, ``"norm" in
    name``), not all those of a dtype (``p.dtype == torch.float16`` picks every
    float16 one, which is a cast of the whole float16 model)."""
    return not any(
        node.attr.value in ("dtype", "is_floating_point") for node in nodes(test, cst.Attribute)
    )


def loop_element(scope: Scope, node: cst.Call) -> Value | None:
    """What ``for p in model.parameters()`` (or ``named_parameters()``, or a
    ``filter(test, ...)`` of them) binds, for a model the walk knows; else None."""
    subset = False
    if dotted(node.func) == "filter" and len(node.args) == 2:
        subset = selects_subset(node.args[0].value)
        inner = node.args[1].value
        if not isinstance(inner, cst.Call):
            return None
        node = inner
    func = node.func
    if not (isinstance(func, cst.Attribute) and func.attr.value in _ITERATORS):
        return None
    owner = scope.eval(func.value)
    if owner.kind not in (Kind.MODULE, Kind.WRAPPER) or not (owner.ident or owner.part_of):
        return None
    param = Value(
        Kind.TENSOR,
        owner.device,
        owner.dtype,
        owner.device_expr,
        (),
        new_ident(),
        part_of=owner.ident or owner.part_of,
        origin=SOME_PARAMETER if subset else PARAMETER,
    )
    scope.w.param_levels[param.ident] = scope.selecting
    if func.attr.value == "named_parameters":
        return Value(Kind.TUPLE, items=(Value(None), param))
    return param


def recast(scope: Scope, target: str, value: cst.BaseExpression, stmt: cst.CSTNode) -> None:
    """``p.data = p.data.to(dtype)`` (``target`` is ``p.data``) on a parameter of a
    model, for some of its parameters only (under a condition inside the loop, or a
    loop over a filtered iterable): the model now mixes two dtypes."""
    param = scope.lookup(target[: -len(".data")])
    if param is None or not param.origin.startswith(PARAMETER) or not param.part_of:
        return
    level = scope.w.param_levels.get(param.ident, scope.selecting)
    if not (scope.selecting > level or param.origin == SOME_PARAMETER):
        return
    dtype = _cast_to(scope, value)
    if dtype is None or dtype == MAYBE_DTYPE or param.dtype in (None, MAYBE_DTYPE, dtype):
        return
    for v in scope.env.values():
        if v.ident == param.part_of and v.kind in (Kind.MODULE, Kind.WRAPPER):
            event = Event("recast", stmt, dtype)
            changed = replace(v, dtype=MAYBE_DTYPE, events=v.events + (event,))
            scope.update_ident(v.ident, changed)
            return


def _cast_to(scope: Scope, value: cst.BaseExpression) -> str | None:
    """The dtype ``x.to(dtype)``, ``x.float()``, ``x.half()`` casts to."""
    if not (isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute)):
        return None
    method = value.func.attr.value
    if method == "to":
        return scope.to_args(value)[1]
    return CAST_METHODS.get(method)
